import datetime

from exercises.models import Exercise
from tests.factories import make_entry


def fill(user: object, today: datetime.date) -> None:
    exercises = list(Exercise.objects.order_by("order"))
    make_entry(user, today, back=0, hip=None, knee=10, note="all\nsorts “of” text, 🦶")
    make_entry(user, today - datetime.timedelta(days=3), exercises=exercises[:2])
    make_entry(user, datetime.date(1900, 1, 1), hip=5, exercises=exercises[-1:], note="=1+1")
