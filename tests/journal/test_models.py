import datetime

import pytest
from django.db import IntegrityError, transaction

from journal.models import Entry
from tests.factories import make_entry

DAY = datetime.date(2026, 11, 20)


def test_the_database_allows_one_entry_per_user_and_day(user) -> None:
    make_entry(user, DAY, back=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(user=user, day=DAY, back=2)


@pytest.mark.parametrize("area", ["back", "hip", "knee"])
@pytest.mark.parametrize("value", [11, 200])
def test_the_database_refuses_a_rating_above_ten(user, area: str, value: int) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(user=user, day=DAY, **{area: value})


def test_save_day_overwrites_the_same_day_instead_of_adding_one(user, catalog) -> None:
    values = {"back": 3, "hip": None, "knee": 5, "note": ""}
    Entry.objects.save_day(user, DAY, exercises=catalog[:2], **values)
    Entry.objects.save_day(user, DAY, exercises=catalog[3:4], **{**values, "back": 1})
    entry = Entry.objects.get(user=user)
    assert entry.back == 1
    assert list(entry.exercises.all()) == [catalog[3]]


def test_an_entry_reads_as_its_owner_and_day(user) -> None:
    assert str(make_entry(user, DAY)) == "alice on 2026-11-20"
