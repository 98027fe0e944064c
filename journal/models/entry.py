"""A day of the journal: its pain ratings, the exercises done and a note."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse

from exercises.models import Exercise
from footcare import vocabulary
from footcare.vocabulary import AREA_LABELS, AREAS, NOTE_MAX_LENGTH


def pain_field(label: str) -> models.PositiveSmallIntegerField:
    # Empty means "not rated"; it must never be read as 0, which is "no pain".
    lowest, highest = vocabulary.PAIN_MIN, vocabulary.PAIN_MAX
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(lowest), MaxValueValidator(highest)],
    )


def on_the_scale(field: str, name: str) -> models.CheckConstraint:
    """The database's rule for a rating: empty, or a whole number from 0 to 10."""
    scale = {f"{field}__gte": vocabulary.PAIN_MIN, f"{field}__lte": vocabulary.PAIN_MAX}
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True}) | models.Q(**scale), name=name
    )


class OwnedQuerySet(models.QuerySet):
    """Rows that belong to one person: ``for_user`` is where every page's query starts."""

    def for_user(self, user: settings.AUTH_USER_MODEL) -> "OwnedQuerySet":
        return self.filter(user=user)


class EntryQuerySet(OwnedQuerySet):
    def between(self, start: datetime.date | None, end: datetime.date | None) -> "EntryQuerySet":
        qs = self
        if start is not None:
            qs = qs.filter(day__gte=start)
        if end is not None:
            qs = qs.filter(day__lte=end)
        return qs

    def rated(self) -> "EntryQuerySet":
        """Days with at least one area rated (an unrated area is empty, never 0)."""
        any_rating = models.Q()
        for area in AREAS:
            any_rating |= models.Q(**{f"{area}__isnull": False})
        return self.filter(any_rating)

    def days_in_a_row(self, until: datetime.date, limit: int = 366) -> int:
        """How many days up to ``until`` were logged without a gap, counting ``until``;
        at most ``limit`` (one query of at most ``limit`` dates, however long the journal)."""
        start = until - datetime.timedelta(days=limit - 1)
        logged = set(self.between(start, until).values_list("day", flat=True))
        count = 0
        while count < limit and until - datetime.timedelta(days=count) in logged:
            count += 1
        return count

    def with_exercises(self) -> "EntryQuerySet":
        return self.prefetch_related(
            models.Prefetch("exercises", queryset=Exercise.objects.order_by("order"))
        )

    def save_day(
        self,
        user: settings.AUTH_USER_MODEL,
        day: datetime.date,
        *,
        back: int | None,
        hip: int | None,
        knee: int | None,
        note: str,
        exercises: "list[Exercise] | models.QuerySet[Exercise]",
        factors: "Iterable[models.Model] | None" = None,
    ) -> "Entry":
        """Create or overwrite the user's entry for ``day`` as one unit (``factors``: the
        factors of the day ticked; None leaves them as they are).

        Two saves of the same day may race: update_or_create locks the row, and when both
        try to INSERT, the unique constraint lets one win and the other falls back to an
        UPDATE, so neither request sees an error.
        """
        values = {"back": back, "hip": hip, "knee": knee, "note": note}
        with transaction.atomic():
            entry, _created = self.update_or_create(user=user, day=day, defaults=values)
            entry.exercises.set(exercises)
            if factors is not None:
                entry.factors.set(factors)
        return entry

    def add_exercises(
        self,
        user: settings.AUTH_USER_MODEL,
        day: datetime.date,
        exercises: "list[Exercise] | models.QuerySet[Exercise]",
    ) -> "Entry":
        """Tick ``exercises`` on the user's entry for ``day``, creating it if needed.

        Used by the guided routine: it only ever adds, so ratings, the note and exercises
        ticked earlier stay as they were, and running the routine twice unticks nothing.
        """
        with transaction.atomic():
            entry, created = self.get_or_create(user=user, day=day)
            entry.exercises.add(*exercises)
            if not created:
                entry.save(update_fields=["updated_at"])
        return entry


class Entry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries"
    )
    day = models.DateField()
    back = pain_field(AREA_LABELS["back"])
    hip = pain_field(AREA_LABELS["hip"])
    knee = pain_field(AREA_LABELS["knee"])
    exercises = models.ManyToManyField(Exercise, blank=True, related_name="entries")
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-day"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day"], name="journal_entry_one_per_user_per_day"
            ),
            *(on_the_scale(area, f"journal_entry_{area}_pain_0_to_10") for area in AREAS),
            models.CheckConstraint(
                condition=models.Q(day__gte=vocabulary.EARLIEST_DAY),
                name="journal_entry_day_from_1900",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.day.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("journal:entry", args=[self.pk])

    @property
    def version(self) -> str:
        # Every save moves updated_at, so it tells whether the day changed since it was read.
        return self.updated_at.isoformat()

    def ratings(self) -> list[tuple[str, int | None]]:
        return [(AREA_LABELS[area], getattr(self, area)) for area in AREAS]
