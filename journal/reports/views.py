"""The Reports' views: the page, each chart and the doctor's PDF, served from the cache."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from footcare import keys
from journal.analysis.report import Report
from journal.relief.results import relief_report
from journal.version import data_version

from . import doctor
from .data import (
    DRAWS_PER_MINUTE,
    cache_key,
    cached_bytes,
    cached_report,
    drawing_wait,
    remember_for,
    report_key,
)
from .drawing.charts import chart_bytes
from .drawing.style import FORMATS
from .page import ReportPage, chart_url, requested_period
from .period import RANGE_CHOICES, Period, ReportRangeForm, chart_period


@login_required
@require_safe
def reports(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = ReportRangeForm(request.GET, today=today)
    context: dict[str, object] = {"form": form, "range_choices": RANGE_CHOICES}
    user = request.user
    period = requested_period(user, form)
    if period is None:
        return render(request, "journal/reports.html", context, status=400)
    version = data_version(user)
    # The page's body is cached under the report's key: its parts are worked out only when
    # that body has to be rendered.
    page = ReportPage(user, period, today, version)
    body_key = report_key(user, period, today, version)
    context.update(
        period=period,
        page=page,
        body_key=body_key,
        # For the range form's script; known without a query only on "Everything", and the
        # page reloads with the real dates at once anyway.
        first_day=period.start if period.choice == "all" else None,
        relief=relief_report(user),
    )
    response = render(request, "journal/reports.html", context)
    if page.rendered:
        # The rendered body is the person's data too: deleting the account deletes it.
        remember_for(user, keys.fragment("report_body", body_key))
    return response


@dataclass(frozen=True)
class OwnDownload:
    period: Period
    key: str  # the cache key: this user, these dates, this data version, this file
    version: str  # the journal's data version, which the shared report is cached under


def get_own_download(request: HttpRequest, name: str, fmt: str) -> OwnDownload | HttpResponse:
    """The access rule for every chart and PDF URL: it only ever shows the signed-in user's
    own journal, at its current version.

    The URL names the dates and a data version. A link with another version (an old one,
    or someone else's) is redirected to this user's own current file; a bad date is a 400.
    The answer is the period and cache key to serve, or the response to send instead.
    """
    today = timezone.localdate()
    user = request.user
    # Links from the page name their dates; a typed or bookmarked URL without them gets the
    # page's own range (the last 90 days unless ?range= says otherwise) and is redirected.
    if "from" in request.GET or "to" in request.GET:
        period = chart_period(request.GET, today)
    else:
        form = ReportRangeForm(request.GET, today=today)
        period = requested_period(user, form) or form
    if isinstance(period, ReportRangeForm):
        message = " ".join(error for errors in period.errors.values() for error in errors)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    version = data_version(user)
    if request.GET.get("v") != version:
        response = redirect(chart_url(period, version, *([name, fmt] if name else [])))
        response["Cache-Control"] = "private, no-cache"
        return response
    # The doctor's report prints today's date and the current streak, so it is one per day.
    file = f"{name}.{fmt}" if name else doctor.file_name(doctor.Patient.of(user), today)
    return OwnDownload(period, cache_key(user, period, version, file), version)


def _cached_download(
    request: HttpRequest, name: str, fmt: str, draw: Callable[[Report], bytes]
) -> HttpResponse:
    """Serve one chart or PDF from the cache, drawing it on a miss.

    The URL carries the data version: a new entry changes it, and the page then links a new
    URL. The browser revalidates each use by the ETag, which a new release changes too.
    """
    own = get_own_download(request, name, fmt)
    if isinstance(own, HttpResponse):
        return own
    period = own.period
    etag = keys.etag(own.key)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        # Drawing is limited per person; what is already cached is served without counting.
        if cache.get(own.key) is None and (wait := drawing_wait(request.user)):
            return _too_many_drawings(wait)
        # Drawn from the report the page computed, when it is still in the cache.
        today = timezone.localdate()
        content = cached_bytes(
            request.user,
            own.key,
            lambda: draw(cached_report(request.user, period, today, own.version)),
        )
        response = HttpResponse(content, content_type=FORMATS[fmt])
        if fmt != "png":
            filename = f"footcare-{name or 'report'}-{period.start}-to-{period.end}.{fmt}"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    # Revalidated on every use (a 304 costs two small queries) rather than kept for a year:
    # a chart prints the person's data and must not outlive a logout on a shared computer.
    response["Cache-Control"] = "private, no-cache"
    return response


def _too_many_drawings(wait: int) -> HttpResponse:
    response = HttpResponse(
        f"You asked for more than {DRAWS_PER_MINUTE} new charts or reports in a minute. "
        f"Charts already drawn still show; new ones can be drawn again in {wait} seconds.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def report_chart(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    # ``kind`` may name a variant, e.g. "trend-phone": the URL pattern allows only real ones.
    return _cached_download(request, kind, fmt, lambda report: chart_bytes(report, kind, fmt))


@login_required
@require_safe
def report_pdf(request: HttpRequest) -> HttpResponse:
    user, today = request.user, timezone.localdate()

    def draw(report: Report) -> bytes:
        inputs = doctor.DoctorInputs.gather(user, report.start, report.end, today)
        return doctor.draw(report, inputs, today)

    return _cached_download(request, "", "pdf", draw)
