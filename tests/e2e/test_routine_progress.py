"""The routine survives interruptions and keeps its clock, step, Pause and Skip on screen.

Each exercise finished is ticked on today's entry at once; leaving, a reload or a closed tab
loses nothing, and coming back offers to carry on. Measured at 390 x 844 (touch), on a
1366 x 768 laptop and on that laptop at 200% zoom (683 x 384 CSS pixels).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exercises.models import Exercise
from exercises.routine import build_plan
from journal.models import Entry
from tests.factories import make_entry, make_user, running_experiment

from .conftest import LAPTOP, LAPTOP_ZOOMED, PHONE, SMALL_PHONE, TOUCH, run_axe

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [
    pytest.param(PHONE, TOUCH, id="phone-390x844"),
    pytest.param(LAPTOP, {}, id="laptop-1366x768"),
    pytest.param(LAPTOP_ZOOMED, {"device_scale_factor": 2}, id="laptop-at-200-percent"),
]
SIZES_TO_START = [
    *SIZES,
    pytest.param(SMALL_PHONE, {**TOUCH, "device_scale_factor": 2}, id="phone-360x640"),
]

# The clock, the marked step, Pause and Skip: each wholly on screen, above the tab bar, with
# the page not scrolled; the marked step also inside its list's visible part.
MEASURE_RUN = """() => {
  const bar = document.querySelector('.tabbar');
  const shown = bar && getComputedStyle(bar).display !== 'none';
  const fold = shown ? bar.getBoundingClientRect().top : window.innerHeight;
  const step = document.querySelector('[data-field=steps] [aria-current=step]');
  const list = step.parentElement.getBoundingClientRect();
  const parts = {
    clock: document.querySelector('[data-field=clock]'),
    step,
    pause: document.querySelector('[data-action=pause]'),
    skip: document.querySelector('[data-action=skip]'),
  };
  const off = [];
  for (const [name, el] of Object.entries(parts)) {
    const b = el.getBoundingClientRect();
    if (b.top < 0 || b.bottom > fold + 0.5 || b.left < 0 || b.right > window.innerWidth) {
      off.push(`${name} ${Math.round(b.top)}-${Math.round(b.bottom)} (fold ${fold})`);
    }
  }
  const s = step.getBoundingClientRect();
  if (s.top < list.top - 0.5 || s.bottom > list.bottom + 0.5) off.push('step outside its list');
  return {off, scrollY: window.scrollY};
}"""


# Each named control wholly on screen above the tab bar with nothing scrolled, and a tap on
# its centre reaching it (not the tab bar or the page under it).
MEASURE_CONTROLS = """(selectors) => {
  const bar = document.querySelector('.tabbar');
  const shown = bar && getComputedStyle(bar).display !== 'none';
  const fold = shown ? bar.getBoundingClientRect().top : window.innerHeight;
  const off = [];
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    const b = el.getBoundingClientRect();
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    if (b.top < 0 || b.bottom > fold + 0.5 || !(hit && el.contains(hit))) {
      off.push(`${selector} ${Math.round(b.top)}-${Math.round(b.bottom)} (fold ${fold})`);
    }
  }
  return {off, scrollY: window.scrollY};
}"""


def ticked(user) -> list[str]:
    entry = Entry.objects.filter(user=user).first()
    return [e.name for e in entry.exercises.order_by("order")] if entry else []


def open_routine(page) -> None:
    page.clock.install()
    page.goto(reverse("journal:routine"))


def finish_one_by_hand(page) -> None:
    with page.expect_response(lambda r: "/routine/done/" in r.url and r.status == 200):
        page.get_by_role("button", name="I did this one").click()


@pytest.mark.parametrize(("viewport", "options"), SIZES)
def test_the_clock_the_current_step_pause_and_skip_are_on_screen_in_every_exercise(
    new_page, console, catalog_loaded, artifacts, request, viewport, options
) -> None:
    page = new_page(make_user("alice"), viewport=viewport, **options)
    open_routine(page)
    page.get_by_role("button", name="Start routine").click()
    for number, exercise in enumerate(Exercise.objects.active(), start=1):
        expect(page.locator("#routine-exercise")).to_have_text(exercise.name)
        for seconds in (0, 11):  # getting ready, then the first hold or part
            page.clock.run_for(seconds * 1000)
            measured = page.evaluate(MEASURE_RUN)
            assert measured == {"off": [], "scrollY": 0}, (exercise.name, seconds)
        if number == 5:
            name = request.node.callspec.id
            page.screenshot(path=artifacts / f"routine-running-{name}.png")
        page.get_by_role("button", name="Skip").click()
    assert console.unexpected() == []


@pytest.mark.parametrize(("viewport", "options"), SIZES_TO_START)
def test_start_is_on_screen_under_the_rating_before_and_the_safety_texts(
    new_page, console, catalog_loaded, artifacts, request, viewport, options
) -> None:
    page = new_page(make_user("alice"), viewport=viewport, **options)
    open_routine(page)
    # The day's first routine: the optional rating before it and the safety texts in full.
    expect(page.locator(".relief-before")).to_be_visible()
    expect(page.locator("[data-field=safety-all]")).to_have_attribute("open", "")
    page.screenshot(path=artifacts / f"routine-ready-{request.node.callspec.id}.png")
    measured = page.evaluate(MEASURE_CONTROLS, ["[data-action=start]"])
    assert measured == {"off": [], "scrollY": 0}
    page.get_by_role("button", name="Start routine").click()
    expect(page.locator("#routine-exercise")).to_have_text("Walking on your toes")
    assert console.unexpected() == []


@pytest.mark.parametrize(("viewport", "options"), SIZES_TO_START)
def test_carry_on_and_start_again_are_on_screen_under_the_rating_before(
    new_page, console, catalog_loaded, today, viewport, options
) -> None:
    user = make_user("alice")
    make_entry(user, today, exercises=list(Exercise.objects.active())[:2])
    page = new_page(user, viewport=viewport, **options)
    open_routine(page)
    expect(page.locator(".relief-before")).to_be_visible()
    expect(page.get_by_role("button", name="Carry on from exercise 3 of 5")).to_be_visible()
    measured = page.evaluate(MEASURE_CONTROLS, ["[data-action=resume]", "[data-action=restart]"])
    assert measured == {"off": [], "scrollY": 0}
    assert console.unexpected() == []


def test_the_rating_before_the_routine_is_one_tap_with_start_in_reach(
    new_page, console, catalog_loaded
) -> None:
    page = new_page(make_user("alice"), viewport=PHONE, **TOUCH)
    open_routine(page)
    page.get_by_role("button", name="7 out of 10", exact=True).tap()
    expect(page.locator("#relief-under-way")).to_contain_text("pain was 7")
    expect(page.get_by_role("button", name="Start routine")).to_be_visible()
    measured = page.evaluate(MEASURE_CONTROLS, ["[data-action=start]"])
    assert measured == {"off": [], "scrollY": 0}
    assert console.unexpected() == []


def test_the_marked_step_follows_the_phase(new_page, console, catalog_loaded) -> None:
    walking = Exercise.objects.get(slug="walking-on-your-toes")
    page = new_page(make_user("alice"), viewport=PHONE, **TOUCH)
    open_routine(page)
    page.get_by_role("button", name="Start routine").tap()
    marked = page.locator("[data-field=steps] [aria-current=step]")
    expect(marked).to_have_text(walking.steps[0])  # getting ready: stand up with room
    page.clock.run_for(11_000)
    expect(page.locator("[data-field=phase]")).to_contain_text("Walk on tiptoe")
    expect(marked).to_have_text(walking.steps[1])  # rise onto your tiptoes
    page.clock.run_for(5_000)
    expect(marked).to_have_text(walking.steps[2])  # lower yourself, relax
    assert marked.evaluate("(el) => getComputedStyle(el).fontWeight") == "700"
    assert console.unexpected() == []


def test_each_exercise_is_saved_as_it_is_finished_and_leaving_asks_nothing(
    new_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    first = build_plan(list(Exercise.objects.active())[:1])["total_seconds"]
    page = new_page(user, viewport=PHONE, **TOUCH)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    open_routine(page)
    page.get_by_role("button", name="Start routine").tap()
    with page.expect_response(lambda r: "/routine/done/" in r.url and r.status == 200):
        page.clock.run_for(first * 1000 + 500)  # the timer finishes the first exercise
    finish_one_by_hand(page)  # and "I did this one" the second
    assert ticked(user) == ["Walking on your toes", "Ankle circles"]
    page.get_by_role("navigation", name="Daily tasks").get_by_role("link", name="Today").tap()
    expect(page).to_have_url(re.compile("/journal/today/$"))
    assert dialogs == []
    expect(page.get_by_label("Walking on your toes")).to_be_checked()
    expect(page.get_by_label("Ankle circles")).to_be_checked()
    assert console.unexpected() == []


def start_on_a_phone(new_page) -> tuple[object, list[Exercise], object]:
    """A new person's routine started on a 390 x 844 phone: (user, exercises, page)."""
    user = make_user("alice")
    page = new_page(user, viewport=PHONE, **TOUCH)
    open_routine(page)
    page.get_by_role("button", name="Start routine").tap()
    return user, list(Exercise.objects.active()), page


