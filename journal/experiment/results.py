"""The experiment as its pages show it: results from one load of the days, the verdict in
words, and a day's assignment (what Today shows of it)."""

import datetime

from footcare.vocabulary import AREA_LABELS
from journal.analysis.experiment import PRACTISE, ExperimentResult, experiment_result
from journal.models import Experiment
from journal.rows import experiment_routines, load_rows

from . import wording


def results_for(
    experiments: list[Experiment], today: datetime.date, *, secondary: bool = True
) -> list[ExperimentResult]:
    """Each experiment's result, from one load of the days they cover and of the catalog
    (four queries)."""
    if not experiments:
        return []
    # The day after the last one holds the last day's outcome.
    rows, _names = load_rows(
        experiments[0].user,
        min(e.start for e in experiments),
        max(e.end for e in experiments) + datetime.timedelta(days=1),
    )
    routines = experiment_routines(experiments)
    return [
        experiment_result(e.plan(routines[e.pk]), rows, today, secondary=secondary)
        for e in experiments
    ]


def verdict(experiment: Experiment, result: ExperimentResult) -> dict[str, str]:
    label = AREA_LABELS[experiment.area]
    return {
        "status": wording.experiment_status_text(result),
        "verdict": wording.experiment_verdict(result, label),
    }


def experiment_text(experiment: Experiment, result: ExperimentResult) -> dict[str, object]:
    label = AREA_LABELS[experiment.area]
    primary = result.primary
    return {
        **verdict(experiment, result),
        "p_value": wording.randomisation_text(primary.test) if primary.test else "",
        "secondary": [
            wording.experiment_area_text(area, AREA_LABELS[area.area], result.rung(area.area))
            for area in result.secondary
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


def day_assignment(
    experiment: Experiment | None, day: datetime.date, is_today: bool
) -> dict[str, object] | None:
    """What a day's page shows of the experiment covering the day, in one line: that day's
    assignment only, and where the experiment stands ("Experiment: day 9 of 42")."""
    if experiment is None:
        return None
    practise = experiment.assignment(day) == PRACTISE
    return {
        "url": experiment.get_absolute_url(),
        "practise": practise,
        "is_today": is_today,
        "heading": wording.assignment_heading(practise),
        "instruction": wording.assignment_instruction(practise) if is_today else "",
        "day_text": wording.experiment_day_text(experiment.day_number(day), experiment.days),
    }
