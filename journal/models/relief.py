"""Does it help almost at once? Pain ratings just before and after a routine, or a rest.

A ``ReliefSession`` is one routine (or, in a comparison, sitting and resting for as long)
with a 0-10 rating of one area just before it, just after it and, if the person agrees, 30
minutes later. A ``ReliefComparison`` is the person's agreement to a short randomised
comparison: the server draws, in blocks of two, which sessions are the routine and which a
rest (``journal.analysis.relief``).
"""

import datetime
import random

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from footcare.vocabulary import AREA_CHOICES, AREAS, PAIN_MAX, PAIN_MIN
from journal.analysis.relief import COMPARISON_BLOCKS, REST, ROUTINE, draw_schedule

LATER_AFTER = datetime.timedelta(minutes=30)
# The 30-minute rating is asked for until then; later than that it would measure something else.
LATER_UNTIL = datetime.timedelta(hours=3)
SCHEDULE_MAX = 2 * 20


class SessionKind(models.TextChoices):
    ROUTINE = "routine", "The routine"
    REST = "rest", "Sit and rest"


KIND_OF_LETTER = {ROUTINE: SessionKind.ROUTINE, REST: SessionKind.REST}


def rating_field(**options: object) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        validators=[MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)], **options
    )


class ComparisonAlreadyRunning(Exception):
    pass


class ReliefComparisonQuerySet(models.QuerySet):
    def for_user(self, user: object) -> "ReliefComparisonQuerySet":
        return self.filter(user=user)

    def running(self) -> "ReliefComparisonQuerySet":
        return self.filter(ended_at__isnull=True)

    def begin(
        self, user: object, *, area: str, rng: random.Random | None = None
    ) -> "ReliefComparison":
        # The person must not be able to foresee or choose which sessions are rests.
        schedule = draw_schedule(COMPARISON_BLOCKS, rng or random.SystemRandom())
        try:
            with transaction.atomic():
                if self.for_user(user).running().exists():
                    raise ComparisonAlreadyRunning
                return self.create(user=user, area=area, schedule=schedule)
        except IntegrityError as error:
            raise ComparisonAlreadyRunning from error


class ReliefComparison(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relief_comparisons"
    )
    area = models.CharField("area that matters most", max_length=8, choices=AREA_CHOICES)
    # One letter per session, R (the routine) or S (sit and rest), drawn at the start and
    # never shown before the session's first rating.
    schedule = models.CharField(max_length=SCHEDULE_MAX)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = ReliefComparisonQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(ended_at__isnull=True),
                name="journal_reliefcomparison_one_running_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(area__in=AREAS), name="journal_reliefcomparison_area_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(schedule__regex=r"^([RS][RS])+$"),
                name="journal_reliefcomparison_schedule_in_pairs",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="journal_reliefcomparison_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}'s {self.area} comparison from {self.started_at:%Y-%m-%d}"


class ReliefSessionQuerySet(models.QuerySet):
    def for_user(self, user: object) -> "ReliefSessionQuerySet":
        return self.filter(user=user)

    def later_due(self, now: datetime.datetime) -> "ReliefSessionQuerySet":
        """Sessions whose 30-minute rating the person asked for and can give now."""
        return self.filter(
            later_wanted=True,
            later__isnull=True,
            after_at__lte=now - LATER_AFTER,
            after_at__gt=now - LATER_UNTIL,
        )


class ReliefSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relief_sessions"
    )
    kind = models.CharField(max_length=8, choices=SessionKind.choices)
    area = models.CharField(max_length=8, choices=AREA_CHOICES)
    comparison = models.ForeignKey(
        ReliefComparison,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
    )
    position = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The session's place in its comparison's schedule."
    )
    routine = models.CharField(
        max_length=400, blank=True, help_text="The exercises of the routine, by slug, in order."
    )
    seconds = models.PositiveIntegerField(help_text="How long the routine, or the rest, takes.")
    before = rating_field()
    before_at = models.DateTimeField(default=timezone.now)
    after = rating_field(null=True, blank=True)
    after_at = models.DateTimeField(null=True, blank=True)
    later_wanted = models.BooleanField(default=False)
    later = rating_field(null=True, blank=True)
    later_at = models.DateTimeField(null=True, blank=True)

    objects = ReliefSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-before_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SessionKind.values),
                name="journal_reliefsession_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(area__in=AREAS), name="journal_reliefsession_area_valid"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True})
                    | models.Q(**{f"{name}__gte": PAIN_MIN, f"{name}__lte": PAIN_MAX}),
                    name=f"journal_reliefsession_{name}_0_to_10",
                )
                for name in ("before", "after", "later")
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__isnull": True, f"{name}_at__isnull": True})
                    # NULL compares as unknown, which a CHECK lets through: say "not null".
                    | models.Q(
                        **{
                            f"{name}__isnull": False,
                            f"{name}_at__isnull": False,
                            f"{name}_at__gte": models.F(earlier),
                        }
                    ),
                    name=f"journal_reliefsession_{name}_rated_after_{earlier}",
                )
                for name, earlier in (("after", "before_at"), ("later", "after_at"))
            ),
            models.CheckConstraint(
                condition=models.Q(later__isnull=True) | models.Q(after__isnull=False),
                name="journal_reliefsession_later_only_with_after",
            ),
            models.CheckConstraint(
                condition=models.Q(comparison__isnull=True, position__isnull=True)
                | models.Q(comparison__isnull=False, position__isnull=False),
                name="journal_reliefsession_comparison_has_a_position",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=SessionKind.ROUTINE) | models.Q(comparison__isnull=False),
                name="journal_reliefsession_rest_only_in_a_comparison",
            ),
            models.UniqueConstraint(
                fields=["comparison", "position"], name="journal_reliefsession_one_per_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}'s {self.kind} at {self.before_at:%Y-%m-%d %H:%M}"

    @property
    def later_due_at(self) -> datetime.datetime | None:
        return self.after_at + LATER_AFTER if self.after_at else None
