import datetime
import hashlib
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from exercises.models import Exercise
from exercises.routine import build_plan

from .analysis import Report
from .calendar import WEEKDAYS, month_calendar, parse_month
from .charts import FORMATS, SIZES, chart_bytes, doctor_pdf
from .forms import EntryForm, JumpToDayForm, RoutineDoneForm, check_not_future
from .models import Entry
from .reporting import (
    RANGE_CHOICES,
    ReportRangeForm,
    cache_key,
    cached_bytes,
    chart_links,
    chart_period,
    chart_url,
    data_version,
    patient_name,
    report_for,
    requested_period,
    trend_table,
)

HISTORY_PAGE_SIZE = 30
# Sent by static/js/day.js when it posts a form kept on the phone: answered with JSON, so
# that a redirect to the login page is never mistaken for a save.
DRAFT_HEADER = "X-Footcare-Draft"


def get_own_entry(request: HttpRequest, pk: int) -> Entry:
    return get_object_or_404(Entry.objects.for_user(request.user), pk=pk)


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("journal:today")
    return render(request, "home.html")


@login_required
@require_http_methods(["GET", "POST"])
def today(request: HttpRequest) -> HttpResponse:
    return _edit_day(request, timezone.localdate(), is_today=True)


@login_required
@require_http_methods(["GET", "POST"])
def day(request: HttpRequest, day: datetime.date) -> HttpResponse:
    return _edit_day(request, day, is_today=day == timezone.localdate())


def _edit_day(request: HttpRequest, day: datetime.date, *, is_today: bool) -> HttpResponse:
    context: dict[str, object] = {"day": day, "is_today": is_today}
    try:
        check_not_future(day)
    except ValidationError as error:
        context["future_error"] = error.messages[0]
        return render(request, "journal/day.html", context, status=400)

    entry = Entry.objects.for_user(request.user).filter(day=day).first()
    form = EntryForm(request.POST if request.method == "POST" else None, instance=entry)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and form.is_stale(entry):
            status = 409
            context["conflict"] = True
            if entry is not None:
                # Validating the form copied the posted values onto it; show what is stored.
                entry.refresh_from_db()
            # "Save mine" on this page overwrites the version the person has now seen.
            form.data = form.data.copy()
            form.data["version"] = entry.version if entry else "new"
        elif form.is_valid():
            saved = form.save_for(request.user, day)
            messages.success(request, f"Saved {day:%A %-d %B %Y}.")
            url = reverse("journal:today") if is_today else reverse("journal:day", args=[day])
            if request.headers.get(DRAFT_HEADER):
                return JsonResponse({"saved": True, "url": url, "version": saved.version})
            return redirect(url)
        if request.headers.get(DRAFT_HEADER):
            # The page's script sent a kept draft: it keeps it and shows this page's answer.
            return JsonResponse({"saved": False}, status=status)
    context.update(
        form=form,
        entry=entry,
        previous_day=day - datetime.timedelta(days=1),
        next_day=None if is_today else day + datetime.timedelta(days=1),
    )
    return render(request, "journal/day.html", context, status=status)


@login_required
@require_safe
def offline_shell(request: HttpRequest) -> HttpResponse:
    """Today's form with nothing of the journal in it, kept by the service worker and shown
    for any day page opened without a network; static/js/day.js fills in the kept draft."""
    form = EntryForm(initial={"version": "unknown"})
    day = timezone.localdate()
    context = {
        "day": day,
        "is_today": True,
        "form": form,
        "offline_shell": True,
        "previous_day": day - datetime.timedelta(days=1),
    }
    response = render(request, "journal/day.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def routine(request: HttpRequest) -> HttpResponse:
    return _routine_page(request, RoutineDoneForm())


@login_required
@require_POST
def routine_done(request: HttpRequest) -> HttpResponse:
    form = RoutineDoneForm(request.POST)
    if not form.is_valid():
        return _routine_page(request, form, status=400)
    done = form.cleaned_data["exercises"]
    if not done:
        messages.info(request, "No exercise was finished, so today's entry is unchanged.")
        return redirect("journal:today")
    Entry.objects.add_exercises(request.user, timezone.localdate(), done)
    names = ", ".join(exercise.name for exercise in done)
    messages.success(request, f"Well done! Ticked on today's entry: {names}.")
    return redirect("journal:today")


def _routine_page(request: HttpRequest, form: RoutineDoneForm, status: int = 200) -> HttpResponse:
    plan = build_plan(Exercise.objects.active())
    return render(request, "journal/routine.html", {"plan": plan, "form": form}, status=status)


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_own_entry(request, pk)
    return render(request, "journal/entry_detail.html", {"entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_own_entry(request, pk)
    if request.method == "POST":
        entry.delete()
        messages.success(request, f"Deleted the entry for {entry.day:%A %-d %B %Y}.")
        return redirect("journal:history")
    return render(request, "journal/entry_confirm_delete.html", {"entry": entry})


@login_required
def history(request: HttpRequest) -> HttpResponse:
    jump = JumpToDayForm(request.GET if "day" in request.GET else None)
    if jump.is_bound and jump.is_valid():
        return redirect("journal:day", jump.cleaned_data["day"])
    entries = Entry.objects.for_user(request.user).order_by("-day").with_exercises()
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    first = parse_month(request.GET.get("month"), today)
    context = {"page": page, "jump": jump, "month_error": first is None, "today": today}
    context["weekdays"] = WEEKDAYS
    context["month"] = month_calendar(request.user, first or today.replace(day=1), today)
    bad = jump.is_bound or first is None
    return render(request, "journal/history.html", context, status=400 if bad else 200)


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
    report = report_for(user, period, today)
    context.update(
        period=period,
        report=report,
        trend_table=trend_table(report),
        pdf_url=chart_url(period, version),
        charts=chart_links(period, version),
        sizes=SIZES,
    )
    return render(request, "journal/reports.html", context)


def _cached_download(
    request: HttpRequest, name: str, fmt: str, draw: Callable[[Report], bytes]
) -> HttpResponse:
    """Serve one chart or PDF from the cache, drawing it on a miss.

    The URL carries the data version, so the browser may keep the file for a year: a new
    entry changes the version, and the page then links a new URL.
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
        # An old or someone else's link: send this user to their own current chart.
        response = redirect(chart_url(period, version, *([name, fmt] if name else [])))
        response["Cache-Control"] = "private, no-cache"
        return response
    # The doctor's report prints today's date and the current streak, so it is one per day.
    key = cache_key(user, period, version, f"{name}.{fmt}" if name else f"doctor-{today}.pdf")
    etag = f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        content = cached_bytes(key, lambda: draw(report_for(user, period, today)))
        response = HttpResponse(content, content_type=FORMATS[fmt])
        if fmt != "png":
            filename = f"footcare-{name or 'report'}-{period.start}-to-{period.end}.{fmt}"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    # Charts never change under their URL; the report is revalidated, as it changes daily.
    response["Cache-Control"] = (
        "private, max-age=31536000, immutable" if name else "private, no-cache"
    )
    return response


@login_required
@require_safe
def report_chart(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    return _cached_download(request, kind, fmt, lambda report: chart_bytes(report, kind, fmt))


@login_required
@require_safe
def report_pdf(request: HttpRequest) -> HttpResponse:
    patient = patient_name(request.user)
    today = timezone.localdate()
    return _cached_download(request, "", "pdf", lambda report: doctor_pdf(report, patient, today))
