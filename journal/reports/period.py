"""The range a report covers: the form on the Reports page and the dates a chart URL names.

No database here: the one fact a range needs from the journal (its first day, for
"Everything") is passed in by ``page.requested_period``.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django import forms

from footcare.vocabulary import EARLIEST_DAY, before_the_journal

# The longest custom range: more is not a journal, and keeps a typo like year 0206 cheap.
# Reports and share links refuse the same start, in the same words.
TOO_EARLY = f"The journal starts on {EARLIEST_DAY:%-d %B %Y}: choose a start date from then on."
MAX_RANGE_DAYS = 20 * 366

RANGE_CHOICES = [
    ("30", "Last 30 days"),
    ("90", "Last 90 days"),
    ("365", "Last 365 days"),
    ("all", "Everything"),
    ("custom", "From – to"),
]


@dataclass(frozen=True)
class Period:
    choice: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.choice in {"30", "90", "365"}:
            return f"Over the last {self.choice} days"
        if self.choice == "all":
            return "Over your whole journal"
        return f"From {self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def query(self) -> dict[str, str]:
        # Chart URLs name the dates, not "last 30 days": the browser keeps a chart for a
        # year, and tomorrow's "last 30 days" is a different chart.
        return {"range": self.choice, "from": self.start.isoformat(), "to": self.end.isoformat()}


class ReportRangeForm(forms.Form):
    range = forms.ChoiceField(choices=RANGE_CHOICES, required=False, initial="90")
    start = forms.DateField(label="From", required=False)
    end = forms.DateField(label="To", required=False)

    def __init__(
        self, data: Mapping[str, str], *, today: datetime.date, whole_journal: bool = False
    ) -> None:
        # "from" is a Python keyword, so the query string's names are mapped here.
        data = {"range": data.get("range", "90"), "start": data.get("from"), "end": data.get("to")}
        super().__init__(data)
        self.today = today
        # The "Everything" range's chart URLs name the journal's own first day, which may be
        # more than 20 years back: its length is bounded by EARLIEST_DAY instead.
        self.whole_journal = whole_journal
        self.fields["start"].error_messages["invalid"] = (
            "Enter the start date as a real date, for example 2026-01-31."
        )
        self.fields["end"].error_messages["invalid"] = (
            "Enter the end date as a real date, for example 2026-03-31."
        )
        self.fields["range"].error_messages["invalid_choice"] = (
            "Choose one of the ranges offered: 30, 90 or 365 days, everything, or from – to."
        )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("range") != "custom" or self.errors:
            return data
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            raise forms.ValidationError("For a custom range, enter both a start and an end date.")
        if start > end:
            raise forms.ValidationError(
                f"The start date ({start:%-d %B %Y}) is after the end date "
                f"({end:%-d %B %Y}). Swap them and try again."
            )
        if end > self.today:
            raise forms.ValidationError(
                f"The end date cannot be after today ({self.today:%-d %B %Y})."
            )
        if before_the_journal(start):
            raise forms.ValidationError(TOO_EARLY)
        if not self.whole_journal and (end - start).days + 1 > MAX_RANGE_DAYS:
            raise forms.ValidationError("A custom range can cover at most 20 years.")
        return data

    def period(self, first_day: datetime.date | None) -> Period:
        choice = self.cleaned_data.get("range") or "90"
        if choice == "custom":
            start, end = self.cleaned_data["start"], self.cleaned_data["end"]
            return Period(choice, start, end)
        if choice == "all":
            return Period(choice, min(first_day or self.today, self.today), self.today)
        return Period(choice, self.today - datetime.timedelta(days=int(choice) - 1), self.today)


def chart_period(query: Mapping[str, str], today: datetime.date) -> Period | ReportRangeForm:
    """The dates a chart or PDF URL names, or the bound form with the errors."""
    choice = query.get("range")
    form = ReportRangeForm(
        {"range": "custom", "from": query.get("from"), "to": query.get("to")},
        today=today,
        whole_journal=choice == "all",
    )
    if not form.is_valid():
        return form
    label = choice if choice in {"30", "90", "365", "all"} else "custom"
    return Period(label, form.cleaned_data["start"], form.cleaned_data["end"])
