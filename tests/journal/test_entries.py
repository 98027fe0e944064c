import datetime

from journal.models import Entry
from tests.factories import make_entry


def test_an_entry_page_shows_the_day(alice, user, catalog, frozen_today) -> None:
    entry = make_entry(user, datetime.date(2026, 11, 3), hip=2, note="ok", exercises=[catalog[4]])
    response = alice.get(f"/journal/entries/{entry.pk}/")
    assert response.status_code == 200
    assert "Tuesday 3 November 2026" in response.text
    assert "Flexing the small muscles of the foot" in response.text


def test_deleting_asks_first_and_then_removes_the_day(alice, user, catalog, frozen_today) -> None:
    entry = make_entry(user, datetime.date(2026, 11, 3), hip=2, exercises=[catalog[1]])
    confirm = alice.get(f"/journal/entries/{entry.pk}/delete/")
    assert "It cannot be undone" in confirm.text
    assert Entry.objects.filter(pk=entry.pk).exists()
    response = alice.post(f"/journal/entries/{entry.pk}/delete/", follow=True)
    assert "Deleted the entry for Tuesday 3 November 2026." in response.text
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert not Entry.exercises.through.objects.filter(entry_id=entry.pk).exists()
