import json

import pytest

from exercises.models import Exercise
from journal.models import RoutineChoice
from tests.factories import make_user

URL = "/journal/routine/mine/"


def my_routine(user) -> list[Exercise]:
    return RoutineChoice.objects.routine_of(user)


def choose_routine(user, exercises: list[Exercise]) -> None:
    RoutineChoice.objects.choose(user, exercises)


def by_slug(slug: str) -> Exercise:
    return Exercise.objects.get(slug=slug)


def places(**by_slug_place: int) -> dict[str, str]:
    data = {f"place_{e.pk}": "" for e in Exercise.objects.active()}
    for slug, place in by_slug_place.items():
        data[f"place_{by_slug(slug.replace('_', '-')).pk}"] = str(place)
    return data


def plan_of(client) -> dict:
    page = client.get("/journal/routine/").text
    start = page.index('id="routine-plan"')
    body = page[page.index(">", start) + 1 : page.index("</script>", start)]
    return json.loads(body)


def test_the_default_routine_is_all_five_in_catalog_order(user, catalog) -> None:
    assert my_routine(user) == catalog


def test_a_person_chooses_two_exercises_in_their_own_order(user, client_of, catalog) -> None:
    client = client_of(user)
    response = client.post(URL, places(toe_presses=1, ankle_circles=2))
    assert response.status_code == 302
    assert [e.slug for e in my_routine(user)] == ["toe-presses", "ankle-circles"]


def test_the_guided_routine_runs_the_chosen_exercises_in_order_with_their_total_time(
    user, client_of, catalog
) -> None:
    client = client_of(user)
    client.post(URL, places(toe_gripping=2, walking_on_your_toes=1, toe_presses=3))
    plan = plan_of(client)
    assert [e["name"] for e in plan["exercises"]] == [
        "Walking on your toes",
        "Toe gripping",
        "Toe presses",
    ]
    assert plan["total_seconds"] == sum(e["seconds"] for e in plan["exercises"])
    page = client.get("/journal/routine/").text
    assert f"Your routine: 3 exercises, {plan['total_display']} in all (" in page


def test_one_exercise_alone_is_a_routine(user, client_of, catalog) -> None:
    client = client_of(user)
    client.post(URL, places(ankle_circles=1))
    assert [e["name"] for e in plan_of(client)["exercises"]] == ["Ankle circles"]


def test_the_saved_message_names_the_routine_and_its_time(user, client_of, catalog) -> None:
    response = client_of(user).post(URL, places(toe_presses=1, ankle_circles=2), follow=True)
    assert "Your routine: Toe presses, then Ankle circles (" in response.text


def test_choosing_nothing_is_refused_with_a_message_and_changes_nothing(
    user, client_of, catalog
) -> None:
    choose_routine(user, [by_slug("toe-presses")])
    response = client_of(user).post(URL, places())
    assert response.status_code == 400
    assert "Choose at least one exercise" in response.text
    assert [e.slug for e in my_routine(user)] == ["toe-presses"]


def test_two_exercises_in_the_same_place_are_refused_with_a_message(
    user, client_of, catalog
) -> None:
    response = client_of(user).post(URL, places(toe_presses=2, ankle_circles=2))
    assert response.status_code == 400
    assert "Two exercises are both 2nd" in response.text
    assert not RoutineChoice.objects.exists()


@pytest.mark.parametrize("bad", ["0", "6", "-1", "two", "1.5", "9" * 30, "\x00"])
def test_a_place_that_is_not_offered_is_refused_with_a_message(
    user, client_of, catalog, bad
) -> None:
    data = places(toe_presses=1)
    data[f"place_{by_slug('ankle-circles').pk}"] = bad
    response = client_of(user).post(URL, data)
    assert response.status_code == 400
    assert "Choose a place from the list" in response.text
    assert not RoutineChoice.objects.exists()


def test_back_to_all_five_restores_the_default(user, client_of, catalog) -> None:
    choose_routine(user, [by_slug("toe-presses")])
    client_of(user).post(URL, {"reset": "1"})
    assert my_routine(user) == catalog
    assert not RoutineChoice.objects.exists()


def test_choosing_all_five_in_catalog_order_stores_nothing(user, catalog) -> None:
    choose_routine(user, catalog)
    assert not RoutineChoice.objects.exists()


def test_a_retired_exercise_drops_out_of_a_routine(user, catalog) -> None:
    choose_routine(user, [by_slug("toe-presses"), by_slug("ankle-circles")])
    retired = by_slug("toe-presses")
    retired.is_active = False
    retired.save()
    assert [e.slug for e in my_routine(user)] == ["ankle-circles"]


def test_each_person_has_their_own_routine(user, client_of, catalog) -> None:
    other = make_user("bob")
    client_of(user).post(URL, places(toe_presses=1))
    assert my_routine(other) == catalog
    assert plan_of(client_of(other))["exercises"][0]["name"] == "Walking on your toes"


def test_the_page_needs_a_login(client, catalog) -> None:
    assert client.get(URL).status_code == 302


def test_the_page_and_the_routine_cost_the_same_queries_for_one_or_five_exercises(
    user, client_of, catalog, django_assert_num_queries
) -> None:
    client = client_of(user)
    counts = []
    for chosen in ([catalog[2]], catalog[::-1]):
        choose_routine(user, chosen)
        client.get("/journal/routine/")  # the plan is built once, then kept
        with django_assert_num_queries(4) as mine:
            assert client.get(URL).status_code == 200
        # The routine also reads the running experiment and today's ticks (carry on).
        with django_assert_num_queries(7) as routine:
            assert client.get("/journal/routine/").status_code == 200
        counts.append((len(mine), len(routine)))
    assert counts[0] == counts[1]
