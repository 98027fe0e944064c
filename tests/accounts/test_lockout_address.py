"""The address the login lockout counts by: forwarded only by a trusted proxy, always valid.

Run on PostgreSQL too (axes stores the address in an inet column there):
scripts/with-postgres .venv/bin/python -m pytest tests/accounts/test_lockout_address.py
"""

import ipaddress
import logging
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import Client

from tests.factories import PASSWORD

README = Path(__file__).resolve().parents[2] / "README.md"
PROXY = "127.0.0.1"  # where the README's nginx runs: on the same machine as gunicorn


def log_in(client: Client, password: str, headers: dict[str, str] | None = None) -> int:
    data = {"username": "alice", "password": password}
    return client.post("/accounts/login/", data, headers=headers or {}).status_code


@pytest.fixture
def behind_nginx(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("::1")]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def stored_addresses() -> set[str | None]:
    return set(AccessAttempt.objects.values_list("ip_address", flat=True)) | set(
        AccessLog.objects.values_list("ip_address", flat=True)
    )


# --- what a trusted proxy forwards is checked


@pytest.mark.parametrize(
    "forwarded",
    ["unknown", "203.0.113.5:51234", "[2001:db8::1]:443", "<script>", "999.1.1.1", " , ,"],
    ids=["unknown", "ip:port", "[ipv6]:port", "garbage", "out of range", "only commas"],
)
def test_a_forwarded_entry_that_is_not_an_address_falls_back_to_the_proxy(
    user, behind_nginx, forwarded: str
) -> None:
    proxy = Client(REMOTE_ADDR=PROXY)
    assert log_in(proxy, "wrong-password", {"X-Forwarded-For": forwarded}) == 200
    assert log_in(proxy, PASSWORD, {"X-Forwarded-For": forwarded}) == 302
    assert stored_addresses() == {PROXY}


def test_a_valid_forwarded_address_is_stored_in_its_normal_form(user, behind_nginx) -> None:
    proxy = Client(REMOTE_ADDR=PROXY)
    assert log_in(proxy, "wrong-password", {"X-Forwarded-For": " 2001:DB8:0::7 "}) == 200
    assert stored_addresses() == {"2001:db8::7"}


def test_an_invalid_socket_peer_is_not_stored(user) -> None:
    # A unix socket gives gunicorn no peer address; axes then stores none rather than junk.
    assert log_in(Client(REMOTE_ADDR="unix:/run/gunicorn.sock"), "wrong-password") == 200
    assert stored_addresses() == {None}


# --- only the trusted proxy may name the client


def test_rotating_forwarded_addresses_sent_straight_to_gunicorn_are_ignored(
    user, behind_nginx
) -> None:
    # gunicorn reachable directly: the peer is the attacker, not the proxy.
    attacker = Client(REMOTE_ADDR="198.51.100.9")
    answers = [
        log_in(attacker, "wrong-password", {"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(20)
    ]
    assert answers == [200] * 4 + [429] * 16
    assert stored_addresses() == {"198.51.100.9"}


def test_a_missing_header_behind_the_proxy_counts_everyone_as_the_proxy_and_says_so(
    user, behind_nginx, caplog
) -> None:
    with caplog.at_level(logging.WARNING, logger="footcare.proxy"):
        assert log_in(Client(REMOTE_ADDR=PROXY), "wrong-password") == 200
    assert stored_addresses() == {PROXY}
    assert "X-Forwarded-For" in caplog.text


# --- the README's nginx snippet


def nginx_snippet() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", README.read_text(), flags=re.DOTALL)
    assert len(blocks) == 1, "the README has one nginx snippet"
    return blocks[0]


def through_nginx(client_address: str, client_headers: dict[str, str]) -> dict[str, str]:
    """The headers gunicorn gets when the snippet's nginx forwards this request."""
    variables = {
        "$remote_addr": client_address,
        "$scheme": "https",
        "$host": "testserver",
        "$proxy_add_x_forwarded_for": ", ".join(
            [client_headers["X-Forwarded-For"], client_address]
            if "X-Forwarded-For" in client_headers
            else [client_address]
        ),
    }
    headers = dict(client_headers)
    for name, value in re.findall(r"^\s*proxy_set_header\s+(\S+)\s+(\S+);", nginx_snippet(), re.M):
        headers[name] = variables[value]
    return headers


def test_the_nginx_snippet_overwrites_both_headers() -> None:
    forwarded = through_nginx(
        "203.0.113.5", {"X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https"}
    )
    assert forwarded["X-Forwarded-For"] == "203.0.113.5"
    assert "proxy_pass http://127.0.0.1:8000;" in nginx_snippet()
    assert (
        through_nginx("203.0.113.5", {"X-Forwarded-Proto": "https"})["X-Forwarded-Proto"] == "https"
    )


def test_behind_the_snippet_rotating_forwarded_addresses_still_lock_out(user, behind_nginx) -> None:
    proxy = Client(REMOTE_ADDR=PROXY)
    answers = [
        log_in(
            proxy,
            "wrong-password",
            through_nginx("203.0.113.66", {"X-Forwarded-For": f"10.0.0.{n}"}),
        )
        for n in range(20)
    ]
    assert answers == [200] * 4 + [429] * 16
    # Someone else behind the same proxy is not locked out of the same account.
    assert log_in(proxy, PASSWORD, through_nginx("203.0.113.1", {})) == 302
