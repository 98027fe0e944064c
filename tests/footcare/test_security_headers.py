import re

import pytest

from tests.factories import make_user

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; "
    "worker-src 'self'; manifest-src 'self'"
)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def policy(response: object) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def inline_code(html: str) -> list[str]:
    return INLINE_SCRIPT.findall(html) + INLINE_STYLE.findall(html)


def test_it_sends_the_strict_content_security_policy(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/today/")
    assert policy(response) == {part.strip() for part in CSP.split(";")}


def test_it_allows_no_unsafe_inline_or_eval(alice, catalog, frozen_today) -> None:
    assert "unsafe" not in alice.get("/journal/today/")["Content-Security-Policy"]


def test_it_forbids_framing_sniffing_and_cross_site_referrers(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/today/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_it_sends_the_policy_on_the_not_found_page(client, db) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "frame-ancestors 'none'" in policy(response)


@pytest.mark.parametrize(
    "url",
    [
        "/journal/today/",
        "/journal/history/",
        "/journal/reports/",
        "/exercises/",
        "/accounts/password_change/",
    ],
)
def test_its_pages_carry_no_inline_script_or_style(url, alice, catalog, frozen_today) -> None:
    response = alice.get(url)
    assert response.status_code == 200
    assert inline_code(response.text) == []


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/"])
def test_its_public_pages_carry_no_inline_script_or_style(url, client, db) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert inline_code(response.text) == []


@pytest.fixture
def admin_client_of_staff(client_of, db) -> object:
    return client_of(make_user("sam", is_staff=True, is_superuser=True))


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/exercises/exercise/",
        "/admin/exercises/exercise/add/",
        "/admin/exercises/exercise/{pk}/change/",
        "/admin/auth/user/{user_pk}/change/",
    ],
)
def test_the_admin_works_under_the_policy_without_inline_code(
    url, admin_client_of_staff, user, catalog
) -> None:
    response = admin_client_of_staff.get(url.format(pk=catalog[0].pk, user_pk=user.pk))
    assert response.status_code == 200
    assert "Content-Security-Policy" in response
    assert inline_code(response.text) == []


def test_the_inline_code_finder_finds_what_the_policy_would_block() -> None:
    html = '<script>go()</script><script defer src="/s.js"></script><p style="x"><style>'
    assert inline_code(html) == ["<script>", " style=", "<style"]
