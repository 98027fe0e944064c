"""Factors of the day and medicines in every export, back through the import exactly, into
FHIR, and gone with the account."""

import datetime
import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from journal.models import Entry, Factor, Medicine, MedicineEvent
from tests.factories import PASSWORD, make_entry, make_user
from tests.journal.yourdata.backup_examples import factors as factors_example
from tests.journal.yourdata.backup_examples import medicines as medicines_example
from tests.journal.yourdata.importing import import_file


def upload(client, data: bytes, name: str, rule: str = "replace"):
    return import_file(client, data, name, rule)


def fill(user, today: datetime.date) -> None:
    """One of everything of these kinds, with names a spreadsheet would take for formulas."""
    factors_example.tick(user, today - datetime.timedelta(days=1))
    make_entry(user, today, hip=2)
    medicines_example.fill(user, today)


def without_time(data: bytes) -> dict:
    document = json.loads(data)
    document.pop("exported_at")
    return document


def test_the_json_backup_round_trips_factors_and_medicines_exactly(
    client_of, catalog, frozen_today
) -> None:
    source = make_user("source")
    fill(source, frozen_today)
    exported = client_of(source).get("/accounts/data/export.json").content
    document = json.loads(exported)
    assert document["factors"]["days"][2] == {
        "date": "2026-11-24",
        "factors": ["Slept badly", "Long drive"],
    }
    assert document["medicines"][0]["name"] == "+Naproxen"
    empty = client_of(make_user("empty"))
    assert upload(empty, exported, "backup.json").status_code == 302
    assert without_time(empty.get("/accounts/data/export.json").content) == without_time(exported)


@pytest.mark.parametrize(
    "url", ["/accounts/data/export.csv", "/accounts/data/export-medicines.csv"]
)
def test_the_csv_files_round_trip_exactly_with_the_formula_rule(
    client_of, catalog, frozen_today, url: str
) -> None:
    source = make_user("source")
    fill(source, frozen_today)
    exported = client_of(source).get(url).content
    assert b"'=Cycled to work" in exported or b"'+Naproxen" in exported
    empty = client_of(make_user("empty"))
    assert upload(empty, exported, "file.csv").status_code == 302
    assert empty.get(url).content == exported


def test_a_csv_from_before_the_factors_column_still_imports(alice, user, catalog, frozen_today):
    data = b"date,back,hip,knee,exercises,note\r\n2026-11-20,3,,,,old file\r\n"
    assert upload(alice, data, "old.csv").status_code == 302
    assert Entry.objects.get(user=user).note == "old file"


def test_an_unknown_factor_in_a_csv_joins_the_list(alice, user, catalog, frozen_today) -> None:
    data = b"date,back,hip,knee,exercises,note,factors\r\n2026-11-20,3,,,,,Rain; slept BADLY\r\n"
    assert upload(alice, data, "days.csv").status_code == 302
    entry = Entry.objects.get(user=user)
    assert sorted(f.name for f in entry.factors.all()) == ["Rain", "Slept badly"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("+Naproxen,2026-11-01,stopped,,", "has no start before 1 Nov 2026"),
        (
            "Naproxen,2026-11-01,started,1 mg,\r\nNaproxen,2026-11-01,stopped,,",
            "already has a change",
        ),
        ("Naproxen,1899-12-31,started,,", "before 1 January 1900"),
        ("Naproxen,2026-11-26,started,,", "in the future"),
        ("Naproxen,2026-11-01,started," + "x" * 10_000 + ",", "10,000 characters"),
        ("Napro\u202exen,2026-11-01,started,,", "changes the writing direction"),
        ("Naproxen,2026-11-01,paused,,", "is not a change"),
        ("Naproxen,2026-11-01,started,,\r\nNaproxen,2026-11-02,stopped,1 g,", "a stop has no dose"),
    ],
)
def test_a_bad_medicines_file_is_refused_whole_with_its_line(
    alice, user, catalog, frozen_today, rows: str, message: str
) -> None:
    data = ("medicine,date,event,dose,how_often\r\n" + rows + "\r\n").encode()
    response = upload(alice, data, "medicines.csv")
    assert response.status_code == 400
    assert message.lower() in response.text.replace("&#x27;", "'").lower()
    assert not Medicine.objects.exists()


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        ({"list": [{"name": "A\u202eB", "ready": "", "shown": True}], "days": []}, "writing"),
        ({"list": [{"name": "Yoga"}, {"name": "YOGA"}], "days": []}, "is also factor 1"),
        ({"list": [], "days": [{"date": "2026-11-20", "factors": ["Yoga"]}]}, "not in the list"),
        ({"list": [{"name": f"F{n}"} for n in range(13)], "days": []}, "More than 12"),
        ({"list": [{"name": "x" * 41}], "days": []}, "the most is 40"),
    ],
)
def test_a_bad_factors_part_is_refused_and_saves_nothing(
    alice, user, catalog, frozen_today, factors: dict, message: str
) -> None:
    document = {"format": "footcare-journal", "version": 1, "entries": [], "factors": factors}
    response = upload(alice, json.dumps(document).encode(), "backup.json")
    assert response.status_code == 400
    assert message in response.text
    assert not Factor.objects.for_user(user).own().exists()


