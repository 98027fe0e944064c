"""The day: Today, a past day, the offline copy of the form, one entry, History and the
guided routine's ticks."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.prompts import ask_for_email, midnight_yesterday
from exercises.models import Exercise, catalog_version
from exercises.routine import build_plan
from footcare import keys
from footcare.vocabulary import AREA_LABELS, EARLIEST_DAY, READY_FACTORS
from journal.checkin.offer import peg_dismissed
from journal.experiment import wording as experiment_wording
from journal.experiment.practice import experiment_now
from journal.models import Entry, Factor, RoutineChoice
from journal.relief.sessions import routine_relief
from journal.version import data_version

from .calendar import WEEKDAYS, month_calendar, parse_month
from .forms import EntryForm, JumpToDayForm, RoutineDoneForm, check_not_future
from .state import DayState, day_state

HISTORY_PAGE_SIZE = 30
# Sent by static/js/day.js when it posts a form kept on the phone: answered with JSON, so
# that a redirect to the login page is never mistaken for a save.
DRAFT_HEADER = "X-Footcare-Draft"
# Sent by static/js/routine.js for each exercise finished mid-routine: answered with JSON.
ROUTINE_HEADER = "X-Footcare-Routine"


def get_own_entry(request: HttpRequest, pk: int) -> Entry:
    return get_object_or_404(Entry.objects.for_user(request.user), pk=pk)


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("journal:today")
    total = SimpleLazyObject(lambda: routine_plan(catalog_version())["total_display"])
    return render(request, "home.html", {"routine_time": total})


@login_required
@require_http_methods(["GET", "POST"])
def today(request: HttpRequest) -> HttpResponse:
    return _edit_day(request, timezone.localdate(), is_today=True)


@login_required
@require_http_methods(["GET", "POST"])
def day(request: HttpRequest, day: datetime.date) -> HttpResponse:
    return _edit_day(request, day, is_today=day == timezone.localdate())


def _edit_day(request: HttpRequest, day: datetime.date, *, is_today: bool) -> HttpResponse:
    try:
        check_not_future(day)
    except ValidationError as error:
        context = {"day": day, "is_today": is_today, "future_error": error.messages[0]}
        return render(request, "journal/day.html", context, status=400)
    if request.method == "POST":
        return _post_day(request, day, is_today)
    return _day_page(request, day, is_today)


# --- saving a day


@dataclass(frozen=True)
class Unsaved:
    """A posted day that was not saved, to show again with what is stored."""

    form: EntryForm
    entry: Entry | None  # the stored entry, as it is now
    conflict: bool  # valid, but the day changed elsewhere since the form was loaded

    @property
    def status(self) -> int:
        return 409 if self.conflict else 400


def _post_day(request: HttpRequest, day: datetime.date, is_today: bool) -> HttpResponse:
    entry = Entry.objects.for_user(request.user).filter(day=day).first()
    form = EntryForm(request.POST, instance=entry, user=request.user)
    if form.is_valid() and not form.is_stale(entry):
        return _saved(request, day, is_today, form.save_for(request.user, day))
    unsaved = Unsaved(form, entry, conflict=form.is_valid())
    if unsaved.conflict:
        _offer_both_versions(unsaved)
    if request.headers.get(DRAFT_HEADER):
        # The page's script sent a kept draft: it keeps it and shows this page's answer.
        return JsonResponse({"saved": False}, status=unsaved.status)
    return _day_page(request, day, is_today, unsaved)


def _saved(request: HttpRequest, day: datetime.date, is_today: bool, saved: Entry) -> HttpResponse:
    # Shown next to the Save button (the "saved" tag), where the thumb that pressed it is.
    messages.success(request, saved_text(request.user, day, is_today), extra_tags="saved")
    url = reverse("journal:today") if is_today else reverse("journal:day", args=[day])
    if request.headers.get(DRAFT_HEADER):
        return JsonResponse({"saved": True, "url": url, "version": saved.version})
    return redirect(url)


def saved_text(user: object, day: datetime.date, is_today: bool) -> str:
    if not is_today:
        return f"Saved {day:%A %-d %B %Y}."
    streak = Entry.objects.for_user(user).days_in_a_row(day)
    if streak > 365:
        return "Saved. Over a year in a row."
    return f"Saved. {streak} days in a row." if streak > 1 else "Saved."


def _offer_both_versions(unsaved: Unsaved) -> None:
    """The conflict page shows what is stored beside what was posted; its "Save mine"
    overwrites the version the person has now seen."""
    entry, form = unsaved.entry, unsaved.form
    if entry is not None:
        # Validating the form copied the posted values onto it; show what is stored.
        entry.refresh_from_db()
    form.data = form.data.copy()
    form.data["version"] = entry.version if entry else "new"


# --- showing a day


def _day_page(
    request: HttpRequest, day: datetime.date, is_today: bool, unsaved: Unsaved | None = None
) -> HttpResponse:
    version = data_version(request.user)
    state = day_state(request.user, day, is_today, version)
    if not state.factors_made:
        # A person's first day page: the ready-made factors become rows of their list.
        Factor.objects.make_ready(request.user, list(READY_FACTORS))
        version = data_version(request.user)
        state = day_state(request.user, day, is_today, version)
    context = {
        "day": day,
        "is_today": is_today,
        "entry_pk": state.entry_pk,
        "experiment_day": state.experiment,
        "saved_message": _saved_message(request),
        "same_as_yesterday": None if state.rated else same_as_yesterday(state.yesterday),
        **_other_days(day, is_today),
        **_prompts(request, day, is_today, state),
    }
    if unsaved is None:
        context.update(_fresh_form(request, day, state, version))
    else:
        context.update(form=unsaved.form, entry=unsaved.entry, conflict=unsaved.conflict)
    return render(request, "journal/day.html", context, status=unsaved.status if unsaved else 200)


def _saved_message(request: HttpRequest) -> str:
    """The confirmation of the save just made, for the Save row (base.html skips it)."""
    return " ".join(str(m) for m in messages.get_messages(request) if "saved" in m.extra_tags)


def same_as_yesterday(ratings: dict[str, int | None] | None) -> dict[str, object] | None:
    """The day before's ratings for the "Same as yesterday" button, or None: it is offered
    only when that day has a rating and this one has none yet."""
    if ratings is None:
        return None
    said = (
        f"{AREA_LABELS[area].lower()} {'not rated' if value is None else value}"
        for area, value in ratings.items()
    )
    return {"ratings": list(ratings.items()), "text": "Yesterday: " + ", ".join(said) + "."}


def _fresh_form(
    request: HttpRequest, day: datetime.date, state: DayState, version: str
) -> dict[str, object]:
    """The filled-in form of a GET, kept as HTML under ``page_key``: its fields and the
    page's journal parts are the same until the day or the catalog changes (or the date,
    which the links depend on). The form is built only when that HTML is not kept yet."""
    page_key = keys.day_page(request.user.pk, day, timezone.localdate(), version, catalog_version())
    form = SimpleLazyObject(
        lambda: EntryForm(instance=state.load_entry(request.user), user=request.user)
    )
    return {"form": form, "page_key": page_key}


def _other_days(day: datetime.date, is_today: bool) -> dict[str, datetime.date | None]:
    return {
        "previous_day": day - datetime.timedelta(days=1) if day > EARLIEST_DAY else None,
        "next_day": None if is_today else day + datetime.timedelta(days=1),
    }


def _prompts(
    request: HttpRequest, day: datetime.date, is_today: bool, state: DayState
) -> dict[str, object]:
    """What Today asks besides the form: whether the person means yesterday (after
    midnight), for an email address, and for this week's check-in."""
    return {
        "midnight_yesterday": (
            midnight_yesterday(request.user) if is_today and state.entry_pk is None else None
        ),
        "ask_for_email": is_today and ask_for_email(request.user),
        "peg_offer": is_today and not state.peg_saved and not peg_dismissed(request, day),
    }


