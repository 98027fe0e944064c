"""The server's side of offline saving: versions, conflicts, the offline copy of the page."""

import json

from journal.models import Entry
from tests.factories import make_entry

DRAFT = {"HTTP_X_FOOTCARE_DRAFT": "1"}


def version_on_page(client, url: str = "/journal/today/") -> str:
    form = client.get(url).context["form"]
    return form["version"].value()


def test_a_day_not_logged_yet_is_loaded_as_new(alice, catalog, frozen_today) -> None:
    assert version_on_page(alice) == "new"


def test_a_logged_day_is_loaded_with_the_version_of_its_last_save(
    alice, user, catalog, frozen_today
) -> None:
    entry = make_entry(user, frozen_today, back=3)
    assert version_on_page(alice) == entry.version


def test_a_save_with_the_version_it_was_loaded_with_is_kept(
    alice, user, catalog, frozen_today
) -> None:
    version = version_on_page(alice)
    response = alice.post("/journal/today/", {"back": "5", "version": version})
    assert response.status_code == 302
    assert Entry.objects.get(user=user).back == 5


def test_a_save_over_a_day_changed_elsewhere_shows_both_versions_and_saves_nothing(
    alice, user, catalog, frozen_today
) -> None:
    version = version_on_page(alice)
    make_entry(user, frozen_today, back=2, note="Typed on the laptop")
    response = alice.post(
        "/journal/today/", {"back": "8", "note": "Typed on the phone", "version": version}
    )
    assert response.status_code == 409
    assert "This day was changed somewhere else" in response.text
    assert "Typed on the laptop" in response.text
    assert "Typed on the phone" in response.text
    assert Entry.objects.get(user=user).note == "Typed on the laptop"


def test_saving_my_version_after_a_conflict_overwrites_the_other(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=2, note="Typed on the laptop")
    conflict = alice.post("/journal/today/", {"back": "8", "note": "Mine", "version": "new"})
    version = conflict.context["form"]["version"].value()
    response = alice.post("/journal/today/", {"back": "8", "note": "Mine", "version": version})
    assert response.status_code == 302
    assert Entry.objects.get(user=user).note == "Mine"


def test_a_draft_typed_in_the_offline_copy_conflicts_only_with_an_existing_day(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.post("/journal/today/", {"back": "1", "version": "unknown"})
    assert response.status_code == 302
    again = alice.post("/journal/today/", {"back": "2", "version": "unknown"})
    assert again.status_code == 409


def test_a_form_without_a_version_saves_as_before(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, back=2)
    assert alice.post("/journal/today/", {"back": "6"}).status_code == 302
    assert Entry.objects.get(user=user).back == 6


def test_a_kept_draft_is_answered_with_json_and_the_new_version(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.post("/journal/today/", {"back": "4", "version": "new"}, **DRAFT)
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer == {
        "saved": True,
        "url": "/journal/today/",
        "version": Entry.objects.get(user=user).version,
    }


def test_a_kept_draft_that_meets_a_conflict_is_answered_409(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=2)
    response = alice.post("/journal/today/", {"back": "4", "version": "new"}, **DRAFT)
    assert (response.status_code, json.loads(response.content)) == (409, {"saved": False})


def test_a_kept_draft_sent_after_logging_out_is_not_taken_for_a_save(client, catalog) -> None:
    response = client.post("/journal/today/", {"back": "4", "version": "new"}, **DRAFT)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_empty_form_says_rate_at_least_one_area_once(alice, catalog, frozen_today) -> None:
    response = alice.post("/journal/today/", {"version": "new"})
    assert response.text.count("Rate at least one area") == 1


def test_the_offline_copy_of_today_holds_no_journal_data(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=7, note="A private note")
    response = alice.get("/journal/offline/")
    assert response.status_code == 200
    assert "A private note" not in response.text
    assert 'value="7" checked' not in response.text
    assert response.context["form"]["version"].value() == "unknown"
    assert response["Cache-Control"] == "private, no-store"


def test_the_offline_copy_needs_a_login(client, db) -> None:
    response = client.get("/journal/offline/")
    assert response.status_code == 302


def test_a_kept_draft_that_arrived_already_is_not_a_conflict(
    alice, user, catalog, frozen_today
) -> None:
    # The page was left before the phone forgot a draft that had been saved: the same day,
    # sent again with the version it was typed on, holds nothing to choose between.
    posted = {"back": "4", "note": "Same words", "version": "new"}
    assert alice.post("/journal/today/", posted).status_code == 302
    response = alice.post("/journal/today/", posted, **DRAFT)
    assert response.status_code == 200
    assert json.loads(response.content)["saved"] is True
    assert Entry.objects.get(user=user).note == "Same words"
