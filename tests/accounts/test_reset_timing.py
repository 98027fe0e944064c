"""The password reset page must not tell an outsider which addresses are accounts.

Before the task queue, the page sent the mail itself: 51 ms for a confirmed address against
4 ms for any other. The mail backend here waits 50 ms a message, as a mail server does, so a
page that still sent mail would differ by that much."""

import statistics
import time

from django.core.mail.backends.locmem import EmailBackend
from django.test import Client

from accounts.models import MailSlot, profile_of
from tests.factories import make_user
from tests.queue import sent_mail

ROUNDS = 40
MAIL_SERVER_SECONDS = 0.05


class MailServerPace(EmailBackend):
    def send_messages(self, messages: list) -> int:
        time.sleep(MAIL_SERVER_SECONDS * len(messages))
        return super().send_messages(messages)


def seconds_to_ask_for_a_reset(client: Client, address: str) -> float:
    # The mail limits (3 an hour per address) would refuse the rounds: forget the claims,
    # outside the timing, so that every request makes one as a first request does.
    MailSlot.objects.all().delete()
    started = time.perf_counter()
    response = client.post("/accounts/password_reset/", {"email": address})
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    return elapsed


def test_the_reset_page_takes_as_long_for_a_confirmed_account_as_for_a_stranger(
    db, settings
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.MailServerPace"
    # Axes and the mail limits count per client: each address gets its own client.
    alice = make_user("alice", email="alice@example.org")
    profile_of(alice).confirm_email("alice@example.org")
    account, stranger = Client(), Client()
    seconds_to_ask_for_a_reset(account, "alice@example.org")  # warm up the templates
    seconds_to_ask_for_a_reset(stranger, "nobody@example.org")
    for_account, for_stranger = [], []
    for _ in range(ROUNDS):  # alternating, so a busy moment of the machine hits both
        for_account.append(seconds_to_ask_for_a_reset(account, "alice@example.org"))
        for_stranger.append(seconds_to_ask_for_a_reset(stranger, "nobody@example.org"))
    difference = statistics.median(for_account) - statistics.median(for_stranger)
    assert abs(difference) < MAIL_SERVER_SECONDS / 5, (
        f"median {statistics.median(for_account) * 1000:.1f} ms for an account, "
        f"{statistics.median(for_stranger) * 1000:.1f} ms for a stranger"
    )
    # The worker still mails the account's owner, once per request, and nobody else.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    messages = sent_mail()
    assert {tuple(message.to) for message in messages} == {("alice@example.org",)}
    assert len(messages) == ROUNDS + 1
