import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.utils import timezone

from exercises.models import Exercise

from . import peg
from .models import (
    AREAS,
    EARLIEST_DAY,
    EXPERIMENT_WEEKS,
    NOTE_MAX_LENGTH,
    PAIN_MAX,
    PAIN_MIN,
    PEG_ITEMS,
    SHARE_DEFAULT_DAYS,
    SHARE_MAX_DAYS,
    Area,
    Entry,
    PegCheckIn,
)
from .reports.period import MAX_RANGE_DAYS

RATING_CHOICES = [("", "Not rated"), *((str(n), str(n)) for n in range(PAIN_MIN, PAIN_MAX + 1))]
RATING_ERROR = "Choose a whole number from 0 (no pain) to 10 (worst imaginable), or “Not rated”."


def rating_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={"invalid_choice": RATING_ERROR},
    )


# The range of the BigAutoField primary key; SQLite raises OverflowError (a 500) beyond it.
PK_RANGE = range(-(2**63), 2**63)


class ExerciseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Exercise) -> str:
        return obj.name

    def _check_values(self, value: object) -> object:
        for pk in value if isinstance(value, list | tuple) else ():
            try:
                number = int(str(pk).strip())
            except ValueError:
                continue  # Django's own check gives non-numbers their message
            if number not in PK_RANGE:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": _short(str(pk))},
                )
        return super()._check_values(value)


class EntryForm(forms.ModelForm):
    back = rating_field("Back")
    hip = rating_field("Hip")
    knee = rating_field("Knee")
    exercises = ExerciseChoiceField(
        label="Exercises done",
        queryset=Exercise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "One of the ticked exercises is no longer in the catalog. "
            "Please tick your exercises again.",
            "invalid_pk_value": "One of the ticked exercises is not in the catalog.",
        },
    )

    # The entry's version when the form was loaded ("new": no entry yet; "unknown": typed in
    # the offline copy of the page). A save that finds another version is a conflict.
    version = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    class Meta:
        model = Entry
        fields = [*AREAS, "exercises", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "maxlength": NOTE_MAX_LENGTH})}
        help_texts = {"note": f"Optional, up to {NOTE_MAX_LENGTH} characters."}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # An exercise retired from the catalog stays tickable on the days that already
        # record it, so correcting an old note does not silently drop it.
        kept = self.instance.exercises.all() if self.instance.pk else Exercise.objects.none()
        self.fields["exercises"].queryset = (
            Exercise.objects.active() | Exercise.objects.filter(pk__in=kept)
        ).order_by("order")
        self.fields["version"].initial = self.instance.version if self.instance.pk else "new"
        self.helper = FormHelper()
        # The day's page writes the <form> tag and its CSRF token itself: the fields are
        # cached HTML, and a token must never be cached with them.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "version",
            *(Field(area, template="journal/_rating_field.html") for area in AREAS),
            Field("exercises", template="journal/_exercises_field.html"),
            "note",
            Submit("save", "Save", css_class="btn-lg"),
        )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        rated = any(data.get(area) is not None for area in AREAS)
        if not (rated or data.get("exercises") or (data.get("note") or "").strip()):
            # An entry with nothing in it would count as a logged day in the reports.
            raise forms.ValidationError(
                "Rate at least one area, tick an exercise or write a note before saving.",
                code="empty",
            )
        return data

    def is_stale(self, entry: Entry | None) -> bool:
        """Was the day changed elsewhere since this form was loaded? Old forms send no version."""
        posted = self.cleaned_data.get("version") or ""
        if not posted:
            return False
        if posted == "unknown":
            stale = entry is not None
        else:
            stale = posted != (entry.version if entry else "new")
        # The same content saved twice (a draft whose first send arrived, but whose page was
        # left before the phone forgot it) leaves nothing to choose between.
        return stale and bool(set(self.changed_data) - {"version"})

    def save_for(self, user: object, day: datetime.date) -> Entry:
        data = self.cleaned_data
        return Entry.objects.save_day(
            user,
            day,
            **{area: data[area] for area in AREAS},
            note=data["note"],
            exercises=data["exercises"],
        )


