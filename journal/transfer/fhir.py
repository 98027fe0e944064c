"""A FHIR R4 export of the journal: a Bundle a clinical system can file.

The top half is pure: plain rows in, a JSON-ready dict out; ``fhir_json`` turns it into
bytes. ``bundle_for`` at the bottom reads one person's range from the database. What a
receiving system gets:

- a Patient with the person's display name only (no identifiers, no date of birth);
- one Observation per rating: LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating
  [Score] - Reported", category "survey", the day as ``effectiveDateTime``, the rating as
  ``valueQuantity`` in UCUM ``{score}`` (a number every system can graph), and the body
  site in SNOMED CT. An area left unrated has no Observation: it is not a 0;
- one QuestionnaireResponse per weekly PEG check-in, with the week's Monday, the answered
  items as integers and, when all three are answered, the score as a decimal;
- one Observation per rating around the routine (just before, just after, 30 minutes on),
  with the same code, the moment of the rating as ``effectiveDateTime`` and the session in
  the code's text ("Knee pain, 0-10, just after the routine" or "... a rest");
- one Observation per factor of the day ticked ("Factor of the day: Slept badly", its day,
  ``valueBoolean`` true), in the survey category: no standard code exists for them;
- one MedicationStatement per stretch of a medicine's dose that overlaps the range (from its
  start or a dose change to the next change or its stop: ``effectivePeriod``, the dose and
  how often as ``dosage.text``, "active" while it is taken, else "completed").

Notes and exercises are not exported: they are free text and app-specific, and a clinical
record is the wrong place for them.
"""

import datetime
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Min
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import display_name
from footcare.vocabulary import PEG_QUESTIONS
from journal.analysis.rows import DayRow, PegRow
from journal.models import Entry, MedicineEvent, PegCheckIn, ReliefSession
from journal.models.medicines import Period, periods
from journal.rows import load_factors, load_peg, load_rows

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
PAIN_SEVERITY = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}
# SNOMED CT body structures for the three areas a person rates.
BODY_SITES = {
    "back": ("37822005", "Lower back structure (body structure)", "Lower back"),
    "hip": ("24136001", "Hip joint structure (body structure)", "Hip"),
    "knee": ("72696002", "Knee region structure (body structure)", "Knee"),
}
# The PEG has no Questionnaire with a canonical URL to point to, so each item carries its
# full question and anchors as text.
PEG_SCORE_TEXT = "PEG score (mean of the three items, 0-10)"


def _urn(seed: str, *parts: object) -> str:
    # Stable ids: exporting the same journal twice gives the same fullUrls, so a receiving
    # system can tell a resource it already has. The seed keeps them unguessable.
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, ':'.join([seed, *map(str, parts)]))}"


def observation(row: DayRow, area: str, value: int, patient: str) -> dict[str, object]:
    return _pain_observation(area, value, row.day.isoformat(), patient)


def _pain_observation(
    area: str, value: int, effective: str, patient: str, when: str = ""
) -> dict[str, object]:
    """One 0-10 pain rating of an area; ``when`` says around what it was given, if anything."""
    code, display, text = BODY_SITES[area]
    around = f", {when}" if when else ""
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"coding": [PAIN_SEVERITY], "text": f"{text} pain, 0-10{around}"},
        "subject": {"reference": patient},
        "effectiveDateTime": effective,
        "valueQuantity": {"value": value, "unit": "{score}", "system": UCUM, "code": "{score}"},
        "bodySite": {
            "coding": [{"system": SNOMED, "code": code, "display": display}],
            "text": text,
        },
    }


@dataclass(frozen=True)
class ReliefRating:
    """One rating around a routine or a rest session."""

    session: int  # the session's id: it only seeds the resource's stable, hashed id
    moment: str  # "before", "after" or "later"
    kind: str  # "routine" or "rest"
    area: str
    value: int
    at: datetime.datetime


RELIEF_MOMENTS = {"before": "just before", "after": "just after", "later": "30 minutes after"}
RELIEF_KINDS = {"routine": "the routine", "rest": "a rest of the same length"}


