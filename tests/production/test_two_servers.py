"""Two app servers, one truth: two gunicorns with the production settings on one PostgreSQL
and one Redis (Debian's redis-server, on a free loopback port), as a deployment that has
outgrown one machine runs them.

What one server saved, the other shows at once, though each worker keeps rendered page
fragments in its own memory: every fragment's key names the person's data version, read
from the database. A session made on one works on the other, and every limit per person or
per address counts the requests of both (the shared cache, or the database for the login
lockout). Runs with `make test-postgres`: two machines cannot share a SQLite file.
"""

import datetime
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.limits import PER_ADDRESS, PER_CLIENT
from footcare.hashers import OwaspArgon2PasswordHasher
from journal.reports.data import DRAWS_PER_MINUTE
from journal.sharing.links import GUESS_LIMIT
from tests.factories import make_entries, make_user

from .conftest import database_url
from .servers import (
    Client,
    Gunicorn,
    Redis,
    production_environment,
    redis_server_path,
    start_gunicorn,
    start_redis,
)
from .test_every_url import CONTENT_TYPES

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "two-servers-password-9d2b"
NOTE = "Saved on server A, read on server B."
# The address a person's requests come from, as the proxy in front of both servers says.
ADDRESS = "203.0.113.7"
AXES_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT
VERSION_IN_LINK = re.compile(r"[?&;]v=([\w-]+)")


@dataclass
class Pair:
    a: Gunicorn
    b: Gunicorn
    redis: Redis
    secret_key: str

    def client(self, address: str = ADDRESS) -> Client:
        # Straight to gunicorn, with the headers the proxy in front of both would set.
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": address}
        return Client(self.a.url, headers=headers, scheme="https")


@pytest.fixture(scope="module")
def pair(production_folder: Path, static_root: Path, django_db_setup: None) -> Iterator[Pair]:
    if connection.vendor != "postgresql":
        pytest.skip("two servers share PostgreSQL: run with `make test-postgres`")
    if redis_server_path() is None:
        message = "redis-server is not installed: apt-get install redis-server"
        if os.environ.get("CI"):
            pytest.fail(f"{message}. CI must run the two-server test.", pytrace=False)
        pytest.skip(message)
    folder = production_folder / "pair"
    redis = start_redis(folder)
    env = production_environment(
        database_url=database_url(), cache_url=redis.url, static_root=static_root
    )
    servers = []
    try:
        # One worker each: a fragment kept by B's worker is then certainly the one B answers
        # from, before and after A's save.
        for name in ("a", "b"):
            servers.append(start_gunicorn(env, folder, workers=1, name=name))
        yield Pair(*servers, redis=redis, secret_key=env["DJANGO_SECRET_KEY"])
    finally:
        for server in servers:
            server.stop()
        redis.stop()


@pytest.fixture
def person(pair: Pair, settings: object, catalog: object) -> object:
    settings.SECRET_KEY = pair.secret_key
    user = make_user("alice")
    hasher = OwaspArgon2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    make_entries(user, timezone.localdate() - datetime.timedelta(days=1), 30)
    return user


def versions_linked(html: str) -> set[str]:
    return set(VERSION_IN_LINK.findall(html.replace("&amp;", "&")))


def test_a_day_saved_on_one_server_shows_at_once_on_the_other(pair: Pair, person) -> None:
    client = pair.client()
    client.log_in("alice", PASSWORD, base_url=pair.a.url)
    pages = [reverse("journal:today"), reverse("journal:history"), reverse("journal:reports")]
    # B renders them first: its worker now keeps their fragments, Redis the report.
    before = {page: client.get(page, base_url=pair.b.url) for page in pages}
    assert {answer.status for answer in before.values()} == {200}
    old_versions = versions_linked(before[reverse("journal:reports")].text)

    saved = client.post(
        reverse("journal:today"), {"back": "7", "hip": "2", "note": NOTE}, base_url=pair.a.url
    )
    assert saved.status == 302

    today = client.get(reverse("journal:today"), base_url=pair.b.url).text
    assert NOTE in today
    assert re.search(r'name="back" value="7"[^>]*checked', today)
    assert NOTE in client.get(reverse("journal:history"), base_url=pair.b.url).text
    reports = client.get(reverse("journal:reports"), base_url=pair.b.url).text
    on_a = client.get(reverse("journal:reports"), base_url=pair.a.url).text
    assert len(versions_linked(reports)) == 1
    assert versions_linked(reports) == versions_linked(on_a) != old_versions
    # The charts the page shows and the doctor's PDF (the downloads in other formats would
    # pass the drawing limit, tested below).
    shown = re.findall(r'<img[^>]+src="(/journal/reports/charts/[^"]+)"', reports)
    pdf = re.findall(r'href="(/journal/reports/doctor\.pdf\?[^"]+)"', reports)
    assert shown and pdf
    for link in dict.fromkeys([*shown, *pdf]):
        answer = client.get(link.replace("&amp;", "&"), base_url=pair.b.url)
        suffix = re.search(r"\.(png|svg|pdf)\b", link).group(0)
        assert (answer.status, answer.content_type) == (200, CONTENT_TYPES[suffix]), link


