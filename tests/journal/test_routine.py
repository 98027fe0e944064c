import datetime
import json
import re

import pytest

from exercises.models import Exercise
from journal.models import Entry
from tests.factories import make_entry
from tests.journal.saves import refused_save

ROUTINE = "/journal/routine/"
DONE = "/journal/routine/done/"


def plan_from(response) -> dict:
    found = re.search(
        r'<script id="routine-plan" type="application/json">(.*?)</script>', response.text, re.S
    )
    return json.loads(found.group(1))


def ticked(user) -> list[str]:
    entry = Entry.objects.get(user=user)
    return [exercise.slug for exercise in entry.exercises.order_by("order")]


def test_it_asks_an_anonymous_visitor_to_log_in(client, catalog) -> None:
    response = client.get(ROUTINE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_it_hands_the_plan_to_the_page_as_json(alice, catalog) -> None:
    plan = plan_from(alice.get(ROUTINE))
    assert [e["name"] for e in plan["exercises"]] == [e.name for e in catalog]


def test_it_shows_a_curators_new_hold_time_in_the_plan(alice, catalog) -> None:
    Exercise.objects.filter(slug="toe-gripping").update(hold_seconds=20)
    plan = plan_from(alice.get(ROUTINE))
    grip = next(e for e in plan["exercises"] if e["name"] == "Toe gripping")
    assert grip["phases"][1]["seconds"] == 20


def test_it_explains_every_exercise_without_javascript(alice, catalog) -> None:
    response = alice.get(ROUTINE)
    for exercise in catalog:
        assert exercise.steps[0] in response.text
        assert f'name="exercises" value="{exercise.pk}"' in response.text


def test_it_loads_its_script_from_a_static_file_only(alice, catalog) -> None:
    response = alice.get(ROUTINE)
    scripts = re.findall(r"<script([^>]*)>", response.text)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "style=" not in response.text


def test_it_leaves_hidden_exercises_out_of_the_routine(alice, catalog) -> None:
    catalog[0].is_active = False
    catalog[0].save()
    plan = plan_from(alice.get(ROUTINE))
    assert catalog[0].pk not in [e["id"] for e in plan["exercises"]]


def test_an_exercise_edited_in_the_admin_shows_in_the_routine_at_once(alice, catalog) -> None:
    alice.get(ROUTINE)
    catalog[1].name = "Ankle circles, both ways"
    catalog[1].save()
    page = alice.get(ROUTINE).text
    assert "I did ankle circles, both ways" in page
    assert "Ankle circles, both ways" in plan_from(alice.get(ROUTINE))["exercises"][1]["name"]


def test_it_runs_the_same_number_of_queries_for_a_bigger_catalog(
    alice, catalog, django_assert_num_queries
) -> None:
    # The person, the running experiment, today's ticks, their own routine; for the ratings
    # around it, the last area rated, a running comparison and a rating due 30 minutes on.
    # The plan (the exercises and their drawings) comes from the worker's memory.
    alice.get(ROUTINE)
    with django_assert_num_queries(7):
        alice.get(ROUTINE)
    for number in range(20):
        Exercise.objects.create(
            name=f"Extra {number}",
            slug=f"extra-{number}",
            summary="x",
            instructions="x",
            position="standing",
            duration_seconds=60,
            order=100 + number,
        )
    alice.get(ROUTINE)  # a new catalog version: the plan is built once
    with django_assert_num_queries(7):
        alice.get(ROUTINE)


def test_it_ticks_the_finished_exercises_on_a_new_entry_for_today(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.post(DONE, {"exercises": [catalog[0].pk, catalog[2].pk]})
    assert response.status_code == 302
    assert response["Location"] == "/journal/today/"
    assert Entry.objects.get(user=user).day == frozen_today
    assert ticked(user) == [catalog[0].slug, catalog[2].slug]


def test_it_shows_them_ticked_on_today(alice, catalog, frozen_today) -> None:
    response = alice.post(DONE, {"exercises": [catalog[1].pk]}, follow=True)
    assert re.search(rf'value="{catalog[1].pk}" id="[^"]+" checked', response.text)
    assert "Well done" in response.text


def test_it_keeps_ratings_note_and_earlier_ticks(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, back=4, knee=2, note="stiff", exercises=[catalog[4]])
    alice.post(DONE, {"exercises": [catalog[0].pk]})
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.hip, entry.knee, entry.note) == (4, None, 2, "stiff")
    assert ticked(user) == [catalog[0].slug, catalog[4].slug]


def test_it_unticks_nothing_when_started_twice_in_a_day(alice, user, catalog, frozen_today) -> None:
    alice.post(DONE, {"exercises": [catalog[0].pk, catalog[1].pk]})
    alice.post(DONE, {"exercises": [catalog[1].pk, catalog[2].pk]})
    assert Entry.objects.filter(user=user).count() == 1
    assert ticked(user) == [c.slug for c in catalog[:3]]


def test_it_saves_only_to_todays_entry(alice, user, catalog, frozen_today) -> None:
    yesterday = make_entry(user, frozen_today.replace(day=24))
    alice.post(DONE, {"exercises": [catalog[0].pk]})
    assert not yesterday.exercises.exists()


def test_it_changes_nothing_when_no_exercise_was_finished(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.post(DONE, {}, follow=True)
    assert not Entry.objects.filter(user=user).exists()
    assert "today&#x27;s entry is unchanged" in response.text


@pytest.mark.parametrize("bad", ["999", "abc", "-1", "1.5", ""])
def test_it_rejects_an_unknown_exercise_and_saves_nothing(
    alice, user, catalog, frozen_today, bad
) -> None:
    page = refused_save(alice.post(DONE, {"exercises": [catalog[0].pk, bad]}), user)
    assert "is not an exercise in the routine, so nothing was saved" in page


def test_it_rejects_an_exercise_taken_out_of_the_catalog(
    alice, user, catalog, frozen_today
) -> None:
    catalog[3].is_active = False
    catalog[3].save()
    refused_save(alice.post(DONE, {"exercises": [catalog[3].pk]}), user)


def test_it_saves_to_the_logged_in_users_entry_only(
    client_of, user, outsider, catalog, frozen_today
) -> None:
    theirs = make_entry(outsider, frozen_today, exercises=[catalog[4]])
    client_of(user).post(DONE, {"exercises": [catalog[0].pk]})
    assert list(theirs.exercises.all()) == [catalog[4]]
    assert ticked(user) == [catalog[0].slug]


def test_it_refuses_a_save_without_the_csrf_token(user, catalog, frozen_today) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(DONE, {"exercises": [catalog[0].pk]})
    assert response.status_code == 403
    assert not Entry.objects.filter(user=user).exists()


def test_it_refuses_to_save_by_get(alice, catalog) -> None:
    assert alice.get(DONE).status_code == 405


def test_it_asks_an_anonymous_visitor_to_log_in_before_saving(client, catalog) -> None:
    response = client.post(DONE, {"exercises": [catalog[0].pk]})
    assert response.status_code == 302
    assert not Entry.objects.exists()


def test_it_offers_the_routine_on_today(alice, catalog, frozen_today) -> None:
    assert "Start routine</a>" in alice.get("/journal/today/").text


def test_it_does_not_offer_the_routine_on_a_past_day(alice, catalog, frozen_today) -> None:
    # The tab bar links the routine from every page; the day itself offers no Start button.
    assert "Start routine</a>" not in alice.get("/journal/day/2026-11-20/").text


def test_it_offers_the_routine_on_the_exercises_page(client, catalog) -> None:
    assert 'href="/journal/routine/">Start routine' in client.get("/exercises/").text


@pytest.mark.parametrize("count", [1, 5])
def test_it_saves_with_the_same_number_of_queries_however_many_were_done(
    alice, user, catalog, frozen_today, django_assert_num_queries, count
) -> None:
    make_entry(user, frozen_today, back=2)
    # The ticks (as before) and one query for a running experiment (is today a rest day?).
    with django_assert_num_queries(8):
        alice.post(DONE, {"exercises": [e.pk for e in catalog[:count]]})
    assert len(ticked(user)) == count


def routine_today(response) -> dict:
    found = re.search(
        r'<script id="routine-today" type="application/json">(.*?)</script>', response.text, re.S
    )
    return json.loads(found.group(1))


def test_each_exercise_finished_is_ticked_at_once_and_answered_with_json(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=4, note="Before", exercises=[catalog[3]])
    response = alice.post(DONE, {"exercises": [catalog[0].pk]}, HTTP_X_FOOTCARE_ROUTINE="1")
    assert response.status_code == 200
    assert response.json() == {"saved": [catalog[0].pk]}
    assert ticked(user) == [catalog[0].slug, catalog[3].slug]
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.note) == (4, "Before")
    # Nothing is said mid-routine: the page goes on.
    assert "Well done" not in alice.get("/journal/today/").text


def test_a_bad_tick_mid_routine_is_answered_with_json_and_saves_nothing(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.post(DONE, {"exercises": ["999999"]}, HTTP_X_FOOTCARE_ROUTINE="1")
    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert not Entry.objects.filter(user=user).exists()


def test_the_page_tells_the_script_what_is_ticked_today(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, exercises=[catalog[0], catalog[1]])
    make_entry(user, frozen_today - datetime.timedelta(days=1), exercises=[catalog[2]])
    today = routine_today(alice.get(ROUTINE))
    assert today == {
        "day": "2026-11-25",
        "done": sorted([catalog[0].pk, catalog[1].pk]),
        "rest_day": False,
    }


def test_another_persons_ticks_are_never_offered_to_carry_on(
    alice, catalog, frozen_today, outsider
) -> None:
    make_entry(outsider, frozen_today, exercises=catalog[:3])
    assert routine_today(alice.get(ROUTINE))["done"] == []


def test_every_phase_names_the_step_it_is_about(alice, catalog) -> None:
    plan = plan_from(alice.get(ROUTINE))
    for exercise in plan["exercises"]:
        assert all(0 <= phase["step"] < len(exercise["steps"]) for phase in exercise["phases"])
    grip = next(e for e in plan["exercises"] if e["name"] == "Toe gripping")
    hold = next(p for p in grip["phases"] if p["kind"] == "work")
    assert grip["steps"][hold["step"]].startswith("Curl your toes around it")


def test_the_safety_texts_are_read_in_full_before_the_start(alice, catalog) -> None:
    page = alice.get(ROUTINE).text
    start = page.index('data-action="start"')
    safety = page[page.index('data-field="safety-all"') : start]
    assert "<details" in page[: page.index('data-field="safety-all"')][-80:]
    # Said once for all five, not five times.
    assert safety.count(catalog[0].when_to_stop) == 1
    for exercise in catalog:
        assert exercise.support in safety
