"""The Reports page of one period: the range asked for, its links, and what its body shows.

The body is cached as HTML under the report's key (reports.html); ``ReportPage`` works out
the report, its sentences, the links and the PEG table only when that HTML has to be
rendered, and says whether it was.
"""

import datetime
from functools import cached_property
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from journal.analysis.report import Report
from journal.rows import first_day, load_peg

from .data import cached_report
from .drawing.style import CHART_KINDS, FORMATS, PHONE_SIZES, SIZES
from .period import Period, ReportRangeForm
from .wording.checkin import PegText, peg_text
from .wording.factors import FactorText, factor_text, markers_alt
from .wording.page import ReportText, report_text


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


class ReportPage:
    """What the page's body shows of a period, each part worked out when first asked for."""

    def __init__(
        self, user: AbstractBaseUser, period: Period, today: datetime.date, version: str
    ) -> None:
        self.user = user
        self.period = period
        self.today = today
        self.version = version
        self.rendered = False  # the body was rendered, not read from the cache

    @cached_property
    def report(self) -> Report:
        self.rendered = True
        return cached_report(self.user, self.period, self.today, self.version)

    @cached_property
    def text(self) -> ReportText:
        return report_text(self.report)

    @cached_property
    def charts(self) -> dict[str, dict[str, object]]:
        return chart_links(self.period, self.version)

    @cached_property
    def pdf_url(self) -> str:
        return chart_url(self.period, self.version)

    @cached_property
    def peg(self) -> PegText:
        return peg_text(load_peg(self.user, self.period.start, self.period.end))

    @cached_property
    def factors(self) -> FactorText:
        return factor_text(self.report)

    @cached_property
    def trend_alt(self) -> str:
        """The trend chart's alt text, with the medicine changes it marks."""
        return self.text.trend + markers_alt(self.report)