def test_a_session_made_on_one_server_works_and_ends_on_the_other(pair: Pair, person) -> None:
    client = pair.client()
    client.log_in("alice", PASSWORD, base_url=pair.a.url)
    today = client.get(reverse("journal:today"), base_url=pair.b.url)
    assert today.status == 200
    assert "alice" in today.text
    logout = client.post(
        reverse("logout"), {}, base_url=pair.b.url, form_page=reverse("journal:today")
    )
    assert logout.status == 302
    assert client.get(reverse("journal:today"), base_url=pair.a.url).status == 302


def wait_for_a_fresh_minute(needed_seconds: int) -> None:
    # The drawing limit counts per clock minute: all of the test's drawings in one minute.
    if time.time() % 60 > 60 - needed_seconds:
        time.sleep(60 - time.time() % 60 + 0.1)


def test_the_drawing_limit_counts_the_drawings_of_both_servers(pair: Pair, person) -> None:
    client = pair.client()
    client.log_in("alice", PASSWORD, base_url=pair.a.url)
    charts = [
        reverse("journal:report_chart", kwargs={"kind": kind + phone, "fmt": fmt})
        for kind in ("trend", "practice", "adherence")
        for phone in ("", "-phone")
        for fmt in ("png", "svg", "pdf")
    ]
    wait_for_a_fresh_minute(needed_seconds=40)
    statuses = []
    for n, chart in enumerate(charts[: DRAWS_PER_MINUTE + 1]):
        server = pair.a if n % 2 else pair.b
        statuses.append(client.follow(chart, base_url=server.url)[-1].status)
    assert statuses == [200] * DRAWS_PER_MINUTE + [429]
    # Charts already drawn are still served, by either server.
    assert client.follow(charts[0], base_url=pair.a.url)[-1].status == 200


def test_the_share_link_guessing_limit_counts_the_misses_of_both_servers(pair: Pair) -> None:
    client = pair.client()
    statuses = [
        client.get(f"/shared/made-up-{n}/", base_url=(pair.a, pair.b)[n % 2].url).status
        for n in range(GUESS_LIMIT + 1)
    ]
    assert statuses == [404] * GUESS_LIMIT + [429]
    # Another address is not held up.
    assert pair.client("198.51.100.20").get("/shared/made-up/", base_url=pair.b.url).status == 404


def test_the_login_lockout_counts_the_failures_of_both_servers(pair: Pair, person) -> None:
    client = pair.client()
    statuses = [
        client.post(
            reverse("login"),
            {"username": "alice", "password": "wrong"},
            base_url=(pair.a, pair.b)[n % 2].url,
        ).status
        for n in range(AXES_FAILURE_LIMIT)
    ]
    # The last failure, wherever it lands, is the one that locks: then even the right
    # password waits, on both servers.
    assert statuses == [200] * (AXES_FAILURE_LIMIT - 1) + [429]
    for server in (pair.a, pair.b):
        right = {"username": "alice", "password": PASSWORD}
        assert client.post(reverse("login"), right, base_url=server.url).status == 429
    # From another address the person still gets in.
    pair.client("198.51.100.20").log_in("alice", PASSWORD, base_url=pair.a.url)


def test_the_mail_limits_count_the_requests_of_both_servers(pair: Pair) -> None:
    reset = reverse("password_reset")
    # One address, asked for from a new client address each time, on alternate servers.
    statuses = [
        pair.client(f"198.51.100.{30 + n}")
        .post(reset, {"email": "someone@example.org"}, base_url=(pair.a, pair.b)[n % 2].url)
        .status
        for n in range(PER_ADDRESS + 1)
    ]
    assert statuses == [302] * PER_ADDRESS + [429]
    for server in (pair.a, pair.b):
        again = pair.client("198.51.100.90").post(
            reset, {"email": "someone@example.org"}, base_url=server.url
        )
        assert again.status == 429
    # One client address, a new destination each time.
    client = pair.client("192.0.2.55")
    statuses = [
        client.post(
            reset, {"email": f"person{n}@example.org"}, base_url=(pair.a, pair.b)[n % 2].url
        ).status
        for n in range(PER_CLIENT + 1)
    ]
    assert statuses == [302] * PER_CLIENT + [429]
    answer = client.post(reset, {"email": "another@example.org"}, base_url=pair.a.url)
    assert answer.status == 429
