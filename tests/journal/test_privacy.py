"""Every journal page needs a login and shows only the logged-in person's own days."""

import datetime

import pytest

from journal.models import Entry
from tests.factories import make_entry

DAY = datetime.date(2026, 11, 20)
SECRET = "Alice's private note"


@pytest.fixture
def alices_entry(user, catalog) -> Entry:
    return make_entry(user, DAY, back=8, note=SECRET, exercises=[catalog[0]])


def journal_urls(entry: Entry) -> list[str]:
    return [
        "/journal/today/",
        "/journal/day/2026-11-20/",
        "/journal/history/",
        f"/journal/entries/{entry.pk}/",
        f"/journal/entries/{entry.pk}/delete/",
        "/journal/reports/",
    ]


def test_every_journal_page_asks_an_anonymous_visitor_to_log_in(
    client, alices_entry, frozen_today
) -> None:
    for url in journal_urls(alices_entry):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


def test_no_journal_page_shows_another_users_data(
    client_of, outsider, alices_entry, frozen_today
) -> None:
    mallory = client_of(outsider)
    for url in journal_urls(alices_entry):
        response = mallory.get(url)
        assert SECRET not in response.text, url
        assert response.status_code in (200, 404), url


def test_another_users_entry_is_a_404(client_of, outsider, alices_entry) -> None:
    mallory = client_of(outsider)
    assert mallory.get(f"/journal/entries/{alices_entry.pk}/").status_code == 404
    assert mallory.get(f"/journal/entries/{alices_entry.pk}/delete/").status_code == 404


def test_another_user_cannot_delete_an_entry(client_of, outsider, alices_entry) -> None:
    response = client_of(outsider).post(f"/journal/entries/{alices_entry.pk}/delete/")
    assert response.status_code == 404
    assert Entry.objects.filter(pk=alices_entry.pk).exists()


def test_another_user_saving_the_same_date_gets_an_entry_of_their_own(
    client_of, outsider, alices_entry, frozen_today
) -> None:
    client_of(outsider).post("/journal/day/2026-11-20/", {"back": "1"})
    alices_entry.refresh_from_db()
    assert (alices_entry.back, alices_entry.note) == (8, SECRET)
    assert Entry.objects.get(user=outsider).back == 1


def test_the_day_page_of_another_user_shows_an_empty_form(
    client_of, outsider, alices_entry, frozen_today
) -> None:
    response = client_of(outsider).get("/journal/day/2026-11-20/")
    assert 'value="" class="btn-check" id="id_back_0" checked' in response.text
