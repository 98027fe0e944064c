"""Realistic sample journals for the demo account and for benchmarks.

The numbers are invented but shaped like real diaries: pain drifts slowly, practice on
one day goes with a little less pain the next, some days are never logged and some areas
are left unrated.
"""

import datetime
import random
from dataclasses import dataclass

from footcare.vocabulary import AREAS

# Baseline pain per area and how much a day of practice lowers the next day's rating.
BASELINE = {"back": 5.5, "hip": 4.0, "knee": 5.0}
NEXT_DAY_EFFECT = {"back": 0.8, "hip": 0.4, "knee": 1.3}
NOTES = [
    "Long day on my feet.",
    "Slept badly, stiff in the morning.",
    "Walked to the shops, knee ok.",
    "Did the routine before breakfast.",
    "Rainy; back ached more than usual.",
    "Felt looser after the toe presses.",
]


@dataclass(frozen=True)
class DemoDay:
    day: datetime.date
    ratings: dict[str, int | None]
    exercise_orders: tuple[int, ...]
    note: str


def demo_days(
    end: datetime.date, days: int, *, exercise_orders: list[int], seed: int = 7
) -> list[DemoDay]:
    rng = random.Random(seed)
    result: list[DemoDay] = []
    practised_yesterday = False
    for offset in range(days - 1, -1, -1):
        day = end - datetime.timedelta(days=offset)
        progress = 1 - offset / max(days, 1)  # 0 at the start, 1 today
        practised = rng.random() < 0.45 + 0.3 * progress
        if rng.random() < 0.08:  # a day that was never logged
            practised_yesterday = practised
            continue
        ratings: dict[str, int | None] = {}
        for area in AREAS:
            mean = BASELINE[area] - 1.0 * progress
            if practised_yesterday:
                mean -= NEXT_DAY_EFFECT[area]
            value = round(rng.gauss(mean, 1.2))
            ratings[area] = None if rng.random() < 0.05 else min(10, max(0, value))
        done: tuple[int, ...] = ()
        if practised and exercise_orders:
            done = tuple(sorted(rng.sample(exercise_orders, rng.randint(2, len(exercise_orders)))))
        note = rng.choice(NOTES) if rng.random() < 0.2 else ""
        result.append(DemoDay(day, ratings, done, note))
        practised_yesterday = practised
    return result
