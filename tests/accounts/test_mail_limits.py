"""Outgoing mail is limited per account, per destination address and per client address
(#20 finding 3): 30 confirmations to one address and 10 anonymous resets in a row all went."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client, RequestFactory

from accounts.limits import MAIL_LIMIT_MESSAGE, PER_CLIENT, claim_mail
from accounts.models import MailSlot, profile_of
from tests.factories import PASSWORD, make_user
from tests.queue import sent_mail
from tests.races import at_once

RESET = "/accounts/password_reset/"
NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


def confirmed(username: str, email: str) -> object:
    user = make_user(username, email=email)
    profile_of(user).confirm_email(email)
    return user


def reset(client: Client, address: str, ip: str = "203.0.113.5"):
    return client.post(RESET, {"email": address}, REMOTE_ADDR=ip)


def test_anonymous_resets_to_one_address_stop_after_three_an_hour(client, db) -> None:
    confirmed("bob", "bob@example.org")
    answers = [reset(client, "bob@example.org", ip=f"203.0.113.{n}") for n in range(10)]
    assert [a.status_code for a in answers] == [302] * 3 + [429] * 7
    assert len(sent_mail()) == 3
    assert MAIL_LIMIT_MESSAGE in answers[3].text
    assert answers[3]["Retry-After"] == "3600"


def test_the_refusal_is_the_same_for_an_address_without_an_account(client, db) -> None:
    confirmed("bob", "bob@example.org")
    with_account = [reset(client, "BOB@example.org", ip=f"203.0.113.{n}") for n in range(4)]
    without = [reset(client, "nobody@example.org", ip=f"198.51.100.{n}") for n in range(4)]
    assert [a.status_code for a in with_account] == [a.status_code for a in without]
    assert without_token(with_account[-1].text, "BOB@example.org") == without_token(
        without[-1].text, "nobody@example.org"
    )


def without_token(page: str, address: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page).replace(address, "X")


def test_one_client_gets_at_most_ten_mails_an_hour_whatever_the_addresses(client, db) -> None:
    answers = [reset(client, f"someone{n}@example.org") for n in range(PER_CLIENT + 2)]
    assert [a.status_code for a in answers].count(302) == PER_CLIENT
    assert answers[-1].status_code == 429


def test_resending_a_confirmation_stops_after_three_an_hour(alice, user) -> None:
    user.email = "alice@example.org"
    user.save()
    for _ in range(5):
        alice.post("/accounts/settings/confirm-again/", REMOTE_ADDR="203.0.113.9")
    assert len(sent_mail()) == 3
    page = alice.get("/accounts/settings/")
    assert "We could not send the link to alice@example.org to confirm it now." in page.text


def test_sign_up_confirmations_count_against_the_client(client, db) -> None:
    for n in range(PER_CLIENT + 1):
        Client().post(
            "/accounts/signup/",
            {
                "username": f"newcomer{n}",
                "email": f"new{n}@example.org",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            REMOTE_ADDR="203.0.113.77",
        )
    assert len(sent_mail()) == PER_CLIENT


def test_the_limit_frees_up_after_an_hour(client, db) -> None:
    with time_machine.travel(NOON):
        for n in range(3):
            reset(client, "x@example.org", ip=f"203.0.113.{n}")
        assert reset(client, "x@example.org", ip="203.0.113.50").status_code == 429
    with time_machine.travel(NOON + datetime.timedelta(minutes=59)):
        assert reset(client, "x@example.org", ip="203.0.113.51").status_code == 429
    with time_machine.travel(NOON + datetime.timedelta(minutes=61)):
        assert reset(client, "x@example.org", ip="203.0.113.52").status_code == 302


def test_the_count_lives_in_the_database_not_in_a_cache(client, db) -> None:
    # Two app servers share the database, not their memory: emptying every cache between
    # requests is what a second server looks like.
    for n in range(4):
        for cache in caches.all():
            cache.clear()
        response = reset(client, "x@example.org", ip=f"203.0.113.{n}")
    assert response.status_code == 429


def test_the_limits_keep_no_address_in_clear(client, db) -> None:
    reset(client, "x@example.org")
    assert MailSlot.objects.count() == 2  # the client and the destination
    stored = " ".join(f"{s.scope} {s.slot}" for s in MailSlot.objects.all())
    assert "example.org" not in stored
    assert "203.0.113" not in stored


def test_the_confirmation_mail_does_not_carry_the_chosen_username(client, db) -> None:
    Client().post(
        "/accounts/signup/",
        {
            "username": "Win-a-prize-at-evil.example",
            "email": "victim@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    (message,) = sent_mail()
    assert "prize" not in message.body.lower()


@pytest.mark.django_db(transaction=True)
def test_eight_requests_at_once_get_three_mails_to_one_address() -> None:
    factory = RequestFactory()

    def claim(n: int) -> bool:
        request = factory.post(RESET, REMOTE_ADDR=f"203.0.113.{n}")
        return claim_mail(request, to="target@example.org")

    results = at_once(8, claim)
    assert sorted(results) == [False] * 5 + [True] * 3
