"""A person runs a four-week randomised experiment in the browser, one day at a time.

The server's clock is moved a day at a time with time-machine (the live server runs in this
process, so it sees the same clock). Only Today tells the person what each day asks.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from exercises.models import Exercise
from journal.models import Experiment
from tests.factories import make_user

from .test_journeys import rate

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime.date(2026, 3, 2)


NO_DRAFTS_KEPT = """() => Object.keys(localStorage)
    .filter((key) => key.startsWith('footcare:drafts:'))
    .every((key) => Object.keys(JSON.parse(localStorage[key] || '{}')).length === 0)"""


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def test_it_runs_an_experiment_day_by_day_and_reads_the_result(
    new_page, console, catalog_loaded, settings
) -> None:
    # Four weeks of clock travel must not outlive the session.
    settings.SESSION_COOKIE_AGE = 365 * 24 * 3600
    with time_machine.travel(noon(START), tick=False) as clock:
        user = make_user("alice")
        # A practise day asks for the whole routine: every exercise of the catalog.
        routine = list(Exercise.objects.active().values_list("name", flat=True))
        page = new_page(user)
        page.goto(reverse("journal:reports"))
        page.get_by_role("link", name="Experiment: does the practice help you?").click()
        page.get_by_role("link", name="Start an experiment").click()
        expect(page.get_by_role("heading", name="What it asks")).to_be_visible()
        page.get_by_label("4 weeks").check()
        page.get_by_label("Knee").check()
        page.get_by_role("button", name="Start the experiment").click()
        # The browser holds the form back until the box is ticked; nothing is saved.
        assert not Experiment.objects.exists()
        page.get_by_label("I have read what the experiment asks").check()
        page.get_by_role("button", name="Start the experiment").click()
        expect(page.get_by_role("heading", name="Interim result")).to_be_visible()
        experiment = Experiment.objects.get(user=user)

        practised_yesterday = None
        after = {"P": [], "R": []}
        for offset in range(29):
            clock.move_to(noon(START + datetime.timedelta(days=offset)))
            page.goto(reverse("journal:today"))
            heading = page.locator("#experiment-today-heading")
            if offset == 28:
                expect(heading).to_have_count(0)  # the day after the last: no assignment
            else:
                letter = experiment.schedule[offset]
                expect(heading).to_have_text("Practise day" if letter == "P" else "Rest day")
            if practised_yesterday is not None:
                # Pain is 2 points lower the day after practice, with a little wobble.
                knee = (3 if practised_yesterday else 5) + offset % 3
                rate(page, "Knee", str(knee))
                after[experiment.schedule[offset - 1]].append(knee)
            practise = offset < 28 and experiment.schedule[offset] == "P"
            if practise:  # the whole routine, as a practise day asks
                for name in routine:
                    page.get_by_label(name, exact=True).check()
            if practise or practised_yesterday is not None:
                page.get_by_role("button", name="Save").click()
                expect(page.get_by_role("status")).to_contain_text("Saved")
                # The saved page lets the phone forget its copy; a person never moves on
                # faster than that, but the test does.
                page.wait_for_function(NO_DRAFTS_KEPT)
            practised_yesterday = practise

            if offset == 10:
                page.get_by_role("link", name="Experiment: day 11 of 28").click()
                expect(page.locator("#experiment-status")).to_contain_text(
                    "Interim result after 11 of 28 days"
                )
                rows = page.get_by_role("table").get_by_role("row")
                expect(rows).to_have_count(12)  # a header and the 11 days so far, no more

        page.goto(reverse("journal:experiments"))
        page.get_by_role("link", name="4 weeks, knee pain").click()
        expect(page.get_by_role("heading", name="Result", exact=True)).to_be_visible()
        expect(page.locator("#experiment-status")).to_have_text("Complete: all 28 days.")
        verdict = page.locator("#experiment-verdict")
        lower = sum(after["R"]) / 14 - sum(after["P"]) / 14
        expect(verdict).to_contain_text(
            "In your 4-week experiment, knee pain was clearly lower the day after practise days "
            f"than after rest days: {lower:.1f} points lower"
        )
        expect(verdict).to_contain_text("14 and 14 days")
        expect(verdict).to_contain_text(
            "Chance chose the days, so your habits and how the pain was going cannot explain "
            "this. You knew the plan and rated your own pain"
        )
        expect(page.get_by_text("Your whole routine on 14 of 14 days")).to_be_visible()
        expect(page.get_by_role("link", name="Stop early")).to_have_count(0)
    assert console.unexpected() == []
