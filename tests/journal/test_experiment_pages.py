import datetime
import random
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.models import Experiment, Factor
from tests.factories import make_entry, make_user

from ..conftest import TODAY

pytestmark = pytest.mark.usefixtures("frozen_today")

START = {"weeks": "6", "area": "knee", "starts": "today", "agree": "on"}


def begin(user, start=TODAY, weeks=6, area="knee", seed=1) -> Experiment:
    rng = None if seed is None else random.Random(seed)
    return Experiment.objects.begin(user, area=area, weeks=weeks, start=start, today=TODAY, rng=rng)


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def test_it_starts_an_experiment_with_a_stored_balanced_schedule(user, alice) -> None:
    response = alice.post(reverse("journal:experiment_start"), START)
    experiment = Experiment.objects.get(user=user)
    assert response.url == experiment.get_absolute_url()
    assert (experiment.area, experiment.weeks, experiment.start) == ("knee", 6, TODAY)
    assert experiment.end == TODAY + datetime.timedelta(days=41)
    assert len(experiment.schedule) == 42


def test_it_can_start_tomorrow(user, alice) -> None:
    response = alice.post(reverse("journal:experiment_start"), {**START, "starts": "tomorrow"})
    assert Experiment.objects.get(user=user).start == TODAY + datetime.timedelta(days=1)
    page = alice.get(response.url).content.decode()
    assert "The experiment has not started yet." in page
    assert "experiment-today" not in alice.get(reverse("journal:today")).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weeks", "5", "Choose 4, 6 or 8 weeks."),
        ("weeks", "", "Choose 4, 6 or 8 weeks."),
        ("area", "elbow", "Choose back, hip or knee."),
        ("area", "", "Choose the one area that matters most"),
        ("starts", "yesterday", "Start today or tomorrow."),
        ("agree", "", "Tick the box to confirm you have read what it asks."),
    ],
)
def test_it_rejects_bad_input_with_a_message_and_saves_nothing(
    alice, field, value, message
) -> None:
    data = {**START, field: value}
    if not value:
        del data[field]
    response = alice.post(reverse("journal:experiment_start"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Experiment.objects.exists()


def test_it_refuses_a_second_experiment_while_one_runs(user, alice) -> None:
    begin(user)
    response = alice.post(reverse("journal:experiment_start"), START)
    assert response.status_code == 400
    assert "You already have an experiment running" in response.content.decode()
    assert Experiment.objects.filter(user=user).count() == 1


def test_it_allows_a_new_experiment_once_the_last_one_has_ended(user, alice) -> None:
    begin(user, start=TODAY - datetime.timedelta(days=60))
    response = alice.post(reverse("journal:experiment_start"), START)
    assert response.status_code == 302
    assert Experiment.objects.filter(user=user).count() == 2


def test_it_allows_a_new_experiment_after_a_stop(user, alice) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=3))
    alice.post(reverse("journal:experiment_stop", args=[experiment.pk]))
    assert alice.post(reverse("journal:experiment_start"), START).status_code == 302


def test_stopping_early_marks_the_result_incomplete(user, alice) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=3))
    alice.post(reverse("journal:experiment_stop", args=[experiment.pk]))
    experiment.refresh_from_db()
    assert (experiment.stopped_on, experiment.is_open) == (TODAY, False)
    page = alice.get(experiment.get_absolute_url()).content.decode()
    assert "Stopped early after 4 of 42 days, so this result is incomplete." in page


def test_past_experiments_stay_listed_with_their_result(user, alice) -> None:
    begin(user, start=TODAY - datetime.timedelta(days=60), area="hip")
    begin(user, start=TODAY)
    page = alice.get(reverse("journal:experiments")).content.decode()
    assert page.count("card-title") == 2
    assert "Complete: all 42 days." in page
    assert "Not enough hip ratings yet" in page


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("journal:experiment", "get"),
        ("journal:experiment_stop", "get"),
        ("journal:experiment_stop", "post"),
    ],
)
def test_another_persons_experiment_is_not_found(user, outsider, client_of, name, method) -> None:
    experiment = begin(user)
    response = getattr(client_of(outsider), method)(reverse(name, args=[experiment.pk]))
    assert response.status_code == 404
    experiment.refresh_from_db()
    assert experiment.is_open