@login_required
@require_safe
def offline_shell(request: HttpRequest) -> HttpResponse:
    """Today's form with nothing of the journal in it, kept by the service worker and shown
    for any day page opened without a network; static/js/day.js fills in the kept draft."""
    Factor.objects.listed(request.user)  # the ready-made factors, if not made yet
    form = EntryForm(initial={"version": "unknown"}, user=request.user)
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


# --- one entry


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


# --- History


@login_required
def history(request: HttpRequest) -> HttpResponse:
    jump = JumpToDayForm(request.GET if "day" in request.GET else None)
    if jump.is_bound and jump.is_valid():
        return redirect("journal:day", jump.cleaned_data["day"])
    user = request.user
    entries = (
        Entry.objects.for_user(user)
        .order_by("-day")
        .with_exercises()
        .prefetch_related(Prefetch("factors", queryset=Factor.objects.order_by("pk")))
    )
    requested_page = request.GET.get("page")
    today = timezone.localdate()
    first = parse_month(request.GET.get("month"), today)
    month = first or today.replace(day=1)
    # The month and the list are each cached under everything they show: the person, the
    # journal's version (any save, edit or delete changes it), the month or the requested
    # page, and for the list the catalog's version (a renamed exercise). On a hit neither is
    # read from the database: the page costs the user and the version queries.
    version = data_version(user)
    context = {
        "jump": jump,
        "month_error": first is None,
        "today": today,
        "weekdays": WEEKDAYS,
        "month": SimpleLazyObject(lambda: month_calendar(user, month, today)),
        "month_key": keys.history_month(user.pk, version, month, today, first is None),
        "page": SimpleLazyObject(
            lambda: Paginator(entries, HISTORY_PAGE_SIZE).get_page(requested_page)
        ),
        "list_key": keys.history_list(user.pk, version, catalog_version(), requested_page),
    }
    bad = jump.is_bound or first is None
    return render(request, "journal/history.html", context, status=400 if bad else 200)


