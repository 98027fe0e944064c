"""Factors of the day and medicines in a real browser: a phone records a medicine change and
a few factors in a handful of taps; the chips, the lists and the report's section are
readable, reachable and axe-clean on a phone and a laptop, light and dark; an offline draft
keeps the chips."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Entry, Factor, MedicineEvent

from . import test_offline as offline
from .conftest import HORIZONTAL_OVERFLOW, MEASURE_CONTROLS, PHONE, run_axe
from .pages import make_world

app_page = offline.app_page  # the offline tests' page: no strict-CSP route to get in the way

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
# Keystroke-level model (Card, Moran and Newell): a tap with the pointing before it, a
# character typed on a phone's keyboard, a moment to decide before each step, and a page
# load on a phone network. Generous on purpose: the bar is a minute.
TAP_SECONDS = 1.2
KEY_SECONDS = 0.45
THINK_SECONDS = 1.35
LOAD_SECONDS = 1.5


class Taps:
    """Counts what a person does: each tap, and each character typed."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.taps = 0
        self.keys = 0
        self.loads = 0

    def tap(self, locator: object, *, loads: bool = False) -> None:
        self.taps += 1
        if loads:
            with self.page.expect_navigation():
                locator.tap()
            self.loads += 1
        else:
            locator.tap()

    def type(self, locator: object, text: str) -> None:
        self.tap(locator)
        locator.press_sequentially(text)
        self.keys += len(text)

    @property
    def seconds(self) -> float:
        steps = self.taps
        return (
            self.taps * TAP_SECONDS
            + self.keys * KEY_SECONDS
            + steps * THINK_SECONDS
            + self.loads * LOAD_SECONDS
        )


def phone_page(browser, live_server, user, dark: bool = False) -> object:
    from .conftest import add_strict_csp, log_in

    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        has_touch=True,
        is_mobile=True,
        color_scheme="dark" if dark else "light",
    )
    context.route("**/*", add_strict_csp)
    log_in(context, user, live_server.url)
    return context.new_page()


def test_a_medicine_change_and_three_factors_from_a_phone_in_under_a_minute(
    browser, live_server, artifacts
) -> None:
    world = make_world()
    user = world.user
    naproxen = world.medicine  # Naproxen 250 mg, started 20 days ago
    page = phone_page(browser, live_server, user)
    page.goto(reverse("journal:today"))
    taps = Taps(page)
    started = time.monotonic()

    taps.tap(page.get_by_role("link", name="Medicines: record a change"), loads=True)
    card = page.get_by_role("article", name="Naproxen")
    expect(card.get_by_role("radio", name="The dose changed")).to_be_checked()
    taps.type(card.get_by_role("textbox", name="Dose"), "500 mg")
    taps.tap(card.get_by_role("button", name="Record"), loads=True)
    expect(page.get_by_text("Recorded: Naproxen, dose changed on")).to_be_visible()
    assert page.url.endswith(reverse("journal:today"))

    chips = page.get_by_role("group", name="What else happened?")
    for name in ("Slept badly", "A flare-up", "Took pain medicine"):
        taps.tap(chips.get_by_text(name, exact=True))
    page.screenshot(path=artifacts / "factors-today-phone.png", full_page=True)
    taps.tap(page.get_by_role("button", name="Save", exact=True), loads=True)
    elapsed = time.monotonic() - started

    entry = Entry.objects.get(user=user, day=timezone.localdate())
    assert sorted(f.name for f in entry.factors.all()) == [
        "A flare-up",
        "Slept badly",
        "Took pain medicine",
    ]
    change = naproxen.events.get(kind="dose_changed")
    assert (change.day, change.dose) == (timezone.localdate(), "500 mg")
    print(
        f"\nmedicine change + 3 factors on a phone: {taps.taps} taps, {taps.keys} characters, "
        f"{taps.loads} page loads; estimated {taps.seconds:.0f} s for a person "
        f"(the browser took {elapsed:.1f} s)"
    )
    assert taps.taps <= 7
    assert taps.seconds < 60


def test_the_chips_are_checkboxes_a_keyboard_ticks_and_44_pixels_tall(
    new_page, browser, live_server
) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    chip = page.get_by_role("checkbox", name="Slept badly")
    chip.focus()
    page.keyboard.press("Space")
    expect(chip).to_be_checked()
    label = page.locator("label.chip", has_text="Slept badly")
    assert label.bounding_box()["height"] >= 44
    # Ticked shows without colour too: a tick before the name.
    assert "✓" in label.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert page.evaluate(MEASURE_CONTROLS) == []


PAGES = [
    ("journal:today", "today"),
    ("journal:factors", "factors"),
    ("journal:medicines", "medicines"),
    ("journal:reports", "reports"),
]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_factor_and_medicine_pages_are_axe_clean_and_fit(
    browser, live_server, artifacts, console, viewport, dark
) -> None:
    from .conftest import add_strict_csp, log_in

    world = make_world()
    naproxen = world.medicine
    MedicineEvent.objects.create(
        medicine=naproxen,
        day=timezone.localdate() - datetime.timedelta(days=10),
        kind="dose_changed",
        dose="500 mg",
    )
    slept = Factor.objects.listed(world.user)[1]
    for entry in Entry.objects.for_user(world.user)[:12]:
        entry.factors.add(slept)
    Factor.objects.add_own(world.user, "Cycled to work")
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, color_scheme="dark" if dark else "light"
    )
    context.route("**/*", add_strict_csp)
    log_in(context, world.user, live_server.url)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and console.errors.append(m.text))
    size = "phone" if viewport is PHONE else "laptop"
    for url_name, name in [*PAGES, ("journal:medicine", "medicine")]:
        args = [naproxen.pk] if url_name == "journal:medicine" else []
        page.goto(reverse(url_name, args=args))
        page.screenshot(
            path=artifacts / f"factors-{name}-{size}-{'dark' if dark else 'light'}.png",
            full_page=True,
        )
        assert run_axe(page) == [], name
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, name
        if url_name != "journal:reports":
            assert page.evaluate(MEASURE_CONTROLS) == [], name
    context.close()
    assert console.unexpected() == []


def test_an_offline_draft_keeps_the_ticked_factors(app_page, console, catalog_loaded) -> None:
    from tests.factories import make_user

    user = make_user("alice")
    page = app_page(user)
    offline.ready_for_offline(page)
    page.context.set_offline(True)
    page.get_by_role("group", name="What else happened?").get_by_text("A flare-up").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=offline.KEPT)).to_be_visible()
    page.reload()
    expect(page.get_by_role("checkbox", name="A flare-up")).to_be_checked()
    with page.expect_response(offline.draft_saved, timeout=offline.RETRY_BOUND_MS):
        page.context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text=offline.SAVED)).to_be_visible()
    entry = Entry.objects.get(user=user)
    assert [f.name for f in entry.factors.all()] == ["A flare-up"]
    console.allow("ERR_INTERNET_DISCONNECTED")