def relief_observation(rating: ReliefRating, patient: str) -> dict[str, object]:
    when = f"{RELIEF_MOMENTS[rating.moment]} {RELIEF_KINDS[rating.kind]}"
    effective = rating.at.isoformat(timespec="seconds")
    return _pain_observation(rating.area, rating.value, effective, patient, when)


def questionnaire_response(row: PegRow, patient: str) -> dict[str, object]:
    items: list[dict[str, object]] = [
        {
            "linkId": "week",
            "text": "Week starting (Monday)",
            "answer": [{"valueDate": row.week.isoformat()}],
        }
    ]
    for number, item in enumerate(PEG_QUESTIONS, start=1):
        value = getattr(row, item.field)
        if value is not None:  # an unanswered question is left out, never sent as 0
            items.append(
                {
                    "linkId": item.field,
                    "text": f"{number}. {item.question} (0 = {item.low}, 10 = {item.high})",
                    "answer": [{"valueInteger": value}],
                }
            )
    if row.score is not None:
        items.append(
            {
                "linkId": "score",
                "text": PEG_SCORE_TEXT,
                "answer": [{"valueDecimal": round(row.score, 2)}],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": {"reference": patient},
        "item": items,
    }


def factor_observation(day: datetime.date, factor: str, patient: str) -> dict[str, object]:
    # No standard code says "slept badly": the factor's name is the code's text, and the
    # value is that it was ticked that day.
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"text": f"Factor of the day: {factor}"},
        "subject": {"reference": patient},
        "effectiveDateTime": day.isoformat(),
        "valueBoolean": True,
    }


def medication_statement(
    name: str, period: Period, patient: str, today: datetime.date
) -> dict[str, object]:
    """One stretch of one dose: from its start or dose change to the next change or stop."""
    effective = {"start": period.start.isoformat()}
    if period.end is not None:
        effective["end"] = period.end.isoformat()
    statement: dict[str, object] = {
        "resourceType": "MedicationStatement",
        "status": "active" if period.end is None else "completed",
        "medicationCodeableConcept": {"text": name},
        "subject": {"reference": patient},
        "effectivePeriod": effective,
        "dateAsserted": today.isoformat(),
    }
    dose = ", ".join(part for part in (period.dose, period.how_often) if part)
    if dose:
        statement["dosage"] = [{"text": dose}]
    return statement


def entries(
    days: Sequence[DayRow],
    weeks: Iterable[PegRow],
    *,
    patient_name: str,
    seed: str,
    generated: datetime.datetime,
    relief: Iterable[ReliefRating] = (),
    medicines: Iterable[tuple[str, Sequence[Period]]] = (),
) -> Iterator[dict[str, object]]:
    """The Bundle's entries in order: the Patient, then Observations (ratings, then the
    factors of each day), then the PEG weeks, then the ratings around the routine, then the
    medicines' MedicationStatements."""
    patient = _urn(seed, "patient")
    yield {
        "fullUrl": patient,
        "resource": {"resourceType": "Patient", "name": [{"text": patient_name}]},
    }
    for row in days:
        for area in BODY_SITES:
            value = row.ratings.get(area)
            if value is not None:
                yield {
                    "fullUrl": _urn(seed, "observation", row.day, area),
                    "resource": observation(row, area, value, patient),
                }
    for row in days:
        for factor in sorted(row.factors):
            yield {
                "fullUrl": _urn(seed, "factor", row.day, factor),
                "resource": factor_observation(row.day, factor, patient),
            }
    for week in weeks:
        yield {
            "fullUrl": _urn(seed, "peg", week.week),
            "resource": questionnaire_response(week, patient),
        }
    for rating in relief:
        yield {
            "fullUrl": _urn(seed, "relief", rating.session, rating.moment),
            "resource": relief_observation(rating, patient),
        }
    for name, stretches in medicines:
        for period in stretches:
            yield {
                "fullUrl": _urn(seed, "medicine", name, period.start),
                "resource": medication_statement(name, period, patient, generated.date()),
            }


def _head(generated: datetime.datetime) -> dict[str, object]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": generated.isoformat(timespec="seconds"),
    }


