"""The Reports page's glue between the database, ``journal.analysis`` and the chart cache.

The analysis and the drawing are pure; this module is the one place that reads the ORM for
them, with a fixed number of queries however long the journal is.
"""

import datetime
import hashlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.urls import reverse

from accounts.models import display_name
from exercises.models import Exercise

from .analysis import DayRow, Report, build_report
from .charts import CHART_KINDS, FORMATS
from .models import AREAS, Entry

# Bump when the drawing changes, so cached charts from the old code are not served.
CHART_STYLE = "1"
CHART_CACHE_SECONDS = 30 * 24 * 3600
# The longest custom range: more is not a journal, and keeps a typo like year 0206 cheap.
MAX_RANGE_DAYS = 20 * 366

RANGE_CHOICES = [
    ("30", "Last 30 days"),
    ("90", "Last 90 days"),
    ("365", "Last 365 days"),
    ("all", "Everything"),
    ("custom", "From – to"),
]


@dataclass(frozen=True)
class Period:
    choice: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.choice in {"30", "90", "365"}:
            return f"Over the last {self.choice} days"
        if self.choice == "all":
            return "Over your whole journal"
        return f"From {self.start:%-d %B %Y} to {self.end:%-d %B %Y}"

    @property
    def query(self) -> dict[str, str]:
        # Chart URLs name the dates, not "last 30 days": the browser keeps a chart for a
        # year, and tomorrow's "last 30 days" is a different chart.
        return {"range": self.choice, "from": self.start.isoformat(), "to": self.end.isoformat()}


class ReportRangeForm(forms.Form):
    range = forms.ChoiceField(choices=RANGE_CHOICES, required=False, initial="90")
    start = forms.DateField(label="From", required=False)
    end = forms.DateField(label="To", required=False)

    def __init__(self, data: Mapping[str, str], *, today: datetime.date) -> None:
        # "from" is a Python keyword, so the query string's names are mapped here.
        data = {"range": data.get("range", "90"), "start": data.get("from"), "end": data.get("to")}
        super().__init__(data)
        self.today = today
        self.fields["start"].error_messages["invalid"] = (
            "Enter the start date as a real date, for example 2026-01-31."
        )
        self.fields["end"].error_messages["invalid"] = (
            "Enter the end date as a real date, for example 2026-03-31."
        )
        self.fields["range"].error_messages["invalid_choice"] = (
            "Choose one of the ranges offered: 30, 90 or 365 days, everything, or from – to."
        )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("range") != "custom" or self.errors:
            return data
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            raise forms.ValidationError("For a custom range, enter both a start and an end date.")
        if start > end:
            raise forms.ValidationError(
                f"The start date ({start:%-d %B %Y}) is after the end date "
                f"({end:%-d %B %Y}). Swap them and try again."
            )
        if end > self.today:
            raise forms.ValidationError(
                f"The end date cannot be after today ({self.today:%-d %B %Y})."
            )
        if (end - start).days + 1 > MAX_RANGE_DAYS:
            raise forms.ValidationError("A custom range can cover at most 20 years.")
        return data

    def period(self, first_day: datetime.date | None) -> Period:
        choice = self.cleaned_data.get("range") or "90"
        if choice == "custom":
            start, end = self.cleaned_data["start"], self.cleaned_data["end"]
            return Period(choice, start, end)
        if choice == "all":
            return Period(choice, min(first_day or self.today, self.today), self.today)
        return Period(choice, self.today - datetime.timedelta(days=int(choice) - 1), self.today)


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


def chart_period(query: Mapping[str, str], today: datetime.date) -> "Period | ReportRangeForm":
    """The dates a chart or PDF URL names, or the bound form with the errors."""
    form = ReportRangeForm(
        {"range": "custom", "from": query.get("from"), "to": query.get("to")}, today=today
    )
    if not form.is_valid():
        return form
    choice = query.get("range")
    label = choice if choice in {"30", "90", "365", "all"} else "custom"
    return Period(label, form.cleaned_data["start"], form.cleaned_data["end"])


def requested_period(user: AbstractBaseUser, form: "ReportRangeForm") -> "Period | None":
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


def _cell(value: float, decimals: int) -> str:
    return "–" if math.isnan(value) else f"{value:.{decimals}f}"


def trend_table(report: Report) -> list[list[str]]:
    trend = report.trend
    # A day's rating is a whole number; a week's is a mean.
    decimals = 1 if trend.weekly else 0
    return [
        [
            f"{start:%-d %b %Y}",
            *(_cell(trend.values[area][i], decimals) for area in AREAS),
            _cell(trend.practice[i], decimals),
        ]
        for i, start in enumerate(trend.starts)
        if not math.isnan(trend.practice[i])
    ]


def patient_name(user: AbstractBaseUser) -> str:
    # The name the person chose on their account page, else their full name or username.
    return display_name(user)
