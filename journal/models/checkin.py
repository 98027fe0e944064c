"""The weekly PEG check-in (Krebs et al. 2009): one per person and ISO week."""

import datetime

from django.conf import settings
from django.db import models

from footcare.vocabulary import PEG_ITEMS
from journal.models.entry import OwnedQuerySet, on_the_scale, pain_field


def monday_of(day: datetime.date) -> datetime.date:
    """The Monday that starts ``day``'s ISO week."""
    return day - datetime.timedelta(days=day.weekday())


class PegCheckInQuerySet(OwnedQuerySet):
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
            *(on_the_scale(item, f"journal_peg_{item}_0_to_10") for item in PEG_ITEMS),
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
