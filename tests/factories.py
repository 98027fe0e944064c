"""Small factories: tests say what they need in one line instead of sharing big fixtures."""

import datetime
import random
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from exercises.models import Exercise
from journal.models import Entry, Experiment

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
