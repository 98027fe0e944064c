import json

import pytest

from exercises.models import Exercise
from exercises.routine import PREPARE_SECONDS, build_plan, step_for


def exercise(**fields: object) -> Exercise:
    values = {
        "pk": 9,
        "name": "Test exercise",
        "slug": "test-exercise",
        "summary": "One line.",
        "instructions": "First.\nSecond.",
        "duration_seconds": 120,
        "order": 9,
    }
    values.update(fields)
    return Exercise(**values)


def work_phases(step) -> list:
    return [phase for phase in step.phases if phase.kind == "work"]


def test_it_starts_every_exercise_with_time_to_get_ready() -> None:
    step = step_for(exercise(hold_seconds=10, rest_seconds=5))
    assert (step.phases[0].kind, step.phases[0].seconds) == ("prepare", PREPARE_SECONDS)


def test_it_fits_as_many_holds_as_the_time_allows_without_a_count() -> None:
    step = step_for(exercise(hold_seconds=10, rest_seconds=5, duration_seconds=120))
    assert len(work_phases(step)) == (120 - PREPARE_SECONDS) // 15


def test_it_alternates_hold_and_rest_with_the_catalogs_seconds() -> None:
    step = step_for(exercise(hold_seconds=3, rest_seconds=2))
    assert [(p.kind, p.seconds) for p in step.phases[1:5]] == [
        ("work", 3),
        ("rest", 2),
        ("work", 3),
        ("rest", 2),
    ]


def test_it_does_the_most_repetitions_of_the_range_when_they_fit() -> None:
    step = step_for(exercise(hold_seconds=10, rest_seconds=5, repetitions_min=4, repetitions_max=5))
    assert len(work_phases(step)) == 5


def test_it_never_does_fewer_repetitions_than_the_least_even_past_the_time() -> None:
    step = step_for(exercise(hold_seconds=30, rest_seconds=5, repetitions_min=4, repetitions_max=5))
    assert len(work_phases(step)) == 4


def test_it_numbers_each_hold_out_of_the_count() -> None:
    step = step_for(exercise(hold_seconds=10, rest_seconds=5, repetitions_min=4, repetitions_max=5))
    assert work_phases(step)[-1].label == "Hold (5 of 5)"


def test_it_cues_a_few_seconds_up_then_relax_where_no_hold_is_given() -> None:
    step = step_for(exercise(slug="walking-on-your-toes", duration_seconds=60))
    assert [p.label for p in step.phases[1:3]] == [
        "Walk on tiptoe (1 of 5)",
        "Down on the pads of your feet, relax",
    ]


def test_it_shares_ankle_circles_between_both_directions_on_each_foot() -> None:
    step = step_for(exercise(slug="ankle-circles", duration_seconds=120))
    assert [(p.label, p.seconds) for p in work_phases(step)] == [
        ("First foot: circle one way", 28),
        ("First foot: circle the other way", 28),
        ("Other foot: circle one way", 27),
        ("Other foot: circle the other way", 27),
    ]


@pytest.mark.parametrize(
    "fields",
    [
        {"slug": "ankle-circles", "duration_seconds": 10},
        {"hold_seconds": 600, "rest_seconds": 600, "duration_seconds": 10},
        {"hold_seconds": 1, "rest_seconds": 1, "duration_seconds": 1200},
        {"repetitions_min": 3, "duration_seconds": 45},
    ],
)
def test_it_gives_every_phase_a_whole_number_of_seconds_at_the_limits(fields) -> None:
    step = step_for(exercise(**fields))
    assert all(isinstance(p.seconds, int) and p.seconds >= 0 for p in step.phases)
    assert work_phases(step)


def test_it_keeps_the_catalog_within_the_twenty_minutes_it_promises(catalog) -> None:
    plan = build_plan(Exercise.objects.active())
    assert plan["total_seconds"] <= sum(e.duration_seconds for e in catalog) <= 20 * 60


def test_it_walks_the_active_exercises_in_catalog_order(catalog) -> None:
    catalog[0].is_active = False
    catalog[0].save()
    plan = build_plan(Exercise.objects.active())
    assert [e["id"] for e in plan["exercises"]] == [e.pk for e in catalog[1:]]


def test_it_follows_a_curators_new_hold_time(catalog) -> None:
    Exercise.objects.filter(slug="toe-gripping").update(hold_seconds=20)
    plan = build_plan(Exercise.objects.active())
    grip = next(e for e in plan["exercises"] if e["name"] == "Toe gripping")
    assert grip["phases"][1]["seconds"] == 20


def test_it_can_be_written_as_json(catalog) -> None:
    plan = build_plan(Exercise.objects.active())
    assert json.loads(json.dumps(plan))["exercises"][0]["steps"] == catalog[0].steps