def test_another_persons_experiment_is_not_listed(user, outsider, client_of) -> None:
    begin(user, area="hip")
    page = client_of(outsider).get(reverse("journal:experiments")).content.decode()
    assert "No experiments yet." in page


@pytest.mark.parametrize(
    "name", ["journal:experiments", "journal:experiment_start", "journal:experiment"]
)
def test_a_visitor_is_sent_to_log_in(client, db, name) -> None:
    url = reverse(name, args=[1] if name == "journal:experiment" else [])
    assert client.get(url).url.startswith(reverse("login"))


def test_today_shows_only_todays_assignment(user, alice) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=2))
    page = alice.get(reverse("journal:today")).content.decode()
    expected = "Practise day</strong>: do the routine today"
    if experiment.schedule[2] == "R":
        expected = "Rest day</strong>: no exercises today"
    assert expected in page
    assert "Experiment: day 3 of 42" in page


def test_today_follows_the_schedule_day_by_day(user, alice) -> None:
    experiment = begin(user)
    seen = ""
    for offset in range(14):
        with time_machine.travel(noon(TODAY + datetime.timedelta(days=offset))):
            page = alice.get(reverse("journal:today")).content.decode()
        practise, rest = "Practise day</strong>: do", "Rest day</strong>: no exercises"
        seen += "P" if practise in page else "R" if rest in page else "?"
    assert seen == experiment.schedule[:14]


def test_a_past_day_inside_the_experiment_shows_its_assignment(user, alice) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=5))
    day = TODAY - datetime.timedelta(days=4)
    page = alice.get(reverse("journal:day", args=[day])).content.decode()
    expected = "Practise day</strong>" if experiment.schedule[1] == "P" else "Rest day</strong>"
    assert expected in page
    assert "Experiment: day 2 of 42" in page
    # What to do is said on the day itself only.
    assert "no exercises today" not in page
    assert "do the routine today" not in page


def test_a_day_before_the_experiment_shows_no_assignment(user, alice) -> None:
    begin(user)
    page = alice.get(reverse("journal:day", args=[TODAY - datetime.timedelta(days=1)]))
    assert "experiment-today" not in page.content.decode()


def test_today_after_a_stop_shows_no_assignment(user, alice) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=2))
    experiment.stop(TODAY - datetime.timedelta(days=1))
    assert "experiment-today" not in alice.get(reverse("journal:today")).content.decode()


def test_the_experiment_page_shows_no_future_assignment(user, alice) -> None:
    # A schedule whose future days are all practise days, so a leak would show.
    experiment = begin(user, start=TODAY - datetime.timedelta(days=2))
    page = alice.get(experiment.get_absolute_url()).content.decode()
    assert page.count("<td>Practise</td>") + page.count("<td>Rest day</td>") == 3
    assert experiment.schedule not in page
    assert (TODAY + datetime.timedelta(days=1)).strftime("%a %-d %b") not in page


def test_the_result_counts_ticked_exercises_against_the_assignment(user, alice, catalog) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=3))
    for offset in range(3):
        day = experiment.start + datetime.timedelta(days=offset)
        make_entry(user, day, knee=4, exercises=catalog[:1])
    page = alice.get(experiment.get_absolute_url()).content.decode()
    practised = experiment.schedule[:3].count("P")
    rested = 3 - practised

    # One exercise of five is part of the routine: neither the whole of it nor none.
    def days(n: int) -> str:
        return f"{n} day{'' if n == 1 else 's'}"

    assert (
        f"Your whole routine on 0 of {days(practised)} assigned to practise (part of it on "
        f"{practised}); no exercise on 0 of {days(rested)} assigned to rest (part of the "
        f"routine on {rested})." in unescape(page)
    )


def test_the_experiment_page_takes_the_same_queries_however_long_it_ran(
    user, alice, django_assert_max_num_queries
) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=40))
    for offset in range(40):
        make_entry(user, experiment.start + datetime.timedelta(days=offset), knee=offset % 10)
    with django_assert_max_num_queries(12):
        assert alice.get(experiment.get_absolute_url()).status_code == 200


def test_reports_and_the_routine_link_to_the_experiment(alice, catalog) -> None:
    link = reverse("journal:experiments")
    assert link in alice.get(reverse("journal:reports")).content.decode()
    assert link in alice.get(reverse("journal:routine")).content.decode()


