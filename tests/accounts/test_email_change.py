"""Changing the address cannot take over an account from a borrowed session (#20 finding 1),
and a confirmation link confirms only with its button (finding 4)."""

import datetime
import re

import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from accounts.models import profile_of
from journal.models import ShareLink
from tests.factories import PASSWORD, make_user
from tests.queue import sent_mail

SETTINGS = "/accounts/settings/"
NEW_PASSWORD = "a-brand-new-password-93"


def form(email: str, password: str | None = None) -> dict[str, object]:
    data = {
        "email": email,
        "time_zone": "Europe/London",
        "reminder_time": "20:00",
        "reminder_days": [str(d) for d in range(7)],
    }
    if password is not None:
        data["current_password"] = password
    return data


def link(message: object, pattern: str) -> str:
    return re.search(rf"https?://[^/\s]+({pattern})", message.body)[1]


def owner_with_confirmed_address(db: None) -> object:
    user = make_user("alice", email="alice@example.org")
    profile_of(user).confirm_email("alice@example.org")
    return user


def borrowed_session(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_borrowed_session_cannot_change_the_address_without_the_password(db) -> None:
    owner = owner_with_confirmed_address(db)
    intruder = borrowed_session(owner)
    response = intruder.post(SETTINGS, form("intruder@example.org"))
    assert response.status_code == 400
    assert "Enter your password to change or remove your email address." in response.text
    owner.refresh_from_db()
    assert owner.email == "alice@example.org"
    assert profile_of(owner).pending_email == ""
    assert sent_mail() == []


def test_a_wrong_password_changes_nothing(db) -> None:
    owner = owner_with_confirmed_address(db)
    response = borrowed_session(owner).post(SETTINGS, form("x@example.org", "guess"))
    assert "That is not your password." in response.text
    assert profile_of(get_user_model().objects.get(pk=owner.pk)).pending_email == ""


def test_the_issues_takeover_no_longer_reaches_the_password(db) -> None:
    owner = owner_with_confirmed_address(db)
    intruder = borrowed_session(owner)
    # Even knowing the password: the new address waits, resets still go to the old one.
    intruder.post(SETTINGS, form("intruder@example.org", PASSWORD))
    sent_mail().clear()
    anonymous = Client()
    anonymous.post("/accounts/password_reset/", {"email": "intruder@example.org"})
    assert sent_mail() == []
    anonymous.post("/accounts/password_reset/", {"email": "alice@example.org"})
    assert [m.to for m in sent_mail()] == [["alice@example.org"]]


def test_the_new_address_waits_and_the_old_one_is_told_with_an_undo_link(db) -> None:
    owner = owner_with_confirmed_address(db)
    borrowed_session(owner).post(SETTINGS, form("new@example.org", PASSWORD))
    owner.refresh_from_db()
    assert owner.email == "alice@example.org"
    assert profile_of(owner).email_confirmed
    confirmation, notice = sent_mail()
    assert confirmation.to == ["new@example.org"]
    assert notice.to == ["alice@example.org"]
    assert "open this link within 7 days" in notice.body
    assert link(notice, r"/accounts/email/undo/\S+/")


def test_confirming_the_new_address_makes_it_the_accounts(db) -> None:
    owner = owner_with_confirmed_address(db)
    borrowed_session(owner).post(SETTINGS, form("new@example.org", PASSWORD))
    Client().post(link(sent_mail()[0], r"/accounts/confirm-email/\S+/"))
    owner.refresh_from_db()
    assert owner.email == "new@example.org"
    assert profile_of(owner).email_confirmed
    assert profile_of(owner).pending_email == ""


def test_opening_a_confirmation_link_only_asks(db) -> None:
    owner = make_user("alice", email="alice@example.org")
    borrowed_session(owner).post("/accounts/settings/confirm-again/")
    path = link(sent_mail()[0], r"/accounts/confirm-email/\S+/")
    page = Client().get(path)
    assert page.status_code == 200
    assert "Yes, confirm alice@example.org</button>" in page.text
    assert not profile_of(get_user_model().objects.get(pk=owner.pk)).email_confirmed
    Client().post(path)
    assert profile_of(get_user_model().objects.get(pk=owner.pk)).email_confirmed


def test_undo_restores_the_address_and_locks_everyone_out(db) -> None:
    owner = owner_with_confirmed_address(db)
    intruder = borrowed_session(owner)
    owners_phone = borrowed_session(owner)
    intruder.post(SETTINGS, form("intruder@example.org", PASSWORD))
    confirmation, notice = sent_mail()
    Client().post(link(confirmation, r"/accounts/confirm-email/\S+/"))  # the intruder's mailbox
    undo = link(notice, r"/accounts/email/undo/\S+/")

    page = Client().get(undo)
    assert "Undo the change and secure my account</button>" in page.text
    assert get_user_model().objects.get(pk=owner.pk).email == "intruder@example.org"

    owner_browser = Client()
    response = owner_browser.post(undo)
    owner.refresh_from_db()
    assert owner.email == "alice@example.org"
    assert profile_of(owner).email_confirmed
    assert not owner.has_usable_password()
    for session in (intruder, owners_phone):
        assert session.get(SETTINGS).status_code == 302  # to the log-in page
    # The undo leads straight to choosing a new password.
    form_url = owner_browser.get(response["Location"])["Location"]
    owner_browser.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert get_user_model().objects.get(pk=owner.pk).check_password(NEW_PASSWORD)


def test_undo_ends_the_share_links_made_since_the_change(db, catalog) -> None:
    owner = owner_with_confirmed_address(db)
    intruder = borrowed_session(owner)
    share = {"start": "2026-11-01", "end": "2026-11-25", "days": "14", "label": ""}
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)):
        intruder.post("/journal/reports/share/", {**share, "label": "before"})
    with time_machine.travel(datetime.datetime(2026, 11, 25, 13, 0, tzinfo=datetime.UTC)):
        intruder.post(SETTINGS, form("intruder@example.org", PASSWORD))
    with time_machine.travel(datetime.datetime(2026, 11, 25, 13, 5, tzinfo=datetime.UTC)):
        intruder.post("/journal/reports/share/", {**share, "label": "after"})
        Client().post(link(sent_mail()[1], r"/accounts/email/undo/\S+/"))
    ended = dict(ShareLink.objects.values_list("label", "revoked_at"))
    assert ended["before"] is None
    assert ended["after"] is not None