class RoutineDoneForm(forms.Form):
    exercises = ExerciseChoiceField(
        label="Exercises you did",
        queryset=Exercise.objects.active(),
        required=False,
        error_messages={
            "invalid_choice": "“%(value)s” is not an exercise in the routine, so nothing was "
            "saved. Tick your exercises on Today instead.",
            "invalid_pk_value": "“%(pk)s” is not an exercise in the routine, so nothing was "
            "saved. Tick your exercises on Today instead.",
        },
    )


class JumpToDayForm(forms.Form):
    day = forms.DateField(
        label="Open a day",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date as YYYY-MM-DD, for example 2026-03-01."},
    )

    def clean_day(self) -> datetime.date:
        day = self.cleaned_data["day"]
        check_not_future(day)
        check_not_too_early(day)
        return day


def check_not_too_early(day: datetime.date) -> None:
    if day < EARLIEST_DAY:
        raise forms.ValidationError(
            "The journal starts on %(earliest)s; %(day)s is before it.",
            code="too_early",
            params={"earliest": f"{EARLIEST_DAY:%-d %B %Y}", "day": day.isoformat()},
        )


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def check_not_future(day: datetime.date) -> None:
    if day > timezone.localdate():
        raise forms.ValidationError(
            "%(day)s is in the future. You can rate today or any day before it.",
            code="future",
            params={"day": day.isoformat()},
        )


PEG_ERROR = "Choose a whole number from 0 to 10, or “Not answered”."


class PegForm(forms.Form):
    """The week's three PEG items; any may stay unanswered, but not all three.

    The choices are the validator: only "" and the whole numbers 0 to 10 are accepted, the
    same range the model's validators and check constraints hold.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for number, item in enumerate(peg.ITEMS, start=1):
            self.fields[item.field] = forms.TypedChoiceField(
                label=f"{number}. {item.question}",
                help_text=f"0 = {item.low}, 10 = {item.high}",
                choices=[("", "Not answered"), *RATING_CHOICES[1:]],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"invalid_choice": PEG_ERROR},
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(Field(item.field, template="journal/_peg_field.html") for item in peg.ITEMS),
            Submit("save", "Save this week's check-in", css_class="btn-lg"),
        )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if not self.errors and all(data.get(item) is None for item in PEG_ITEMS):
            raise forms.ValidationError(
                "Answer at least one of the three questions before saving.", code="empty"
            )
        return data

    def save_for(self, user: object, week: datetime.date) -> PegCheckIn:
        return PegCheckIn.objects.save_week(
            user, week, **{item: self.cleaned_data[item] for item in PEG_ITEMS}
        )


class ShareLinkForm(forms.Form):
    start = forms.DateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start date as YYYY-MM-DD, for example 2026-01-31."},
    )
    end = forms.DateField(
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
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
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            raise forms.ValidationError("A link can cover at most 20 years.")
        return data


STARTS = {"today": 0, "tomorrow": 1}


class ExperimentStartForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label="Length",
        choices=[(w, f"{w} weeks") for w in EXPERIMENT_WEEKS],
        coerce=int,
        initial=6,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Choose 4, 6 or 8 weeks.",
            "required": "Choose 4, 6 or 8 weeks.",
        },
    )
    area = forms.ChoiceField(
        label="The one area that matters most to you",
        choices=Area.choices,
        widget=forms.RadioSelect,
        help_text="The result is judged on this area. It cannot be changed after the start.",
        error_messages={
            "invalid_choice": "Choose back, hip or knee.",
            "required": "Choose the one area that matters most: back, hip or knee.",
        },
    )
    starts = forms.ChoiceField(
        label="First day",
        choices=[("today", "Today"), ("tomorrow", "Tomorrow")],
        initial="today",
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Start today or tomorrow.",
            "required": "Start today or tomorrow.",
        },
    )
    agree = forms.BooleanField(
        label="I have read what the experiment asks and will follow each day's assignment.",
        error_messages={"required": "Tick the box to confirm you have read what it asks."},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "weeks",
            "area",
            "starts",
            "agree",
            Submit("start", "Start the experiment", css_class="btn-lg"),
        )

    def start_date(self, today: datetime.date) -> datetime.date:
        return today + datetime.timedelta(days=STARTS[self.cleaned_data["starts"]])
