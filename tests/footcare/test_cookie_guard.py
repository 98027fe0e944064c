"""An oversized or backslash-stuffed Cookie header is refused before anything parses it.

Python 3.11.7's http.cookies unquotes backslash escapes in quadratic time (CVE-2024-7592):
twelve 8 KB headers of backslashes made one request take 55 s. The guard refuses them
before Django's cookie parser runs, whatever the Python.
"""

import time

import pytest
from django.conf import settings
from django.core.handlers import wsgi

from footcare.middleware import MAX_COOKIE_BACKSLASHES, MAX_COOKIE_BYTES

# What the probe sent: twelve `Cookie: a="\\\\…"` lines of 8 KB, which the server joins.
ATTACK = ", ".join('a="' + "\\" * 8188 + '"' for _ in range(12))


@pytest.fixture
def cookie_parser_must_not_run(monkeypatch) -> None:
    parse = wsgi.parse_cookie

    def refuse_big(cookie: str) -> dict[str, str]:
        if len(cookie) > MAX_COOKIE_BYTES or "\\" in cookie:
            raise AssertionError(f"a {len(cookie)}-byte Cookie header reached the parser")
        return parse(cookie)

    monkeypatch.setattr(wsgi, "parse_cookie", refuse_big)


def test_the_guard_is_the_first_middleware() -> None:
    assert settings.MIDDLEWARE[0] == "footcare.middleware.cookie_size_guard"


def test_the_backslash_attack_is_refused_before_the_cookies_are_parsed(
    client, db, cookie_parser_must_not_run
) -> None:
    client.get("/")  # warm up: the first request loads the URLconf and the middleware
    started = time.perf_counter()
    response = client.get("/", HTTP_COOKIE=ATTACK)
    elapsed_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 431
    assert "Cookie" in response.content.decode()
    # Measured, not asserted (timed tests are flaky on a shared machine): see the README.
    print(f"12 x 8 KB backslash cookies answered in {elapsed_ms:.1f} ms")


def test_a_cookie_header_just_over_the_limit_is_refused(
    client, db, cookie_parser_must_not_run
) -> None:
    response = client.get("/", HTTP_COOKIE="a=" + "x" * (MAX_COOKIE_BYTES - 1))
    assert response.status_code == 431


def test_many_backslashes_within_the_size_limit_are_refused(
    client, db, cookie_parser_must_not_run
) -> None:
    # 4 KB of backslashes costs ~80 ms to unquote on 3.11.7; the app's own cookies never
    # hold a backslash.
    cookie = 'a="' + "\\" * (MAX_COOKIE_BACKSLASHES + 1) + '"'
    assert len(cookie) < MAX_COOKIE_BYTES
    assert client.get("/", HTTP_COOKIE=cookie).status_code == 400


def test_a_page_with_the_apps_own_cookies_works(alice, catalog, frozen_today) -> None:
    # A session, the CSRF token and a message cookie of the size the messages framework
    # allows (2 KB) stay well inside the limit.
    alice.cookies["messages"] = "m" * 2048
    alice.cookies["csrftoken"] = "c" * 64
    response = alice.get("/journal/today/")
    assert response.status_code == 200
    assert len(response.wsgi_request.META["HTTP_COOKIE"]) < MAX_COOKIE_BYTES
