import datetime
import random

import pytest
from django.db import IntegrityError, transaction

from journal.analysis.experiment import BLOCK_DAYS, draw_schedule
from journal.models import Experiment, ExperimentAlreadyOpen

DAY = datetime.date(2026, 11, 25)


def make_experiment(user, **fields) -> Experiment:
    values = {
        "area": "knee",
        "weeks": 4,
        "start": DAY,
        "end": DAY + datetime.timedelta(days=27),
        "schedule": draw_schedule(4, random.Random(0)),
        **fields,
    }
    return Experiment.objects.create(user=user, **values)


@pytest.mark.parametrize("weeks", [4, 6, 8])
def test_every_two_week_block_has_seven_practise_days(weeks) -> None:
    for seed in range(200):
        schedule = draw_schedule(weeks, random.Random(seed))
        assert len(schedule) == weeks * 7
        blocks = [schedule[i : i + BLOCK_DAYS] for i in range(0, len(schedule), BLOCK_DAYS)]
        assert [block.count("P") for block in blocks] == [7] * (weeks // 2)


def test_the_schedule_draws_every_day_of_a_block_as_often_practise_as_rest() -> None:
    counts = [0] * 14
    for seed in range(2000):
        for day, letter in enumerate(draw_schedule(4, random.Random(seed))[:14]):
            counts[day] += letter == "P"
    assert all(900 < count < 1100 for count in counts)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"weeks": 5, "schedule": "P" * 35}, "journal_experiment_weeks_4_6_or_8"),
        ({"area": "elbow"}, "journal_experiment_area_valid"),
        ({"schedule": "PR" * 10}, "journal_experiment_one_letter_a_day"),
        ({"end": DAY - datetime.timedelta(days=1)}, "journal_experiment_ends_after_start"),
        ({"stopped_on": DAY}, "journal_experiment_stopped_is_closed"),
    ],
)
def test_the_database_refuses_an_invalid_experiment(user, fields, constraint) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        make_experiment(user, **fields)


def test_the_database_refuses_a_second_open_experiment(user) -> None:
    make_experiment(user)
    # SQLite names the column in its message, PostgreSQL the constraint.
    with (
        pytest.raises(IntegrityError, match=r"one_open_per_user|journal_experiment\.user_id"),
        transaction.atomic(),
    ):
        make_experiment(user, area="hip")


def test_closed_experiments_do_not_count_against_the_one_open_rule(user) -> None:
    make_experiment(user, is_open=False, stopped_on=DAY)
    make_experiment(user, is_open=False)
    make_experiment(user)
    assert Experiment.objects.for_user(user).count() == 3


def test_begin_refuses_while_one_is_open_and_saves_nothing(user) -> None:
    Experiment.objects.begin(user, area="knee", weeks=4, start=DAY, today=DAY)
    with pytest.raises(ExperimentAlreadyOpen):
        Experiment.objects.begin(user, area="hip", weeks=6, start=DAY, today=DAY)
    assert Experiment.objects.count() == 1


def test_begin_closes_an_experiment_that_has_ended(user) -> None:
    old = make_experiment(
        user, start=DAY - datetime.timedelta(days=40), end=DAY - datetime.timedelta(days=13)
    )
    Experiment.objects.begin(user, area="hip", weeks=6, start=DAY, today=DAY)
    old.refresh_from_db()
    assert not old.is_open
    assert old.stopped_on is None


def test_the_running_queryset_has_open_experiments_not_yet_ended(user, outsider) -> None:
    mine = make_experiment(user)
    make_experiment(
        user,
        start=DAY - datetime.timedelta(days=40),
        end=DAY - datetime.timedelta(days=13),
        is_open=False,
    )
    tomorrow = DAY + datetime.timedelta(days=1)
    theirs = make_experiment(outsider, start=tomorrow, end=tomorrow + datetime.timedelta(days=27))
    assert list(Experiment.objects.for_user(user).running(DAY)) == [mine]
    assert list(Experiment.objects.for_user(outsider).running(DAY)) == [theirs]
    assert list(Experiment.objects.for_user(user).running(DAY + datetime.timedelta(days=28))) == []


def test_an_assignment_is_none_outside_the_experiment_and_after_a_stop(user) -> None:
    experiment = make_experiment(user)
    assert experiment.assignment(DAY - datetime.timedelta(days=1)) is None
    assert experiment.assignment(DAY + datetime.timedelta(days=28)) is None
    assert experiment.assignment(DAY + datetime.timedelta(days=3)) == experiment.schedule[3]
    experiment.stop(DAY + datetime.timedelta(days=2))
    assert experiment.assignment(DAY + datetime.timedelta(days=3)) is None
    assert experiment.assignments_until(DAY + datetime.timedelta(days=9)) == experiment.schedule[:3]


def test_assignments_until_never_reveals_a_later_day(user) -> None:
    experiment = make_experiment(user)
    assert experiment.assignments_until(DAY - datetime.timedelta(days=1)) == ""
    assert experiment.assignments_until(DAY + datetime.timedelta(days=4)) == experiment.schedule[:5]


def test_an_experiment_reads_as_a_sentence(user) -> None:
    assert str(make_experiment(user)) == "alice's 4-week knee experiment from 2026-11-25"
