"""The clinician links: the owner's pages (create, list, revoke) and the public pages.

The public pages need no login and show one report range read-only: the doctor's page in
HTML, the PDF and the FHIR export, nothing else. Every public answer, including "no such
link" and "too many tries", carries headers that keep it out of caches, referrers and
search engines.
"""

import functools
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from footcare.vocabulary import counted
from journal.analysis.report import Report, weekly_means
from journal.models import ShareLink
from journal.reports import doctor
from journal.reports.data import (
    cache_key,
    cached_bytes,
    cached_report,
    drawing_wait,
    report_for,
)
from journal.reports.drawing.pdf import doctor_trend_png
from journal.reports.period import Period
from journal.reports.wording.checkin import peg_text
from journal.reports.wording.doctor import weekly_rows
from journal.reports.wording.page import describe_trend
from journal.transfer import fhir
from journal.version import data_version

from . import links as sharing
from .forms import ShareLinkForm, default_range

PUBLIC_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


def get_own_share_link(request: HttpRequest, pk: int) -> ShareLink:
    return get_object_or_404(ShareLink.objects.for_user(request.user), pk=pk)


# --- the owner's pages


@login_required
@require_http_methods(["GET", "POST"])
def share_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "POST":
        form = ShareLinkForm(request.POST, today=today)
    else:
        start, end = default_range(today)
        initial = {"start": request.GET.get("from") or start, "end": request.GET.get("to") or end}
        form = ShareLinkForm(initial=initial, today=today)
    status = 400 if form.is_bound else 200
    if form.is_bound and form.is_valid():
        try:
            link, token = sharing.create_link(request.user, now=timezone.now(), **form.cleaned_data)
        except sharing.TooManyLinks as refusal:
            form.add_error(None, refusal.message)
            status = 429
        else:
            url = request.build_absolute_uri(reverse("share:page", args=[token]))
            context = {"link": link, "url": url, "qr": sharing.qr_svg(url)}
            # The token is shown this once and never stored, so this page must not be cached.
            response = render(request, "journal/share_created.html", context)
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "journal/share_new.html", {"form": form}, status=status)


@login_required
@require_safe
def share_links(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    links = [(link, link.status_at(now)) for link in ShareLink.objects.for_user(request.user)]
    live = sum(1 for _link, status in links if status == "Active")
    return render(request, "journal/share_links.html", {"links": links, "live": live})


@login_required
@require_http_methods(["GET", "POST"])
def share_end(request: HttpRequest, pk: int) -> HttpResponse:
    """Ending a link asks first, naming it: with the newest first, the wrong one was ended."""
    link = get_own_share_link(request, pk)
    if request.method == "GET":
        return render(request, "journal/share_end.html", {"link": link})
    return share_revoke(request, pk)


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_own_share_link(request, pk)
    sharing.end_link(link, timezone.now())
    messages.success(
        request,
        f"The link {link.label_or_range} ({link.start:%-d %b %Y} to {link.end:%-d %b %Y}, "
        f"made on {timezone.localtime(link.created_at):%-d %b %Y}) no longer works.",
    )
    return redirect("journal:share_links")


@login_required
@require_http_methods(["GET", "POST"])
def share_end_all(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    if request.method == "POST":
        ended = sharing.end_every_link(request.user, now)
        messages.success(request, f"{counted(ended, 'link')} ended: none of your links works now.")
        return redirect("journal:share_links")
    live = ShareLink.objects.for_user(request.user).live(now).count()
    return render(request, "journal/share_end_all.html", {"live": live})


# --- the public pages


def public(view: Callable[[HttpRequest, ShareLink], HttpResponse]) -> Callable[..., HttpResponse]:
    """Find the live link for the URL's token, or answer 404 (and count the miss) or 429."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        if sharing.guessing_blocked(request):
            response = render(request, "share/too_many.html", status=429)
            response["Retry-After"] = str(sharing.GUESS_WINDOW_SECONDS)
        elif (link := sharing.find_live_link(token, timezone.now())) is None:
            sharing.record_miss(request)
            response = render(request, "share/not_found.html", status=404)
        else:
            response = view(request, link)
        for header, value in PUBLIC_HEADERS.items():
            response[header] = value
        return response

    return require_safe(wrapper)


def _period(link: ShareLink) -> Period:
    return Period("custom", link.start, link.end)


@public
def share_page(request: HttpRequest, link: ShareLink) -> HttpResponse:
    today = timezone.localdate()
    report = report_for(link.user, _period(link), today)
    sharing.record_view(link, timezone.now())
    inputs = doctor.DoctorInputs.gather(link.user, link.start, link.end, today)
    context = {
        "link": link,
        "patient": inputs.patient.name,
        "generated": today,
        "report": report,
        "doctor": doctor.page_text(report, inputs, today),
        "weekly_rows": weekly_rows(weekly_means(report.rows)),
        "peg": peg_text(inputs.peg),
        "notes": sharing.shared_notes(link),
        "trend_alt": describe_trend(report),
    }
    return render(request, "share/page.html", context)


def _drawn(
    request: HttpRequest, link: ShareLink, name: str, draw: Callable[[Report], bytes]
) -> bytes | HttpResponse:
    """A file of the link's range, from the owner's cache; drawn on a miss and then charged
    to the owner's drawing budget, as if they had asked for it (links are not a way around
    the limit)."""
    today, user, period = timezone.localdate(), link.user, _period(link)
    version = data_version(user)
    key = cache_key(user, period, version, name)
    if cache.get(key) is None and (wait := drawing_wait(user)):
        return _busy(request, wait)
    return cached_bytes(user, key, lambda: draw(cached_report(user, period, today, version)))


def _busy(request: HttpRequest, wait: int) -> HttpResponse:
    response = render(request, "share/busy.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


@public
def share_pdf(request: HttpRequest, link: ShareLink) -> HttpResponse:
    today, user = timezone.localdate(), link.user

    def draw(report: Report) -> bytes:
        inputs = doctor.DoctorInputs.gather(user, report.start, report.end, today)
        return doctor.draw(report, inputs, today)

    # The same page and cache entry as the owner's own download of this range today.
    content = _drawn(request, link, doctor.file_name(doctor.Patient.of(user), today), draw)
    if isinstance(content, HttpResponse):
        return content
    filename = f"footcare-report-{link.start}-to-{link.end}.pdf"
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@public
def share_trend(request: HttpRequest, link: ShareLink) -> HttpResponse:
    content = _drawn(request, link, "doctor-trend.png", doctor_trend_png)
    if isinstance(content, HttpResponse):
        return content
    return HttpResponse(content, content_type="image/png")


@public
def share_fhir(request: HttpRequest, link: ShareLink) -> HttpResponse:
    # Written while it is sent (bounded memory), never cached whole: a cache hit would load
    # the whole file into the worker again. Each file costs the owner one drawing.
    if wait := drawing_wait(link.user):
        return _busy(request, wait)
    chunks = fhir.bundle_for(link.user, link.start, link.end, timezone.now())
    return fhir.fhir_response(chunks, fhir.fhir_filename(link.start, link.end))
