"""The experiment never contradicts itself: no start on a day already practised, rest days
said first on the routine, one running experiment shown where it stands and never offered
again, every error once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.experiment import wording
from journal.models import Experiment
from tests.factories import make_entry, make_relief_session, running_experiment

from ..conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")

START = {"weeks": "6", "area": "knee", "starts": "today", "agree": "on"}
AD = "Experiment: does the practice help you?"


def running_with(user, today_is: str) -> Experiment:
    """An experiment started 8 days ago whose schedule makes today ``today_is`` ("P"/"R")."""
    return running_experiment(user, TODAY, today_is)


def test_it_cannot_start_today_once_exercises_are_ticked_today(alice, user, catalog) -> None:
    make_entry(user, TODAY, back=3, exercises=[catalog[0]])
    page = alice.get(reverse("journal:experiment_start")).text
    assert 'value="today"' not in page
    assert page.count(wording.START_TODAY_REFUSED) == 1
    response = alice.post(reverse("journal:experiment_start"), START)
    assert response.status_code == 400
    assert response.text.count(wording.START_TODAY_REFUSED) == 1
    assert not Experiment.objects.exists()


def test_it_starts_tomorrow_once_exercises_are_ticked_today(alice, user, catalog) -> None:
    make_entry(user, TODAY, exercises=[catalog[0]])
    alice.post(reverse("journal:experiment_start"), {**START, "starts": "tomorrow"})
    assert Experiment.objects.get(user=user).start == TODAY + datetime.timedelta(days=1)


def test_it_cannot_start_today_after_a_rating_made_after_the_routine(alice, user, catalog) -> None:
    make_relief_session(
        user,
        before_at=timezone.now() - datetime.timedelta(minutes=12),
        after=4,
        after_at=timezone.now(),
    )
    page = alice.get(reverse("journal:experiment_start")).text
    assert 'value="today"' not in page
    assert page.count(wording.START_TODAY_REFUSED) == 1
    assert alice.post(reverse("journal:experiment_start"), START).status_code == 400
    assert not Experiment.objects.exists()


def test_a_rating_before_the_routine_alone_does_not_stop_a_start_today(
    alice, user, catalog
) -> None:
    make_relief_session(user)
    assert alice.post(reverse("journal:experiment_start"), START).status_code == 302


def test_a_rating_without_exercises_does_not_stop_a_start_today(alice, user, catalog) -> None:
    make_entry(user, TODAY, back=3)
    response = alice.post(reverse("journal:experiment_start"), START)
    assert response.status_code == 302
    assert Experiment.objects.get(user=user).start == TODAY


def test_the_choice_of_start_is_explained_in_one_sentence(alice, catalog) -> None:
    page = alice.get(reverse("journal:experiment_start")).text
    assert page.count(wording.START_TODAY_HELP) == 1


def test_another_persons_ticks_do_not_stop_a_start_today(alice, outsider, catalog) -> None:
    make_entry(outsider, TODAY, exercises=[catalog[0]])
    assert 'value="today"' in alice.get(reverse("journal:experiment_start")).text


def test_a_running_experiment_is_said_once_with_no_form(alice, user, catalog) -> None:
    running_with(user, "P")
    page = alice.get(reverse("journal:experiment_start")).text
    assert page.count("You already have an experiment running") == 1
    assert 'name="weeks"' not in page
    response = alice.post(reverse("journal:experiment_start"), START)
    assert response.status_code == 400
    assert response.text.count("You already have an experiment running") == 1


def test_a_rest_day_is_said_first_on_the_routine(alice, user, catalog) -> None:
    running_with(user, "R")
    page = alice.get(reverse("journal:routine")).text
    main = page[page.index('<main id="main"') :]
    assert main.index("Today is a rest day in your experiment.") < main.index("exercises, ")
    assert "Go on anyway" in main
    assert "Experiment: day 9 of 42" in main
    assert AD not in page


def test_a_practise_day_shows_where_the_experiment_stands_on_the_routine(
    alice, user, catalog
) -> None:
    running_with(user, "P")
    page = alice.get(reverse("journal:routine")).text
    assert "Experiment: day 9 of 42" in page
    assert "Today is a rest day" not in page
    assert AD not in page


def test_the_routine_offers_an_experiment_only_when_none_runs(alice, catalog) -> None:
    assert AD in alice.get(reverse("journal:routine")).text


def test_an_experiment_starting_tomorrow_is_not_offered_again(alice, user, catalog) -> None:
    Experiment.objects.begin(
        user, area="hip", weeks=4, start=TODAY + datetime.timedelta(days=1), today=TODAY
    )
    page = alice.get(reverse("journal:routine")).text
    assert "Experiment: starts tomorrow" in page
    assert AD not in page
    assert "Start an experiment" not in alice.get(reverse("journal:experiments")).text


def test_reports_show_where_the_experiment_stands_instead_of_offering_one(
    alice, user, catalog
) -> None:
    assert AD in alice.get(reverse("journal:reports")).text
    running_with(user, "P")
    page = alice.get(reverse("journal:reports")).text
    assert "Experiment: day 9 of 42" in page
    assert AD not in page


def test_another_persons_experiment_is_never_shown(alice, outsider, catalog) -> None:
    running_with(outsider, "R")
    page = alice.get(reverse("journal:routine")).text
    assert "Today is a rest day" not in page
    assert AD in page


def test_today_says_a_rest_day_before_offering_the_routine(alice, user, catalog) -> None:
    running_with(user, "R")
    page = alice.get(reverse("journal:today")).text
    prompts = page[page.index('class="day-prompts') :]
    assert prompts.index("Today is a rest day in your experiment.") < prompts.index(
        "Start routine anyway"
    )


def test_exercises_saved_on_a_rest_day_are_said_not_to_follow_the_plan(
    alice, user, catalog
) -> None:
    running_with(user, "R")
    response = alice.post(reverse("journal:routine_done"), {"exercises": [catalog[0].pk]})
    page = alice.get(response.url).text
    assert wording.REST_DAY_SAVED in page


def test_exercises_saved_on_a_practise_day_say_nothing_of_the_plan(alice, user, catalog) -> None:
    running_with(user, "P")
    response = alice.post(reverse("journal:routine_done"), {"exercises": [catalog[0].pk]})
    assert wording.REST_DAY_SAVED not in alice.get(response.url).text
