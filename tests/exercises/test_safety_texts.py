"""The safety texts: what each exercise says about support, feet, stopping and asking first."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exercises.models import Exercise
from exercises.safety_texts import safety_texts

BALANCE_EXERCISES = ["walking-on-your-toes", "toe-gripping", "toe-presses"]
ALL_SLUGS = [
    "walking-on-your-toes",
    "ankle-circles",
    "toe-gripping",
    "toe-presses",
    "flexing-the-small-foot-muscles",
]


def by_slug(slug: str) -> Exercise:
    return Exercise.objects.get(slug=slug)


@pytest.mark.parametrize("slug", BALANCE_EXERCISES)
def test_a_balance_exercise_says_to_hold_a_chair_a_worktop_or_a_wall(catalog, slug) -> None:
    support = by_slug(slug).support
    assert all(word in support for word in ("chair", "worktop", "wall"))


def test_ankle_circles_say_to_sit_if_standing_is_unsteady(catalog) -> None:
    support = by_slug("ankle-circles").support
    assert "Sit" in support
    assert "unsteady" in support


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_every_exercise_is_done_with_both_feet_one_after_the_other(catalog, slug) -> None:
    assert by_slug(slug).which_feet.startswith("Both feet, one after the other")


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_every_exercise_says_to_stop_at_sharp_pain_numbness_or_worse_pain_next_day(
    catalog, slug
) -> None:
    text = by_slug(slug).when_to_stop
    assert all(sign in text for sign in ("sharp pain", "numbness", "worse the next day"))


@pytest.mark.parametrize("slug", ALL_SLUGS)
def test_every_exercise_says_who_should_ask_a_clinician_first(catalog, slug) -> None:
    text = by_slug(slug).ask_clinician_first
    for fact in (
        "injured or had surgery",
        "foot, ankle, knee, hip or your back",
        "diabetes",
        "less feeling in your feet",
        "a fall",
    ):
        assert fact in text


def test_the_exercise_page_shows_the_four_safety_texts(client, catalog) -> None:
    page = client.get("/exercises/toe-gripping/").text
    for heading in ("Support", "Which feet", "When to stop", "Ask a clinician first"):
        assert f"<dt>{heading}</dt>" in page
    assert "lifting the pen leaves you standing on one foot" in page


def test_the_routine_shows_the_safety_texts_before_each_exercise(alice, catalog) -> None:
    response = alice.get("/journal/routine/")
    for exercise in catalog:
        assert exercise.support in response.text
    plan = response.context["plan"]
    assert [dict(step["safety"])["Support"] for step in plan["exercises"]] == [
        exercise.support for exercise in catalog
    ]


def test_the_fixture_holds_the_same_words_as_the_data_migration(catalog) -> None:
    for exercise in catalog:
        expected = safety_texts(exercise.slug)
        assert {name: getattr(exercise, name) for name in expected} == expected


def test_loading_the_catalog_again_keeps_a_curators_safety_text(catalog) -> None:
    Exercise.objects.filter(slug="toe-presses").update(support="Hold the sink.")
    call_command("load_catalog", stdout=io.StringIO())
    assert by_slug("toe-presses").support == "Hold the sink."


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_texts_into_an_existing_catalog() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("exercises", "0001_initial")])
    old = executor.loader.project_state([("exercises", "0001_initial")]).apps
    old.get_model("exercises", "Exercise").objects.create(
        name="Ankle circles",
        slug="ankle-circles",
        summary="Circle each ankle.",
        instructions="Circle.",
        position="sitting_or_standing",
        duration_seconds=120,
        order=2,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert by_slug("ankle-circles").support == safety_texts("ankle-circles")["support"]
