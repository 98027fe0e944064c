"""The randomised self-experiment: start it, follow it, stop it, read its result."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from .forms import ExperimentStartForm
from .models import PRACTISE, Area, Experiment, ExperimentAlreadyOpen
from .reports import wording
from .reports.data import load_rows
from .reports.experiment import ExperimentResult, experiment_result


def get_own_experiment(request: HttpRequest, pk: int) -> Experiment:
    return get_object_or_404(Experiment.objects.for_user(request.user), pk=pk)


def results_for(
    experiments: list[Experiment], today: datetime.date, *, secondary: bool = True
) -> list[ExperimentResult]:
    """Each experiment's result, from one load of the days they cover (three queries)."""
    if not experiments:
        return []
    # The day after the last one holds the last day's outcome.
    rows, _names = load_rows(
        experiments[0].user,
        min(e.start for e in experiments),
        max(e.end for e in experiments) + datetime.timedelta(days=1),
    )
    return [experiment_result(e.plan(), rows, today, secondary=secondary) for e in experiments]


def verdict(experiment: Experiment, result: ExperimentResult) -> dict[str, str]:
    label = Area(experiment.area).label
    return {
        "status": wording.experiment_status_text(result),
        "verdict": wording.experiment_verdict(result, label),
    }


def day_assignment(
    experiment: Experiment | None, day: datetime.date, is_today: bool
) -> dict[str, object] | None:
    """What Today (or a past day's page) shows of the experiment covering the day: that day's
    assignment only."""
    if experiment is None:
        return None
    practise = experiment.assignment(day) == PRACTISE
    return {
        "url": experiment.get_absolute_url(),
        "practise": practise,
        "heading": wording.assignment_heading(practise, is_today),
        "instruction": wording.assignment_instruction(practise) if is_today else "",
        "day_text": wording.experiment_day_text(
            (day - experiment.start).days + 1, experiment.days, Area(experiment.area).label
        ),
    }


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
    form = ExperimentStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            experiment = Experiment.objects.begin(
                request.user,
                area=form.cleaned_data["area"],
                weeks=form.cleaned_data["weeks"],
                start=form.start_date(today),
                today=today,
            )
        except ExperimentAlreadyOpen:
            form.add_error(None, wording.EXPERIMENT_ALREADY_OPEN)
        else:
            messages.success(request, f"Your {experiment.weeks}-week experiment has started.")
            return redirect(experiment)
    running = Experiment.objects.for_user(request.user).running(today).first()
    context = {"form": form, "open_one": running, "asks": wording.EXPERIMENT_ASKS}
    status = 400 if form.is_bound else 200
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
    }
    return render(request, "journal/experiment_detail.html", context)


def experiment_text(experiment: Experiment, result: ExperimentResult) -> dict[str, object]:
    label = Area(experiment.area).label
    primary = result.primary
    return {
        **verdict(experiment, result),
        "p_value": wording.randomisation_text(primary.test) if primary.test else "",
        "secondary": [
            wording.experiment_area_text(area, Area(area.area).label) for area in result.secondary
        ],
        "secondary_caption": wording.EXPERIMENT_SECONDARY_CAPTION,
        "as_done": wording.as_done_text(result.as_done, label),
        "as_done_caption": wording.EXPERIMENT_AS_DONE_CAPTION,
        "adherence": wording.experiment_adherence_text(result.adherence),
    }


def experiment_days(
    experiment: Experiment, today: datetime.date
) -> list[tuple[datetime.date, str]]:
    """Past days and today with their assignment, newest first; never a future day."""
    shown = experiment.assignments_until(today)
    return [
        (
            experiment.start + datetime.timedelta(days=index),
            wording.assignment_name(letter == PRACTISE),
        )
        for index, letter in reversed(list(enumerate(shown)))
    ]


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
