"""The FHIR R4 export, validated with the fhir.resources models.

fhir.resources 8 has no R4 (4.0.1) package: its default models are R5 and R4B (4.3.0) is
the nearest. Observation, QuestionnaireResponse, Patient and Bundle did not change between
R4 and R4B, so validating against R4B checks what an R4 system reads.
"""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from journal.analysis.rows import DayRow, PegRow
from journal.models import PegCheckIn
from journal.transfer.fhir import bundle, bundle_chunks, fhir_json
from tests.factories import make_entry, make_relief_session, make_user

GENERATED = datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC)
MONDAY = datetime.date(2026, 11, 23)


def make_bundle(days=(), weeks=()) -> dict:
    return bundle(days, weeks, patient_name="Alice A", seed="s", generated=GENERATED)


def resources(document: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in document["entry"] if e["resource"]["resourceType"] == kind]


def test_a_bundle_of_ratings_and_peg_weeks_validates_as_fhir() -> None:
    document = make_bundle(
        [DayRow(datetime.date(2026, 11, 24), {"back": 3, "hip": 0, "knee": 10}, frozenset())],
        [PegRow(MONDAY, 6, None, 5), PegRow(MONDAY - datetime.timedelta(weeks=1), 6, 4, 5)],
    )
    parsed = Bundle.model_validate(document)
    assert parsed.type == "collection"
    assert len(parsed.entry) == 1 + 3 + 2


def test_each_rating_is_an_observation_with_loinc_72514_3_the_day_and_the_value() -> None:
    document = make_bundle([DayRow(datetime.date(2026, 11, 24), {"back": 3}, frozenset())])
    (observation,) = resources(document, "Observation")
    assert observation["code"]["coding"][0]["code"] == "72514-3"
    assert observation["code"]["coding"][0]["system"] == "http://loinc.org"
    assert observation["effectiveDateTime"] == "2026-11-24"
    assert observation["valueQuantity"]["value"] == 3
    assert observation["status"] == "final"


@pytest.mark.parametrize(
    ("area", "code"), [("back", "37822005"), ("hip", "24136001"), ("knee", "72696002")]
)
def test_the_body_site_is_coded_in_snomed_ct(area: str, code: str) -> None:
    document = make_bundle([DayRow(datetime.date(2026, 11, 24), {area: 5}, frozenset())])
    (coding,) = resources(document, "Observation")[0]["bodySite"]["coding"]
    assert (coding["system"], coding["code"]) == ("http://snomed.info/sct", code)


def test_an_unrated_area_has_no_observation_rather_than_a_zero() -> None:
    document = make_bundle(
        [DayRow(datetime.date(2026, 11, 24), {"back": None, "hip": 0}, frozenset())]
    )
    sites = [o["bodySite"]["text"] for o in resources(document, "Observation")]
    assert sites == ["Hip"]


def test_a_peg_week_is_a_questionnaire_response_with_its_score() -> None:
    (response,) = resources(make_bundle(weeks=[PegRow(MONDAY, 6, 4, 5)]), "QuestionnaireResponse")
    answers = {item["linkId"]: item["answer"][0] for item in response["item"]}
    assert answers == {
        "week": {"valueDate": "2026-11-23"},
        "pain": {"valueInteger": 6},
        "enjoyment": {"valueInteger": 4},
        "activity": {"valueInteger": 5},
        "score": {"valueDecimal": 5.0},
    }


def test_an_unanswered_peg_item_is_left_out_and_there_is_no_score() -> None:
    (response,) = resources(
        make_bundle(weeks=[PegRow(MONDAY, 6, None, 5)]), "QuestionnaireResponse"
    )
    assert [item["linkId"] for item in response["item"]] == ["week", "pain", "activity"]


def test_every_resource_points_at_the_bundles_patient() -> None:
    document = make_bundle(
        [DayRow(datetime.date(2026, 11, 24), {"back": 3}, frozenset())], [PegRow(MONDAY, 1, 1, 1)]
    )
    patient_url = document["entry"][0]["fullUrl"]
    assert document["entry"][0]["resource"]["name"] == [{"text": "Alice A"}]
    assert {e["resource"]["subject"]["reference"] for e in document["entry"][1:]} == {patient_url}


def test_the_same_journal_gets_the_same_ids_twice() -> None:
    days = [DayRow(datetime.date(2026, 11, 24), {"back": 3}, frozenset())]
    first = [e["fullUrl"] for e in make_bundle(days)["entry"]]
    assert first == [e["fullUrl"] for e in make_bundle(days)["entry"]]
    assert len(set(first)) == len(first)


def test_the_validator_refuses_a_malformed_resource() -> None:
    document = make_bundle([DayRow(datetime.date(2026, 11, 24), {"back": 3}, frozenset())])
    resources(document, "Observation")[0]["effectiveDateTime"] = "2026-13-01"
    with pytest.raises(ValidationError):
        Bundle.model_validate(document)


