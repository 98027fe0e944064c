from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from exercises.routine import format_seconds
from footcare.vocabulary import AREAS
from journal.models import ReliefComparison, ReliefSession
from journal.models.relief import LATER_AFTER, ComparisonAlreadyRunning, SessionKind
from notifications.push import queue_notification

from .forms import AfterForm, BeforeForm, ComparisonForm, LaterForm
from .sessions import start_session


def get_own_session(request: HttpRequest, pk: int) -> ReliefSession:
    return get_object_or_404(ReliefSession.objects.for_user(request.user), pk=pk)


def _first_error(form: object) -> str:
    return next(iter(form.errors.values()))[0]


@login_required
@require_POST
def before(request: HttpRequest) -> HttpResponse:
    form = BeforeForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Nothing was saved: {_first_error(form)}")
        return redirect("journal:routine")
    session = start_session(request.user, form.cleaned_data["before"], form.cleaned_data["area"])
    if session.kind == SessionKind.REST:
        return redirect("journal:relief_rest", pk=session.pk)
    return redirect(f"{reverse('journal:routine')}?session={session.pk}")


@login_required
def rest(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_own_session(request, pk)
    if session.kind != SessionKind.REST:
        raise Http404("This session is a routine, not a rest.")
    if session.after is not None:
        return redirect("journal:relief_comparison")
    context = {"session": session, "time": format_seconds(session.seconds), "form": AfterForm()}
    return render(request, "journal/relief_rest.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def after(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_own_session(request, pk)
    if session.after is not None:
        messages.info(request, "The rating after this session is already saved.")
        return redirect("journal:today")
    form = AfterForm(request.POST or None)
    if form.is_valid():
        session.after = form.cleaned_data["after"]
        session.after_at = timezone.now()
        session.later_wanted = form.cleaned_data["later_wanted"]
        session.save(update_fields=["after", "after_at", "later_wanted"])
        text = f"Saved: {session.get_area_display().lower()} pain {session.before} before, "
        text += f"{session.after} after."
        if session.later_wanted:
            due = timezone.localtime(session.after_at + LATER_AFTER)
            text += f" Rate it once more from {due:%H:%M} on the Routine page"
            # On a locked screen: no rating in the title, only what to do.
            devices = queue_notification(
                request.user,
                "Time to rate your pain once more",
                url=reverse("journal:relief_later", args=[session.pk]),
                tag=f"relief-{session.pk}",
                at=session.after_at + LATER_AFTER,
                kind="relief-later",
            )
            text += "; your phone will remind you." if devices else "."
        messages.success(request, text)
        return redirect("journal:today")
    context = {"session": session, "form": form}
    return render(request, "journal/relief_after.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def later(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_own_session(request, pk)
    if not ReliefSession.objects.later_due(timezone.now()).filter(pk=session.pk).exists():
        messages.info(
            request,
            "This rating is asked between 30 minutes and 3 hours after a session you asked "
            "to be reminded of, once; there is none to give now.",
        )
        return redirect("journal:routine")
    form = LaterForm(request.POST or None)
    if form.is_valid():
        session.later = form.cleaned_data["later"]
        session.later_at = timezone.now()
        session.save(update_fields=["later", "later_at"])
        messages.success(request, f"Saved: {session.later} thirty minutes on.")
        return redirect("journal:today")
    context = {"session": session, "form": form}
    return render(request, "journal/relief_later.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def comparison(request: HttpRequest) -> HttpResponse:
    mine = ReliefComparison.objects.for_user(request.user)
    running = mine.running().first()
    form = ComparisonForm(request.POST or None, initial={"area": AREAS[0]})
    if request.method == "POST" and "stop" in request.POST:
        if running:
            running.ended_at = timezone.now()
            running.save(update_fields=["ended_at"])
            messages.success(request, "The comparison is stopped; its sessions stay in Reports.")
        return redirect("journal:relief_comparison")
    if form.is_valid():
        try:
            mine.begin(request.user, area=form.cleaned_data["area"])
        except ComparisonAlreadyRunning:
            messages.info(request, "A comparison is already running: it carries on.")
        else:
            messages.success(
                request, "The comparison has started: rate your pain before your next routine."
            )
        return redirect("journal:routine")
    done = running.sessions.count() if running else 0
    context = {"running": running, "done": done, "form": form}
    return render(
        request, "journal/relief_comparison.html", context, status=400 if form.errors else 200
    )
