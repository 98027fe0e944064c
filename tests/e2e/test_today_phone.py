"""Today on a phone: the form first, whatever is pending, and a day logged in four taps.

Measured in Chromium at 390 x 844 (touch, device scale 3) and 360 x 640 (a small Android
phone): every rating button is on screen and not under the Save row, Save is above the tab
bar, with nothing scrolled; for the demo-like journal with every prompt pending (email,
check-in, routine, experiment, "after midnight"), and for an account just signed up.
"""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from journal.models import Entry, Experiment
from tests.factories import PASSWORD

from .conftest import LAPTOP, LAPTOP_ZOOMED, PHONE, SMALL_PHONE, TOUCH, run_axe
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)

PHONES = [
    pytest.param(PHONE, TOUCH, id="390x844"),
    pytest.param(SMALL_PHONE, {**TOUCH, "device_scale_factor": 2}, id="360x640"),
]

# Where the form's parts are, in CSS pixels of the screen, with nothing scrolled; and for each
# rating button whether a tap on its centre reaches it (not the Save row over it).
MEASURE_FORM = """() => {
  const bar = document.querySelector('.tabbar');
  const shown = bar && getComputedStyle(bar).display !== 'none';
  const fold = shown ? bar.getBoundingClientRect().top : window.innerHeight;
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  const labels = [...document.querySelectorAll('.rating-choice')];
  const reached = labels.filter((label) => {
    const b = label.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return hit && label.contains(hit);
  });
  return {
    fold,
    scrollY: window.scrollY,
    ratings: labels.length,
    reached: reached.length,
    lowestRating: Math.max(...labels.map((l) => l.getBoundingClientRect().bottom)),
    saveRowTop: box('.save-row').top,
    saveBottom: box('#submit-id-save').bottom,
  };
}"""


