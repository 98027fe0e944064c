"""The forms of the factor list and the medicines: a name, a dose, a dated change.

Every rule gives a message a person can act on and saves nothing; the database's
constraints (journal.models.factors, journal.models.medicines) hold the same rules.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from footcare import names
from footcare.vocabulary import (
    DOSE_MAX_LENGTH,
    EARLIEST_DAY,
    EVENTS_PER_MEDICINE_MAX,
    FACTOR_NAME_MAX_LENGTH,
    FACTOR_SEPARATOR,
    HOW_OFTEN_MAX_LENGTH,
    MEDICINE_EVENT_LABELS,
    MEDICINE_NAME_MAX_LENGTH,
    MEDICINES_MAX,
    OWN_FACTORS_EVER_MAX,
    OWN_FACTORS_MAX,
)
from journal.models import Factor, Medicine, MedicineEvent
from journal.models.medicines import DOSE_CHANGED, STARTED, STOPPED, Change, order_problem


def checked_text(text: str, *, what: str, limit: int, required: bool) -> str:
    """``text`` tidied (trimmed, one space between words), or a ValidationError saying why not."""
    problem = names.text_problem(text, what=what, limit=limit, required=required)
    if problem is not None:
        raise forms.ValidationError(problem, code="bad_text")
    return names.tidy(text)


def text_field(
    label: str, limit: int, *, required: bool = False, help_text: str = "", missing: str = ""
) -> forms.CharField:
    # No max_length on the field: a 10,000-character paste gets our message, with its length,
    # rather than being cut by the browser or refused by Django's own wording.
    return forms.CharField(
        label=label,
        required=required,
        strip=False,
        help_text=help_text,
        widget=forms.TextInput(attrs={"maxlength": limit, "autocomplete": "off"}),
        error_messages={"required": missing or f"Enter {label.lower()}."},
    )


def date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(
            attrs={"type": "date", "min": EARLIEST_DAY.isoformat()}, format="%Y-%m-%d"
        ),
        error_messages={
            "required": "Enter the day, as YYYY-MM-DD.",
            "invalid": "Enter a date as YYYY-MM-DD, for example 2026-11-03.",
        },
    )


def check_day(day: datetime.date) -> datetime.date:
    if day < EARLIEST_DAY:
        raise forms.ValidationError(
            "The journal starts on %(earliest)s; %(day)s is before it.",
            code="too_early",
            params={"earliest": f"{EARLIEST_DAY:%-d %B %Y}", "day": day.isoformat()},
        )
    if day > timezone.localdate():
        raise forms.ValidationError(
            "%(day)s is in the future. Record a change on the day it happens, or before.",
            code="future",
            params={"day": day.isoformat()},
        )
    return day


# --- factors


class FactorForm(forms.Form):
    name = text_field(
        "A new factor",
        FACTOR_NAME_MAX_LENGTH,
        required=True,
        help_text=f"Up to {FACTOR_NAME_MAX_LENGTH} characters, e.g. “Cycled to work”.",
        missing="Enter a name for the factor.",
    )

    def __init__(self, user: settings.AUTH_USER_MODEL, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_name(self) -> str:
        name = checked_text(
            self.cleaned_data["name"], what="A name", limit=FACTOR_NAME_MAX_LENGTH, required=True
        )
        if FACTOR_SEPARATOR in name:
            raise forms.ValidationError(
                "A factor's name cannot contain “;”: it separates the factors of a day in the "
                "spreadsheet export.",
                code="separator",
            )
        Factor.objects.listed(self.user)  # the ready-made ones count too, made if not yet
        mine = Factor.objects.for_user(self.user)
        same = mine.filter(key=names.name_key(name)).first()
        if same is not None:
            where = "in your list" if same.shown else "in your list, hidden: show it again below"
            raise forms.ValidationError(
                "You already have “%(name)s” %(where)s. Names count as the same whatever their "
                "letter case, spaces or look-alike letters.",
                code="duplicate",
                params={"name": same.name, "where": where},
            )
        check_room_for_own_factor(self.user)
        return name

    def save(self) -> Factor:
        with transaction.atomic():
            # Checked again inside the transaction: two tabs adding at once stay within the limit.
            check_room_for_own_factor(self.user, lock=True)
            return Factor.objects.add_own(self.user, self.cleaned_data["name"])


def check_room_for_own_factor(user: settings.AUTH_USER_MODEL, *, lock: bool = False) -> None:
    """Refuse a 13th factor of one's own shown at once (and a 101st kept in all)."""
    own = Factor.objects.for_user(user).own()
    if lock:
        # One add at a time per person: the count below cannot go stale under another add.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if own.filter(shown=True).count() >= OWN_FACTORS_MAX:
        raise forms.ValidationError(
            "You have %(most)s factors of your own, the most at once. Remove one to add another.",
            code="too_many",
            params={"most": OWN_FACTORS_MAX},
        )
    if own.count() >= OWN_FACTORS_EVER_MAX:
        raise forms.ValidationError(
            "You have kept %(most)s factors of your own, shown and removed. Show a removed one "
            "again instead of adding a new one.",
            code="too_many_ever",
            params={"most": OWN_FACTORS_EVER_MAX},
        )


