"""Inputs at the edges the outside probe tried: huge ids and dates near year 1."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from footcare.vocabulary import EARLIEST_DAY
from journal.models import Entry
from tests.factories import make_entry

from .yourdata.test_import import HEADER, refusal

HUGE = "99999999999999999999999"


# --- an oversized exercise id is a 400, not a 500 (#7)


@pytest.mark.parametrize("exercise_id", [HUGE, "9223372036854775808", "-" + HUGE])
def test_an_oversized_exercise_id_on_a_day_is_refused(
    alice, user, catalog, frozen_today, exercise_id: str
) -> None:
    for url in ("/journal/today/", "/journal/day/2026-11-20/"):
        response = alice.post(url, {"back": "2", "exercises": [catalog[0].pk, exercise_id]})
        assert response.status_code == 400
        assert "not in the catalog" in response.text
    assert not Entry.objects.exists()


@pytest.mark.parametrize("exercise_id", [HUGE, "9223372036854775808"])
def test_an_oversized_exercise_id_on_the_routine_is_refused(
    alice, catalog, frozen_today, exercise_id: str
) -> None:
    response = alice.post("/journal/routine/done/", {"exercises": [exercise_id]})
    assert response.status_code == 400
    assert "is not an exercise in the routine" in response.text
    assert not Entry.objects.exists()


# --- the earliest journal day (#4)


def test_the_earliest_day_is_1900_01_01() -> None:
    assert datetime.date(1900, 1, 1) == EARLIEST_DAY


@pytest.mark.parametrize("path", ["/journal/day/0001-01-01/", "/journal/day/1899-12-31/"])
def test_a_day_before_the_earliest_is_not_found_and_saves_nothing(alice, catalog, path) -> None:
    assert alice.get(path).status_code == 404
    assert alice.post(path, {"back": "3"}).status_code == 404
    assert not Entry.objects.exists()


def test_the_earliest_day_opens_saves_and_has_no_link_before_it(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.post("/journal/day/1900-01-01/", {"back": "3"})
    assert response.status_code == 302
    page = alice.get(response.url)
    assert page.status_code == 200
    assert "/journal/day/1899-12-31/" not in page.text
    assert Entry.objects.get().day == EARLIEST_DAY


def test_opening_a_day_before_the_earliest_from_history_explains(
    alice, catalog, frozen_today
) -> None:
    response = alice.get("/journal/history/", {"day": "0001-01-01"})
    assert response.status_code == 400
    assert "The journal starts on 1 January 1900" in response.text


def test_an_import_before_the_earliest_day_is_refused_with_its_line(
    alice, catalog, frozen_today
) -> None:
    page = refusal(alice, HEADER + "1900-01-01,1,,,,\n0001-01-01,2,,,,\n")
    assert "Line 3: 0001-01-01 is before 1 January 1900" in page


def test_the_database_refuses_a_day_before_the_earliest(user) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_entry(user, datetime.date(1899, 12, 31), back=1)
    make_entry(user, EARLIEST_DAY, back=1)
