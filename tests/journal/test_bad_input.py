import pytest
from django.test import Client

from journal.models import Entry
from tests.factories import make_entry
from tests.journal.saves import refused_save


def post_today(client: Client, data: dict[str, object]):
    return client.post("/journal/today/", data)


@pytest.mark.parametrize("rating", ["11", "-1", "2.5", "abc", "1e1", " "])
def test_it_rejects_a_rating_that_is_not_a_whole_number_from_0_to_10(
    alice, user, catalog, frozen_today, rating: str
) -> None:
    page = refused_save(post_today(alice, {"back": rating, "hip": "3"}), user)
    assert "Choose a whole number from 0 (no pain) to 10" in page


def test_it_rejects_an_empty_form_with_a_message(alice, user, catalog, frozen_today) -> None:
    page = refused_save(post_today(alice, {}), user)
    assert "Rate at least one area, tick an exercise or a factor, or write a note" in page


def test_it_rejects_a_note_over_the_limit(alice, user, catalog, frozen_today) -> None:
    page = refused_save(post_today(alice, {"back": "2", "note": "x" * 2001}), user)
    assert "at most 2000 characters" in page


@pytest.mark.parametrize("exercise_id", ["999", "x", "-3"])
def test_it_rejects_an_exercise_that_is_not_in_the_catalog(
    alice, user, catalog, frozen_today, exercise_id: str
) -> None:
    page = refused_save(
        post_today(alice, {"back": "2", "exercises": [catalog[0].pk, exercise_id]}), user
    )
    assert "not in the catalog" in page or "no longer in the catalog" in page


def test_it_rejects_an_exercise_retired_from_the_catalog(
    alice, user, catalog, frozen_today
) -> None:
    catalog[3].is_active = False
    catalog[3].save()
    page = refused_save(post_today(alice, {"back": "2", "exercises": [catalog[3].pk]}), user)
    assert "no longer in the catalog" in page


def test_a_bad_save_leaves_the_earlier_entry_exactly_as_it_was(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=4, note="kept", exercises=[catalog[0]])
    response = post_today(alice, {"back": "2", "knee": "12", "exercises": [], "note": "new"})
    assert response.status_code == 400
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.knee, entry.note) == (4, None, "kept")
    assert list(entry.exercises.all()) == [catalog[0]]


def test_it_refuses_a_post_without_a_csrf_token(user, catalog, frozen_today) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/journal/today/", {"back": "3"})
    assert response.status_code == 403
    assert "The form expired" in response.text
    assert not Entry.objects.filter(user=user).exists()


def test_it_refuses_to_rate_a_future_day(alice, user, catalog, frozen_today) -> None:
    page = refused_save(alice.post("/journal/day/2026-11-26/", {"back": "3"}), user)
    assert "2026-11-26 is in the future" in page


def test_opening_a_future_day_explains_instead_of_showing_a_form(
    alice, catalog, frozen_today
) -> None:
    response = alice.get("/journal/day/2027-01-01/")
    assert response.status_code == 400
    assert "2027-01-01 is in the future" in response.text
    assert 'name="back"' not in response.text


@pytest.mark.parametrize("path", ["/journal/day/2026-02-30/", "/journal/day/26-11-2026/"])
def test_a_malformed_date_in_the_address_is_a_404(alice, catalog, path: str) -> None:
    assert alice.get(path).status_code == 404


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-13-01", "Enter a date as YYYY-MM-DD"),
        ("yesterday", "Enter a date as YYYY-MM-DD"),
        ("2030-01-01", "2030-01-01 is in the future"),
    ],
)
def test_opening_a_bad_date_from_history_explains_what_is_wrong(
    alice, catalog, frozen_today, value: str, message: str
) -> None:
    response = alice.get("/journal/history/", {"day": value})
    assert response.status_code == 400
    assert message in response.text


def test_a_get_with_unknown_methods_is_refused_politely(alice, catalog, frozen_today) -> None:
    assert alice.put("/journal/today/").status_code == 405
