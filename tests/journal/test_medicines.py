"""Medicines as dated events: started, dose changed, stopped; the rules of their order."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from journal.models import Medicine, MedicineEvent
from journal.models.medicines import Change, order_problem, periods
from journal.version import data_version
from tests.factories import make_user

MEDICINES = "/journal/medicines/"
NOV = datetime.date(2026, 11, 3)


def add_medicine(client, name="Naproxen", started="2026-11-03", dose="500 mg", how_often=""):
    return client.post(
        MEDICINES, {"name": name, "dose": dose, "how_often": how_often, "started": started}
    )


def change(client, medicine: Medicine, kind: str, day: str, dose: str = "", how_often: str = ""):
    prefix = f"m{medicine.pk}"
    return client.post(
        f"/journal/medicines/{medicine.pk}/",
        {
            f"{prefix}-kind": kind,
            f"{prefix}-day": day,
            f"{prefix}-dose": dose,
            f"{prefix}-how_often": how_often,
        },
    )


def kinds(medicine: Medicine) -> list[tuple[str, str]]:
    return [(e.day.isoformat(), e.kind) for e in medicine.events.order_by("day")]


@pytest.fixture
def naproxen(alice, user, frozen_today) -> Medicine:
    assert add_medicine(alice).status_code == 302
    return Medicine.objects.get(user=user)


def test_adding_a_medicine_records_its_start(alice, user, naproxen) -> None:
    assert naproxen.name == "Naproxen"
    assert kinds(naproxen) == [("2026-11-03", "started")]
    assert "Naproxen" in alice.get(MEDICINES).text


def test_a_dose_change_and_a_stop_are_recorded_in_order(alice, naproxen) -> None:
    assert change(alice, naproxen, "dose_changed", "2026-11-17", "750 mg").status_code == 302
    assert change(alice, naproxen, "stopped", "2026-11-24").status_code == 302
    assert kinds(naproxen) == [
        ("2026-11-03", "started"),
        ("2026-11-17", "dose_changed"),
        ("2026-11-24", "stopped"),
    ]
    assert change(alice, naproxen, "started", "2026-11-25", "250 mg").status_code == 302


@pytest.mark.parametrize(
    ("kind", "day", "dose", "message"),
    [
        ("stopped", "2026-11-01", "", "Naproxen has no start before 1 Nov 2026"),
        ("dose_changed", "2026-11-02", "1 g", "a dose change must come after the day it started"),
        ("dose_changed", "2026-11-03", "1 g", "already has a change on 3 Nov 2026"),
        ("stopped", "1899-12-31", "", "The journal starts on 1 January 1900"),
        ("stopped", "2026-11-26", "", "2026-11-26 is in the future"),
        ("stopped", "2026-13-01", "", "Enter a date as YYYY-MM-DD"),
        ("stopped", "2026-11-10", "500 mg", "A stop has no dose"),
        ("dose_changed", "2026-11-10", "", "Enter the new dose or how often"),
        (
            "dose_changed",
            "2026-11-10",
            "x" * 10_000,
            "The dose has 10,000 characters; the most is 60",
        ),
        ("dose_changed", "2026-11-10", "5\u202e00 mg", "changes the writing direction"),
        ("dose_changed", "2026-11-10", "500 mg", "the same as before"),
        ("started", "2026-11-10", "1 g", "What changed"),
        ("paused", "2026-11-10", "", "What changed"),
    ],
)
def test_a_change_that_cannot_be_true_gets_a_message_and_saves_nothing(
    alice, naproxen, kind, day, dose, message
) -> None:
    response = change(alice, naproxen, kind, day, dose)
    assert response.status_code == 400
    assert message in response.text
    assert kinds(naproxen) == [("2026-11-03", "started")]


def test_a_dose_change_on_a_stopped_medicine_is_refused(alice, naproxen) -> None:
    change(alice, naproxen, "stopped", "2026-11-10")
    response = change(alice, naproxen, "dose_changed", "2026-11-12", "1 g")
    assert response.status_code == 400
    assert "Naproxen was stopped on 10 Nov 2026" in response.text


def test_a_stop_before_the_start_is_refused_by_the_rules() -> None:
    problem = order_problem(
        "Naproxen", [Change(NOV, "started", "500 mg"), Change(NOV.replace(day=1), "stopped")]
    )
    assert problem is not None and "has no start before 1 Nov 2026" in problem


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the medicine&#x27;s name"),
        ("   ", "spaces alone are not a name"),
        ("N" * 81, "has 81 characters; the most is 80"),
        ("Napro\x1bxen", "a control character (U+001B)"),
        ("Napro\x00xen", "Null characters are not allowed"),
        ("NAPROXEN", "already in your medicines"),
        ("N\u0430proxen", "already in your medicines"),  # a Cyrillic letter a
    ],
)
def test_a_bad_medicine_name_gets_a_message_and_saves_nothing(
    alice, user, naproxen, name, message
) -> None:
    response = add_medicine(alice, name=name)
    assert response.status_code == 400
    assert message in response.text
    assert Medicine.objects.filter(user=user).count() == 1


def test_a_start_in_the_future_or_before_1900_is_refused(alice, user, frozen_today) -> None:
    assert "is in the future" in add_medicine(alice, started="2026-11-26").text
    assert "The journal starts on" in add_medicine(alice, started="1899-12-31").text
    assert not Medicine.objects.filter(user=user).exists()


def test_a_start_with_later_changes_cannot_be_deleted(alice, naproxen) -> None:
    change(alice, naproxen, "stopped", "2026-11-10")
    start = naproxen.events.get(kind="started")
    response = alice.post(f"/journal/medicines/changes/{start.pk}/delete/", follow=True)
    assert "cannot be deleted" in response.text
    assert naproxen.events.count() == 2


def test_the_last_change_can_be_deleted(alice, naproxen) -> None:
    change(alice, naproxen, "stopped", "2026-11-10")
    stop = naproxen.events.get(kind="stopped")
    alice.post(f"/journal/medicines/changes/{stop.pk}/delete/")
    assert kinds(naproxen) == [("2026-11-03", "started")]


def test_deleting_a_medicine_asks_first_then_deletes_its_changes(alice, naproxen) -> None:
    assert "Delete Naproxen?" in alice.get(f"/journal/medicines/{naproxen.pk}/delete/").text
    alice.post(f"/journal/medicines/{naproxen.pk}/delete/")
    assert not Medicine.objects.exists() and not MedicineEvent.objects.exists()


def stop(client, medicine: Medicine, back: str) -> object:
    """Record that ``medicine`` stopped on 20 November, from a page that asks to go ``back``."""
    prefix = f"m{medicine.pk}"
    data = {f"{prefix}-kind": "stopped", f"{prefix}-day": "2026-11-20", "back": back}
    return client.post(f"/journal/medicines/{medicine.pk}/", data)


def test_a_change_goes_back_to_the_day_it_was_made_from(alice, naproxen, frozen_today) -> None:
    assert stop(alice, naproxen, "/journal/today/")["Location"] == "/journal/today/"


def test_a_change_never_goes_back_to_another_site(alice, naproxen, frozen_today) -> None:
    response = stop(alice, naproxen, "https://evil.example/journal/")
    assert response["Location"] == f"/journal/medicines/{naproxen.pk}/"


@pytest.mark.parametrize(
    "url",
    [
        "/journal/medicines/{pk}/",
        "/journal/medicines/{pk}/delete/",
    ],
)
def test_another_persons_medicine_is_a_404(client_of, naproxen, url) -> None:
    mallory = client_of(make_user("mallory"))
    assert mallory.get(url.format(pk=naproxen.pk)).status_code == 404
    assert mallory.post(url.format(pk=naproxen.pk)).status_code == 404
    assert Medicine.objects.filter(pk=naproxen.pk).exists()


def test_another_persons_medicine_change_is_a_404(client_of, naproxen) -> None:
    mallory = client_of(make_user("mallory"))
    event = naproxen.events.get()
    assert mallory.post(f"/journal/medicines/changes/{event.pk}/delete/").status_code == 404
    assert naproxen.events.count() == 1


def test_the_database_refuses_two_changes_on_one_day(naproxen) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MedicineEvent.objects.create(medicine=naproxen, day=NOV, kind="stopped")


def test_the_database_refuses_a_stop_with_a_dose(naproxen) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MedicineEvent.objects.create(
            medicine=naproxen, day=NOV.replace(day=9), kind="stopped", dose="1 g"
        )


def test_the_database_refuses_a_change_before_1900(naproxen) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        MedicineEvent.objects.create(
            medicine=naproxen, day=datetime.date(1899, 1, 1), kind="dose_changed", dose="1"
        )


def test_a_change_changes_the_data_version(alice, user, naproxen) -> None:
    before = data_version(user)
    change(alice, naproxen, "stopped", "2026-11-10")
    after = data_version(user)
    assert after != before
    alice.post(f"/journal/medicines/changes/{naproxen.events.get(kind='stopped').pk}/delete/")
    assert data_version(user) not in {after}


@pytest.mark.parametrize("count", [1, 20])
def test_the_medicines_page_costs_the_same_queries_however_many(
    alice, user, frozen_today, django_assert_num_queries, count: int
) -> None:
    for number in range(count):
        medicine = Medicine.objects.create(user=user, name=f"M{number}", key=f"k{number}")
        MedicineEvent.objects.create(medicine=medicine, day=NOV, kind="started", dose="1")
        MedicineEvent.objects.create(medicine=medicine, day=NOV.replace(day=9), kind="stopped")
    # The user, the medicines and their changes (the session comes from the cache).
    with django_assert_num_queries(3):
        assert alice.get(MEDICINES).status_code == 200


def test_periods_run_from_each_start_or_change_to_the_next() -> None:
    changes = [
        Change(NOV, "started", "500 mg"),
        Change(NOV.replace(day=17), "dose_changed", "750 mg"),
        Change(NOV.replace(day=24), "stopped"),
        Change(NOV.replace(day=25), "started", "250 mg"),
    ]
    assert [(p.start.day, p.end and p.end.day, p.dose) for p in periods(changes)] == [
        (3, 17, "500 mg"),
        (17, 24, "750 mg"),
        (25, None, "250 mg"),
    ]


def test_a_dose_change_keeps_how_often_when_left_empty(alice, user, frozen_today) -> None:
    add_medicine(alice, dose="250 mg", how_often="twice a day")
    naproxen = Medicine.objects.get(user=user)
    assert change(alice, naproxen, "dose_changed", "2026-11-17", "500 mg").status_code == 302
    event = naproxen.events.get(kind="dose_changed")
    assert (event.dose, event.how_often) == ("500 mg", "twice a day")
