import pytest

from .conftest import DESKTOP, PHONE, run_axe
from .pages import MAIN_PAGES, make_world

pytestmark = pytest.mark.django_db(transaction=True)


# Dark mode follows the system (prefers-color-scheme): every page is checked in both.
SCHEMES = ["light", "dark"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=[p.name for p in MAIN_PAGES])
def test_it_has_no_serious_accessibility_problem_on_any_main_page(
    new_page, console, artifacts, main_page, scheme
) -> None:
    world = make_world()
    user = world.user if main_page.logged_in else None
    page = new_page(user, viewport=DESKTOP, color_scheme=scheme)
    response = page.goto(main_page.url(world))
    assert response.status == 200
    assert page.evaluate("document.documentElement.dataset.bsTheme") == scheme
    suffix = "" if scheme == "light" else "-dark"
    page.screenshot(path=artifacts / f"{main_page.name}-desktop{suffix}.png", full_page=True)
    assert run_axe(page) == []
    assert console.unexpected() == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=[p.name for p in MAIN_PAGES])
def test_it_fits_every_main_page_on_a_phone(
    new_page, console, artifacts, main_page, scheme
) -> None:
    world = make_world()
    user = world.user if main_page.logged_in else None
    page = new_page(user, viewport=PHONE, color_scheme=scheme)
    page.goto(main_page.url(world))
    suffix = "" if scheme == "light" else "-dark"
    page.screenshot(path=artifacts / f"{main_page.name}-phone{suffix}.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert run_axe(page) == []
