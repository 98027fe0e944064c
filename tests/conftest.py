import datetime
import io

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client

from exercises.models import Exercise

from .factories import make_user

# A fixed "today" so that date logic is tested the same way on every day of the year.
TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Reports, charts and sessions are cached; the local-memory cache outlives a test, and
    # a rolled-back user's id comes back in the next one.
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def frozen_today() -> datetime.date:
    # Noon in London, so that the local date is TODAY whatever the machine's zone.
    with time_machine.travel(datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)):
        yield TODAY


@pytest.fixture
def catalog(db: None) -> list[Exercise]:
    call_command("load_catalog", stdout=io.StringIO())
    return list(Exercise.objects.order_by("order"))


@pytest.fixture
def user(db: None) -> object:
    return make_user("alice")


@pytest.fixture
def outsider(db: None) -> object:
    return make_user("mallory")


@pytest.fixture
def client_of(db: None):
    def log_in(user: object) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def alice(user: object, client_of) -> Client:
    return client_of(user)


def pytest_report_header(config: pytest.Config) -> str:
    # Here rather than in e2e/conftest.py, which a run of the whole suite loads too late.
    from .e2e.conftest import browser_header

    return browser_header()
