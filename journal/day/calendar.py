"""History's month calendar: one cell per day with its pain and whether exercises were done.

The month's entries come in one query whatever their number (a test counts them).
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef

from footcare.vocabulary import AREAS, EARLIEST_DAY
from journal.models import Entry, Factor

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class DayCell:
    day: datetime.date
    in_month: bool
    logged: bool
    pain: int | None  # the highest rating of the day; None when nothing was rated
    practised: bool
    openable: bool  # today or before: a day can be opened to fill in or correct
    factors: bool = False  # any factor of the day ticked


@dataclass(frozen=True)
class Month:
    first: datetime.date
    weeks: list[list[DayCell]]
    previous: datetime.date | None  # None for January 1900: the journal starts then
    next: datetime.date | None  # None for the current month: the future cannot be logged
    logged_days: int


def parse_month(value: str | None, today: datetime.date) -> datetime.date | None:
    """``"2026-11"`` -> 1 November 2026; None when the value is not a month or is in the future."""
    if not value:
        return today.replace(day=1)
    try:
        first = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None
    # The journal starts in January 1900; earlier months (year 1 among them, whose first
    # week begins before the calendar does) have nothing to show.
    return first if EARLIEST_DAY <= first <= today else None


def month_calendar(
    user: settings.AUTH_USER_MODEL, first: datetime.date, today: datetime.date
) -> Month:
    weeks_of_days = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks_of_days[0][0], weeks_of_days[-1][-1]
    practised = Exists(Entry.exercises.through.objects.filter(entry_id=OuterRef("pk")))
    marked = Exists(Factor.days.through.objects.filter(entry_id=OuterRef("pk")))
    rows = (
        Entry.objects.for_user(user)
        .between(start, end)
        .annotate(practised=practised, marked=marked)
        .values_list("day", *AREAS, "practised", "marked")
    )
    by_day = {row[0]: row for row in rows}

    def cell(day: datetime.date) -> DayCell:
        row = by_day.get(day)
        ratings = [value for value in row[1:-2] if value is not None] if row else []
        return DayCell(
            day=day,
            in_month=day.month == first.month,
            logged=row is not None,
            pain=max(ratings) if ratings else None,
            practised=bool(row and row[-2]),
            openable=day <= today,
            factors=bool(row and row[-1]),
        )

    last_day = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    following = last_day + datetime.timedelta(days=1)
    return Month(
        first=first,
        weeks=[[cell(day) for day in week] for week in weeks_of_days],
        previous=(first - datetime.timedelta(days=1)).replace(day=1)
        if first > EARLIEST_DAY
        else None,
        next=following if following <= today else None,
        logged_days=sum(1 for day in by_day if first <= day <= last_day),
    )
