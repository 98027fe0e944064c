"""The exercise drawings, "my routine" and the ratings around it, in a real browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exercises.models import Exercise
from journal.models import ReliefComparison, ReliefSession
from tests.factories import make_user

from .conftest import HORIZONTAL_OVERFLOW, PHONE, run_axe

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
SIZES = [pytest.param(PHONE, id="phone"), pytest.param(LAPTOP, id="laptop")]
SCHEMES = ["light", "dark"]
LOADED = "(img) => img.complete && img.naturalWidth > 0"


def open_in(new_page, user, viewport, scheme: str):
    page = new_page(user, viewport=viewport)
    page.emulate_media(color_scheme=scheme)
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", SIZES)
def test_the_catalog_shows_a_drawing_for_each_exercise(
    new_page, console, catalog_loaded, viewport, scheme
) -> None:
    page = open_in(new_page, None, viewport, scheme)
    page.goto(reverse("exercises:list"))
    images = page.locator(".card .drawing img")
    expect(images).to_have_count(5)
    for index in range(5):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        page.wait_for_function(LOADED, arg=image.element_handle())
        assert len(image.get_attribute("alt")) > 60
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", SIZES)
def test_an_exercise_page_shows_both_phases_with_captions_and_the_steps_in_text(
    new_page, console, catalog_loaded, viewport, scheme
) -> None:
    page = open_in(new_page, None, viewport, scheme)
    page.goto(reverse("exercises:detail", args=["flexing-the-small-foot-muscles"]))
    figures = page.locator(".drawings figure")
    expect(figures).to_have_count(2)
    expect(figures.nth(0).locator("figcaption")).to_have_text("Foot pulling against the scarf")
    expect(figures.nth(1).locator("figcaption")).to_have_text("Foot relaxed")
    for index in range(2):
        page.wait_for_function(LOADED, arg=figures.nth(index).locator("img").element_handle())
    expect(page.get_by_text("Tie the scarf to the bedpost")).to_be_visible()
    width = figures.nth(0).locator("img").bounding_box()["width"]
    assert width >= (300 if viewport == PHONE else 320)
    assert run_axe(page) == []


def drawing_src(page) -> str:
    return page.locator("[data-field=drawing]").get_attribute("src")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", SIZES)
def test_the_routines_drawing_follows_the_phase_the_timer_is_in(
    new_page, console, catalog_loaded, viewport, scheme
) -> None:
    page = open_in(new_page, make_user("alice"), viewport, scheme)
    page.clock.install()
    page.goto(reverse("journal:routine"))
    page.get_by_role("button", name="Start routine").click()
    drawing = page.locator("[data-field=drawing]")
    # Getting ready: standing by the worktop, feet flat.
    expect(drawing).to_have_attribute(
        "src", "/static/exercises/drawings/walking-on-your-toes-down.svg"
    )
    page.clock.run_for(10_500)
    expect(page.locator("[data-field=phase]")).to_contain_text("Walk on tiptoe")
    expect(drawing).to_have_attribute(
        "src", "/static/exercises/drawings/walking-on-your-toes-up.svg"
    )
    assert drawing.get_attribute("alt").startswith("Up on tiptoe")
    page.clock.run_for(5_000)
    expect(page.locator("[data-field=phase]")).to_contain_text("Down on the pads")
    expect(drawing).to_have_attribute(
        "src", "/static/exercises/drawings/walking-on-your-toes-down.svg"
    )
    page.wait_for_function(LOADED, arg=drawing.element_handle())
    # The drawing sits beside the clock; the clock, the step, Pause and Skip stay in view.
    fold = page.evaluate(
        "() => { const bar = document.querySelector('.tabbar');"
        " const top = bar ? bar.getBoundingClientRect().top : 0;"
        " return top > 0 ? top : window.innerHeight; }"
    )
    clock = page.locator("[data-field=clock]").bounding_box()
    picture = drawing.bounding_box()
    assert abs((clock["y"] + clock["height"] / 2) - (picture["y"] + picture["height"] / 2)) < 60
    for name in ("Pause", "Skip"):
        box = page.get_by_role("button", name=name, exact=True).bounding_box()
        assert box["y"] + box["height"] <= fold, name
    assert run_axe(page) == []


def test_my_routine_of_two_runs_just_those_in_my_order(new_page, console, catalog_loaded) -> None:
    user = make_user("alice")
    page = new_page(user, viewport=PHONE)
    page.goto(reverse("journal:routine"))
    page.get_by_role("link", name="choose my routine").click()
    for exercise in Exercise.objects.active():
        place = {"toe-presses": "1st", "ankle-circles": "2nd"}.get(exercise.slug, "Leave out")
        page.get_by_label(exercise.name).select_option(label=place)
    assert run_axe(page) == []
    page.get_by_role("button", name="Save my routine").click()
    expect(page.get_by_role("status").or_(page.locator(".alert-success"))).to_contain_text(
        "Your routine: Toe presses, then Ankle circles"
    )
    expect(page.locator(".lead")).to_contain_text("Your routine: 2 exercises")
    page.clock.install()
    page.get_by_role("button", name="Start routine").click()
    expect(page.locator("#routine-exercise")).to_have_text("Toe presses")
    expect(page.locator("[data-field=drawing]")).to_have_attribute(
        "src", "/static/exercises/drawings/toe-presses-released.svg"
    )
    expect(page.locator("[data-field=position]")).to_have_text("Exercise 1 of 2")


def test_a_rating_before_and_after_the_routine_takes_one_tap_each(
    new_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    page = new_page(user, viewport=PHONE)
    page.clock.install()
    page.goto(reverse("journal:routine"))
    page.get_by_label("Area", exact=True).select_option("knee")
    page.get_by_role("button", name="6 out of 10", exact=True).click()
    expect(page.locator("#relief-under-way")).to_contain_text("knee pain was 6")
    assert run_axe(page) == []
    page.get_by_role("button", name="Start routine").click()
    page.get_by_role("button", name="Finish and save").click()
    page.get_by_role("button", name="Tick these on today's entry").click()
    page.wait_for_url("**/relief/*/after/")
    assert run_axe(page) == []
    page.get_by_role("button", name="4 out of 10", exact=True).click()
    page.wait_for_url("**/journal/today/")
    session = ReliefSession.objects.get(user=user)
    assert (session.area, session.before, session.after) == ("knee", 6, 4)


def test_a_rest_session_counts_down_the_same_time_and_asks_for_the_rating(
    new_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    comparison = ReliefComparison.objects.create(user=user, area="hip", schedule="SR" * 10)
    page = new_page(user, viewport=PHONE)
    page.clock.install()
    page.goto(reverse("journal:routine"))
    expect(page.get_by_text("Your comparison: session 1 of 20")).to_be_visible()
    page.get_by_role("button", name="7 out of 10", exact=True).click()
    expect(page.get_by_role("heading", name="Today: sit and rest")).to_be_visible()
    session = ReliefSession.objects.get(user=user, comparison=comparison)
    minutes, seconds = divmod(session.seconds, 60)
    expect(page.locator("#rest-clock")).to_have_text(f"{minutes}:{seconds:02d}")
    page.clock.run_for(session.seconds * 1000 + 500)
    expect(page.locator("#rest-clock")).to_have_text("0:00")
    expect(page.get_by_role("button", name="0 out of 10", exact=True)).to_be_focused()
    assert run_axe(page) == []
    page.get_by_role("button", name="5 out of 10", exact=True).click()
    page.wait_for_url("**/journal/today/")
    session.refresh_from_db()
    assert (session.kind, session.before, session.after) == ("rest", 7, 5)
