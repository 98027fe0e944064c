""" "Your whole routine" is the person's own routine ("my routine") on the Reports, and the
experiment's own routine (fixed at its start) in the experiment's adherence: every exercise
of it on one day, whatever else was ticked."""

import datetime
import random

import pytest
from django.core.cache import cache

from exercises.models import Exercise
from journal.models import Experiment, RoutineChoice
from tests.factories import make_entries, make_entry

from ..conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")

REPORTS = "/journal/reports/?range=30"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def test_the_reports_count_a_day_with_every_exercise_of_my_routine_as_the_whole_routine(
    alice, user, catalog
) -> None:
    make_entries(user, TODAY, 30)  # the first two exercises of the catalog, every day
    everything = alice.get(REPORTS).text
    assert "all 5 exercises of your routine" in everything
    assert "30 days with only some of them are counted apart" in everything

    RoutineChoice.objects.choose(user, [catalog[1], catalog[0]])
    mine = alice.get(REPORTS).text
    assert (
        f"“Your whole routine” means all 2 exercises of your routine ({catalog[1].name}, "
        f"{catalog[0].name}) on one day, compared with days with no exercise at all."
    ) in mine
    assert "with only some of them" not in mine


def an_experiment_done_as_asked(user, exercises, routine: str) -> Experiment:
    """An experiment to today: ``exercises`` on each practise day, nothing on rest days."""
    start = TODAY - datetime.timedelta(days=10)
    experiment = Experiment.objects.begin(
        user, area="knee", weeks=4, start=start, today=TODAY, rng=random.Random(3), routine=routine
    )
    for offset in range(11):
        practise = experiment.schedule[offset] == "P"
        make_entry(
            user,
            start + datetime.timedelta(days=offset),
            knee=4,
            exercises=exercises if practise else (),
        )
    return experiment


@pytest.fixture
def my_routine(user, catalog) -> list[Exercise]:
    routine = [catalog[3], catalog[1]]
    RoutineChoice.objects.choose(user, routine)
    return routine


def practise_days(experiment: Experiment) -> int:
    return experiment.schedule[:11].count("P")


def test_an_experiment_on_my_routine_counts_its_exercises_as_the_whole_routine(
    alice, user, catalog, my_routine
) -> None:
    experiment = an_experiment_done_as_asked(user, my_routine, "toe-presses,ankle-circles")
    # Changing "my routine" later does not change what the experiment asked for.
    RoutineChoice.objects.choose(user, [catalog[4]])
    page = alice.get(experiment.get_absolute_url()).text
    done = practise_days(experiment)
    assert f"Your whole routine on {done} of {done} days assigned to practise;" in page
    assert "part of it on" not in page


def test_an_experiment_on_all_the_exercises_counts_my_routine_as_part_of_it(
    alice, user, my_routine
) -> None:
    experiment = an_experiment_done_as_asked(user, my_routine, "")
    page = alice.get(experiment.get_absolute_url()).text
    done = practise_days(experiment)
    assert (
        f"Your whole routine on 0 of {done} days assigned to practise (part of it on {done})"
        in page
    )
