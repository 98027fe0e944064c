"""The randomised self-experiment: its schedule, drawn by the server and stored."""

import datetime
import random

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from footcare.vocabulary import AREA_CHOICES, AREAS
from journal.analysis.experiment import (
    BLOCK_DAYS,
    EXPERIMENT_WEEKS,
    PRACTISE,
    ExperimentPlan,
    draw_schedule,
)
from journal.models.entry import OwnedQuerySet


class ExperimentAlreadyOpen(Exception):
    pass


class ExperimentQuerySet(OwnedQuerySet):
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
        routine: str = "",
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
                    user=user,
                    area=area,
                    weeks=weeks,
                    start=start,
                    end=end,
                    schedule=schedule,
                    routine=routine,
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
        choices=AREA_CHOICES,
        help_text="The primary outcome, fixed before the start.",
    )
    weeks = models.PositiveSmallIntegerField(choices=[(w, f"{w} weeks") for w in EXPERIMENT_WEEKS])
    start = models.DateField()
    end = models.DateField(help_text="The last day of the schedule.")
    # One letter a day from ``start``: the server's draw, stored so that the result and its
    # randomisation test can be recomputed at any time. Never shown ahead of its day.
    schedule = models.CharField(max_length=max(EXPERIMENT_WEEKS) * 7)
    stopped_on = models.DateField(null=True, blank=True, help_text="Set by an early stop.")
    # What a practice day asks for, fixed at the start: the person's own routine ("my
    # routine"), by slug in order, or empty for every exercise of the catalog.
    routine = models.CharField(max_length=400, blank=True)
    is_open = models.BooleanField(default=True)
    # A default rather than auto_now_add: a restored backup keeps the moment it was started.
    created_at = models.DateTimeField(default=timezone.now, editable=False)

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

    def day_number(self, day: datetime.date) -> int:
        """Which day of the experiment ``day`` is: 1 on its first day (0 the day before)."""
        return (day - self.start).days + 1

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

    def plan(self, routine: frozenset[str] = frozenset()) -> ExperimentPlan:
        """The plan as the analysis reads it; ``routine``: the names of the exercises a
        practise day asks for (``journal.rows.experiment_routines``)."""
        return ExperimentPlan(
            practise=tuple(letter == PRACTISE for letter in self.schedule),
            start=self.start,
            area=self.area,
            block=BLOCK_DAYS,
            stopped_on=self.stopped_on,
            routine=routine,
        )

    def stop(self, today: datetime.date) -> None:
        """End early: days after ``today`` no longer count and the result says incomplete."""
        self.stopped_on = today
        self.is_open = False
        self.save(update_fields=["stopped_on", "is_open"])
