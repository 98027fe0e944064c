"""The guided routine in a real browser, with Playwright's fake clock instead of real minutes."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exercises.models import Exercise
from exercises.routine import build_plan
from journal.models import Entry
from tests.factories import make_entry, make_user

from .conftest import PHONE, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def start_routine(page) -> None:
    page.clock.install()
    page.goto(reverse("journal:today"))
    page.get_by_role("link", name="Start routine").click()
    page.get_by_role("button", name="Start routine").click()


def ticked(user) -> list[str]:
    entry = Entry.objects.get(user=user)
    return [exercise.name for exercise in entry.exercises.order_by("order")]


def test_it_runs_the_whole_routine_and_ticks_every_exercise_on_today(
    new_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    plan = build_plan(Exercise.objects.active())
    page = new_page(user, viewport=PHONE)
    start_routine(page)
    expect(page.locator("#routine-exercise")).to_have_text("Walking on your toes")
    minutes, seconds = divmod(plan["total_seconds"], 60)
    expect(page.locator("[data-field=left]")).to_have_text(f"{minutes}:{seconds:02d}")
    page.clock.run_for(plan["total_seconds"] * 1000 + 2_000)
    page.wait_for_url("**/journal/today/")
    expect(page.get_by_role("status")).to_contain_text("Well done")
    for exercise in plan["exercises"]:
        expect(page.get_by_label(exercise["name"], exact=True)).to_be_checked()
    assert ticked(user) == [e["name"] for e in plan["exercises"]]
    assert console.unexpected() == []


def test_it_ticks_only_what_was_finished_when_stopped_early(
    new_page, console, catalog_loaded, today
) -> None:
    user = make_user("alice")
    exercises = list(Exercise.objects.active())
    make_entry(user, today, back=4, note="Before the routine.", exercises=[exercises[4]])
    first = build_plan(exercises[:1])["total_seconds"]
    page = new_page(user)
    start_routine(page)
    page.clock.run_for(first * 1000 + 500)
    expect(page.locator("#routine-exercise")).to_have_text(exercises[1].name)
    # Done today: the one the timer finished and the one ticked on today's entry before.
    expect(page.locator("[data-field=done]")).to_have_text("2")
    page.get_by_role("button", name="Skip").click()
    expect(page.locator("#routine-exercise")).to_have_text(exercises[2].name)
    page.get_by_role("button", name="Finish and save").click()
    # Finishing early asks; what the timer finished is ticked already.
    expect(page.get_by_label(exercises[0].name, exact=True)).to_be_checked()
    expect(page.get_by_label(exercises[1].name, exact=True)).not_to_be_checked()
    page.get_by_role("button", name="Tick these on today's entry").click()
    page.wait_for_url("**/journal/today/")
    expect(page.get_by_label(exercises[0].name, exact=True)).to_be_checked()
    expect(page.get_by_label(exercises[1].name, exact=True)).not_to_be_checked()
    expect(page.get_by_label(exercises[4].name, exact=True)).to_be_checked()
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.note) == (4, "Before the routine.")
    assert ticked(user) == [exercises[0].name, exercises[4].name]
    assert console.unexpected() == []


def test_it_stands_still_while_paused(new_page, console, catalog_loaded) -> None:
    page = new_page(make_user("alice"))
    start_routine(page)
    page.clock.run_for(3_000)
    page.get_by_role("button", name="Pause").click()
    left = page.locator("[data-field=left]").inner_text()
    page.clock.run_for(60_000)
    expect(page.locator("[data-field=left]")).to_have_text(left)
    expect(page.get_by_role("status").filter(has_text="Paused")).to_be_attached()
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(5_000)
    expect(page.locator("[data-field=left]")).not_to_have_text(left)
    assert console.unexpected() == []


def test_it_goes_back_to_the_previous_exercise(new_page, console, catalog_loaded) -> None:
    exercises = list(Exercise.objects.active())
    page = new_page(make_user("alice"))
    start_routine(page)
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Skip").click()
    page.get_by_role("button", name="Back").click()
    expect(page.locator("#routine-exercise")).to_have_text(exercises[1].name)
    expect(page.locator("[data-field=phase]")).to_have_text("Get ready")
    expect(page.locator("[data-field=next]")).to_have_text("First foot: circle one way")
    assert console.unexpected() == []


def test_it_saves_nothing_when_stopped_before_finishing_one(
    new_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    page = new_page(user)
    start_routine(page)
    page.get_by_role("button", name="Finish and save").click()
    page.get_by_role("button", name="Tick these on today's entry").click()
    page.wait_for_url("**/journal/today/")
    expect(page.get_by_role("status")).to_contain_text("unchanged")
    assert not Entry.objects.filter(user=user).exists()
    assert console.unexpected() == []


def test_it_explains_every_exercise_with_javascript_off(
    browser, live_server, artifacts, catalog_loaded
) -> None:
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=PHONE
    )
    log_in(context, make_user("alice"), live_server.url)
    page = context.new_page()
    page.goto(reverse("journal:routine"))
    page.screenshot(path=artifacts / "routine-without-javascript-phone.png", full_page=True)
    for exercise in Exercise.objects.active():
        expect(page.get_by_role("heading", name=exercise.name)).to_be_visible()
    page.get_by_label("I did toe presses").check()
    page.get_by_role("button", name="Tick these on today's entry").click()
    expect(page.get_by_label("Toe presses", exact=True)).to_be_checked()
    context.close()


def test_it_remembers_that_the_sound_was_turned_off(new_page, console, catalog_loaded) -> None:
    page = new_page(make_user("alice"))
    page.goto(reverse("journal:routine"))
    page.get_by_label("Beep at each change").uncheck()
    page.reload()
    expect(page.get_by_label("Beep at each change")).not_to_be_checked()
    assert console.unexpected() == []


def test_paused_shows_a_banner_and_a_dimmed_clock(new_page, console, catalog_loaded) -> None:
    page = new_page(make_user("alice"), viewport=PHONE)
    start_routine(page)
    page.clock.run_for(3_000)
    clock = page.locator("[data-field=clock]")
    running_colour = clock.evaluate("(el) => getComputedStyle(el).color")
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_text("Paused: the clock has stopped.")).to_be_visible()
    assert clock.evaluate("(el) => getComputedStyle(el).color") != running_colour
    assert clock.evaluate("(el) => getComputedStyle(el).textDecorationLine") == "line-through"
    page.get_by_role("button", name="Resume").click()
    expect(page.get_by_text("Paused: the clock has stopped.")).to_be_hidden()
    assert console.unexpected() == []


def test_the_instruction_is_large_and_above_the_fold_with_the_clock_on_a_phone(
    new_page, console, catalog_loaded
) -> None:
    page = new_page(make_user("alice"), viewport=PHONE)
    start_routine(page)
    page.clock.run_for(11_000)
    phase = page.locator("[data-field=phase]")
    expect(phase).to_contain_text("Walk on tiptoe")
    assert phase.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)") >= 28
    # Above the fold, and above the tab bar fixed to the bottom of the screen.
    fold = page.evaluate(
        "() => { const bar = document.querySelector('.tabbar');"
        " return bar ? bar.getBoundingClientRect().top : window.innerHeight; }"
    )
    for locator in (phase, page.locator("[data-field=clock]")):
        box = locator.bounding_box()
        assert box["y"] + box["height"] <= fold
    assert console.unexpected() == []


def test_i_did_this_one_ticks_the_exercise_and_moves_on(new_page, console, catalog_loaded) -> None:
    user = make_user("alice")
    exercises = list(Exercise.objects.active())
    page = new_page(user)
    start_routine(page)
    page.get_by_role("button", name="I did this one").click()
    expect(page.locator("#routine-exercise")).to_have_text(exercises[1].name)
    expect(page.locator("[data-field=done]")).to_have_text("1")
    page.get_by_role("button", name="Finish and save").click()
    page.get_by_role("button", name="Tick these on today's entry").click()
    page.wait_for_url("**/journal/today/")
    assert ticked(user) == [exercises[0].name]
    assert console.unexpected() == []


def test_skipping_part_way_asks_whether_to_tick_it(new_page, console, catalog_loaded) -> None:
    user = make_user("alice")
    exercises = list(Exercise.objects.active())
    page = new_page(user)
    start_routine(page)
    page.clock.run_for(30_000)
    page.get_by_role("button", name="Skip").click()
    expect(page.locator("#routine-exercise")).to_have_text(exercises[1].name)
    page.get_by_role("button", name="Finish and save").click()
    expect(page.get_by_role("heading", name="Which exercises did you do?")).to_be_focused()
    expect(page.locator(f"#partial-{exercises[0].pk}")).to_have_text("you did part of it")
    expect(page.locator(f"#partial-{exercises[0].pk}")).to_be_visible()
    page.get_by_label(exercises[0].name, exact=True).check()
    page.get_by_role("button", name="Tick these on today's entry").click()
    page.wait_for_url("**/journal/today/")
    assert ticked(user) == [exercises[0].name]
    assert console.unexpected() == []


def test_the_routine_shows_the_safety_texts_of_each_exercise(
    new_page, console, catalog_loaded
) -> None:
    exercises = list(Exercise.objects.active())
    page = new_page(make_user("alice"))
    start_routine(page)
    expect(page.locator("[data-field=safety]")).to_contain_text(exercises[0].support)
    page.get_by_role("button", name="Skip").click()
    expect(page.locator("[data-field=safety]")).to_contain_text(exercises[1].support)
    expect(page.locator("[data-field=safety]")).to_contain_text("Ask a clinician first")
    assert console.unexpected() == []