def body(response) -> bytes:
    # Written while sent: a streaming response.
    return b"".join(response.streaming_content)


def test_your_data_exports_the_whole_journal_as_valid_fhir(alice, user, frozen_today) -> None:
    make_entry(user, datetime.date(2025, 1, 2), back=4, hip=None, knee=2, note="private")
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=6, enjoyment=4, activity=5)
    response = alice.get("/accounts/data/export.fhir.json")
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    content = body(response)
    document = json.loads(content)
    Bundle.model_validate(document)
    assert len(resources(document, "Observation")) == 2
    assert len(resources(document, "QuestionnaireResponse")) == 1
    assert "private" not in content.decode()


def test_the_fhir_export_is_only_the_logged_in_persons(alice, frozen_today) -> None:
    make_entry(make_user("bob"), datetime.date(2026, 11, 20), back=4)
    document = json.loads(body(alice.get("/accounts/data/export.fhir.json")))
    assert resources(document, "Observation") == []


def test_the_share_link_offers_the_fhir_file_of_its_range(
    client, alice, user, frozen_today
) -> None:
    cache.clear()
    make_entry(user, datetime.date(2026, 11, 20), back=4)
    make_entry(user, datetime.date(2026, 10, 20), back=8)
    created = alice.post(
        "/journal/reports/share/", {"start": "2026-11-01", "end": "2026-11-25", "days": "14"}
    )
    url = re.search(r">http://testserver(/shared/[^<]+/)</textarea>", created.text).group(1)
    response = client.get(url + "fhir.json")
    assert response["X-Robots-Tag"] == "noindex"
    document = json.loads(body(response))
    Bundle.model_validate(document)
    assert [o["effectiveDateTime"] for o in resources(document, "Observation")] == ["2026-11-20"]


def twenty_years() -> list[DayRow]:
    end = datetime.date(2026, 11, 25)
    return [
        DayRow(end - datetime.timedelta(days=n), {"back": n % 11, "hip": 3, "knee": 7}, frozenset())
        for n in range(20 * 365)
    ]


def test_the_streamed_file_is_the_same_bytes_as_the_whole_document() -> None:
    days, weeks = twenty_years()[:400], [PegRow(MONDAY, 6, None, 5)]
    details = {"patient_name": "Alice A", "seed": "s", "generated": GENERATED}
    streamed = b"".join(bundle_chunks(days, weeks, **details))
    assert streamed == fhir_json(bundle(days, weeks, **details))


def test_a_twenty_year_file_is_written_in_bounded_memory() -> None:
    import tracemalloc

    days = twenty_years()
    details = {"patient_name": "Alice A", "seed": "s", "generated": GENERATED}
    tracemalloc.start()
    size = 0
    for chunk in bundle_chunks(days, [], **details):
        size += len(chunk)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert size > 10_000_000
    # One entry and one chunk at a time: a fraction of the file, not several copies of it.
    assert peak < 1_000_000


def test_each_rating_around_the_routine_is_an_observation_with_its_moment() -> None:
    from journal.transfer.fhir import ReliefRating

    at = datetime.datetime(2026, 11, 24, 8, 30, tzinfo=datetime.UTC)
    ratings = [
        ReliefRating(7, "before", "routine", "knee", 6, at),
        ReliefRating(7, "after", "routine", "knee", 4, at + datetime.timedelta(minutes=11)),
        ReliefRating(8, "later", "rest", "back", 3, at + datetime.timedelta(hours=1)),
    ]
    document = bundle([], [], patient_name="Alice A", seed="s", generated=GENERATED, relief=ratings)
    Bundle.model_validate(document)
    observations = resources(document, "Observation")
    assert [o["effectiveDateTime"] for o in observations] == [
        "2026-11-24T08:30:00+00:00",
        "2026-11-24T08:41:00+00:00",
        "2026-11-24T09:30:00+00:00",
    ]
    assert [o["valueQuantity"]["value"] for o in observations] == [6, 4, 3]
    assert observations[1]["code"]["text"] == "Knee pain, 0-10, just after the routine"
    assert (
        observations[2]["code"]["text"]
        == "Lower back pain, 0-10, 30 minutes after a rest of the same length"
    )


def test_your_data_exports_the_ratings_around_the_routine_as_fhir(
    alice, user, frozen_today
) -> None:
    from django.utils import timezone

    make_entry(user, frozen_today, back=3)
    now = timezone.now()
    rated_at = now - datetime.timedelta(minutes=15)
    make_relief_session(user, area="hip", before=7, before_at=rated_at, after=5, after_at=now)
    make_relief_session(make_user("bob"), area="hip", before=9, before_at=now)
    response = alice.get("/accounts/data/export.fhir.json")
    document = json.loads(body(response))
    Bundle.model_validate(document)
    texts = [o["code"]["text"] for o in resources(document, "Observation")]
    assert "Hip pain, 0-10, just before the routine" in texts
    assert "Hip pain, 0-10, just after the routine" in texts
    assert sum("routine" in text for text in texts) == 2