def bundle(days: Sequence[DayRow], weeks: Iterable[PegRow], **details: object) -> dict[str, object]:
    """A Bundle of type collection as one dict (for tests and small ranges); ``details`` are
    those of ``entries``."""
    return {**_head(details["generated"]), "entry": list(entries(days, weeks, **details))}


# Compact: a 20-year journal's file is about a third smaller than indented, and a records
# system reads it the same.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
CHUNK_BYTES = 64 * 1024


def fhir_json(document: dict[str, object]) -> bytes:
    return _encode(document).encode()


def bundle_chunks(
    days: Sequence[DayRow], weeks: Iterable[PegRow], **details: object
) -> Iterator[bytes]:
    """The same bytes as ``fhir_json(bundle(...))``, written an entry at a time.

    A 20-year journal has about 22,000 Observations: built as one document and one string,
    that took 24 MB of text and 200 MB more of the worker's memory for each download. Here
    only one entry and one chunk of text exist at a time.
    """
    parts = [_encode(_head(details["generated"]))[:-1], ',"entry":[']
    size = sum(map(len, parts))
    separator = ""
    for entry in entries(days, weeks, **details):
        text = separator + _encode(entry)
        separator = ","
        parts.append(text)
        size += len(text)
        if size >= CHUNK_BYTES:
            yield "".join(parts).encode()
            parts, size = [], 0
    parts.append("]}")
    yield "".join(parts).encode()


def fhir_filename(start: datetime.date, end: datetime.date) -> str:
    return f"footcare-fhir-{start.isoformat()}-to-{end.isoformat()}.json"


# --- the database side


def first_day(user: AbstractBaseUser) -> datetime.date | None:
    """The earliest day with an entry, a PEG week or a rating around the routine, for an
    export of everything."""
    first_rating = ReliefSession.objects.for_user(user).aggregate(first=Min("before_at"))
    firsts = [
        Entry.objects.for_user(user).aggregate(first=Min("day"))["first"],
        PegCheckIn.objects.for_user(user).aggregate(first=Min("week"))["first"],
        MedicineEvent.objects.for_user(user).aggregate(first=Min("day"))["first"],
        first_rating["first"] and timezone.localdate(first_rating["first"]),
    ]
    return min((day for day in firsts if day is not None), default=None)


def bundle_for(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date, now: datetime.datetime
) -> Iterator[bytes]:
    """The person's range as FHIR, in chunks. The database is read here, at once (a constant
    number of queries); the chunks are then written while the response is sent."""
    rows, _names = load_rows(user, start, end)
    ticked, _factor_names = load_factors(user, start, end)
    rows = [replace(row, factors=ticked.get(row.day, frozenset())) for row in rows]
    return bundle_chunks(
        rows,
        load_peg(user, start, end),
        patient_name=display_name(user),
        # Stable for one person, unguessable from outside, never their database id.
        seed=salted_hmac("journal.fhir", str(user.pk)).hexdigest(),
        generated=now,
        relief=relief_ratings(user, start, end),
        medicines=medicines_between(user, start, end),
    )


def relief_ratings(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date
) -> list[ReliefRating]:
    """The ratings of the sessions that began on a day of the range (local time), in order."""
    ratings = []
    sessions = (
        ReliefSession.objects.for_user(user)
        .filter(before_at__date__range=(start, end))
        .order_by("before_at")
    )
    for session in sessions:
        for moment in RELIEF_MOMENTS:
            value, at = getattr(session, moment), getattr(session, f"{moment}_at")
            if value is not None:
                ratings.append(
                    ReliefRating(session.pk, moment, session.kind, session.area, value, at)
                )
    return ratings


def medicines_between(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date
) -> list[tuple[str, list[Period]]]:
    """Each medicine's stretches of a dose that overlap the range; one query."""
    from .medicines import load

    result = []
    for item in load(user).medicines:
        overlapping = [
            p for p in periods(item.events) if p.start <= end and (p.end is None or p.end >= start)
        ]
        if overlapping:
            result.append((item.name, overlapping))
    return result


def fhir_response(chunks: Iterator[bytes], filename: str) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        chunks,
        content_type="application/fhir+json; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
