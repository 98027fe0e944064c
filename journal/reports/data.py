"""The Reports' glue between the database, ``analysis`` and the chart cache.

The analysis and the drawing are pure; this module is the one place that reads the ORM for
them, with a fixed number of queries however long the journal is.
"""

import datetime
import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from exercises.models import Exercise
from journal.models import AREAS, Entry

from .analysis import DayRow, Report, build_report
from .charts import CHART_KINDS, FORMATS
from .period import Period, ReportRangeForm

# Bump when the drawing changes, so cached charts from the old code are not served.
CHART_STYLE = "2"
CHART_CACHE_SECONDS = 30 * 24 * 3600
# A computed report (and the page's rendered body) holds today's streak: a day at most.
REPORT_CACHE_SECONDS = 24 * 3600


def _code_version() -> str:
    """A fingerprint of the code and templates that turn a journal into a report.

    It is part of every data version, so a deployment that changes the analysis, the wording,
    the drawing or the page never serves a report, chart or page body cached by the old code
    (nor unpickles an old Report into a changed class).
    """
    here = Path(__file__).resolve().parent
    templates = Path(settings.BASE_DIR) / "templates" / "journal"
    sources = sorted(here.glob("*.py")) + sorted(templates.glob("reports*.html"))
    sources += sorted(templates.glob("_chart*.html"))
    digest = hashlib.sha256(CHART_STYLE.encode())
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:12]


CODE_VERSION = _code_version()


def first_day(user: AbstractBaseUser) -> datetime.date | None:
    return Entry.objects.for_user(user).order_by("day").values_list("day", flat=True).first()


def data_version(user: AbstractBaseUser) -> str:
    """A short fingerprint of the user's journal that changes with any save or delete.

    Every save goes through Entry.save (``updated_at`` moves, also for a change of ticked
    exercises through ``save_day``); a delete lowers the count; a delete plus a new day
    raises the largest id. The catalog is part of the charts too: an exercise added or
    retired changes the version (a renamed one does not; CHART_STYLE is there for that).

    One statement for both tables: every chart request runs it, and it was two ORM
    aggregates. An aggregate without GROUP BY always returns one row, even for no entries.
    """
    entry = connection.ops.quote_name(Entry._meta.db_table)
    exercise = connection.ops.quote_name(Exercise._meta.db_table)
    sql = (
        f"SELECT COUNT(*), MAX(id), MAX(updated_at), "  # noqa: S608 - table names from _meta
        f"(SELECT COUNT(*) FROM {exercise}), (SELECT MAX(id) FROM {exercise}), "
        f"(SELECT COUNT(*) FROM {exercise} WHERE is_active) "
        f"FROM {entry} WHERE user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk])
        stats = cursor.fetchone()
    raw = f"{CODE_VERSION}|{user.pk}|{stats}"
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
    # The choice is part of it: "last 90 days" and a custom range of the same dates differ
    # in their wording.
    return f"report:{user.pk}:{period.choice}:{period.start}:{period.end}:{version}:{name}"


def report_key(user: AbstractBaseUser, period: Period, today: datetime.date, version: str) -> str:
    """The key of one computed report: the same for the page, its charts and the PDF."""
    return cache_key(user, period, version, f"report-{today}")


def cached_report(
    user: AbstractBaseUser, period: Period, today: datetime.date, version: str
) -> Report:
    """The report for the period, computed once per (person, range, day, data version).

    The page, each of its charts and the PDF ask for it; whichever comes first computes it
    (three queries and the analysis) and the others read it from the deployment's cache.
    """
    key = report_key(user, period, today, version)
    report = cache.get(key)
    if report is None:
        report = report_for(user, period, today)
        cache.set(key, report, REPORT_CACHE_SECONDS)
    return report


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
