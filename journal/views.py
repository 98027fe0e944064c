import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from exercises.models import Exercise, catalog_version
from exercises.routine import build_plan

from .forms import EntryForm, JumpToDayForm, RoutineDoneForm, check_not_future
from .models import Entry
from .reports.data import data_version

HISTORY_PAGE_SIZE = 30


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
    if request.method == "POST":
        if form.is_valid():
            form.save_for(request.user, day)
            messages.success(request, f"Saved {day:%A %-d %B %Y}.")
            return redirect("journal:today" if is_today else reverse("journal:day", args=[day]))
        status = 400
    else:
        status = 200
    context.update(
        form=form,
        entry=entry,
        previous_day=day - datetime.timedelta(days=1),
        next_day=None if is_today else day + datetime.timedelta(days=1),
    )
    return render(request, "journal/day.html", context, status=status)


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
    plan = routine_plan()
    return render(request, "journal/routine.html", {"plan": plan, "form": form}, status=status)


def routine_plan() -> dict[str, object]:
    """The routine of the active exercises, built once per catalog version in each worker."""
    key = f"routine:plan:{catalog_version()}"
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
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    # The list is cached under everything it shows: the journal's version (any save, edit or
    # delete changes it) and the catalog's (a renamed exercise). On a hit the page's rows are
    # never loaded.
    version = f"{data_version(request.user)}:{catalog_version()}:{page.number}"
    return render(
        request,
        "journal/history.html",
        {"page": page, "jump": jump, "list_version": version},
        status=400 if jump.is_bound else 200,
    )