# --- medicines


def dose_fields() -> dict[str, forms.CharField]:
    return {
        "dose": text_field(
            "Dose", DOSE_MAX_LENGTH, help_text="Optional, e.g. “500 mg” or “1 tablet”."
        ),
        "how_often": text_field(
            "How often", HOW_OFTEN_MAX_LENGTH, help_text="Optional, e.g. “twice a day”."
        ),
    }


class DoseMixin:
    def clean_dose(self) -> str:
        return checked_text(
            self.cleaned_data["dose"], what="The dose", limit=DOSE_MAX_LENGTH, required=False
        )

    def clean_how_often(self) -> str:
        return checked_text(
            self.cleaned_data["how_often"],
            what="How often",
            limit=HOW_OFTEN_MAX_LENGTH,
            required=False,
        )


class MedicineForm(DoseMixin, forms.Form):
    """A new medicine and the day it started."""

    name = text_field(
        "Medicine",
        MEDICINE_NAME_MAX_LENGTH,
        required=True,
        help_text=f"Its name, up to {MEDICINE_NAME_MAX_LENGTH} characters, e.g. “Naproxen”.",
        missing="Enter the medicine's name.",
    )
    dose = dose_fields()["dose"]
    how_often = dose_fields()["how_often"]
    started = date_field("Started on")

    def __init__(self, user: settings.AUTH_USER_MODEL, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"started": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["started"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields[
            "started"
        ].help_text = "If you are not sure, the first day you remember taking it."

    def clean_name(self) -> str:
        name = checked_text(
            self.cleaned_data["name"],
            what="The medicine's name",
            limit=MEDICINE_NAME_MAX_LENGTH,
            required=True,
        )
        mine = Medicine.objects.for_user(self.user)
        same = mine.filter(key=names.name_key(name)).first()
        if same is not None:
            raise forms.ValidationError(
                "“%(name)s” is already in your medicines: record a change on it instead.",
                code="duplicate",
                params={"name": same.name},
            )
        if mine.count() >= MEDICINES_MAX:
            raise forms.ValidationError(
                "You have %(most)s medicines, the most this list keeps. Delete one you no "
                "longer need to add another.",
                code="too_many",
                params={"most": MEDICINES_MAX},
            )
        return name

    def clean_started(self) -> datetime.date:
        return check_day(self.cleaned_data["started"])

    def save(self) -> Medicine:
        data = self.cleaned_data
        with transaction.atomic():
            medicine = Medicine.objects.create(
                user=self.user, name=data["name"], key=names.name_key(data["name"])
            )
            MedicineEvent.objects.create(
                medicine=medicine,
                day=data["started"],
                kind=STARTED,
                dose=data["dose"],
                how_often=data["how_often"],
            )
        return medicine


CHANGE_CHOICES = [
    (DOSE_CHANGED, "The dose changed"),
    (STOPPED, "Stopped"),
    (STARTED, "Started again"),
]


class ChangeForm(DoseMixin, forms.Form):
    """A dated change of one medicine: the dose changed, it stopped, or it started again."""

    kind = forms.ChoiceField(
        label="What changed?",
        choices=CHANGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what changed.",
            "invalid_choice": "Choose what changed: the dose, a stop or a new start.",
        },
    )
    day = date_field("On")
    dose = dose_fields()["dose"]
    how_often = dose_fields()["how_often"]

    def __init__(self, medicine: Medicine, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("initial", {"day": timezone.localdate()})
        kwargs.setdefault("prefix", f"m{medicine.pk}")
        super().__init__(*args, **kwargs)
        self.medicine = medicine
        self.fields["day"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["dose"].help_text = "The new dose, from that day on."
        self.fields["how_often"].help_text = "Left empty on a dose change, it stays as before."
        taking = medicine_taken(medicine)
        # The page offers only what can happen next; any posted choice is checked by the
        # rules of the order below, whose message says why it cannot be.
        self.offered = [DOSE_CHANGED, STOPPED] if taking else [STARTED]
        # The likeliest change is chosen already: one tap fewer on a phone.
        self.fields["kind"].initial = DOSE_CHANGED if taking else STARTED

    def clean_day(self) -> datetime.date:
        return check_day(self.cleaned_data["day"])

    def clean(self) -> dict[str, object]:
        data = super().clean()
        kind, day = data.get("kind"), data.get("day")
        if kind is None or day is None or self.errors:
            return data
        dose, how_often = data.get("dose", ""), data.get("how_often", "")
        if kind == STOPPED and (dose or how_often):
            raise forms.ValidationError(
                "A stop has no dose: leave the dose and how often empty.", code="stop_with_dose"
            )
        if kind == DOSE_CHANGED and not (dose or how_often):
            raise forms.ValidationError(
                "Enter the new dose or how often it is taken.", code="no_dose"
            )
        events = list(self.medicine.events.all())
        if kind == DOSE_CHANGED:
            # What is left empty stays as it was: "500 mg" alone keeps "twice a day".
            before = [e for e in events if e.day < day]
            if before and before[-1].kind != STOPPED:
                data["dose"] = dose or before[-1].dose
                data["how_often"] = how_often or before[-1].how_often
                dose, how_often = data["dose"], data["how_often"]
        if len(events) >= EVENTS_PER_MEDICINE_MAX:
            raise forms.ValidationError(
                "%(name)s has %(most)s changes, the most one medicine keeps.",
                code="too_many",
                params={"name": self.medicine.name, "most": EVENTS_PER_MEDICINE_MAX},
            )
        new = Change(day, kind, dose, how_often)
        problem = order_problem(self.medicine.name, [*map(as_change, events), new])
        if problem is not None:
            raise forms.ValidationError(problem, code="order")
        return data

    def save(self) -> MedicineEvent:
        """Save the change, checking the order again under a lock on the medicine: two tabs
        recording at once cannot leave two stops in a row. Raises ValidationError if so."""
        data = self.cleaned_data
        with transaction.atomic():
            Medicine.objects.select_for_update().filter(pk=self.medicine.pk).first()
            stored = [as_change(e) for e in MedicineEvent.objects.filter(medicine=self.medicine)]
            new = Change(data["day"], data["kind"], data["dose"], data["how_often"])
            problem = order_problem(self.medicine.name, [*stored, new])
            if problem is not None:
                raise forms.ValidationError(problem, code="order")
            event = MedicineEvent.objects.create(
                medicine=self.medicine,
                day=data["day"],
                kind=data["kind"],
                dose=data["dose"],
                how_often=data["how_often"],
            )
            self.medicine.touch()
        return event


def as_change(event: MedicineEvent) -> Change:
    return Change(event.day, event.kind, event.dose, event.how_often)


def medicine_taken(medicine: Medicine) -> bool:
    """Is the medicine taken now (its latest event not a stop)? Reads the prefetched events."""
    events = list(medicine.events.all())
    return bool(events) and max(events, key=lambda e: e.day).kind != STOPPED


def change_label(kind: str) -> str:
    return MEDICINE_EVENT_LABELS[kind]