def test_a_stranger_cannot_predict_the_days(db) -> None:
    schedules = {begin(make_user(f"u{n}"), seed=None).schedule for n in range(5)}
    assert len(schedules) == 5


def test_the_list_takes_the_same_queries_for_one_experiment_or_three(
    user, alice, django_assert_num_queries
) -> None:
    begin(user, start=TODAY - datetime.timedelta(days=130), area="back")
    with CaptureQueriesContext(connection) as one:
        alice.get(reverse("journal:experiments"))
    begin(user, start=TODAY - datetime.timedelta(days=80), area="hip")
    begin(user)
    for offset in range(130):
        make_entry(user, TODAY - datetime.timedelta(days=offset), knee=offset % 10)
    with django_assert_num_queries(len(one.captured_queries)):
        alice.get(reverse("journal:experiments"))


def test_the_stop_page_warns_before_stopping(user, alice) -> None:
    experiment = begin(user)
    page = alice.get(reverse("journal:experiment_stop", args=[experiment.pk])).content.decode()
    assert "Its result will say it is incomplete" in page
    experiment.refresh_from_db()
    assert experiment.is_open


def test_a_finished_experiment_cannot_be_stopped(user, alice) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=60))
    response = alice.post(reverse("journal:experiment_stop", args=[experiment.pk]), follow=True)
    assert "This experiment has already ended." in response.content.decode()
    experiment.refresh_from_db()
    assert experiment.stopped_on is None


def test_today_during_an_experiment_reads_it_once_per_change(
    user, alice, django_assert_num_queries
) -> None:
    begin(user, start=TODAY - datetime.timedelta(days=3))
    Factor.objects.listed(user)  # the ready-made factors are made on the first day page
    # user, data version, the day's state, the experiment itself, and the blank form's
    # catalog and factor chips; then, unchanged, the user and the data version only.
    with django_assert_num_queries(6):
        assert "experiment-today" in alice.get(reverse("journal:today")).content.decode()
    with django_assert_num_queries(2):
        assert "experiment-today" in alice.get(reverse("journal:today")).content.decode()


def test_an_experiment_stopped_after_today_was_shown_leaves_it_at_once(user, alice) -> None:
    experiment = begin(user, start=TODAY - datetime.timedelta(days=3))
    assert "experiment-today" in alice.get(reverse("journal:today")).content.decode()
    experiment.stop(TODAY - datetime.timedelta(days=1))
    assert "experiment-today" not in alice.get(reverse("journal:today")).content.decode()


def test_an_experiment_can_be_run_on_my_routine(user, alice, catalog) -> None:
    from journal.models import RoutineChoice

    RoutineChoice.objects.choose(user, [catalog[3], catalog[1]])
    page = alice.get("/journal/experiments/start/").text
    assert "My routine: Toe presses, then Ankle circles" in page
    response = alice.post("/journal/experiments/start/", {**START, "practice": "mine"})
    experiment = Experiment.objects.get(user=user)
    assert experiment.routine == "toe-presses,ankle-circles"
    detail = alice.get(response["Location"]).text
    assert "On practice days: your routine, Toe presses, then Ankle circles." in detail


def test_an_experiment_on_all_the_exercises_says_so(user, alice, catalog) -> None:
    from journal.models import RoutineChoice

    RoutineChoice.objects.choose(user, [catalog[3]])
    response = alice.post("/journal/experiments/start/", {**START, "practice": "all"})
    assert Experiment.objects.get(user=user).routine == ""
    assert "On practice days: all the exercises." in alice.get(response["Location"]).text


def test_without_an_own_routine_the_start_does_not_ask(user, alice, catalog) -> None:
    assert "On practice days, do" not in alice.get("/journal/experiments/start/").text
    alice.post("/journal/experiments/start/", {**START, "practice": "mine"})
    assert Experiment.objects.get(user=user).routine == ""


def test_a_bad_practice_choice_is_refused_with_a_message(user, alice, catalog) -> None:
    from journal.models import RoutineChoice

    RoutineChoice.objects.choose(user, [catalog[3]])
    response = alice.post("/journal/experiments/start/", {**START, "practice": "some"})
    assert response.status_code == 400
    assert "Choose your routine or all the exercises." in response.text
    assert not Experiment.objects.exists()
