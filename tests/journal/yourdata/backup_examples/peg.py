import datetime

from journal.models import PegCheckIn, monday_of


def fill(user: object, today: datetime.date) -> None:
    monday = monday_of(today)
    PegCheckIn.objects.create(user=user, week=monday, pain=4, enjoyment=None, activity=6)
    PegCheckIn.objects.create(
        user=user, week=monday - datetime.timedelta(weeks=3), pain=7, enjoyment=7, activity=8
    )
