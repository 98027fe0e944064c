"""Share links serve nothing for a deactivated owner (#20 finding 5), cannot get around the
drawing limit (finding 6) and stream their FHIR file under the same limit (finding 7)."""

import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image

from journal.models import ShareLink
from journal.reports.data import DRAWS_PER_MINUTE
from journal.sharing import links as sharing
from tests.factories import make_entries, make_share_link

NEW = "/journal/reports/share/"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def make_link(user, start: datetime.date, end: datetime.date, hours_ago: int = 0) -> str:
    # Made earlier, oldest first, so that the limit of links an hour does not apply.
    _link, token = make_share_link(user, start, end, hours_ago=hours_ago)
    return f"/shared/{token}/"


@pytest.fixture
def journal(user, catalog, frozen_today):
    make_entries(user, frozen_today, 60)
    return user


@pytest.mark.parametrize("path", ["", "report.pdf", "fhir.json", "trend.png"])
def test_a_deactivated_owners_link_serves_nothing(client, journal, frozen_today, path) -> None:
    url = make_link(journal, frozen_today - datetime.timedelta(days=30), frozen_today)
    assert client.get(url + path).status_code == 200
    journal.is_active = False
    journal.save()
    assert client.get(url + path).status_code == 404


def test_twenty_links_cannot_draw_twenty_pdfs_in_a_minute(client, journal, frozen_today) -> None:
    urls = [
        make_link(journal, frozen_today - datetime.timedelta(days=30 + n), frozen_today, 20 - n)
        for n in range(20)
    ]
    answers = [client.get(url + "report.pdf") for url in urls]
    assert [a.status_code for a in answers] == [200] * DRAWS_PER_MINUTE + [429] * (
        20 - DRAWS_PER_MINUTE
    )
    refused = answers[-1]
    assert int(refused["Retry-After"]) > 0
    assert "Please try again in a minute" in refused.text
    assert refused["Cache-Control"] == "no-store"


def test_the_owners_own_drawings_and_the_links_share_one_budget(
    client, alice, journal, frozen_today
) -> None:
    url = make_link(journal, frozen_today - datetime.timedelta(days=30), frozen_today)
    for n in range(DRAWS_PER_MINUTE):
        start = frozen_today - datetime.timedelta(days=40 + n)
        alice.get(f"/journal/reports/doctor.pdf?from={start}&to={frozen_today}", follow=True)
    assert client.get(url + "report.pdf").status_code == 429


def test_a_pdf_already_drawn_is_served_without_counting(client, journal, frozen_today) -> None:
    url = make_link(journal, frozen_today - datetime.timedelta(days=30), frozen_today)
    answers = [client.get(url + "report.pdf") for _ in range(DRAWS_PER_MINUTE + 5)]
    assert {a.status_code for a in answers} == {200}


def test_the_fhir_file_counts_against_the_owners_budget(client, journal, frozen_today) -> None:
    url = make_link(journal, frozen_today - datetime.timedelta(days=30), frozen_today)
    answers = [client.get(url + "fhir.json") for _ in range(DRAWS_PER_MINUTE + 1)]
    assert [a.status_code for a in answers][-2:] == [200, 429]


def test_the_clinicians_page_shows_the_pdfs_trend_above_the_tables(
    client, journal, frozen_today
) -> None:
    url = make_link(journal, frozen_today - datetime.timedelta(days=30), frozen_today)
    page = client.get(url).text
    assert page.index('src="trend.png"') < page.index("areas-heading")
    assert re.search(r'<img[^>]+src="trend.png"[^>]+alt="Pain over time', page)
    image = client.get(url + "trend.png")
    assert image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (1574, 660)


def test_at_most_twenty_links_work_at_once(alice, user, frozen_today) -> None:
    for n in range(sharing.MAX_LIVE_LINKS):
        make_link(user, frozen_today, frozen_today, hours_ago=2 + sharing.MAX_LIVE_LINKS - n)
    response = alice.post(NEW, {"start": "2026-11-01", "end": "2026-11-25", "days": "14"})
    assert response.status_code == 429
    assert "You have 20 links that still work, the most at one time." in response.text
    assert ShareLink.objects.count() == sharing.MAX_LIVE_LINKS


def test_at_most_ten_links_are_made_in_an_hour(alice, user, frozen_today) -> None:
    data = {"start": "2026-11-01", "end": "2026-11-25", "days": "14"}
    answers = [alice.post(NEW, data) for _ in range(sharing.LINKS_PER_HOUR + 1)]
    assert [a.status_code for a in answers] == [200] * sharing.LINKS_PER_HOUR + [429]
    assert "You have made 10 links in the last hour" in answers[-1].text
    assert ShareLink.objects.count() == sharing.LINKS_PER_HOUR


def test_an_ended_link_makes_room_for_a_new_one(alice, user, frozen_today) -> None:
    for n in range(sharing.MAX_LIVE_LINKS):
        make_link(user, frozen_today, frozen_today, hours_ago=2 + sharing.MAX_LIVE_LINKS - n)
    ShareLink.objects.filter(pk=ShareLink.objects.first().pk).update(revoked_at=timezone.now())
    response = alice.post(NEW, {"start": "2026-11-01", "end": "2026-11-25", "days": "14"})
    assert response.status_code == 200


def test_a_chart_for_a_made_up_link_is_a_404_and_counts_as_a_guess(client, journal) -> None:
    answers = [client.get(f"/shared/made-up-{n}/trend.png") for n in range(sharing.GUESS_LIMIT)]
    assert {a.status_code for a in answers} == {404}
    assert answers[0]["Cache-Control"] == "no-store"
    assert client.get("/shared/made-up/trend.png").status_code == 429