def test_coming_back_offers_to_carry_on_or_start_again(new_page, console, catalog_loaded) -> None:
    _user, exercises, page = start_on_a_phone(new_page)
    finish_one_by_hand(page)
    page.get_by_role("button", name="Skip").tap()  # the second left undone
    expect(page.locator("#routine-exercise")).to_have_text(exercises[2].name)
    page.reload()
    carry_on = page.get_by_role("button", name="Carry on from exercise 3 of 5")
    expect(carry_on).to_be_visible()
    expect(page.get_by_text("You have done 1 of 5 exercises today.")).to_be_visible()
    expect(page.get_by_role("button", name="Start again")).to_be_visible()
    expect(page.get_by_role("button", name="Start routine")).to_be_hidden()
    carry_on.tap()
    expect(page.locator("#routine-exercise")).to_have_text(exercises[2].name)
    expect(page.locator("[data-field=done]")).to_have_text("1")
    assert console.unexpected() == []


def test_a_closed_tab_loses_nothing(new_page, console, catalog_loaded) -> None:
    user, exercises, page = start_on_a_phone(new_page)
    finish_one_by_hand(page)
    finish_one_by_hand(page)
    context = page.context
    page.close()
    again = context.new_page()
    again.goto(reverse("journal:routine"))
    again.get_by_role("button", name="Carry on from exercise 3 of 5").tap()
    expect(again.locator("#routine-exercise")).to_have_text(exercises[2].name)
    assert ticked(user) == [exercises[0].name, exercises[1].name]
    assert console.unexpected() == []


