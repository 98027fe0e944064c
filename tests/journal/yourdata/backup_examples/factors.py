import datetime

from journal.models import Factor
from tests.factories import make_entry


def fill(user: object, today: datetime.date) -> None:
    listed = Factor.objects.listed(user)
    slept, flare = listed[1], listed[4]
    flare.shown = False
    flare.save()
    cycled = Factor.objects.add_own(user, "=Cycled to work")
    gone = Factor.objects.add_own(user, "Long drive")
    gone.shown = False
    gone.save()
    # Days of their own, far from the other examples' days.
    for offset, ticked in ((403, [cycled]), (402, [flare]), (401, [gone, slept])):
        entry = make_entry(
            user, today - datetime.timedelta(days=offset), back=offset - 400, note=""
        )
        entry.factors.set(ticked)
