"""My routine and the ratings around it in the JSON backup: out, in, and back out the same."""

import datetime
import json

import pytest

from journal.models import ReliefComparison, ReliefSession, RoutineChoice
from tests.factories import make_relief_session, make_user
from tests.journal.yourdata.backup_examples import relief as relief_example
from tests.journal.yourdata.importing import import_file
from tests.queries import count_queries

START = relief_example.START


def backup(client) -> dict:
    document = json.loads(client.get("/accounts/data/export.json").content)
    document.pop("exported_at")
    return document


def restore(client, document: dict, rule: str = "replace"):
    return import_file(client, json.dumps(document).encode(), "backup.json", rule)


def fill(user, catalog) -> None:
    RoutineChoice.objects.choose(user, [catalog[3], catalog[1]])
    relief_example.rate(user)


def test_the_backup_holds_my_routine_the_comparison_and_every_rating(alice, user, catalog) -> None:
    fill(user, catalog)
    document = backup(alice)
    assert document["my_routine"] == ["toe-presses", "ankle-circles"]
    (comparison,) = document["relief"]["comparisons"]
    assert len(comparison["schedule"]) == 20
    sessions = document["relief"]["sessions"]
    assert len(sessions) == 4
    assert sessions[1]["comparison"] == 1
    assert sessions[1]["before_at"] == "2026-11-20T08:00:00.123456+00:00"


def test_a_backup_restored_into_an_empty_account_exports_exactly_the_same(
    alice, user, client_of, catalog
) -> None:
    fill(user, catalog)
    first = backup(alice)
    other = make_user("bob")
    bob = client_of(other)
    assert restore(bob, first).status_code == 302
    assert backup(bob) == first
    assert RoutineChoice.objects.routine_of(other) == [catalog[3], catalog[1]]


def test_keeping_mine_adds_only_the_sessions_i_do_not_have(alice, user, catalog) -> None:
    fill(user, catalog)
    document = backup(alice)
    ReliefSession.objects.filter(user=user, area="back").delete()
    restore(alice, document, rule="keep")
    assert ReliefSession.objects.filter(user=user).count() == 4
    # The file's comparison, merged beside the person's own, is kept as ended.
    assert ReliefComparison.objects.filter(user=user, ended_at__isnull=True).count() == 1


BAD = [
    ({"my_routine": ["toe-presses", "juggling"]}, "“juggling” is not an exercise"),
    ({"my_routine": "toe-presses"}, "“my_routine” must be a list"),
    ({"relief": {"sessions": [{"kind": "nap"}]}}, "Session 1: “kind” must be one of"),
    (
        {"relief": {"comparisons": [{"area": "knee", "schedule": "RRS", "started_at": "x"}]}},
        "Comparison 1: “schedule” must be pairs",
    ),
]


@pytest.mark.parametrize(("part", "message"), BAD, ids=["exercise", "list", "kind", "schedule"])
def test_a_bad_part_is_refused_with_its_message_and_nothing_is_saved(
    alice, user, catalog, part, message
) -> None:
    document = {"format": "footcare-journal", "version": 1, "entries": [], **part}
    response = restore(alice, document)
    assert message in response.text
    assert not RoutineChoice.objects.exists()
    assert not ReliefSession.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"before": 11}, "“before” must be a whole number from 0 to 10."),
        ({"before": True}, "“before” must be a whole number from 0 to 10."),
        ({"after_at": None}, "“after” and “after_at” go together."),
        ({"after_at": "2026-11-19T08:00:00+00:00"}, "“after_at” comes before “before_at”."),
        ({"before_at": "2026-11-20T08:00:00"}, "needs its offset from UTC"),
        ({"before_at": "3026-01-01T08:00:00+00:00"}, "between 1900 and now"),
        ({"kind": "rest", "comparison": None, "position": None}, "a rest belongs to a comparison"),
        ({"comparison": 9}, "“comparison” must be the number of a comparison"),
        ({"routine": ["toe-presses", "\ud800"]}, "half of a character"),
        ({"seconds": -1}, "“seconds” must be a whole number of seconds"),
        ({"colour": "red"}, "it must be an object with only"),
    ],
)
def test_a_bad_session_is_refused_with_a_clear_message(
    alice, user, client_of, catalog, change, message
) -> None:
    fill(user, catalog)
    document = backup(alice)
    document["relief"]["sessions"][1].update(change)
    bob_user = make_user("bob")
    response = restore(client_of(bob_user), document)
    assert message in response.text
    assert not ReliefSession.objects.filter(user=bob_user).exists()


def test_an_old_backup_without_these_parts_still_imports(alice, user, catalog) -> None:
    RoutineChoice.objects.choose(user, [catalog[2]])
    document = {"format": "footcare-journal", "version": 1, "entries": []}
    assert restore(alice, document, rule="keep").status_code == 302
    assert RoutineChoice.objects.routine_of(user) == [catalog[2]]


def test_the_backup_costs_the_same_queries_for_few_or_many_sessions(alice, user, catalog) -> None:
    fill(user, catalog)
    few = count_queries(lambda: alice.get("/accounts/data/export.json"))
    for day in range(50):
        at = START + datetime.timedelta(days=10 + day)
        make_relief_session(user, area="hip", seconds=60, before=5, before_at=at)
    assert count_queries(lambda: alice.get("/accounts/data/export.json")) == few
