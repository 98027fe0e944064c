"""Whatever a person (or a script) posts to a day's form: never a 500, never half a save."""

import datetime
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.models import Entry
from tests.journal.saves import saved_whole_or_not_at_all

PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Lone surrogates cannot be sent over HTTP at all, so they are left out.
TEXT = st.text(st.characters(exclude_categories=["Cs"]))
VALID_RATING = st.sampled_from(["", *(str(n) for n in range(11))])
# Valid values listed more than once so that about half the examples are saves.
RATING = st.one_of(
    VALID_RATING,
    VALID_RATING,
    VALID_RATING,
    st.integers(-20, 1000).map(str),
    TEXT.filter(lambda t: len(t) <= 6),
)
# The catalog fixture loads exercises 1 to 5; 0, 6 and 7 do not exist.
EXERCISES = st.one_of(
    st.lists(st.integers(1, 5).map(str)),
    st.lists(st.one_of(st.integers(0, 7).map(str), TEXT.filter(lambda t: len(t) <= 4))),
)
NOTE = st.one_of(TEXT, TEXT, TEXT, st.just("x" * 2001), st.just("a\x00b"))
DAY = st.one_of(
    st.dates(datetime.date(1900, 1, 1), datetime.date(2026, 11, 25)),
    st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)),
)


def snapshot(user) -> list[tuple]:
    return [
        (e.day, e.back, e.hip, e.knee, tuple(x.pk for x in e.exercises.all()), e.note)
        for e in Entry.objects.for_user(user).order_by("day").with_exercises()
    ]


def as_rating(text: str) -> int | None:
    return None if text == "" else int(text)


@PROPERTY_SETTINGS
@given(day=DAY, back=RATING, hip=RATING, knee=RATING, exercises=EXERCISES, note=NOTE)
def test_it_saves_a_day_whole_or_not_at_all(
    alice, user, catalog, frozen_today, day, back, hip, knee, exercises, note
) -> None:
    before = snapshot(user)
    url = "/journal/today/" if day == frozen_today else f"/journal/day/{day}/"
    response = alice.post(
        url, {"back": back, "hip": hip, "knee": knee, "exercises": exercises, "note": note}
    )
    after = snapshot(user)
    if not saved_whole_or_not_at_all(response, before, after):
        return
    saved = Entry.objects.get(user=user, day=day)
    assert (saved.back, saved.hip, saved.knee) == tuple(map(as_rating, (back, hip, knee)))
    assert {e.pk for e in saved.exercises.all()} == {int(pk) for pk in exercises}
    assert saved.note == note.strip()
    assert [row for row in after if row[0] != day] == [row for row in before if row[0] != day]


@PROPERTY_SETTINGS
@given(segment=TEXT)
def test_it_answers_any_day_in_the_address_without_a_server_error(
    alice, user, catalog, frozen_today, segment
) -> None:
    before = snapshot(user)
    response = alice.post(f"/journal/day/{quote(segment, safe='')}/", {"back": "3"})
    assert response.status_code in (302, 400, 404)
    if response.status_code != 302:
        assert snapshot(user) == before
