import datetime

from journal.models import Factor
from tests.factories import make_entry


def tick(user: object, last_day: datetime.date) -> None:
    """Ready-made and own factors, shown and hidden (names a spreadsheet would take for
    formulas), ticked on three days up to ``last_day``."""
    listed = Factor.objects.listed(user)
    slept, flare = listed[1], listed[4]
    flare.shown = False
    flare.save()
    cycled = Factor.objects.add_own(user, "=Cycled to work")
    gone = Factor.objects.add_own(user, "Long drive")
    gone.shown = False
    gone.save()
    for back, ticked in ((3, [cycled]), (2, [flare]), (1, [gone, slept])):
        day = last_day - datetime.timedelta(days=back - 1)
        make_entry(user, day, back=back, note="n").factors.set(ticked)


def fill(user: object, today: datetime.date) -> None:
    # Days of their own, far from the other examples' days.
    tick(user, today - datetime.timedelta(days=400))
