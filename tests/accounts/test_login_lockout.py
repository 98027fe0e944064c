import datetime
import ipaddress

import pytest
import time_machine
from django.test import Client

from tests.factories import PASSWORD

LIMIT = 5


def log_in(
    client: Client, password: str, username: str = "alice", forwarded_for: str = ""
) -> object:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, headers=headers
    )


def fail(client: Client, times: int = LIMIT, forwarded_for: str = "") -> list[int]:
    return [
        log_in(client, "wrong-password", forwarded_for=forwarded_for).status_code
        for _ in range(times)
    ]


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_it_logs_in_with_the_right_password(user) -> None:
    response = log_in(from_address("10.0.0.1"), PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/journal/today/"


def test_the_fifth_wrong_password_pauses_logging_in(user) -> None:
    assert fail(from_address("10.0.0.1")) == [200, 200, 200, 200, 429]


def test_while_paused_even_the_right_password_does_not_log_in(user) -> None:
    client = from_address("10.0.0.1")
    fail(client)
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_paused_page_says_what_happened_and_for_how_long(user) -> None:
    client = from_address("10.0.0.1")
    fail(client)
    response = log_in(client, PASSWORD)
    assert "Logging in is paused" in response.text
    assert "5 wrong passwords" in response.text
    assert "for 15 minutes" in response.text
    assert "Content-Security-Policy" in response


def test_four_wrong_passwords_do_not_pause_logging_in(user) -> None:
    client = from_address("10.0.0.1")
    fail(client, LIMIT - 1)
    assert log_in(client, PASSWORD).status_code == 302


def test_a_successful_log_in_starts_the_count_again(user) -> None:
    client = from_address("10.0.0.1")
    fail(client, LIMIT - 1)
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    fail(client, LIMIT - 1)
    assert log_in(client, PASSWORD).status_code == 302


def test_guessing_from_one_address_does_not_lock_the_person_out_elsewhere(user) -> None:
    fail(from_address("10.0.0.66"))
    assert log_in(from_address("10.0.0.1"), PASSWORD).status_code == 302


def test_guessing_one_username_does_not_lock_others_out_at_that_address(user, outsider) -> None:
    client = from_address("10.0.0.1")
    fail(client)
    assert log_in(client, PASSWORD, username="mallory").status_code == 302


def test_logging_in_works_again_after_the_cool_off(user) -> None:
    start = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
    client = from_address("10.0.0.1")
    with time_machine.travel(start, tick=False):
        fail(client)
        assert log_in(client, PASSWORD).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert log_in(client, PASSWORD).status_code == 302


@pytest.fixture
def behind_one_proxy(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("192.0.2.10")]


def test_behind_a_proxy_it_tells_people_apart_by_the_forwarded_address(
    user, behind_one_proxy
) -> None:
    proxy = from_address("192.0.2.10")
    fail(proxy, forwarded_for="203.0.113.66")
    assert log_in(proxy, PASSWORD, forwarded_for="203.0.113.66").status_code == 429
    assert log_in(proxy, PASSWORD, forwarded_for="203.0.113.1").status_code == 302


def test_behind_a_proxy_a_made_up_forwarded_address_does_not_escape_the_pause(
    user, behind_one_proxy
) -> None:
    # The proxy appends the address it saw; what the client wrote stays on the left.
    proxy = from_address("192.0.2.10")
    fail(proxy, forwarded_for="203.0.113.66")
    response = log_in(proxy, PASSWORD, forwarded_for="198.51.100.7, 203.0.113.66")
    assert response.status_code == 429
