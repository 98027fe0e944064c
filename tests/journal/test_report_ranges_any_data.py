"""Every report range works whatever days are stored, back to the journal's first day (#4)."""

import datetime
import re

import pytest

from footcare.vocabulary import EARLIEST_DAY
from journal.reports import data
from tests.factories import make_entry


@pytest.fixture
def century_journal(alice, user, catalog, frozen_today, monkeypatch):
    monkeypatch.setattr(data, "DRAWS_PER_MINUTE", 100)
    make_entry(user, EARLIEST_DAY, back=5, exercises=[catalog[0]])
    make_entry(user, datetime.date(1999, 12, 31), knee=4)
    make_entry(user, frozen_today, hip=3, exercises=[catalog[1]])
    return alice


@pytest.mark.parametrize("choice", ["30", "90", "365", "all"])
def test_each_range_shows_its_charts_and_pdf_with_a_day_in_1900(century_journal, choice) -> None:
    page = century_journal.get(f"/journal/reports/?range={choice}")
    assert page.status_code == 200
    links = {
        url.replace("&amp;", "&")
        for url in re.findall(r'(?:src|href)="(/journal/reports/[^"]*v=[^"]*)"', page.text)
        if ".png?" in url or "doctor.pdf" in url
    }
    assert len(links) == 4
    for url in links:
        assert century_journal.get(url).status_code == 200, url


def test_everything_starts_on_the_first_day_in_1900(century_journal) -> None:
    page = century_journal.get("/journal/reports/?range=all")
    assert "from=1900-01-01" in page.text


@pytest.mark.parametrize("start", ["1899-12-31", "0001-01-01"])
def test_a_custom_range_before_the_first_possible_day_explains(century_journal, start) -> None:
    page = century_journal.get(f"/journal/reports/?range=custom&from={start}&to=1900-01-05")
    assert page.status_code == 400
    assert "The journal starts on 1 January 1900" in page.text
