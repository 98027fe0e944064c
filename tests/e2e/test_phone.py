import pytest
from django.urls import reverse

from .conftest import HORIZONTAL_OVERFLOW, MEASURE_CONTROLS, PHONE, run_axe
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("url_name", ["journal:today", "journal:history", "journal:routine"])
def test_it_needs_no_sideways_scrolling_on_a_phone(new_page, url_name) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse(url_name))
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0


@pytest.mark.parametrize(
    "url_name",
    [
        "journal:today",
        "journal:history",
        "journal:routine",
        "journal:experiments",
        "journal:experiment_start",
        "journal:peg",
    ],
)
def test_it_makes_every_control_a_thumb_can_hit_on_a_phone(new_page, url_name) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse(url_name))
    assert page.evaluate(MEASURE_CONTROLS) == []


def test_it_keeps_the_running_routine_on_a_phone_screen(new_page, artifacts) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.clock.install()
    page.goto(reverse("journal:routine"))
    page.get_by_role("button", name="Start routine").click()
    page.clock.run_for(15_000)
    page.screenshot(path=artifacts / "routine-running-phone.png")
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert page.evaluate(MEASURE_CONTROLS) == []
    assert run_axe(page) == []


def test_it_shows_the_menu_with_large_links_on_a_phone(new_page, artifacts) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    page.get_by_role("button", name="Show the menu").click()
    page.locator("#main-nav.show").wait_for()
    page.wait_for_function("() => !document.querySelector('.collapsing')")
    page.screenshot(path=artifacts / "menu-phone.png")
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert page.evaluate(MEASURE_CONTROLS) == []
