"""The Reports' glue between the database, ``analysis`` and the chart cache.

The analysis and the drawing are pure; this module is the one place that reads the ORM for
them, with a fixed number of queries however long the journal is.
"""

import datetime
import hashlib
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.urls import reverse

from exercises.models import Exercise
from journal.models import AREAS, Entry

from .analysis import DayRow, Report, build_report
from .charts import CHART_KINDS, FORMATS
from .period import Period, ReportRangeForm

# Bump when the drawing changes, so cached charts from the old code are not served.
CHART_STYLE = "1"
CHART_CACHE_SECONDS = 30 * 24 * 3600


def first_day(user: AbstractBaseUser) -> datetime.date | None:
    return Entry.objects.for_user(user).order_by("day").values_list("day", flat=True).first()


def data_version(user: AbstractBaseUser) -> str:
    """A short fingerprint of the user's journal that changes with any save or delete.

    Every save goes through Entry.save (``updated_at`` moves, also for a change of ticked
    exercises through ``save_day``); a delete lowers the count; a delete plus a new day
    raises the largest id. The catalog is part of the charts too: an exercise added or
    retired changes the version (a renamed one does not; CHART_STYLE is there for that).
    """
    stats = Entry.objects.for_user(user).aggregate(
        count=Count("pk"), last_id=Max("pk"), updated=Max("updated_at")
    )
    names = Exercise.objects.aggregate(
        count=Count("pk"), last_id=Max("pk"), active=Count("pk", filter=Q(is_active=True))
    )
    raw = f"{CHART_STYLE}|{user.pk}|{stats}|{names}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def load_rows(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date
) -> tuple[list[DayRow], list[str]]:
    """The user's days in the range as plain rows, in three queries whatever the range."""
    entries = (
        Entry.objects.for_user(user)
        .between(start, end)
        .order_by("day")
        .values_list("pk", "day", *AREAS)
    )
    done: dict[int, set[str]] = {}
    through = Entry.exercises.through.objects.filter(
        entry__user=user, entry__day__gte=start, entry__day__lte=end
    ).values_list("entry_id", "exercise__name")
    for entry_id, name in through:
        done.setdefault(entry_id, set()).add(name)
    rows = [
        DayRow(day, dict(zip(AREAS, ratings, strict=True)), frozenset(done.get(pk, ())))
        for pk, day, *ratings in entries
    ]
    # Active exercises in routine order, plus retired ones that appear in this range.
    used = set().union(*(row.exercises for row in rows)) if rows else set()
    names = [
        name
        for name, active in Exercise.objects.order_by("order").values_list("name", "is_active")
        if active or name in used
    ]
    return rows, names


def report_for(user: AbstractBaseUser, period: Period, today: datetime.date) -> Report:
    rows, names = load_rows(user, period.start, period.end)
    return build_report(rows, names, period.start, period.end, today, period.label)


def cache_key(user: AbstractBaseUser, period: Period, version: str, name: str) -> str:
    return f"report:{user.pk}:{period.start}:{period.end}:{version}:{name}"


def cached_bytes(key: str, draw: Callable[[], bytes]) -> bytes:
    content = cache.get(key)
    if content is None:
        content = draw()
        cache.set(key, content, CHART_CACHE_SECONDS)
    return content


def requested_period(user: AbstractBaseUser, form: ReportRangeForm) -> Period | None:
    """The period the Reports page shows for its bound range form; None when it is invalid."""
    if not form.is_valid():
        return None
    return form.period(first_day(user) if form.cleaned_data["range"] == "all" else None)


def chart_url(period: Period, version: str, kind: str = "", fmt: str = "") -> str:
    path = (
        reverse("journal:report_chart", args=[kind, fmt]) if kind else reverse("journal:report_pdf")
    )
    return f"{path}?{urlencode({**period.query, 'v': version})}"


def chart_links(period: Period, version: str) -> dict[str, dict[str, str]]:
    """Every chart's URL by kind and format, for the page."""
    return {
        kind: {fmt: chart_url(period, version, kind, fmt) for fmt in FORMATS}
        for kind in CHART_KINDS
    }


def patient_name(user: AbstractBaseUser) -> str:
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()
