"""The Reports page on a phone: read in a minute, the first chart within one and a half
screens, and nothing empty for a new account."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise
from journal.models import Entry
from tests.factories import make_entries, make_user

from .conftest import PHONE
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)

FIRST_CHART_TOP = """() => {
  const chart = document.querySelector('main picture img');
  return chart ? chart.getBoundingClientRect().top + window.scrollY : null;
}"""


def a_year_with_the_whole_routine_on_most_days(name: str) -> object:
    """A person whose three areas all have a sentence with a number in it."""
    call_command("load_catalog", verbosity=0)
    user = make_user(name)
    make_entries(user, timezone.localdate(), 365)
    routine = list(Exercise.objects.active())
    for entry in Entry.objects.filter(user=user):
        entry.exercises.set(routine if entry.day.toordinal() % 3 else [])
    return user


@pytest.mark.parametrize("world", ["demo", "a year"])
def test_on_a_phone_the_first_chart_starts_within_one_and_a_half_screens(
    new_page, artifacts, world
) -> None:
    user = make_world().user if world == "demo" else a_year_with_the_whole_routine_on_most_days("b")
    page = new_page(user, viewport=PHONE)
    page.goto(reverse("journal:reports") + ("?range=365" if world == "a year" else ""))
    page.locator("#verdicts").wait_for()
    top = page.evaluate(FIRST_CHART_TOP)
    assert top is not None
    assert top <= 1.5 * PHONE["height"], f"the first chart starts {top:.0f} px down"
    # The sentences come before the chart, and the numbers wait behind "How sure is this?".
    assert page.locator("#verdicts li").count() == 3
    assert not page.locator("#how-sure").evaluate("d => d.open")
    page.screenshot(path=artifacts / f"reports-phone-{world.replace(' ', '-')}.png")


def test_how_sure_is_this_opens_to_the_numbers_and_the_method(new_page) -> None:
    page = new_page(a_year_with_the_whole_routine_on_most_days("c"), viewport=PHONE)
    page.goto(reverse("journal:reports") + "?range=365")
    page.get_by_text("How sure is this?").click()
    details = page.locator("#how-sure")
    assert details.evaluate("d => d.open")
    text = details.inner_text()
    assert "95% interval" in text
    assert "Ratings stop at 0 and 10" in text


def test_a_new_account_sees_what_will_appear_and_no_empty_chart_or_pdf(new_page) -> None:
    call_command("load_catalog", verbosity=0)
    page = new_page(make_user("newcomer"), viewport=PHONE)
    page.goto(reverse("journal:reports"))
    assert "Nothing is logged in this range yet" in page.locator("#reports-empty").inner_text()
    assert page.locator("main picture img").count() == 0
    assert page.get_by_text("Download the report for your doctor").count() == 0
    assert page.get_by_text("Share with my clinician").count() == 0
    assert page.evaluate("document.documentElement.scrollHeight") <= 2 * PHONE["height"]


def test_the_last_7_days_are_one_choice_away(new_page) -> None:
    user = make_world().user
    page = new_page(user, viewport=PHONE)
    page.goto(reverse("journal:reports"))
    with page.expect_navigation():
        page.select_option("#id_range", "7")
    today = timezone.localdate()
    assert page.input_value("#id_from") == (today - datetime.timedelta(days=6)).isoformat()
    assert "Over the last 7 days" in page.locator("main").inner_text()
