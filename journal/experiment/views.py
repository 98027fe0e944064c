"""The randomised self-experiment: start it, follow it, stop it, read its result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from exercises.models import Exercise
from journal.models import Experiment, ExperimentAlreadyOpen, RoutineChoice

from . import wording
from .forms import ExperimentStartForm
from .practice import practised_on
from .results import experiment_days, experiment_text, results_for, verdict


def get_own_experiment(request: HttpRequest, pk: int) -> Experiment:
    return get_object_or_404(Experiment.objects.for_user(request.user), pk=pk)


@login_required
@require_safe
def experiments(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    mine = list(Experiment.objects.for_user(request.user).select_related("user"))
    results = results_for(mine, today, secondary=False)
    listed = [(e, verdict(e, result)) for e, result in zip(mine, results, strict=True)]
    running = Experiment.objects.for_user(request.user).running(today).exists()
    return render(
        request, "journal/experiments.html", {"listed": listed, "running": running, "today": today}
    )


@login_required
@require_http_methods(["GET", "POST"])
def experiment_start(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    running = Experiment.objects.for_user(request.user).running(today).first()
    if running is not None:
        return _already_running(request, running)
    own = RoutineChoice.objects.chosen_ids(request.user)
    form = ExperimentStartForm(
        request.POST if request.method == "POST" else None,
        practised_today=practised_on(request.user, today),
        routine=RoutineChoice.objects.routine_of(request.user) if own else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            experiment = Experiment.objects.begin(
                request.user,
                area=form.cleaned_data["area"],
                weeks=form.cleaned_data["weeks"],
                start=form.start_date(today),
                today=today,
                routine=form.routine_slugs(),
            )
        except ExperimentAlreadyOpen:
            # Started in another tab a moment ago.
            running = Experiment.objects.for_user(request.user).running(today).first()
            return _already_running(request, running)
        messages.success(request, f"Your {experiment.weeks}-week experiment has started.")
        return redirect(experiment)
    context = {
        "form": form,
        "asks": wording.EXPERIMENT_ASKS,
        "why": wording.EXPERIMENT_WHY,
        "only_today": wording.EXPERIMENT_ONLY_TODAY,
    }
    status = 400 if form.is_bound else 200
    return render(request, "journal/experiment_start.html", context, status=status)


def _already_running(request: HttpRequest, running: Experiment | None) -> HttpResponse:
    """The start page while an experiment runs: that sentence once, and no form."""
    context = {"open_one": running, "already": wording.EXPERIMENT_ALREADY_OPEN}
    status = 400 if request.method == "POST" else 200
    return render(request, "journal/experiment_start.html", context, status=status)


@login_required
@require_safe
def experiment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = get_own_experiment(request, pk)
    today = timezone.localdate()
    (result,) = results_for([experiment], today)
    context = {
        "experiment": experiment,
        "result": result,
        "text": experiment_text(experiment, result),
        "days": experiment_days(experiment, today),
        "can_stop": experiment.is_open and today <= experiment.end,
        "method": wording.EXPERIMENT_METHOD,
        "routine_names": routine_names(experiment.routine),
    }
    return render(request, "journal/experiment_detail.html", context)


def routine_names(slugs: str) -> list[str]:
    """The exercises of an experiment's routine by name, in order; [] for all of them."""
    wanted = [slug for slug in slugs.split(",") if slug]
    if not wanted:
        return []
    names = dict(Exercise.objects.filter(slug__in=wanted).values_list("slug", "name"))
    return [names.get(slug, slug) for slug in wanted]


@login_required
@require_http_methods(["GET", "POST"])
def experiment_stop(request: HttpRequest, pk: int) -> HttpResponse:
    experiment = get_own_experiment(request, pk)
    today = timezone.localdate()
    if not experiment.is_open or today > experiment.end:
        messages.info(request, "This experiment has already ended.")
        return redirect(experiment)
    if request.method == "POST":
        experiment.stop(today)
        messages.success(request, "The experiment is stopped. Its result is incomplete.")
        return redirect(experiment)
    context = {"experiment": experiment, "warning": wording.EXPERIMENT_STOP_WARNING}
    return render(request, "journal/experiment_stop.html", context)