def test_keep_mine_keeps_a_days_own_factors(client_of, catalog, frozen_today) -> None:
    source = make_user("source")
    fill(source, frozen_today)
    exported = client_of(source).get("/accounts/data/export.json").content
    mine = make_user("mine")
    entry = make_entry(mine, frozen_today - datetime.timedelta(days=3), back=9)
    entry.factors.set([Factor.objects.listed(mine)[0]])
    assert upload(client_of(mine), exported, "backup.json", rule="keep").status_code == 302
    assert [f.name for f in Entry.objects.get(pk=entry.pk).factors.all()] == ["Took pain medicine"]


def test_fhir_has_a_medication_statement_per_dose_and_an_observation_per_factor(
    alice, user, catalog, frozen_today
) -> None:
    fill(user, frozen_today)
    document = json.loads(b"".join(alice.get("/accounts/data/export.fhir.json").streaming_content))
    Bundle.model_validate(document)
    resources = [entry["resource"] for entry in document["entry"]]
    statements = [r for r in resources if r["resourceType"] == "MedicationStatement"]
    assert [(s["medicationCodeableConcept"]["text"], s["status"]) for s in statements] == [
        ("+Naproxen", "completed"),
        ("+Naproxen", "completed"),
        ("Amitriptyline", "active"),
    ]
    assert statements[0]["effectivePeriod"] == {"start": "2026-11-15", "end": "2026-11-20"}
    assert statements[0]["dosage"] == [{"text": "500 mg, twice a day"}]
    factors = [r for r in resources if r.get("code", {}).get("text", "").startswith("Factor")]
    assert len(factors) == 4
    assert all(r["valueBoolean"] is True for r in factors)


def test_deleting_the_account_deletes_its_factors_and_medicines(client_of, catalog, frozen_today):
    user = make_user("leaving")
    fill(user, frozen_today)
    client = client_of(user)
    assert client.post("/accounts/delete/", {"password": PASSWORD}).status_code == 302
    assert not Factor.objects.exists()
    assert not Medicine.objects.exists() and not MedicineEvent.objects.exists()
    assert not Factor.days.through.objects.exists()


def test_the_preview_says_what_is_new_changed_and_unchanged(client_of, catalog, frozen_today):
    from journal.transfer import factors, medicines

    source = make_user("source")
    fill(source, frozen_today)
    document = json.loads(client_of(source).get("/accounts/data/export.json").content)
    mine = make_user("mine")
    fill(mine, frozen_today)
    Factor.objects.for_user(mine).filter(name="A flare-up").update(shown=True)
    Medicine.objects.get(user=mine, name="Amitriptyline").delete()
    ticked, _ = factors.read(document["factors"], frozen_today)
    new, changed, unchanged = factors.preview(mine, ticked)
    assert (new, changed) == ([], [("Factor “A flare-up”", "shown", "hidden")])
    assert unchanged == len(ticked.items) - 1 + len(ticked.days)
    taken, _ = medicines.read_json(document["medicines"], frozen_today)
    new, changed, unchanged = medicines.preview(mine, taken)
    assert new == ["Amitriptyline: started 1 Jan 1990"]
    assert (changed, unchanged) == ([], 1)
