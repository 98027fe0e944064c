"""The day's forms: the entry (ratings, exercises, note), the routine's ticks, a day to open."""

import datetime

from django import forms
from django.forms import BoundField
from django.utils import timezone

from exercises.models import Exercise
from footcare import keys
from footcare.vocabulary import (
    AREA_LABELS,
    AREAS,
    EARLIEST_DAY,
    NOTE_MAX_LENGTH,
    SCALE,
    before_the_journal,
)
from journal.models import Entry, Factor, ReliefSession

RATING_CHOICES = [("", "Not rated"), *((str(n), str(n)) for n in SCALE)]
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


class FactorChoiceField(ExerciseChoiceField):
    """The factors of the day, as chips: the same checks as the exercises' ticks."""


class EntryForm(forms.ModelForm):
    back = rating_field(AREA_LABELS["back"])
    hip = rating_field(AREA_LABELS["hip"])
    knee = rating_field(AREA_LABELS["knee"])
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

    factors = FactorChoiceField(
        label="What else happened?",
        queryset=Factor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "One of the ticked factors is no longer in your list. "
            "Please tick them again.",
            "invalid_pk_value": "One of the ticked factors is not in your list.",
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

    def __init__(self, *args: object, user: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # The person's shown factors, and any hidden since that this day records: correcting
        # an old day keeps them. Without a person (a bare form) there are none to tick.
        ticked = self.instance.factors.all() if self.instance.pk else Factor.objects.none()
        owner = self.instance.user_id if self.instance.pk else getattr(user, "pk", None)
        self.fields["factors"].queryset = (
            Factor.objects.filter(user_id=owner).shown() | Factor.objects.filter(pk__in=ticked)
            if owner is not None
            else Factor.objects.none()
        ).order_by("pk")
        if self.instance.pk:
            self.initial.setdefault("factors", [factor.pk for factor in ticked])
        # An exercise retired from the catalog stays tickable on the days that already
        # record it, so correcting an old note does not silently drop it.
        kept = self.instance.exercises.all() if self.instance.pk else Exercise.objects.none()
        self.fields["exercises"].queryset = (
            Exercise.objects.active() | Exercise.objects.filter(pk__in=kept)
        ).order_by("order")
        self.fields["version"].initial = self.instance.version if self.instance.pk else "new"

    def rating_fields(self) -> list[tuple[BoundField, str]]:
        """Each area's rating field, with the key its rendered row is kept under: the row of
        eleven choices is the same HTML for the same field, value and errors."""
        return [(self[area], keys.rating_field(self[area])) for area in AREAS]

    def clean(self) -> dict[str, object]:
        data = super().clean()
        rated = any(data.get(area) is not None for area in AREAS)
        something = data.get("exercises") or data.get("factors")
        if not (rated or something or (data.get("note") or "").strip()):
            # An entry with nothing in it would count as a logged day in the reports.
            raise forms.ValidationError(
                "Rate at least one area, tick an exercise or a factor, or write a note before "
                "saving.",
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
            factors=data["factors"],
        )


class RoutineDoneForm(forms.Form):
    # The before/after session this routine belongs to, if the person rated before it; one
    # that is not a number is ignored rather than refused (the view checks whose it is).
    relief_session = forms.CharField(required=False, max_length=20)
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

    def clean_relief_session(self) -> ReliefSession | None:
        value = self.cleaned_data["relief_session"]
        if not value.isdigit() or len(value) > 18:
            return None
        return ReliefSession.objects.filter(pk=int(value)).first()


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
    if before_the_journal(day):
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
