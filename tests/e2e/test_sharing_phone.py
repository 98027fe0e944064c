"""Sharing with a clinician on a phone (#18): the new link is copied and shared with one tap,
its QR code is on screen, ending a link asks first, and the clinician's page shows the trend."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import HORIZONTAL_OVERFLOW, MEASURE_CONTROLS, PHONE, run_axe
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)

# Headless Chromium has no Web Share API; a phone's browser has. The stand-in records what
# the page asked to share.
FAKE_SHARE = "navigator.share = (data) => { window.shared = data; return Promise.resolve(); };"


def make_link(page: object) -> str:
    page.goto(reverse("journal:share_new"))
    page.get_by_label("For (optional)").fill("Dr Okafor")
    page.get_by_role("button", name="Create the link").click()
    page.get_by_role("heading", name="Your link is ready").wait_for()
    return page.locator("#share-url").input_value()


def test_a_new_link_is_copied_shared_and_shown_as_a_qr_code_on_a_phone(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(FAKE_SHARE)
    url = make_link(page)
    assert "/shared/" in url
    copy = page.get_by_role("button", name="Copy the link")
    share = page.get_by_role("button", name="Share…")
    expect(share).to_be_visible()  # shown by the page's script where the browser can
    qr = page.get_by_role("img", name="QR code of the link")
    # The whole link, both buttons and the top of the code are on the first screen.
    for control in (page.locator("#share-url"), copy, share):
        box = control.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"] - 64  # above the tab bar
    assert qr.bounding_box()["y"] < PHONE["height"]
    link_box = page.locator("#share-url")
    assert link_box.evaluate("el => el.scrollHeight <= el.clientHeight + 1")  # not cut off
    copy.click()
    page.get_by_text("Copied. Paste it into a message to your clinician.").wait_for()
    assert page.evaluate("() => navigator.clipboard.readText()") == url
    share.click()
    assert page.evaluate("() => window.shared.url") == url
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert page.evaluate(MEASURE_CONTROLS) == []
    assert run_axe(page) == []


def test_without_the_web_share_api_there_is_no_share_button(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    make_link(page)
    expect(page.get_by_role("button", name="Copy the link")).to_be_visible()
    expect(page.get_by_role("button", name="Share…")).to_have_count(0)


def test_ending_a_link_asks_first_and_names_it(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    make_link(page)
    page.goto(reverse("journal:share_links"))
    first = page.locator(".share-link").first
    assert first.get_by_role("heading").inner_text() == "Dr Okafor"
    first.get_by_role("link", name="End this link…").click()
    page.get_by_role("heading", name="End this link?").wait_for()
    assert page.get_by_text("Dr Okafor", exact=True).is_visible()
    assert page.evaluate(MEASURE_CONTROLS) == []
    assert run_axe(page) == []
    page.get_by_role("button", name="End the link for Dr Okafor").click()
    page.get_by_text("The link for Dr Okafor").wait_for()
    badges = page.locator(".share-status-badge")
    expect(badges.first).to_have_text("Ended")
    # The older link, for Dr Patel, still works.
    expect(badges.nth(1)).to_have_text("Active")


def test_the_clinicians_page_shows_the_trend_above_the_tables_on_a_phone(new_page) -> None:
    world = make_world()
    page = new_page(None, viewport=PHONE)
    page.goto(world.share_url)
    chart = page.locator(".share-trend img")
    chart.wait_for()
    assert chart.evaluate("img => img.complete && img.naturalWidth") == 1574
    assert chart.bounding_box()["y"] < page.locator("#areas-heading").bounding_box()["y"]
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert run_axe(page) == []