# --- the guided routine's ticks


@login_required
def routine(request: HttpRequest) -> HttpResponse:
    return _routine_page(request, RoutineDoneForm())


@login_required
@require_POST
def routine_done(request: HttpRequest) -> HttpResponse:
    form = RoutineDoneForm(request.POST)
    as_json = bool(request.headers.get(ROUTINE_HEADER))
    if not form.is_valid():
        if as_json:
            return JsonResponse({"saved": False, "errors": form.errors["exercises"]}, status=400)
        return _routine_page(request, form, status=400)
    done = form.cleaned_data["exercises"]
    today = timezone.localdate()
    if as_json:
        # One exercise finished mid-routine: ticked at once, so that leaving, a reload or a
        # closed tab loses nothing; the page goes on, and says nothing until the end.
        if done:
            Entry.objects.add_exercises(request.user, today, done)
        return JsonResponse({"saved": sorted(exercise.pk for exercise in done)})
    if not done:
        messages.info(request, "No exercise was finished, so today's entry is unchanged.")
    else:
        Entry.objects.add_exercises(request.user, today, done)
        names = ", ".join(exercise.name for exercise in done)
        text = f"Well done! Ticked on today's entry: {names}."
        running = experiment_now(request.user, today)
        if running and running["rest_today"]:
            text += " " + experiment_wording.REST_DAY_SAVED
        messages.success(request, text)
    # Rated before the routine: the rating after it comes next.
    session = form.cleaned_data.get("relief_session")
    if session and session.user_id == request.user.pk and session.after is None:
        return redirect("journal:relief_after", pk=session.pk)
    return redirect("journal:today")


def _routine_page(request: HttpRequest, form: RoutineDoneForm, status: int = 200) -> HttpResponse:
    version = catalog_version()
    today = timezone.localdate()
    running = experiment_now(request.user, today)
    done_today = Entry.exercises.through.objects.filter(entry__user=request.user, entry__day=today)
    chosen = RoutineChoice.objects.chosen_ids(request.user)
    routine = "-".join(map(str, chosen)) or "all"
    context = {
        "plan": routine_plan(version, chosen, routine),
        "form": form,
        "catalog_key": keys.catalog_page(version, routine),
        "is_own_routine": bool(chosen),
        "relief": routine_relief(request.user, request.GET.get("session")),
        "experiment_now": running,
        "rest_day": bool(running and running["rest_today"]),
        # What routine.js needs to offer "Carry on from exercise 3 of 5" and to fold the
        # safety texts after the first exercise of the day.
        "routine_today": {
            "day": today.isoformat(),
            "done": sorted(done_today.values_list("exercise_id", flat=True)),
            "rest_day": bool(running and running["rest_today"]),
        },
    }
    return render(request, "journal/routine.html", context, status=status)


def routine_plan(
    version: str, chosen: list[int] | None = None, routine: str = "all"
) -> dict[str, object]:
    """The routine of the chosen exercises in their order (none chosen: every active one),
    built once per catalog version and choice in each worker."""
    key = keys.routine_plan(version, routine)
    plan = caches["pages"].get(key)
    if plan is None:
        exercises = Exercise.objects.active().with_drawings()
        if chosen:
            found = exercises.in_bulk(chosen)
            exercises = [found[pk] for pk in chosen if pk in found]
        plan = build_plan(exercises)
        caches["pages"].set(key, plan, keys.FRAGMENT_SECONDS)
    return plan
