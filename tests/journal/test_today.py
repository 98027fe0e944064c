import datetime

import pytest

from journal.models import Entry, Factor
from tests.factories import make_entries, make_entry, make_user


def post_today(client, **data: object):
    return client.post("/journal/today/", data)


def test_it_asks_an_anonymous_visitor_to_log_in(client, db) -> None:
    response = client.get("/journal/today/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/journal/today/"


def test_it_shows_a_row_of_ratings_for_back_hip_and_knee(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/today/")
    for label in ("Back", "Hip", "Knee"):
        assert f">{label}</legend>" in response.text
    for value in range(11):
        assert f'name="knee" value="{value}"' in response.text


def test_it_offers_a_checkbox_labelled_with_each_active_exercise(
    alice, catalog, frozen_today
) -> None:
    response = alice.get("/journal/today/")
    for exercise in catalog:
        assert f'value="{exercise.pk}"' in response.text
        assert f">{exercise.name}</label>" in response.text


def test_it_saves_ratings_exercises_and_a_note(alice, user, catalog, frozen_today) -> None:
    response = post_today(
        alice, back="4", hip="0", knee="7", exercises=[catalog[0].pk, catalog[2].pk], note="Stiff"
    )
    assert response.status_code == 302
    assert response["Location"] == "/journal/today/"
    entry = Entry.objects.get(user=user, day=frozen_today)
    assert (entry.back, entry.hip, entry.knee, entry.note) == (4, 0, 7, "Stiff")
    assert list(entry.exercises.all()) == [catalog[0], catalog[2]]


def test_it_stores_an_area_left_unrated_as_empty_not_as_zero(
    alice, user, catalog, frozen_today
) -> None:
    post_today(alice, back="3", hip="", knee="")
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.hip, entry.knee) == (3, None, None)


def test_it_keeps_zero_as_no_pain(alice, user, catalog, frozen_today) -> None:
    post_today(alice, back="0")
    assert Entry.objects.get(user=user).back == 0


def test_saving_again_the_same_day_updates_the_one_entry(
    alice, user, catalog, frozen_today
) -> None:
    post_today(alice, back="6", exercises=[catalog[0].pk, catalog[1].pk], note="first")
    post_today(alice, back="2", exercises=[catalog[1].pk], note="second")
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.note) == (2, "second")
    assert list(entry.exercises.all()) == [catalog[1]]


def test_it_confirms_a_past_days_save_by_name_of_the_day(alice, catalog, frozen_today) -> None:
    response = alice.post("/journal/day/2026-11-20/", {"back": "3"}, follow=True)
    assert "Saved Friday 20 November 2026." in response.text


def test_it_shows_the_saved_values_when_the_page_is_opened_again(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=3, note="A note", exercises=[catalog[1]])
    response = alice.get("/journal/today/")
    assert 'name="back" value="3" class="btn-check" id="id_back_4" checked' in response.text
    assert 'value="" class="btn-check" id="id_hip_0" checked' in response.text
    assert f'value="{catalog[1].pk}" id="id_exercises_1" checked' in response.text
    assert "A note</textarea>" in response.text


def test_it_hides_an_exercise_retired_from_the_catalog(alice, catalog, frozen_today) -> None:
    catalog[1].is_active = False
    catalog[1].save()
    assert catalog[1].name not in alice.get("/journal/today/").text


def test_it_keeps_a_retired_exercise_on_a_day_that_already_records_it(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=3, exercises=[catalog[1]])
    catalog[1].is_active = False
    catalog[1].save()
    response = alice.get("/journal/today/")
    assert f'value="{catalog[1].pk}" id="id_exercises_1" checked' in response.text


@pytest.mark.parametrize("days_logged", [10, 1000])
def test_today_costs_the_same_queries_however_long_the_journal(
    alice, user, catalog, frozen_today, django_assert_num_queries, days_logged: int
) -> None:
    make_entries(user, frozen_today, days_logged)
    Factor.objects.listed(user)  # the ready-made factors are made on the first day page
    # user, data version; one query for today's entry id, this week's PEG, an experiment
    # covering today and the ready-made factors; the form's entry, its ticked exercises, the
    # catalog with any retired one ticked that day, its ticked factors and the chips. The
    # session comes from the cache.
    with django_assert_num_queries(8):
        assert alice.get("/journal/today/").status_code == 200
    # Opened again with nothing saved in between: the page's state and the form's HTML come
    # from the worker's memory.
    with django_assert_num_queries(2):
        assert alice.get("/journal/today/").status_code == 200


@pytest.mark.parametrize("days_logged", [10, 1000])
def test_saving_today_costs_the_same_queries_however_long_the_journal(
    alice, user, catalog, frozen_today, django_assert_max_num_queries, days_logged: int
) -> None:
    make_entries(user, frozen_today - datetime.timedelta(days=1), days_logged)
    # Savepoints and the model's constraint checks make up most of these; none is per day.
    with django_assert_max_num_queries(25):
        response = post_today(alice, back="3", exercises=[catalog[0].pk])
    assert response.status_code == 302


def test_one_users_save_never_touches_another_users_day(alice, user, catalog, frozen_today) -> None:
    other = make_user("bob")
    make_entry(other, frozen_today, back=9, note="Bob's day")
    post_today(alice, back="1")
    assert Entry.objects.get(user=other).back == 9
    assert Entry.objects.filter(day=frozen_today).count() == 2
