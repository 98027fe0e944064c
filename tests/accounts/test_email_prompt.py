"""Accounts without an email address are asked once, politely, on Today to add one."""

from accounts.models import Profile

PROMPT = "Add an email address to get back in if you forget your password"


def test_today_asks_an_account_without_an_address_to_add_one(alice, catalog, frozen_today):
    page = alice.get("/journal/today/").text
    assert PROMPT in page
    assert 'href="/accounts/settings/#id_email"' in page


def test_no_thanks_is_remembered(alice, user, catalog, frozen_today) -> None:
    response = alice.post("/accounts/email-prompt/dismiss/")
    assert response["Location"] == "/journal/today/"
    assert Profile.objects.get(user=user).email_prompt_dismissed
    assert PROMPT not in alice.get("/journal/today/").text


def test_an_account_with_an_address_is_not_asked(alice, user, catalog, frozen_today) -> None:
    user.email = "alice@example.org"
    user.save()
    assert PROMPT not in alice.get("/journal/today/").text


def test_past_days_do_not_ask(alice, catalog, frozen_today) -> None:
    assert PROMPT not in alice.get("/journal/day/2026-11-20/").text


def test_dismissing_needs_a_login_and_a_post(client, alice, db) -> None:
    assert client.post("/accounts/email-prompt/dismiss/")["Location"].startswith("/accounts/login")
    assert alice.get("/accounts/email-prompt/dismiss/").status_code == 405
