"""One tap to the daily tasks, on a phone (390 x 844) and a laptop (1366 x 768)."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from journal.models import Entry
from tests.factories import make_entry, make_user

from .conftest import LAPTOP, PHONE
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)

TABS = ["Today", "History", "Reports", "Routine"]

# Every control reached with the Tab key: its focus ring is at least 2 px and has 3:1
# contrast with what it is drawn on (WCAG 2.2 focus appearance).
FOCUS_RINGS = """async () => {
  const channel = (v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const colour = rgb(getComputedStyle(node).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const problems = [];
  const seen = new Set();
  let previous = null;
  document.body.focus();
  for (let step = 0; step < 120; step += 1) {
    await window.pressTab();
    let el = document.activeElement;
    // A date field takes several Tabs (day, month, year); back at an earlier control ends it.
    if (el === previous) continue;
    if (!el || el === document.body || seen.has(el)) break;
    seen.add(el);
    previous = el;
    if (el.matches('.btn-check')) el = el.nextElementSibling;
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth);
    const inside = parseFloat(style.outlineOffset) < 0;
    const drawnOn = inside ? background(el) : background(el.parentElement);
    const ratio = style.outlineStyle === 'none' ? 0 : contrast(rgb(style.outlineColor), drawnOn);
    if (width < 2 || ratio < 3) {
      const name = (el.innerText || el.name || el.id).trim().slice(0, 30);
      problems.push(`${el.tagName} ${name}: ${width}px ${ratio.toFixed(2)}:1`);
    }
  }
  return {problems, count: seen.size};
}"""


def focus_ring_problems(page) -> dict[str, object]:
    page.expose_function("pressTab", lambda: page.keyboard.press("Tab"))
    return page.evaluate(FOCUS_RINGS)


def test_a_phone_has_a_tab_bar_with_the_four_daily_tasks(new_page, artifacts) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:history"))
    bar = page.get_by_role("navigation", name="Daily tasks")
    expect(bar.get_by_role("link")).to_have_text(TABS)
    current = bar.get_by_role("link", name="History")
    expect(current).to_have_attribute("aria-current", "page")
    for name in TABS:
        assert bar.get_by_role("link", name=name).bounding_box()["height"] >= 44
    other = bar.get_by_role("link", name="Today")
    style = "(el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).fontWeight]"
    assert current.evaluate(style) != other.evaluate(style)
    page.screenshot(path=artifacts / "tab-bar-phone.png")


def test_a_tab_opens_its_page_in_one_tap(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    page.get_by_role("navigation", name="Daily tasks").get_by_role("link", name="Routine").click()
    expect(page).to_have_url(re.compile("/journal/routine/$"))


def test_the_hamburger_keeps_the_rest_on_a_phone(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    page.get_by_role("button", name="Show the menu").click()
    menu = page.locator("#main-nav")
    expect(menu.get_by_role("link", name="Exercises")).to_be_visible()
    expect(menu.get_by_role("link", name="Your data")).to_be_visible()
    expect(menu.get_by_role("link", name="History")).to_be_hidden()


LAPTOP_MENU = [
    "Today",
    "History",
    "Reports",
    "Routine",
    "Experiments",
    "Check-in",
    "Exercises",
    "Your links",
    "Your data",
    "Account",
]


def test_a_laptop_has_no_tab_bar_and_a_menu_to_every_page_on_one_line(new_page) -> None:
    page = new_page(make_world().user, viewport=LAPTOP)
    page.goto(reverse("journal:today"))
    expect(page.get_by_role("navigation", name="Daily tasks")).to_be_hidden()
    menu = page.locator("#main-nav")
    tops = set()
    for name in LAPTOP_MENU:
        link = menu.get_by_role("link", name=name, exact=name != "Account")
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["height"] >= 44
        tops.add(round(box["y"]))
    assert len(tops) == 1  # one line
    for name in LAPTOP_MENU[4:]:
        menu.get_by_role("link", name=name, exact=name != "Account").click()
        expect(page.locator("#main-nav .active")).to_have_count(1)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_another_day_opens_from_the_date_picker(new_page, today, viewport) -> None:
    page = new_page(make_world().user, viewport=viewport)
    page.goto(reverse("journal:today"))
    wanted = today - datetime.timedelta(days=12)
    page.get_by_label("Another day").fill(wanted.isoformat())
    page.get_by_role("button", name="Open that day").click()
    expect(page).to_have_url(re.compile(f"/journal/day/{wanted.isoformat()}/$"))


def test_leaving_today_asks_only_when_something_was_changed(new_page, console) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    tabs = page.get_by_role("navigation", name="Daily tasks")
    tabs.get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile("/journal/history/$"))
    assert dialogs == []
    page.goto(reverse("journal:today"))
    page.get_by_role("group", name="Knee").get_by_text("4", exact=True).click()
    with page.expect_event("dialog"):
        tabs.get_by_role("link", name="History").click(no_wait_after=True)
    expect(page).to_have_url(re.compile("/journal/today/$"))
    assert dialogs == ["beforeunload"]


def test_saving_an_empty_form_shows_the_message_once(new_page, console) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    page.get_by_role("button", name="Save", exact=True).click()
    alert = page.get_by_role("alert").filter(has_text="Rate at least one area")
    expect(alert).to_have_count(1)
    assert page.content().count("Rate at least one area") == 1
    console.allow("400")


def test_a_day_saved_online_arrives_once_and_confirms(new_page, console) -> None:
    world = make_world()
    page = new_page(world.user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    page.get_by_role("group", name="Hip").get_by_text("2", exact=True).click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#save-status")).to_have_text(
        re.compile(r"^Saved\.( \d+ days in a row\.)?$")
    )
    assert (
        Entry.objects.get(user=world.user, day=world.past_entry.day + datetime.timedelta(1)).hip
        == 2
    )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_calendar_opens_a_day_with_a_tap_or_the_keyboard(new_page, today, viewport) -> None:
    user = make_user("alice")
    make_entry(user, today.replace(day=1), back=6)
    page = new_page(user, viewport=viewport)
    page.goto(reverse("journal:history"))
    table = page.get_by_role("table")
    expect(table.locator("caption")).to_contain_text("logged on 1 day")
    first = table.get_by_role("link", name=re.compile(r"^1 \w+, pain 6$"))
    first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/journal/day/{today.replace(day=1).isoformat()}/$"))
    page.go_back()
    page.get_by_role("link", name=re.compile("Previous month")).click()
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%B %Y")
    )
    # The heading is there before the stylesheets are: measure once the page has loaded
    # (on a busy machine the unstyled table was measured 266 px too wide).
    page.wait_for_load_state()
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_pain_colours_darken_steadily_and_keep_their_numbers_readable(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:history"))
    measured = page.evaluate(
        """() => {
      const channel = (v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      const lum = (t) => { const [r, g, b] = t.match(/[\\d.]+/g).map(Number);
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b); };
      return [...Array(11).keys()].map((pain) => {
        const probe = document.createElement('span');
        probe.className = `day-cell pain-${pain}`;
        document.body.append(probe);
        const style = getComputedStyle(probe);
        const [bg, fg] = [lum(style.backgroundColor), lum(style.color)];
        probe.remove();
        return {bg, text: (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05)};
      });
    }"""
    )
    darkness = [m["bg"] for m in measured]
    assert darkness == sorted(darkness, reverse=True)
    assert len(set(darkness)) == 11
    assert min(m["text"] for m in measured) >= 4.5


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("url_name", ["journal:today", "journal:history", "journal:routine"])
def test_every_control_shows_a_strong_focus_ring(new_page, url_name, viewport) -> None:
    page = new_page(make_world().user, viewport=viewport)
    page.goto(reverse(url_name))
    result = focus_ring_problems(page)
    assert result["count"] > 5
    assert result["problems"] == []


@pytest.mark.parametrize("url_name", ["journal:today", "journal:routine"])
def test_every_control_shows_a_strong_focus_ring_in_dark_mode(new_page, url_name) -> None:
    page = new_page(make_world().user, viewport=PHONE, color_scheme="dark")
    page.goto(reverse(url_name))
    result = focus_ring_problems(page)
    assert result["count"] > 5
    assert result["problems"] == []
