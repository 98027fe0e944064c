"""Drawing on demand is limited per person; charts already drawn are served without limit
(#12)."""

import datetime
import re

import pytest
import time_machine

from journal.reports import data
from tests.factories import make_entries

NOON = datetime.datetime(2026, 11, 25, 12, 0, 5, tzinfo=datetime.UTC)


def png_urls(client, start: str) -> list[str]:
    page = client.get(f"/journal/reports/?range=custom&from={start}&to=2026-11-25")
    assert page.status_code == 200
    return [u.replace("&amp;", "&") for u in re.findall(r'src="([^"]*\.png\?[^"]*)"', page.text)]


@pytest.fixture(autouse=True)
def _small_limit(monkeypatch) -> None:
    monkeypatch.setattr(data, "DRAWS_PER_MINUTE", 3)  # fewer drawings make a faster test


@pytest.fixture
def journal(alice, user, catalog):
    with time_machine.travel(NOON, tick=False):
        make_entries(user, datetime.date(2026, 11, 25), 60)
        yield alice


def test_new_drawings_past_the_limit_wait_with_a_429_and_retry_after(journal) -> None:
    limit = data.DRAWS_PER_MINUTE
    with time_machine.travel(NOON, tick=False):
        urls = [
            u for n in range(limit) for u in png_urls(journal, f"2026-{9 + n % 2:02}-{1 + n:02}")
        ]
        answers = [journal.get(url) for url in urls[: limit + 1]]
    assert [a.status_code for a in answers] == [200] * limit + [429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Retry-After"] == "55"  # the minute's window ends at 12:01:00
    assert "new charts" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]


def test_charts_already_drawn_are_served_without_limit(journal) -> None:
    with time_machine.travel(NOON, tick=False):
        drawn = png_urls(journal, "2026-10-01")
        for url in drawn:
            assert journal.get(url).status_code == 200
        others = [
            u
            for n in range(data.DRAWS_PER_MINUTE)
            for u in png_urls(journal, f"2026-08-{1 + n:02}")
        ]
        for url in others:
            journal.get(url)
        assert all(journal.get(url).status_code == 200 for url in drawn * 5)


def test_drawing_is_allowed_again_the_next_minute(journal) -> None:
    with time_machine.travel(NOON, tick=False):
        urls = [
            u
            for n in range(data.DRAWS_PER_MINUTE + 1)
            for u in png_urls(journal, f"2026-07-{1 + n:02}")
        ]
        statuses = [journal.get(url).status_code for url in urls]
        assert 429 in statuses
        waiting = urls[statuses.index(429)]
    with time_machine.travel(NOON + datetime.timedelta(seconds=60), tick=False):
        assert journal.get(waiting).status_code == 200


def test_one_persons_drawing_does_not_use_up_anothers(journal, client_of, outsider) -> None:
    with time_machine.travel(NOON, tick=False):
        make_entries(outsider, datetime.date(2026, 11, 25), 30)
        urls = [
            u
            for n in range(data.DRAWS_PER_MINUTE + 1)
            for u in png_urls(journal, f"2026-06-{1 + n:02}")
        ]
        for url in urls:
            journal.get(url)
        other = client_of(outsider)
        assert all(other.get(url).status_code == 200 for url in png_urls(other, "2026-10-01"))
