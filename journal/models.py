import datetime
import hashlib
import random

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from exercises.models import Exercise

from .reports.experiment import (
    BLOCK_DAYS,
    EXPERIMENT_WEEKS,
    PRACTISE,
    ExperimentPlan,
    draw_schedule,
)

PAIN_MIN = 0
PAIN_MAX = 10
NOTE_MAX_LENGTH = 2000
# No diary day is older than this; year 1 made "the day before" overflow into a 500.
EARLIEST_DAY = datetime.date(1900, 1, 1)


class Area(models.TextChoices):
    BACK = "back", "Back"
    HIP = "hip", "Hip"
    KNEE = "knee", "Knee"


AREAS: tuple[str, ...] = tuple(Area.values)


def pain_field(label: str) -> models.PositiveSmallIntegerField:
    # Empty means "not rated"; it must never be read as 0, which is "no pain".
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)],
    )


def pain_in_range(area: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{area}__isnull": True})
        | models.Q(**{f"{area}__gte": PAIN_MIN, f"{area}__lte": PAIN_MAX}),
        name=f"journal_entry_{area}_pain_0_to_10",
    )


class EntryQuerySet(models.QuerySet):
    def for_user(self, user: settings.AUTH_USER_MODEL) -> "EntryQuerySet":
        return self.filter(user=user)

    def between(self, start: datetime.date | None, end: datetime.date | None) -> "EntryQuerySet":
        qs = self
        if start is not None:
            qs = qs.filter(day__gte=start)
        if end is not None:
            qs = qs.filter(day__lte=end)
        return qs

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
    ) -> "Entry":
        """Create or overwrite the user's entry for ``day`` as one unit.

        Two saves of the same day may race: update_or_create locks the row, and when both
        try to INSERT, the unique constraint lets one win and the other falls back to an
        UPDATE, so neither request sees an error.
        """
        values = {"back": back, "hip": hip, "knee": knee, "note": note}
        with transaction.atomic():
            entry, _created = self.update_or_create(user=user, day=day, defaults=values)
            entry.exercises.set(exercises)
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
    back = pain_field("Back")
    hip = pain_field("Hip")
    knee = pain_field("Knee")
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
            *(pain_in_range(area) for area in AREAS),
            models.CheckConstraint(
                condition=models.Q(day__gte=EARLIEST_DAY), name="journal_entry_day_from_1900"
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
        return [(Area(area).label, getattr(self, area)) for area in AREAS]


# --- the weekly PEG check-in (Krebs et al. 2009)

PEG_ITEMS: tuple[str, ...] = ("pain", "enjoyment", "activity")


def monday_of(day: datetime.date) -> datetime.date:
    """The Monday that starts ``day``'s ISO week."""
    return day - datetime.timedelta(days=day.weekday())


def peg_item_in_range(item: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{item}__isnull": True})
        | models.Q(**{f"{item}__gte": PAIN_MIN, f"{item}__lte": PAIN_MAX}),
        name=f"journal_peg_{item}_0_to_10",
    )


class PegCheckInQuerySet(models.QuerySet):
    def for_user(self, user: settings.AUTH_USER_MODEL) -> "PegCheckInQuerySet":
        return self.filter(user=user)

    def between(
        self, start: datetime.date | None, end: datetime.date | None
    ) -> "PegCheckInQuerySet":
        """Check-ins whose ISO week overlaps ``start`` to ``end`` (both included).

        A week that starts before ``start`` but ends inside the range counts: a report from a
        Wednesday should not lose the check-in made that Monday.
        """
        qs = self
        if start is not None:
            qs = qs.filter(week__gte=monday_of(start))
        if end is not None:
            qs = qs.filter(week__lte=end)
        return qs

    def save_week(
        self,
        user: settings.AUTH_USER_MODEL,
        week: datetime.date,
        *,
        pain: int | None,
        enjoyment: int | None,
        activity: int | None,
    ) -> "PegCheckIn":
        # update_or_create plus the unique constraint: two tabs saving the same week keep one.
        check_in, _created = self.update_or_create(
            user=user,
            week=monday_of(week),
            defaults={"pain": pain, "enjoyment": enjoyment, "activity": activity},
        )
        return check_in


class PegCheckIn(models.Model):
    """One PEG check-in per person and ISO week; ``week`` is that week's Monday.

    Each item is 0 to 10 or empty: an unanswered item stays empty, never 0, and a check-in
    with any item empty has no PEG score (see ``score``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peg_check_ins"
    )
    week = models.DateField("week starting (Monday)")
    pain = pain_field("Average pain in the past week")
    enjoyment = pain_field("Interference with enjoyment of life")
    activity = pain_field("Interference with general activity")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PegCheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-week"]
        verbose_name = "PEG check-in"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week"], name="journal_peg_one_per_user_per_week"
            ),
            # Django's week_day counts Sunday as 1, so Monday is 2.
            models.CheckConstraint(
                condition=models.Q(week__week_day=2), name="journal_peg_week_is_a_monday"
            ),
            *(peg_item_in_range(item) for item in PEG_ITEMS),
        ]

    def __str__(self) -> str:
        return f"{self.user} PEG for the week of {self.week.isoformat()}"

    def items(self) -> tuple[int | None, int | None, int | None]:
        return (self.pain, self.enjoyment, self.activity)

    @property
    def score(self) -> float | None:
        """The mean of the three items, or None unless all three are answered."""
        items = self.items()
        if any(value is None for value in items):
            return None
        return sum(items) / len(items)


# --- read-only links for a clinician

SHARE_DEFAULT_DAYS = 14
SHARE_MAX_DAYS = 90


def share_token_hash(token: str) -> str:
    """The SHA-256 of a share token, as stored: the token itself is never kept.

    A plain hash is enough (no salt, no slow hash) because the token is 256 random bits,
    not something a person chose: there is no dictionary to try.
    """
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkQuerySet(models.QuerySet):
    def for_user(self, user: settings.AUTH_USER_MODEL) -> "ShareLinkQuerySet":
        return self.filter(user=user)

    def live(self, now: datetime.datetime) -> "ShareLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A read-only link to one range of a person's report, for their clinician."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField("for whom (optional)", max_length=80, blank=True)
    start = models.DateField()
    end = models.DateField()
    include_notes = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at"))
                & models.Q(
                    expires_at__lte=models.F("created_at") + datetime.timedelta(days=SHARE_MAX_DAYS)
                ),
                name="journal_sharelink_expires_within_90_days",
            ),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")),
                name="journal_sharelink_start_not_after_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}'s link for {self.start.isoformat()} to {self.end.isoformat()}"

    def is_live(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def status_at(self, now: datetime.datetime) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        return "Active" if now < self.expires_at else "Expired"


# --- randomised self-experiment ----------------------------------------------------------


class ExperimentAlreadyOpen(Exception):
    pass


class ExperimentQuerySet(models.QuerySet):
    def for_user(self, user: settings.AUTH_USER_MODEL) -> "ExperimentQuerySet":
        return self.filter(user=user)

    def running(self, today: datetime.date) -> "ExperimentQuerySet":
        """Open and not past its last day (one starting tomorrow counts: it is under way)."""
        return self.filter(is_open=True, end__gte=today)

    def covering(self, day: datetime.date) -> "ExperimentQuerySet":
        """Experiments whose schedule includes ``day``, up to an early stop."""
        return self.filter(start__lte=day, end__gte=day).exclude(stopped_on__lt=day)

    def close_finished(self, today: datetime.date) -> int:
        # An experiment past its last day stays "open" until someone starts the next one;
        # closing it then frees the one-open-experiment rule.
        return self.filter(is_open=True, end__lt=today).update(is_open=False)

    def begin(
        self,
        user: settings.AUTH_USER_MODEL,
        *,
        area: str,
        weeks: int,
        start: datetime.date,
        today: datetime.date,
        rng: random.Random | None = None,
    ) -> "Experiment":
        """Draw the schedule and store a new experiment, or raise ExperimentAlreadyOpen."""
        # The person must not be able to predict or choose the days: the operating
        # system's randomness draws them. Tests pass a seeded generator.
        schedule = draw_schedule(weeks, rng or random.SystemRandom())
        end = start + datetime.timedelta(days=weeks * 7 - 1)
        try:
            with transaction.atomic():
                mine = self.for_user(user)
                mine.close_finished(today)
                if mine.filter(is_open=True).exists():
                    raise ExperimentAlreadyOpen
                return self.create(
                    user=user, area=area, weeks=weeks, start=start, end=end, schedule=schedule
                )
        except IntegrityError as error:
            # Two starts at the same moment: the constraint lets one win.
            raise ExperimentAlreadyOpen from error


class Experiment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiments"
    )
    area = models.CharField(
        "area that matters most",
        max_length=8,
        choices=Area.choices,
        help_text="The primary outcome, fixed before the start.",
    )
    weeks = models.PositiveSmallIntegerField(choices=[(w, f"{w} weeks") for w in EXPERIMENT_WEEKS])
    start = models.DateField()
    end = models.DateField(help_text="The last day of the schedule.")
    # One letter a day from ``start``: the server's draw, stored so that the result and its
    # randomisation test can be recomputed at any time. Never shown ahead of its day.
    schedule = models.CharField(max_length=max(EXPERIMENT_WEEKS) * 7)
    stopped_on = models.DateField(null=True, blank=True, help_text="Set by an early stop.")
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExperimentQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(is_open=True),
                name="journal_experiment_one_open_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(weeks__in=EXPERIMENT_WEEKS),
                name="journal_experiment_weeks_4_6_or_8",
            ),
            models.CheckConstraint(
                condition=models.Q(area__in=AREAS), name="journal_experiment_area_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="journal_experiment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(stopped_on__isnull=True) | models.Q(is_open=False),
                name="journal_experiment_stopped_is_closed",
            ),
            models.CheckConstraint(
                condition=models.lookups.Exact(
                    models.functions.Length("schedule"), models.F("weeks") * 7
                ),
                name="journal_experiment_one_letter_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}'s {self.weeks}-week {self.area} experiment from {self.start}"

    def get_absolute_url(self) -> str:
        return reverse("journal:experiment", args=[self.pk])

    @property
    def days(self) -> int:
        return self.weeks * 7

    def last_counted_day(self) -> datetime.date:
        """The last day whose assignment counts: the stop day or the schedule's end."""
        return min(self.end, self.stopped_on) if self.stopped_on else self.end

    def assignment(self, day: datetime.date) -> str | None:
        """ "P" or "R" for a day inside the experiment, None outside it or after a stop."""
        if not self.start <= day <= self.last_counted_day():
            return None
        return self.schedule[(day - self.start).days]

    def assignments_until(self, day: datetime.date) -> str:
        """The schedule up to and including ``day``; never a later day's letter."""
        last = min(day, self.last_counted_day())
        return self.schedule[: max(0, (last - self.start).days + 1)]

    def plan(self) -> ExperimentPlan:
        return ExperimentPlan(
            practise=tuple(letter == PRACTISE for letter in self.schedule),
            start=self.start,
            area=self.area,
            block=BLOCK_DAYS,
            stopped_on=self.stopped_on,
        )

    def stop(self, today: datetime.date) -> None:
        """End early: days after ``today`` no longer count and the result says incomplete."""
        self.stopped_on = today
        self.is_open = False
        self.save(update_fields=["stopped_on", "is_open"])