def test_another_device_carries_on_after_what_today_already_has(
    new_page, console, catalog_loaded, today
) -> None:
    user = make_user("alice")
    exercises = list(Exercise.objects.active())
    make_entry(user, today, back=3, exercises=exercises[:3])
    page = new_page(user, viewport=PHONE, **TOUCH)
    open_routine(page)
    expect(page.get_by_role("button", name="Carry on from exercise 4 of 5")).to_be_visible()
    assert console.unexpected() == []


def test_a_finished_routine_says_so_and_offers_to_start_again(
    new_page, console, catalog_loaded, today
) -> None:
    user = make_user("alice")
    make_entry(user, today, exercises=list(Exercise.objects.active()))
    page = new_page(user, viewport=PHONE, **TOUCH)
    open_routine(page)
    expect(page.get_by_text("You have done all 5 exercises today. Well done.")).to_be_visible()
    page.get_by_role("button", name="Start again").tap()
    expect(page.locator("#routine-exercise")).to_have_text("Walking on your toes")
    assert console.unexpected() == []


def test_leaving_asks_only_while_a_finished_exercise_is_not_saved(
    new_page, console, catalog_loaded
) -> None:
    page = new_page(make_user("alice"), viewport=PHONE, **TOUCH)
    open_routine(page)
    page.get_by_role("button", name="Start routine").tap()
    # No network: the tick cannot reach the server and waits on the phone.
    page.route("**/journal/routine/done/", lambda route: route.abort())
    page.get_by_role("button", name="I did this one").tap()
    console.allow("Failed to load resource")
    page.on("dialog", lambda dialog: dialog.dismiss())
    with page.expect_event("dialog") as dialog:
        tabs = page.get_by_role("navigation", name="Daily tasks")
        tabs.get_by_role("link", name="Today").click(no_wait_after=True)
    assert dialog.value.type == "beforeunload"
    expect(page).to_have_url(re.compile("/journal/routine/$"))
    assert console.unexpected() == []


