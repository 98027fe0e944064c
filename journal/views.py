import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.prompts import ask_for_email, midnight_yesterday
from exercises.models import Exercise, catalog_version
from exercises.routine import build_plan

from . import peg
from .calendar import WEEKDAYS, month_calendar, parse_month
from .experiment_views import day_assignment
from .forms import EntryForm, JumpToDayForm, PegForm, RoutineDoneForm, check_not_future
from .models import EARLIEST_DAY, Entry, Experiment, PegCheckIn, monday_of
from .reports.data import data_version

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

    form: EntryForm | SimpleLazyObject | None = None
    entry, status = None, 200
    if request.method == "POST":
        answer = _post_day(request, day, is_today, context)
        if isinstance(answer, HttpResponse):
            return answer
        form, entry, status = answer
    version = data_version(request.user)
    state = day_state(request.user, day, is_today, version)
    if form is None:
        # The page's journal parts and the filled-in form are the same HTML until the day or
        # the catalog changes (or the date, which the links depend on): the form is built and
        # rendered only when its fragment is not cached yet.
        form = SimpleLazyObject(lambda: EntryForm(instance=state.load_entry(request.user)))
        today = timezone.localdate()
        context["page_key"] = f"{request.user.pk}:{day}:{today}:{version}:{catalog_version()}"
    context.update(
        form=form,
        entry=entry,
        entry_pk=state.entry_pk,
        experiment_day=state.experiment,
        previous_day=day - datetime.timedelta(days=1) if day > EARLIEST_DAY else None,
        next_day=None if is_today else day + datetime.timedelta(days=1),
        midnight_yesterday=midnight_yesterday() if is_today and state.entry_pk is None else None,
        ask_for_email=is_today and ask_for_email(request.user),
        peg_offer=is_today and not state.peg_saved and not _peg_dismissed(request, day),
    )
    return render(request, "journal/day.html", context, status=status)


def _post_day(
    request: HttpRequest, day: datetime.date, is_today: bool, context: dict[str, object]
) -> HttpResponse | tuple[EntryForm, Entry | None, int]:
    """Save the posted day; else the form to show again, the stored entry and the status."""
    entry = Entry.objects.for_user(request.user).filter(day=day).first()
    form = EntryForm(request.POST, instance=entry)
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
    return form, entry, status


@dataclass(frozen=True)
class DayState:
    """What a day's page shows of the journal besides the form, kept per data version."""

    entry_pk: int | None
    peg_saved: bool  # this week's PEG check-in (asked on Today only)
    experiment: dict[str, object] | None

    def load_entry(self, user: AbstractBaseUser) -> Entry | None:
        if self.entry_pk is None:
            return None
        # Deleted in another tab since the version was read: the form is then blank.
        return Entry.objects.for_user(user).filter(pk=self.entry_pk).first()


def day_state(user: AbstractBaseUser, day: datetime.date, is_today: bool, version: str) -> DayState:
    """The day's entry id, this week's PEG and the experiment's assignment, kept in the
    worker's memory while the journal's version is unchanged: a day page is opened many times
    for each save."""
    key = f"day-state:{user.pk}:{day}:{is_today}:{version}"
    state = caches["pages"].get(key)
    if state is None:
        state = _load_day_state(user, day, is_today)
        caches["pages"].set(key, state, 24 * 3600)
    return state


def _load_day_state(user: AbstractBaseUser, day: datetime.date, is_today: bool) -> DayState:
    """The day's entry id, whether this week's PEG is saved and the experiment covering the
    day, in one query; the experiment itself is read only on the days it covers."""
    mine = {"user": OuterRef("pk")}
    experiments = Experiment.objects.filter(**mine).covering(day)  # newest first
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            entry_pk=Subquery(Entry.objects.filter(**mine, day=day).values("pk")[:1]),
            peg_saved=Exists(PegCheckIn.objects.filter(**mine, week=monday_of(day))),
            experiment_pk=Subquery(experiments.values("pk")[:1]),
        )
        .values("entry_pk", "peg_saved", "experiment_pk")
        .get()
    )
    experiment = None
    if row["experiment_pk"] is not None:
        experiment = Experiment.objects.filter(pk=row["experiment_pk"]).first()
    return DayState(
        entry_pk=row["entry_pk"],
        peg_saved=row["peg_saved"],
        experiment=day_assignment(experiment, day, is_today),
    )


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
    version = catalog_version()
    context = {"plan": routine_plan(version), "form": form, "catalog_version": version}
    return render(request, "journal/routine.html", context, status=status)


def routine_plan(version: str) -> dict[str, object]:
    """The routine of the active exercises, built once per catalog version in each worker."""
    key = f"routine:plan:{version}"
    plan = caches["pages"].get(key)
    if plan is None:
        plan = build_plan(Exercise.objects.active())
        caches["pages"].set(key, plan, 24 * 3600)
    return plan


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
    requested_page = request.GET.get("page")
    today = timezone.localdate()
    first = parse_month(request.GET.get("month"), today)
    month = first or today.replace(day=1)
    context = {"jump": jump, "month_error": first is None, "today": today, "weekdays": WEEKDAYS}
    # The month and the list are each cached under everything they show: the person, the
    # journal's version (any save, edit or delete changes it), the month or the requested
    # page, and for the list the catalog's version (a renamed exercise). On a hit neither is
    # read from the database: the page costs the user and the version queries.
    version = f"{request.user.pk}:{data_version(request.user)}"
    context["month"] = SimpleLazyObject(lambda: month_calendar(request.user, month, today))
    context["month_version"] = f"{version}:{month}:{today}:{first is None}"
    context["page"] = SimpleLazyObject(
        lambda: Paginator(entries, HISTORY_PAGE_SIZE).get_page(requested_page)
    )
    context["list_version"] = f"{version}:{catalog_version()}:{requested_page}"
    bad = jump.is_bound or first is None
    return render(request, "journal/history.html", context, status=400 if bad else 200)


# --- the weekly PEG check-in

PEG_DISMISSED = "peg_dismissed_week"


def _peg_dismissed(request: HttpRequest, today: datetime.date) -> bool:
    """Today offers the PEG until this week's is saved or the person says "not this week"."""
    return request.session.get(PEG_DISMISSED) == monday_of(today).isoformat()


@login_required
@require_http_methods(["GET", "POST"])
def peg_check_in(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    week = monday_of(today)
    check_in = PegCheckIn.objects.for_user(request.user).filter(week=week).first()
    initial = (
        {item.field: getattr(check_in, item.field) for item in peg.ITEMS} if check_in else None
    )
    form = PegForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        saved = form.save_for(request.user, week)
        score = "" if saved.score is None else f" Your PEG score this week is {saved.score:.1f}."
        messages.success(request, f"Saved your check-in for the week of {week:%-d %B %Y}.{score}")
        return redirect("journal:today")
    context = {"form": form, "week": week, "check_in": check_in, "peg": peg}
    return render(request, "journal/peg.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def peg_dismiss(request: HttpRequest) -> HttpResponse:
    request.session[PEG_DISMISSED] = monday_of(timezone.localdate()).isoformat()
    messages.info(request, "The weekly check-in will be offered again next week.")
    return redirect("journal:today")
