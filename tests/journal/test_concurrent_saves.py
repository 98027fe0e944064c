"""Eight people-sized requests saving the same day at once, on whichever database runs.

`make test` runs this on SQLite and `make test-postgres` on PostgreSQL, so CI covers both.
"""

import pytest
from django.test import Client

from journal.models import Entry
from tests.factories import make_entry
from tests.races import at_once

THREADS = 8


def posted_version(number: int, exercise_ids: list[int]) -> dict[str, object]:
    return {
        "back": str(number % 11),
        "hip": str((number + 3) % 11),
        "knee": "" if number % 4 == 0 else str((number + 6) % 11),
        "note": f"version {number}, saved at the same moment",
        # Each version ticks a different pair, so a mix of two versions shows up.
        "exercises": [str(exercise_ids[number % len(exercise_ids)]), str(exercise_ids[0])],
    }


def as_stored(version: dict[str, object]) -> tuple[object, ...]:
    return (
        int(version["back"]),
        int(version["hip"]),
        int(version["knee"]) if version["knee"] else None,
        version["note"],
        frozenset(int(pk) for pk in version["exercises"]),
    )


def post_all_at_once(clients: list[Client], versions: list[dict[str, object]]) -> list[object]:
    return at_once(len(clients), lambda i: clients[i].post("/journal/today/", versions[i]))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("day_exists", [False, True], ids=["new day", "existing day"])
def test_it_keeps_exactly_one_whole_version_when_eight_saves_race(
    day_exists, user, client_of, catalog, frozen_today
) -> None:
    if day_exists:
        make_entry(user, frozen_today, back=9, note="before the race")
    exercise_ids = [exercise.pk for exercise in catalog]
    versions = [posted_version(n, exercise_ids) for n in range(THREADS)]
    clients = [client_of(user) for _ in range(THREADS)]

    outcomes = post_all_at_once(clients, versions)

    errors = [o for o in outcomes if not hasattr(o, "status_code")]
    assert errors == []
    assert [(o.status_code, o["Location"]) for o in outcomes] == [
        (302, "/journal/today/")
    ] * THREADS
    entries = list(Entry.objects.filter(user=user, day=frozen_today))
    assert len(entries) == 1
    entry = entries[0]
    stored = (
        entry.back,
        entry.hip,
        entry.knee,
        entry.note,
        frozenset(entry.exercises.values_list("pk", flat=True)),
    )
    assert stored in {as_stored(version) for version in versions}
