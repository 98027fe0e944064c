"""The form that makes a clinician's link: its range, how long it works, and the notes."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

from footcare.vocabulary import before_the_journal
from journal.models import SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS
from journal.reports.period import MAX_RANGE_DAYS, TOO_EARLY


class ShareLinkForm(forms.Form):
    # ISO format: a date box shows nothing for any other (the page opened directly had both
    # dates empty).
    start = forms.DateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the start date as YYYY-MM-DD, for example 2026-01-31."},
    )
    end = forms.DateField(
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the end date as YYYY-MM-DD, for example 2026-03-31."},
    )
    days = forms.IntegerField(
        label="The link works for (days)",
        initial=SHARE_DEFAULT_DAYS,
        min_value=1,
        max_value=SHARE_MAX_DAYS,
        help_text=f"From 1 to {SHARE_MAX_DAYS} days. You can end it sooner on “Your links”.",
        error_messages={
            "min_value": f"Choose from 1 to {SHARE_MAX_DAYS} days.",
            "max_value": f"A link can work for at most {SHARE_MAX_DAYS} days.",
            "invalid": f"Enter a whole number of days from 1 to {SHARE_MAX_DAYS}.",
        },
    )
    include_notes = forms.BooleanField(
        label="Include my notes",
        required=False,
        help_text="Off unless you tick it: your clinician then also sees the notes of these days.",
    )
    label = forms.CharField(
        label="For (optional)",
        max_length=80,
        required=False,
        help_text="A name to tell your links apart, such as “Dr Patel”. Only you see it.",
    )

    def __init__(self, *args: object, today: datetime.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "start", "end", "days", "include_notes", "label", Submit("create", "Create the link")
        )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            return data
        if start > end:
            raise forms.ValidationError(
                f"The start date ({start:%-d %B %Y}) is after the end date ({end:%-d %B %Y})."
            )
        if end > self.today:
            raise forms.ValidationError(
                f"The end date cannot be after today ({self.today:%-d %B %Y})."
            )
        if before_the_journal(start):
            raise forms.ValidationError(TOO_EARLY)
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            raise forms.ValidationError("A link can cover at most 20 years.")
        return data


# Opened without dates (from the menu rather than Reports), the form proposes these.
DEFAULT_RANGE_DAYS = 90


def default_range(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=DEFAULT_RANGE_DAYS - 1), today
