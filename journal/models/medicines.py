"""A person's medicines as dated events: started, dose changed, stopped.

A medicine is a name; what was taken when is its events, each on its own day. The rules of
their order (``order_problem``) are plain functions over (day, kind) pairs, so a form, the
import and the tests check a list of events the same way.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import models

from footcare import vocabulary
from footcare.vocabulary import (
    DOSE_MAX_LENGTH,
    HOW_OFTEN_MAX_LENGTH,
    MEDICINE_EVENT_KEYS,
    MEDICINE_EVENT_LABELS,
    MEDICINE_NAME_MAX_LENGTH,
)

from .entry import OwnedQuerySet

STARTED, DOSE_CHANGED, STOPPED = MEDICINE_EVENT_KEYS


def _at_most(field: str, length: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.lookups.LessThanOrEqual(models.functions.Length(field), length),
        name=name,
    )


class MedicineQuerySet(OwnedQuerySet):
    def with_events(self) -> "MedicineQuerySet":
        return self.prefetch_related(
            models.Prefetch("events", queryset=MedicineEvent.objects.order_by("day"))
        )


class Medicine(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medicines"
    )
    name = models.CharField(max_length=MEDICINE_NAME_MAX_LENGTH)
    key = models.CharField(max_length=64)  # footcare.names.name_key of the name
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves with every change of its events too, so the person's data version sees them.
    updated_at = models.DateTimeField(auto_now=True)

    objects = MedicineQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="journal_medicine_one_name_per_person"
            ),
            models.CheckConstraint(
                condition=models.lookups.GreaterThan(
                    models.functions.Length(models.functions.Trim("name")), 0
                ),
                name="journal_medicine_name_not_empty",
            ),
            _at_most("name", MEDICINE_NAME_MAX_LENGTH, "journal_medicine_name_at_most_80"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.name}"

    def touch(self) -> None:
        self.save(update_fields=["updated_at"])


class MedicineEventQuerySet(models.QuerySet):
    def for_user(self, user: settings.AUTH_USER_MODEL) -> "MedicineEventQuerySet":
        return self.filter(medicine__user=user)

    def between(self, start: datetime.date, end: datetime.date) -> "MedicineEventQuerySet":
        return self.filter(day__gte=start, day__lte=end)


class MedicineEvent(models.Model):
    medicine = models.ForeignKey(Medicine, on_delete=models.CASCADE, related_name="events")
    day = models.DateField()
    kind = models.CharField(
        max_length=16, choices=[(key, MEDICINE_EVENT_LABELS[key]) for key in MEDICINE_EVENT_KEYS]
    )
    # The dose and how often from this day on: set when started or changed, empty when stopped.
    dose = models.CharField(max_length=DOSE_MAX_LENGTH, blank=True, default="")
    how_often = models.CharField(max_length=HOW_OFTEN_MAX_LENGTH, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MedicineEventQuerySet.as_manager()

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["medicine", "day"], name="journal_medicine_event_one_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=MEDICINE_EVENT_KEYS),
                name="journal_medicine_event_kind_known",
            ),
            models.CheckConstraint(
                condition=models.Q(day__gte=vocabulary.EARLIEST_DAY),
                name="journal_medicine_event_from_1900",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=STOPPED) | models.Q(dose="", how_often=""),
                name="journal_medicine_event_stop_has_no_dose",
            ),
            _at_most("dose", DOSE_MAX_LENGTH, "journal_medicine_event_dose_at_most_60"),
            _at_most(
                "how_often", HOW_OFTEN_MAX_LENGTH, "journal_medicine_event_how_often_at_most_60"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.medicine.name}: {self.kind} on {self.day.isoformat()}"


# --- the order of a medicine's events


@dataclass(frozen=True)
class Change:
    """One event as the rules see it."""

    day: datetime.date
    kind: str
    dose: str = ""
    how_often: str = ""


def order_problem(name: str, changes: Iterable[Change]) -> str | None:
    """Why these events of medicine ``name`` cannot all be true, or None.

    A medicine starts before anything else happens to it; a dose changes and a medicine
    stops only while it is taken; it starts again only after it stopped; one event a day.
    """
    previous: Change | None = None
    for change in sorted(changes, key=lambda c: c.day):
        when = f"{change.day:%-d %b %Y}"
        if previous is not None and previous.day == change.day:
            return (
                f"{name} already has a change on {when} "
                f"({MEDICINE_EVENT_LABELS[previous.kind].lower()}); one change a day. "
                "Delete that one first, or choose another day."
            )
        taking = previous is not None and previous.kind != STOPPED
        if change.kind == STARTED and taking:
            assert previous is not None
            return (
                f"{name} was already being taken on {when} (since {previous.day:%-d %b %Y}). "
                "Record a dose change instead, or a stop before it."
            )
        if change.kind != STARTED and not taking:
            what = "stop" if change.kind == STOPPED else "dose change"
            if previous is None:
                return (
                    f"{name} has no start before {when}: a {what} must come after the day it "
                    "started. Record when it started first (or choose a later day)."
                )
            return (
                f"{name} was stopped on {previous.day:%-d %b %Y}, so a {what} on {when} "
                "cannot be recorded. Record “started again” first."
            )
        if (
            change.kind == DOSE_CHANGED
            and previous is not None
            and (change.dose, change.how_often) == (previous.dose, previous.how_often)
        ):
            return (
                f"On {when} {name}'s dose and how often are the same as before; enter what changed."
            )
        previous = change
    return None


@dataclass(frozen=True)
class Period:
    """A stretch of one dose: from a start or a dose change to the next event (or none)."""

    start: datetime.date
    end: datetime.date | None  # the day of the next change or the stop; None while taken
    dose: str
    how_often: str


def periods(changes: Sequence[Change]) -> list[Period]:
    """The stretches of a medicine's events, oldest first (the events in a valid order)."""
    ordered = sorted(changes, key=lambda c: c.day)
    result = []
    for change, following in zip(ordered, [*ordered[1:], None], strict=True):
        if change.kind == STOPPED:
            continue
        end = following.day if following is not None else None
        result.append(Period(change.day, end, change.dose, change.how_often))
    return result