def test_safety_in_full_before_the_first_exercise_of_the_day_and_folded_after(
    new_page, console, catalog_loaded, today
) -> None:
    user = make_user("alice")
    toes = Exercise.objects.get(slug="walking-on-your-toes")
    page = new_page(user, viewport=PHONE, **TOUCH)
    open_routine(page)
    safety = page.locator("[data-field=safety-all]")
    expect(safety).to_have_attribute("open", "")
    expect(safety.get_by_text(toes.support)).to_be_visible()
    # Before the start: the texts come first in the page, their heading on the first screen
    # above the Start button that stays in reach below them.
    start = page.get_by_role("button", name="Start routine")
    assert safety.evaluate(
        "(el, start) => !!(el.compareDocumentPosition(start) & 4)", start.element_handle()
    )
    heading = safety.locator("summary").bounding_box()
    assert heading["y"] + heading["height"] <= start.bounding_box()["y"]
    make_entry(user, today, exercises=[toes])
    page.reload()
    expect(safety).not_to_have_attribute("open", "")
    expect(safety.get_by_text(toes.support)).to_be_hidden()
    page.get_by_text("Safety: read before your first exercise today").tap()  # one tap opens
    expect(safety.get_by_text(toes.support)).to_be_visible()
    assert console.unexpected() == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_rest_day_is_said_first_and_going_on_anyway_is_a_choice(
    new_page, console, catalog_loaded, today, scheme
) -> None:
    user = make_user("alice")
    running_experiment(user, today, "R", started_days_ago=3, weeks=4)
    page = new_page(user, viewport=PHONE, color_scheme=scheme, **TOUCH)
    page.goto(reverse("journal:today"))
    expect(page.get_by_text("Rest day", exact=True)).to_be_visible()
    page.get_by_role("link", name="Start routine anyway").tap()
    warning = page.get_by_role("heading", name="Today is a rest day in your experiment.")
    expect(warning).to_be_visible()
    expect(page.get_by_role("button", name="Start routine")).to_be_hidden()
    assert run_axe(page) == []
    page.get_by_role("button", name="Go on anyway").tap()
    page.get_by_role("button", name="Start routine").tap()
    with page.expect_response(lambda r: "/routine/done/" in r.url and r.status == 200):
        page.get_by_role("button", name="I did this one").tap()
    page.get_by_role("button", name="Finish and save").tap()
    page.get_by_role("button", name="Tick these on today's entry").tap()
    expect(page.get_by_role("status").first).to_contain_text("counts as not following the plan")
    assert console.unexpected() == []


def test_the_start_page_refuses_today_once_exercises_are_ticked_today(
    new_page, console, catalog_loaded, today
) -> None:
    user = make_user("alice")
    make_entry(user, today, exercises=[Exercise.objects.first()])
    page = new_page(user, viewport=PHONE, **TOUCH)
    page.goto(reverse("journal:experiment_start"))
    expect(page.get_by_label("Today")).to_have_count(0)
    expect(page.get_by_label("Tomorrow")).to_be_checked()
    expect(page.get_by_text("Today cannot be the first day")).to_have_count(1)
    for label in page.locator("label.form-check-label").all():
        assert label.bounding_box()["height"] >= 44
    assert console.unexpected() == []
