"""The delete page says everything that will go, not only the days."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journal.models import ShareLink
from tests.factories import make_entries, make_user
from tests.journal.yourdata.importing import post_file
from tests.journal.yourdata.test_backup_round_trip import EXAMPLES


@pytest.fixture
def everything(user, catalog, frozen_today, alice):
    for example in EXAMPLES.values():
        example.fill(user, frozen_today)
    for label in ("Dr Patel", "Physio"):
        alice.post(
            "/journal/reports/share/",
            {"start": "2026-11-01", "end": "2026-11-25", "days": 14, "label": label},
        )
    ShareLink.objects.filter(label="Physio").update(revoked_at=datetime.datetime.now(datetime.UTC))
    post_file(alice, "date,back,hip,knee,exercises,note\n2026-11-02,1,,,,\n", "j.csv")
    return user


def lines(response) -> str:
    return html.unescape(response.content.decode())


def test_the_delete_page_lists_every_kind_of_thing_that_goes(alice, everything) -> None:
    page = lines(alice.get("/accounts/delete/"))
    assert (
        "6 days of your journal (ratings, exercises and notes), 1 January 1900 to 25 November 2026"
        in page
    )
    assert "2 factors of your own, and the days that record them" in page
    assert "2 medicines with their changes" in page
    assert "Your routine of 2 exercises in your order" in page
    assert "5 rated sessions around the routine (before, after, 30 minutes on)" in page
    assert "2 weekly check-ins (PEG)" in page
    assert "2 experiments (schedules and results)" in page
    assert "2 links shared with your clinician (1 still working: it stops at once)" in page
    assert "A file you uploaded for import and have not confirmed" in page
    assert "Your account “alice” and its settings" in page
    assert "your reminder email at 07:45" in page


def test_an_empty_account_lists_only_the_account(alice, user) -> None:
    page = lines(alice.get("/accounts/delete/"))
    assert "Your account “alice” and its settings" in page
    assert "days of your journal" not in page
    assert "experiment" not in page.split('id="what-goes"')[1].split("</ul>")[0]


def test_the_delete_page_costs_the_same_queries_for_a_bigger_account(
    client_of, catalog, frozen_today
) -> None:
    counts = []
    for extra in (0, 300):
        person = make_user(f"person-{extra}")
        for example in EXAMPLES.values():
            example.fill(person, frozen_today)
        make_entries(person, frozen_today - datetime.timedelta(days=10), extra)
        for n in range(extra // 100):
            ShareLink.objects.create(
                user=person,
                token_hash=f"{extra}-{n}",
                start=frozen_today,
                end=frozen_today,
                created_at=timezone.now(),
                expires_at=timezone.now() + datetime.timedelta(days=1),
            )
        client = client_of(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/accounts/delete/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
