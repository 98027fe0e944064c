import datetime
import random

from journal.models import Experiment


def fill(user: object, today: datetime.date) -> None:
    rng = random.Random(7)
    earlier = Experiment.objects.begin(
        user, area="hip", weeks=4, start=today - datetime.timedelta(days=60), today=today, rng=rng
    )
    earlier.stop(today - datetime.timedelta(days=50))
    Experiment.objects.begin(
        user,
        area="knee",
        weeks=6,
        start=today - datetime.timedelta(days=5),
        today=today,
        rng=rng,
        routine="toe-presses,ankle-circles",
    )
