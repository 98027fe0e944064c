"""The Reports' glue between the database, ``analysis`` and the chart cache.

The analysis and the drawing are pure; this module is the one place that reads the ORM for
them, with a fixed number of queries however long the journal is.
"""

import datetime
import hashlib
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from accounts.models import display_name, profile_of
from exercises.models import Exercise
from journal.models import AREAS, PEG_ITEMS, Entry, Experiment, PegCheckIn

from .analysis import DayRow, PegRow, Report, build_report
from .charts import CHART_KINDS, FORMATS, PHONE_SIZES, SIZES
from .period import Period, ReportRangeForm

# Bump when the drawing changes, so cached charts from the old code are not served.
CHART_STYLE = "3"
# A day: a chart is redrawn in under two seconds, and whatever the cache holds of a
# deleted account that could not be deleted at once is gone within this time.
CHART_CACHE_SECONDS = 24 * 3600
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
    sources += sorted(templates.glob("_chart*.html")) + sorted(templates.glob("_report*.html"))
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
    # The doctor's PDF also prints the weekly PEG scores and a finished experiment: a new
    # check-in, or an experiment started or stopped, must show on it at once.
    peg = connection.ops.quote_name(PegCheckIn._meta.db_table)
    experiment = connection.ops.quote_name(Experiment._meta.db_table)
    sql = (
        f"SELECT COUNT(*), MAX(id), MAX(updated_at), "  # noqa: S608 - table names from _meta
        f"(SELECT COUNT(*) FROM {exercise}), (SELECT MAX(id) FROM {exercise}), "
        f"(SELECT COUNT(*) FROM {exercise} WHERE is_active), "
        f"(SELECT COUNT(*) FROM {peg} WHERE user_id = %s), "
        f"(SELECT MAX(updated_at) FROM {peg} WHERE user_id = %s), "
        f"(SELECT COUNT(*) FROM {experiment} WHERE user_id = %s), "
        f"(SELECT MAX(id) FROM {experiment} WHERE user_id = %s), "
        f"(SELECT COUNT(*) FROM {experiment} WHERE user_id = %s AND stopped_on IS NOT NULL) "
        f"FROM {entry} WHERE user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk] * 6)
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


def load_peg(user: AbstractBaseUser, start: datetime.date, end: datetime.date) -> list[PegRow]:
    """The user's PEG check-ins for the weeks that overlap the range, oldest first; one query."""
    check_ins = (
        PegCheckIn.objects.for_user(user)
        .between(start, end)
        .order_by("week")
        .values_list("week", *PEG_ITEMS)
    )
    return [PegRow(*row) for row in check_ins]


def report_for(user: AbstractBaseUser, period: Period, today: datetime.date) -> Report:
    rows, names = load_rows(user, period.start, period.end)
    return build_report(rows, names, period.start, period.end, today, period.label)


# Every cached chart and PDF of a person lives under a random namespace of theirs, and the
# keys drawn under it are listed, so deleting the account deletes the files (the PDF prints
# the name) and makes anything missed unreachable: "report:<user pk>:<namespace>:...".


def _namespace_key(user_pk: object) -> str:
    return f"report-ns:{user_pk}"


def _index_key(user_pk: object, namespace: str) -> str:
    return f"report-keys:{user_pk}:{namespace}"


def person_namespace(user: AbstractBaseUser) -> str:
    key = _namespace_key(user.pk)
    namespace = cache.get(key)
    if namespace is None:
        namespace = secrets.token_hex(8)
        # No timeout: losing it (a cull) only means the person's charts are drawn again.
        if not cache.add(key, namespace, None):
            namespace = cache.get(key) or namespace  # another worker chose first
    return namespace


def cache_key(user: AbstractBaseUser, period: Period, version: str, name: str) -> str:
    namespace = person_namespace(user)
    # The choice is part of it: "last 90 days" and a custom range of the same dates differ
    # in their wording.
    return (
        f"report:{user.pk}:{namespace}:{period.choice}:{period.start}:{period.end}:{version}:{name}"
    )


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
        _remember(key)
    return report


def cached_bytes(key: str, draw: Callable[[], bytes]) -> bytes:
    content = cache.get(key)
    if content is None:
        content = draw()
        cache.set(key, content, CHART_CACHE_SECONDS)
        _remember(key)
    return content


def _remember(key: str) -> None:
    _, user_pk, namespace, _ = key.split(":", 3)
    _append_to_index(_index_key(user_pk, namespace), key)


def remember_for(user: AbstractBaseUser, key: str) -> None:
    """List a cache key that holds the person's data but is not one of ours (a template
    fragment), so that deleting the account deletes it too."""
    _append_to_index(_index_key(user.pk, person_namespace(user)), key)


def _append_to_index(index: str, key: str) -> None:
    # Two workers may append at once and one key be lost: it is then only unreachable,
    # and gone after CHART_CACHE_SECONDS.
    cache.set(index, [*(cache.get(index) or []), key], CHART_CACHE_SECONDS)


# Drawing is the costly part (0.3-1.6 s for a 20-year range): each person may have this
# many charts or PDFs drawn per clock minute. A page of a new range draws three, and its
# downloads up to seven more; what is already cached is served without counting.
DRAWS_PER_MINUTE = 12


def _draws_key(user_pk: object, minute: int) -> str:
    return f"report-draws:{user_pk}:{minute}"


def drawing_wait(user: AbstractBaseUser) -> int:
    """Count one drawing for ``user``: 0 if allowed now, else seconds until the next minute."""
    now = time.time()
    key = _draws_key(user.pk, int(now // 60))
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
    namespace = cache.get(_namespace_key(user.pk))
    minute = int(time.time() // 60)
    # The drawing counts too: they expire within two minutes, but they are the person's.
    keys = [_namespace_key(user.pk), *(_draws_key(user.pk, m) for m in (minute - 1, minute))]
    if namespace is not None:
        index = _index_key(user.pk, namespace)
        keys += [index, *(cache.get(index) or [])]
    cache.delete_many(keys)


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


def chart_links(period: Period, version: str) -> dict[str, dict[str, object]]:
    """Every chart's URL by kind and format, the phone variant's PNG, and their sizes."""
    return {
        kind: {
            **{fmt: chart_url(period, version, kind, fmt) for fmt in FORMATS},
            "size": SIZES[kind],
            "phone": chart_url(period, version, f"{kind}-phone", "png"),
            "phone_size": PHONE_SIZES[kind],
        }
        for kind in CHART_KINDS
    }


def patient_name(user: AbstractBaseUser) -> str:
    # The name the person chose on their account page, else their full name or username.
    return display_name(user)


def patient_born(user: AbstractBaseUser) -> datetime.date | None:
    """The date of birth the person chose to add to their account page, if any."""
    return profile_of(user).date_of_birth
