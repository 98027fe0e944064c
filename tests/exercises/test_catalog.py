import io

import pytest
from django.core.management import call_command

from exercises.models import Equipment, Exercise, Position


def by_slug(slug: str) -> Exercise:
    return Exercise.objects.get(slug=slug)


def test_the_catalog_holds_the_five_exercises_in_routine_order(catalog) -> None:
    assert [e.slug for e in catalog] == [
        "walking-on-your-toes",
        "ankle-circles",
        "toe-gripping",
        "toe-presses",
        "flexing-the-small-foot-muscles",
    ]


def test_the_whole_routine_fits_in_under_twenty_minutes(catalog) -> None:
    assert sum(e.duration_seconds for e in catalog) < 20 * 60


def test_toe_gripping_is_done_standing_with_a_pen_held_for_ten_seconds(catalog) -> None:
    exercise = by_slug("toe-gripping")
    assert (exercise.position, exercise.equipment, exercise.hold_seconds) == (
        Position.STANDING,
        Equipment.PEN,
        10,
    )
    assert "barefoot" in exercise.instructions.lower() or "shoes and socks" in exercise.instructions


def test_toe_presses_grip_the_floor_for_three_seconds_with_knees_slightly_bent(catalog) -> None:
    exercise = by_slug("toe-presses")
    assert (exercise.position, exercise.hold_seconds) == (Position.STANDING, 3)
    assert "knees slightly" in exercise.instructions
    assert "few minutes" in exercise.instructions


def test_the_scarf_flex_is_held_ten_seconds_four_to_five_times_sitting_on_the_floor(
    catalog,
) -> None:
    exercise = by_slug("flexing-the-small-foot-muscles")
    assert exercise.position == Position.SITTING_FLOOR
    assert exercise.equipment == Equipment.SCARF_BEDPOST
    assert exercise.hold_seconds == 10
    assert (exercise.repetitions_min, exercise.repetitions_max) == (4, 5)


def test_ankle_circles_go_one_way_and_then_the_other(catalog) -> None:
    assert "opposite direction" in by_slug("ankle-circles").instructions


def test_walking_on_your_toes_relaxes_onto_the_pads_of_the_feet(catalog) -> None:
    exercise = by_slug("walking-on-your-toes")
    assert exercise.position == Position.WALKING
    assert "pads of your feet" in exercise.instructions


def test_the_catalog_page_lists_each_exercise_with_its_facts(client, catalog) -> None:
    response = client.get("/exercises/")
    assert response.status_code == 200
    for exercise in catalog:
        assert exercise.name in response.text
        assert exercise.summary in response.text
    assert "Sitting on the floor" in response.text
    assert "A scarf or sash and a bedpost" in response.text
    assert "2 min 58 s in the guided routine" in response.text


def test_the_routine_time_is_said_one_way_everywhere(client, catalog) -> None:
    # The sum of each exercise's time in the routine: 2:00 + 2:00 + 1:55 + 2:58 + 1:25.
    said = "The guided routine takes 10 min 18 s"
    assert said in client.get("/exercises/").text
    assert "guided routine takes 10 min 18 s" in client.get("/").text
    times = [f"{e.routine_time} in the guided routine" for e in catalog]
    assert times == [
        "2 min in the guided routine",
        "2 min in the guided routine",
        "1 min 55 s in the guided routine",
        "2 min 58 s in the guided routine",
        "1 min 25 s in the guided routine",
    ]
    page = client.get("/exercises/toe-presses/").text
    assert "2 min 58 s in the guided routine" in page
    for page in (client.get("/exercises/").text, client.get("/").text):
        assert "under 20" not in page
        assert "about " not in page


def test_an_exercise_page_shows_its_steps_in_order(client, catalog) -> None:
    response = client.get("/exercises/toe-gripping/")
    assert response.status_code == 200
    steps = by_slug("toe-gripping").steps
    positions = [response.text.index(f"<li>{step}</li>") for step in steps]
    assert positions == sorted(positions)
    assert "10 seconds" in response.text


def test_an_inactive_exercise_is_hidden_from_the_catalog(client, catalog) -> None:
    Exercise.objects.filter(slug="ankle-circles").update(is_active=False)
    assert "Ankle circles" not in client.get("/exercises/").text
    assert client.get("/exercises/ankle-circles/").status_code == 404


def test_an_unknown_exercise_is_a_404(client, catalog) -> None:
    assert client.get("/exercises/standing-on-your-head/").status_code == 404


def test_loading_the_catalog_again_keeps_the_curators_edits(catalog) -> None:
    Exercise.objects.filter(slug="toe-presses").update(summary="Edited by the curator.")
    call_command("load_catalog", stdout=io.StringIO())
    assert by_slug("toe-presses").summary == "Edited by the curator."
    assert Exercise.objects.count() == 5


def test_loading_the_catalog_with_reset_restores_the_fixture_text(catalog) -> None:
    original = by_slug("toe-presses").summary
    Exercise.objects.filter(slug="toe-presses").update(summary="Edited by the curator.")
    call_command("load_catalog", "--reset", stdout=io.StringIO())
    assert by_slug("toe-presses").summary == original


@pytest.mark.parametrize(
    ("field", "value"),
    [("hold_seconds", 0), ("rest_seconds", 0), ("duration_seconds", 5)],
)
def test_the_database_refuses_impossible_timings(catalog, field: str, value: int) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(slug="toe-gripping").update(**{field: value})


def test_the_database_refuses_fewer_maximum_than_minimum_repetitions(catalog) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(slug="toe-gripping").update(repetitions_min=5, repetitions_max=4)


def test_a_new_exercise_can_be_added_after_the_catalog_is_loaded(catalog) -> None:
    added = Exercise.objects.create(
        name="Heel raises",
        slug="heel-raises",
        summary="x",
        instructions="x",
        position=Position.STANDING,
        duration_seconds=60,
        order=6,
    )
    assert added.pk not in {exercise.pk for exercise in catalog}


def test_a_curators_edit_shows_at_once_on_the_cached_pages(client, catalog) -> None:
    assert "Edited by the curator." not in client.get("/exercises/").text
    client.get("/exercises/toe-presses/")
    exercise = by_slug("toe-presses")
    exercise.summary = "Edited by the curator."
    exercise.save()
    assert "Edited by the curator." in client.get("/exercises/").text
    assert "Edited by the curator." in client.get("/exercises/toe-presses/").text


def test_a_retired_exercise_leaves_the_cached_pages_at_once(client, catalog) -> None:
    assert "Ankle circles" in client.get("/exercises/").text
    exercise = by_slug("ankle-circles")
    exercise.is_active = False
    exercise.save()
    assert "Ankle circles" not in client.get("/exercises/").text
    assert client.get("/exercises/ankle-circles/").status_code == 404


def test_a_cached_catalog_page_needs_no_query(client, catalog, django_assert_num_queries) -> None:
    client.get("/exercises/")
    first = client.get("/exercises/toe-presses/")
    with django_assert_num_queries(0):
        assert client.get("/exercises/").status_code == 200
        again = client.get("/exercises/toe-presses/")
    assert again.text == first.text
