"""Deleting an account leaves nothing of the person behind (#9): sessions, lockout rows,
cached charts and PDFs."""

import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client

from tests.factories import PASSWORD, make_entries, make_relief_session, make_user


@pytest.fixture
def file_cache(settings, tmp_path) -> Path:
    # Production's default: the workers of one machine share a folder of cache files.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }
    yield tmp_path / "cache"
    cache.clear()


def cache_files(folder: Path) -> set[Path]:
    return set(folder.glob("*.djcache")) if folder.exists() else set()


def view_every_chart_and_the_pdf(client: Client) -> None:
    page = client.get("/journal/reports/")
    urls = {
        url.replace("&amp;", "&") for url in re.findall(r'href="([^"]*\?[^"]*v=[^"]*)"', page.text)
    }
    assert len(urls) >= 4
    for url in urls:
        assert client.get(url).status_code == 200


def test_it_removes_the_persons_cached_charts_and_pdfs(
    client_of, catalog, frozen_today, file_cache
) -> None:
    alice = make_user("alice", first_name="Alice", last_name="Zebra")
    bob = make_user("bob")
    make_entries(alice, frozen_today, 20)
    make_entries(bob, frozen_today, 20)
    bob_client = client_of(bob)
    view_every_chart_and_the_pdf(bob_client)
    bobs_files = cache_files(file_cache)
    # Sessions are cached too (cached_db): Alice's, made now, must go with her account.
    alice_client = client_of(alice)
    view_every_chart_and_the_pdf(alice_client)
    assert cache_files(file_cache) > bobs_files

    assert alice_client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302
    # Bob's charts stay cached; of Alice's, nothing is left on disk.
    assert cache_files(file_cache) == bobs_files


def test_it_ends_the_sessions_on_every_device(client_of, catalog, frozen_today) -> None:
    alice = make_user("alice")
    bob = make_user("bob")
    phone, laptop, bobs = client_of(alice), client_of(alice), client_of(bob)
    assert Session.objects.count() == 3
    assert laptop.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302
    assert [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()] == [str(bob.pk)]
    assert phone.get("/journal/today/").status_code == 302  # to the login page
    assert bobs.get("/journal/today/").status_code == 200


def test_it_leaves_no_session_of_the_person_in_the_cache(client_of, catalog, frozen_today) -> None:
    alice = make_user("alice")
    phone, laptop = client_of(alice), client_of(alice)
    stores = [SessionStore(c.cookies[settings.SESSION_COOKIE_NAME].value) for c in (phone, laptop)]
    assert all(cache.get(store.cache_key) for store in stores)
    assert laptop.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302
    assert [cache.get(store.cache_key) for store in stores] == [None, None]


def test_it_removes_the_persons_login_records(client_of, catalog, frozen_today) -> None:
    alice = make_user("alice")
    make_user("bob")
    for username in ("alice", "bob"):
        visitor = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox")
        visitor.post("/accounts/login/", {"username": username, "password": "wrong"})
        visitor.post("/accounts/login/", {"username": username, "password": "wrong"})
        visitor.post("/accounts/login/", {"username": username, "password": PASSWORD})
        visitor.post("/accounts/login/", {"username": username, "password": "wrong"})
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert model.objects.filter(username="alice").exists() or model is AccessFailureLog

    client_of(alice).post("/accounts/delete/", {"password": PASSWORD})
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert not model.objects.filter(username="alice").exists()
    assert AccessLog.objects.filter(username="bob").exists()


def test_it_removes_the_persons_routine_ratings_comparison_and_chosen_routine(
    client_of, catalog
) -> None:
    import random

    from journal.models import ReliefComparison, ReliefSession, RoutineChoice

    alice, bob = make_user("alice"), make_user("bob")
    for person in (alice, bob):
        RoutineChoice.objects.choose(person, catalog[:2])
        comparison = ReliefComparison.objects.begin(person, area="knee", rng=random.Random(1))
        make_relief_session(
            person, kind="rest", seconds=60, before=5, comparison=comparison, position=0
        )
    assert client_of(alice).post("/accounts/delete/", {"password": PASSWORD}).status_code == 302
    for model in (RoutineChoice, ReliefComparison, ReliefSession):
        assert set(model.objects.values_list("user__username", flat=True)) == {"bob"}