def test_the_undo_link_works_for_seven_days(db) -> None:
    owner = owner_with_confirmed_address(db)
    borrowed_session(owner).post(SETTINGS, form("new@example.org", PASSWORD))
    undo = link(sent_mail()[1], r"/accounts/email/undo/\S+/")
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=7, minutes=1)
    with time_machine.travel(later):
        response = Client().post(undo)
    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert get_user_model().objects.get(pk=owner.pk).has_usable_password()


def test_a_tampered_undo_link_does_nothing(db) -> None:
    owner = owner_with_confirmed_address(db)
    borrowed_session(owner).post(SETTINGS, form("new@example.org", PASSWORD))
    undo = link(sent_mail()[1], r"/accounts/email/undo/\S+/")
    response = Client().post(undo[:-6] + ("A" if undo[-6] != "A" else "B") + undo[-5:])
    assert response.status_code == 400
    assert get_user_model().objects.get(pk=owner.pk).has_usable_password()


def test_the_intruders_confirmation_link_dies_with_the_undo(db) -> None:
    owner = owner_with_confirmed_address(db)
    borrowed_session(owner).post(SETTINGS, form("intruder@example.org", PASSWORD))
    confirmation, notice = sent_mail()
    Client().post(link(notice, r"/accounts/email/undo/\S+/"))
    response = Client().post(link(confirmation, r"/accounts/confirm-email/\S+/"))
    assert response.status_code == 400
    assert get_user_model().objects.get(pk=owner.pk).email == "alice@example.org"


def test_a_pending_change_can_be_cancelled(db) -> None:
    owner = owner_with_confirmed_address(db)
    session = borrowed_session(owner)
    session.post(SETTINGS, form("new@example.org", PASSWORD))
    session.post("/accounts/settings/cancel-email-change/")
    assert profile_of(get_user_model().objects.get(pk=owner.pk)).pending_email == ""
    confirmation = sent_mail()[0]
    assert Client().post(link(confirmation, r"/accounts/confirm-email/\S+/")).status_code == 400


def test_saving_other_settings_keeps_a_pending_change(db) -> None:
    owner = owner_with_confirmed_address(db)
    session = borrowed_session(owner)
    session.post(SETTINGS, form("new@example.org", PASSWORD))
    page = session.get(SETTINGS).text
    assert 'value="new@example.org"' in page
    session.post(SETTINGS, {**form("new@example.org"), "display_name": "Alice"})
    assert profile_of(get_user_model().objects.get(pk=owner.pk)).pending_email == "new@example.org"
    assert len(sent_mail()) == 2


def test_the_undo_pages_need_no_login_and_outsiders_gain_nothing(db, client) -> None:
    # The token is the key; a made-up one is refused like a tampered one.
    assert client.get("/accounts/email/undo/not-a-token/").status_code == 400
    assert client.post("/accounts/email/undo/not-a-token/").status_code == 400


def test_cancelling_a_change_needs_a_login_and_a_post(client, db) -> None:
    response = client.post("/accounts/settings/cancel-email-change/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    owner = owner_with_confirmed_address(db)
    assert borrowed_session(owner).get("/accounts/settings/cancel-email-change/").status_code == 405
