"""Small factories: tests say what they need in one line instead of sharing big fixtures."""

import datetime
import random
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from exercises.models import Exercise
from journal.models import Entry, Experiment, ReliefSession, ShareLink
from journal.sharing import links as sharing
from notifications.models import PushSubscription

PASSWORD = "a-long-test-password-42"


def make_user(username: str = "alice", **fields: object) -> AbstractBaseUser:
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)


def make_entry(
    user: AbstractBaseUser,
    day: datetime.date,
    *,
    back: int | None = None,
    hip: int | None = None,
    knee: int | None = None,
    note: str = "",
    exercises: Iterable[Exercise] = (),
) -> Entry:
    entry = Entry.objects.create(user=user, day=day, back=back, hip=hip, knee=knee, note=note)
    entry.exercises.set(exercises)
    return entry


def make_entries(user: AbstractBaseUser, end: datetime.date, count: int) -> list[Entry]:
    """``count`` consecutive days ending at ``end``, with ratings and two exercises each."""
    exercises = list(Exercise.objects.order_by("order")[:2])
    entries = Entry.objects.bulk_create(
        Entry(
            user=user,
            day=end - datetime.timedelta(days=offset),
            back=offset % 11,
            hip=(offset + 3) % 11,
            knee=None if offset % 5 == 0 else (offset + 6) % 11,
            note=f"day {offset}",
        )
        for offset in range(count)
    )
    stored = Entry.objects.filter(user=user, day__in=[e.day for e in entries])
    Entry.exercises.through.objects.bulk_create(
        Entry.exercises.through(entry_id=entry.pk, exercise_id=exercise.pk)
        for entry in stored
        for exercise in exercises
    )
    return list(stored)


def running_experiment(
    user: AbstractBaseUser,
    today: datetime.date,
    today_is: str,
    *,
    started_days_ago: int = 8,
    weeks: int = 6,
) -> Experiment:
    """A running experiment on the knee whose schedule makes ``today`` a practise ("P") or a
    rest ("R") day: the first seeded schedule that does."""
    for seed in range(200):
        experiment = Experiment.objects.begin(
            user,
            area="knee",
            weeks=weeks,
            start=today - datetime.timedelta(days=started_days_ago),
            today=today,
            rng=random.Random(seed),
        )
        if experiment.assignment(today) == today_is:
            return experiment
        experiment.delete()
    raise AssertionError(f"no seed makes today {today_is}")


def make_relief_session(
    user: AbstractBaseUser,
    *,
    kind: str = "routine",
    area: str = "knee",
    seconds: int = 600,
    before: int = 6,
    **fields: object,
) -> ReliefSession:
    return ReliefSession.objects.create(
        user=user, kind=kind, area=area, seconds=seconds, before=before, **fields
    )


def make_share_link(
    user: AbstractBaseUser,
    start: datetime.date,
    end: datetime.date,
    *,
    days: int = 14,
    include_notes: bool = False,
    label: str = "",
    hours_ago: int = 0,
) -> tuple[ShareLink, str]:
    """A link made ``hours_ago`` hours ago (older links do not count towards the hourly limit),
    with its token."""
    return sharing.create_link(
        user,
        start=start,
        end=end,
        days=days,
        include_notes=include_notes,
        label=label,
        now=timezone.now() - datetime.timedelta(hours=hours_ago),
    )


def make_push_subscription(user: AbstractBaseUser, info: dict) -> PushSubscription:
    """The subscription a browser hands over (``info``: its endpoint and keys), saved for
    ``user``."""
    return PushSubscription.objects.create(
        user=user,
        endpoint=info["endpoint"],
        p256dh=info["keys"]["p256dh"],
        auth=info["keys"]["auth"],
    )
