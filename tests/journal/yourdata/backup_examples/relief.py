import datetime
import random

from journal.models import ReliefComparison, ReliefSession
from tests.factories import make_relief_session

START = datetime.datetime(2026, 11, 20, 8, 0, 0, 123456, tzinfo=datetime.UTC)


def rate(user: object) -> None:
    """A comparison under way with three rated sessions, and a session outside it."""
    comparison = ReliefComparison.objects.begin(user, area="knee", rng=random.Random(4))
    for position, letter in enumerate(comparison.schedule[:3]):
        at = START + datetime.timedelta(days=position)
        ReliefSession.objects.create(
            user=user,
            kind="routine" if letter == "R" else "rest",
            area="knee",
            comparison=comparison,
            position=position,
            routine="toe-presses,ankle-circles",
            seconds=298,
            before=6,
            before_at=at,
            after=4,
            after_at=at + datetime.timedelta(minutes=6),
            later_wanted=position == 1,
            later=3 if position == 1 else None,
            later_at=at + datetime.timedelta(minutes=40) if position == 1 else None,
        )
    make_relief_session(user, area="back", before=7, before_at=START - datetime.timedelta(hours=1))


def fill(user: object, today: datetime.date) -> None:
    rate(user)
    ended = ReliefComparison.objects.create(
        user=user,
        area="hip",
        schedule="RS",
        started_at=START - datetime.timedelta(days=30),
        ended_at=START - datetime.timedelta(days=28),
    )
    ReliefSession.objects.create(
        user=user,
        kind="rest",
        area="hip",
        comparison=ended,
        position=1,
        seconds=300,
        before=5,
        before_at=START - datetime.timedelta(days=29),
    )
