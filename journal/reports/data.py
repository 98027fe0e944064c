"""The Reports' cache: computed reports, drawn charts and PDFs, per person and data version.

The analysis and the drawing are pure; ``journal.rows`` reads the ORM for them with a fixed
number of queries however long the journal is. Every key comes from ``footcare.keys``.

Every cached chart and PDF of a person lives under a random namespace of theirs, and the
keys drawn under it are listed, so deleting the account deletes the files (the PDF prints
the name) and makes anything missed unreachable.
"""

import datetime
import secrets
import time
from collections.abc import Callable
from dataclasses import replace

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache

from footcare import keys
from journal.analysis.report import Report, build_report
from journal.reports.period import Period
from journal.rows import load_factors, load_medicine_events, load_rows

# A day: a chart is redrawn in under two seconds, and whatever the cache holds of a
# deleted account that could not be deleted at once is gone within this time.
CHART_CACHE_SECONDS = 24 * 3600
# A computed report (and the page's rendered body) holds today's streak: a day at most.
REPORT_CACHE_SECONDS = 24 * 3600


def report_for(user: AbstractBaseUser, period: Period, today: datetime.date) -> Report:
    rows, names = load_rows(user, period.start, period.end)
    ticked, factor_names = load_factors(user, period.start, period.end)
    rows = [replace(row, factors=ticked.get(row.day, frozenset())) for row in rows]
    return build_report(
        rows,
        names,
        period.start,
        period.end,
        today,
        period.label,
        factor_names=factor_names,
        medicine_events=load_medicine_events(user, period.start, period.end),
    )


def person_namespace(user: AbstractBaseUser) -> str:
    key = keys.report_namespace(user.pk)
    namespace = cache.get(key)
    if namespace is None:
        namespace = secrets.token_hex(8)
        # No timeout: losing it (a cull) only means the person's charts are drawn again.
        if not cache.add(key, namespace, None):
            namespace = cache.get(key) or namespace  # another worker chose first
    return namespace


def cache_key(user: AbstractBaseUser, period: Period, version: str, name: str) -> str:
    """The key of one file (chart, PDF) or computed report of the person's range."""
    period_key = (period.choice, period.start, period.end)
    return keys.report_file(user.pk, person_namespace(user), period_key, version, name)


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
        remember_for(user, key)
    return report


def cached_bytes(user: AbstractBaseUser, key: str, draw: Callable[[], bytes]) -> bytes:
    content = cache.get(key)
    if content is None:
        content = draw()
        cache.set(key, content, CHART_CACHE_SECONDS)
        remember_for(user, key)
    return content


def remember_for(user: AbstractBaseUser, key: str) -> None:
    """List a cache key that holds the person's data, so that deleting the account deletes
    it too (a template fragment of theirs as well as a file)."""
    index = keys.report_index(user.pk, person_namespace(user))
    # Two workers may append at once and one key be lost: it is then only unreachable,
    # and gone after CHART_CACHE_SECONDS.
    cache.set(index, [*(cache.get(index) or []), key], CHART_CACHE_SECONDS)


# Drawing is the costly part (0.3-1.6 s for a 20-year range): each person may have this
# many charts or PDFs drawn per clock minute. A page of a new range draws three, and its
# downloads up to seven more; what is already cached is served without counting.
DRAWS_PER_MINUTE = 12


def drawing_wait(user: AbstractBaseUser) -> int:
    """Count one drawing for ``user``: 0 if allowed now, else seconds until the next minute."""
    now = time.time()
    key = keys.drawings(user.pk, int(now // 60))
    cache.add(key, 0, 120)
    try:
        count = cache.incr(key)
    except ValueError:  # culled between add and incr: count this drawing as the first
        cache.set(key, 1, 120)
        count = 1
    if count <= DRAWS_PER_MINUTE:
        return 0
    return max(1, 60 - int(now % 60))


def forget_person(user: AbstractBaseUser) -> None:
    """Delete every cached chart and PDF of ``user`` and the namespace they lived under."""
    namespace = cache.get(keys.report_namespace(user.pk))
    minute = int(time.time() // 60)
    # The drawing counts too: they expire within two minutes, but they are the person's.
    doomed = [
        keys.report_namespace(user.pk),
        *(keys.drawings(user.pk, m) for m in (minute - 1, minute)),
    ]
    if namespace is not None:
        index = keys.report_index(user.pk, namespace)
        doomed += [index, *(cache.get(index) or [])]
    cache.delete_many(doomed)
