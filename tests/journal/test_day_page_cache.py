"""A day's page is kept in the worker's memory per data version: it must never show a stale
journal, nor carry one browser's CSRF token to another."""

import datetime
import re

import time_machine
from django.test import Client

from journal.models import PegCheckIn
from tests.factories import make_entry


def entry_form_token(html: str) -> str:
    form = html[html.index('id="entry-form"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def browser_of(user: object) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_a_day_opened_again_after_a_save_shows_the_save(alice, catalog, frozen_today) -> None:
    assert 'id="id_back_4" checked' not in alice.get("/journal/today/").text
    alice.post("/journal/today/", {"back": "3", "exercises": [catalog[0].pk]})
    page = alice.get("/journal/today/").text
    assert 'name="back" value="3" class="btn-check" id="id_back_4" checked' in page
    assert f'value="{catalog[0].pk}" id="id_exercises_0" checked' in page
    assert "Delete this day" in page


def test_a_day_opened_again_after_its_deletion_is_blank(alice, user, frozen_today) -> None:
    entry = make_entry(user, frozen_today, back=6)
    assert 'id="id_back_7" checked' in alice.get("/journal/today/").text
    alice.post(f"/journal/entries/{entry.pk}/delete/")
    page = alice.get("/journal/today/").text
    assert 'id="id_back_7" checked' not in page
    assert "Delete this day" not in page


def test_an_exercise_renamed_in_the_catalog_shows_on_the_form_at_once(
    alice, catalog, frozen_today
) -> None:
    alice.get("/journal/today/")
    catalog[0].name = "Tiptoe walk, renamed"
    catalog[0].save()
    assert "Tiptoe walk, renamed" in alice.get("/journal/today/").text


def test_the_weekly_check_in_offer_goes_once_it_is_saved_elsewhere(
    alice, user, frozen_today
) -> None:
    assert "Weekly check-in" in alice.get("/journal/today/").text
    PegCheckIn.objects.save_week(user, frozen_today, pain=4, enjoyment=None, activity=None)
    assert "Weekly check-in" not in alice.get("/journal/today/").text


def test_each_browser_gets_its_own_csrf_token_on_a_cached_form(user, catalog, frozen_today) -> None:
    phone, laptop = browser_of(user), browser_of(user)
    phone_token = entry_form_token(phone.get("/journal/today/").text)
    laptop_token = entry_form_token(laptop.get("/journal/today/").text)
    assert phone_token != laptop_token
    response = laptop.post("/journal/today/", {"back": "2", "csrfmiddlewaretoken": laptop_token})
    assert response.status_code == 302
    response = phone.post("/journal/today/", {"back": "5", "csrfmiddlewaretoken": phone_token})
    assert response.status_code == 302


def test_another_persons_cached_day_is_never_shown(
    alice, user, client_of, outsider, frozen_today
) -> None:
    make_entry(user, frozen_today, back=9, note="A private note of Alice")
    assert "A private note of Alice" in alice.get("/journal/today/").text
    page = client_of(outsider).get("/journal/today/").text
    assert "A private note of Alice" not in page
    assert 'id="id_back_10" checked' not in page


def test_a_past_day_opened_again_the_next_day_offers_the_new_date(alice, frozen_today) -> None:
    assert 'max="2026-11-25"' in alice.get("/journal/day/2026-11-20/").text
    with time_machine.travel(datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)):
        page = alice.get("/journal/day/2026-11-20/").text
    assert 'max="2026-11-26"' in page
    assert 'max="2026-11-25"' not in page
