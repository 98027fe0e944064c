"""The JSON backup carries everything that is the person's: export, import into an empty
account, export again, and the two files say the same."""

import importlib
import json
import pkgutil

import pytest

from journal.transfer import backup
from tests.factories import make_user
from tests.journal.yourdata import backup_examples
from tests.journal.yourdata.importing import import_file

EXAMPLES = {
    module.name: importlib.import_module(f"{backup_examples.__name__}.{module.name}")
    for module in pkgutil.iter_modules(backup_examples.__path__)
}


def export(client) -> dict:
    response = client.get("/accounts/data/export.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    del document["exported_at"]
    return document


@pytest.fixture
def full_account(user, catalog, frozen_today):
    for example in EXAMPLES.values():
        example.fill(user, frozen_today)
    return user


def test_every_kind_of_record_has_an_example_to_round_trip() -> None:
    parts = {part.key for part in backup.parts()}
    examples = {module.PART.key for module in map(_part_module, EXAMPLES)}
    assert parts == examples


def _part_module(name: str):
    return importlib.import_module(f"journal.transfer.parts.{name}")


def test_the_backup_holds_something_of_every_kind(full_account, alice) -> None:
    document = export(alice)
    for part in backup.parts():
        assert document[part.key], f"the backup's {part.key!r} is empty for a full account"


def test_a_backup_imported_into_an_empty_account_exports_the_same(
    full_account, alice, client_of
) -> None:
    first = export(alice)
    newcomer = client_of(make_user("newcomer"))
    data = json.dumps({**first, "exported_at": "2026-11-25T12:00:00+00:00"}).encode()
    response = import_file(newcomer, data, "backup.json", rule="replace")
    assert response.status_code == 302, response.content.decode()
    assert export(newcomer) == first


def test_the_backup_carries_the_experiments_and_the_settings(full_account, alice) -> None:
    document = export(alice)
    assert [e["area"] for e in document["experiments"]] == ["hip", "knee"]
    assert document["experiments"][0]["stopped_on"] is not None
    assert len(document["experiments"][1]["schedule"]) == 42
    assert document["settings"] == {
        "display_name": "Ann O’Neil-Śmith",
        "date_of_birth": "1951-02-28",
        "time_zone": "America/Los_Angeles",
        "reminders_enabled": True,
        "reminder_time": "07:45",
        "reminder_days": ["Monday", "Wednesday", "Sunday"],
        "reminder_by": "both",
    }


def test_the_backup_leaves_out_the_address_and_the_share_links(full_account, alice) -> None:
    alice.post(
        "/journal/reports/share/",
        {"start": "2026-11-01", "end": "2026-11-25", "days": 14, "label": "Dr Patel"},
    )
    full_account.email = "alice@example.org"
    full_account.save()
    text = json.dumps(export(alice))
    assert "alice@example.org" not in text
    assert "Dr Patel" not in text