def local_time(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def assert_form_first(page) -> None:
    measured = page.evaluate(MEASURE_FORM)
    assert measured["scrollY"] == 0
    assert measured["ratings"] == 36  # 0-10 and "Not rated" for back, hip and knee
    assert measured["reached"] == 36, measured
    assert measured["lowestRating"] <= measured["saveRowTop"], measured
    assert measured["saveBottom"] <= measured["fold"], measured


def every_prompt_pending(today: datetime.date) -> object:
    """A journal like the demo's, with an experiment running, no email address, this week's
    check-in not answered and today not logged."""
    world = make_world()
    # An account as old as its journal: one made today is not asked about yesterday.
    joined = local_time(today - datetime.timedelta(days=60), 12, 0)
    type(world.user).objects.filter(pk=world.user.pk).update(date_joined=joined)
    Experiment.objects.begin(
        world.user, area="knee", weeks=6, start=today - datetime.timedelta(days=8), today=today
    )
    return world


def today_with_every_prompt(
    new_page, day: datetime.date, **options: object
) -> tuple[object, object]:
    """The journal of every_prompt_pending, and its Today page opened with these options."""
    world = every_prompt_pending(day)
    page = new_page(world.user, **options)
    page.goto(reverse("journal:today"))
    return world, page


@pytest.mark.parametrize(("viewport", "options"), PHONES)
def test_the_form_comes_first_with_every_prompt_pending(
    new_page, artifacts, request, viewport, options
) -> None:
    day = datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()
    # Just after midnight, so that Today also asks whether yesterday was meant.
    with time_machine.travel(local_time(day, 0, 30), tick=True):
        _world, page = today_with_every_prompt(new_page, day, viewport=viewport, **options)
        for pending in (
            "log .* instead\\?",
            "Experiment: day 9 of 42",
            "Weekly check-in",
            "Add an email address",
            "Start routine",
            "Same as yesterday",
        ):
            expect(page.get_by_text(re.compile(pending)).first).to_be_attached()
        page.screenshot(path=artifacts / f"today-every-prompt-{request.node.callspec.id}.png")
        assert_form_first(page)


@pytest.mark.parametrize(("viewport", "options"), PHONES)
def test_the_form_comes_first_for_an_account_just_signed_up(
    new_page, catalog_loaded, artifacts, request, viewport, options
) -> None:
    page = new_page(viewport=viewport, **options)
    page.goto(reverse("accounts:signup"))
    page.get_by_label("Username").fill("newcomer")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").tap()
    expect(page.get_by_text("Welcome! Rate today's pain")).to_be_visible()
    page.screenshot(path=artifacts / f"today-new-account-{request.node.callspec.id}.png")
    assert_form_first(page)


@pytest.mark.parametrize(("viewport", "options"), PHONES)
def test_three_ratings_and_save_take_four_taps_and_no_scroll(
    new_page, today, viewport, options
) -> None:
    world, page = today_with_every_prompt(new_page, today, viewport=viewport, **options)
    taps = 0

    def tap(locator) -> None:
        nonlocal taps
        taps += 1
        locator.tap()

    for area, value in (("Back", "6"), ("Hip", "3"), ("Knee", "5")):
        tap(page.get_by_role("group", name=area, exact=True).get_by_text(value, exact=True))
    assert page.evaluate("window.scrollY") == 0
    tap(page.get_by_role("button", name="Save", exact=True))
    expect(page.locator("#save-status")).to_contain_text("Saved.")
    assert taps == 4
    entry = Entry.objects.get(user=world.user, day=today)
    assert (entry.back, entry.hip, entry.knee) == (6, 3, 5)


@pytest.mark.parametrize(("viewport", "options"), PHONES)
def test_a_day_with_exercises_takes_a_tap_for_each_and_no_scroll_on_a_390_phone(
    new_page, today, viewport, options
) -> None:
    world, page = today_with_every_prompt(new_page, today, viewport=viewport, **options)
    for area, value in (("Back", "6"), ("Hip", "3"), ("Knee", "5")):
        page.get_by_role("group", name=area, exact=True).get_by_text(value, exact=True).tap()
    names = ("Walking on your toes", "Ankle circles", "Toe gripping")
    if viewport == PHONE:
        # Everything of the form is on a 390 x 844 screen: a tap each, then Save, no scroll.
        for name in names:
            page.get_by_label(name).tap()
        assert page.evaluate("window.scrollY") == 0
    else:
        for name in names:
            page.get_by_label(name).check()
    page.get_by_role("button", name="Save", exact=True).tap()
    expect(page.locator("#save-status")).to_contain_text("Saved.")
    entry = Entry.objects.get(user=world.user, day=today)
    assert sorted(e.name for e in entry.exercises.all()) == sorted(names)


@pytest.mark.parametrize(("viewport", "options"), PHONES)
def test_the_save_is_confirmed_next_to_the_button_with_the_days_in_a_row(
    new_page, today, viewport, options
) -> None:
    _world, page = today_with_every_prompt(new_page, today, viewport=viewport, **options)
    page.get_by_role("group", name="Knee", exact=True).get_by_text("4", exact=True).tap()
    page.get_by_role("button", name="Save", exact=True).tap()
    status = page.locator("#save-status")
    # Today and yesterday are logged (the day before is not).
    expect(status).to_have_text("Saved. 2 days in a row.")
    expect(status).to_have_attribute("role", "status")
    save = page.get_by_role("button", name="Save", exact=True).bounding_box()
    said = status.bounding_box()
    fold = page.evaluate("document.querySelector('.tabbar').getBoundingClientRect().top")
    assert said["y"] + said["height"] <= fold
    # Beside the button, or on the line just under it.
    assert said["y"] < save["y"] + save["height"] + 40
    assert said["y"] + said["height"] > save["y"]


def test_same_as_yesterday_fills_only_the_ratings_and_they_stay_editable(
    new_page, today, console
) -> None:
    world = make_world()  # yesterday: back 6, hip 3, knee not rated, three exercises, a note
    page = new_page(world.user, viewport=PHONE, **TOUCH)
    page.goto(reverse("journal:today"))
    page.get_by_role("button", name="Same as yesterday").tap()
    expect(page.locator("#save-status")).to_have_text(
        "Filled in yesterday's ratings: back 6, hip 3, knee not rated. Change any, then Save."
    )
    expect(page.locator("#id_back_7")).to_be_checked()
    expect(page.locator("#id_hip_4")).to_be_checked()
    expect(page.locator("#id_knee_0")).to_be_checked()
    assert page.locator('input[name="exercises"]:checked').count() == 0
    expect(page.get_by_label("Note")).to_have_value("")
    page.get_by_role("group", name="Hip", exact=True).get_by_text("2", exact=True).tap()
    page.get_by_role("button", name="Save", exact=True).tap()
    expect(page.locator("#save-status")).to_contain_text("Saved.")
    entry = Entry.objects.get(user=world.user, day=today)
    assert (entry.back, entry.hip, entry.knee, entry.note) == (6, 2, None, "")
    assert not entry.exercises.exists()
    expect(page.get_by_role("button", name="Same as yesterday")).to_have_count(0)


def test_the_form_and_save_are_on_a_laptop_screen_with_every_prompt_pending(
    new_page, today
) -> None:
    _world, page = today_with_every_prompt(new_page, today, viewport=LAPTOP)
    assert_form_first(page)
    note = page.get_by_label("Note").bounding_box()
    assert note["y"] + note["height"] <= LAPTOP["height"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_today_at_200_percent_zoom_keeps_save_in_reach(new_page, today, scheme) -> None:
    _world, page = today_with_every_prompt(
        new_page, today, viewport=LAPTOP_ZOOMED, device_scale_factor=2, color_scheme=scheme
    )
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    save = page.get_by_role("button", name="Save", exact=True).bounding_box()
    fold = page.evaluate("document.querySelector('.tabbar').getBoundingClientRect().top")
    assert save["y"] + save["height"] <= fold
    page.get_by_role("group", name="Knee", exact=True).get_by_text("7", exact=True).click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#save-status")).to_contain_text("Saved.")
    assert run_axe(page) == []
