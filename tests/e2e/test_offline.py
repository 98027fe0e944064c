"""The installable app in Chromium: manifest, service worker, saving without a network, log-out.

These pages are opened without the conftest's CSP route: the app sends its own policy, and a
route would fetch documents from outside the browser, where "offline" does not apply.
"""

import re
from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from journal.models import Entry
from tests.factories import make_entry, make_user

from .conftest import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.django_db(transaction=True)

# Today: "Saved." or "Saved. 3 days in a row."; another day: "Saved Tuesday 1 December 2026."
SAVED = re.compile(r"^Saved(\.( \d+ days in a row\.)?| \w+day \d+ \w+ \d{4}\.)$")
NOTE = "Knee stiff after the stairs; typed on the mat."
KEPT_KEYS = "() => Object.keys(localStorage).filter((k) => k.startsWith('footcare:'))"
KEPT = "Saved on this phone; it will be sent when you are back online."
WAIT_FOR_WORKER = """async () => {
  const registration = await navigator.serviceWorker.ready;
  while (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return registration.active.state;
}"""
MARK_DRAFTS_CONFLICTED = """() => {
  for (const key of Object.keys(localStorage).filter((k) => k.startsWith('footcare:drafts:'))) {
    const drafts = JSON.parse(localStorage.getItem(key));
    for (const day of Object.keys(drafts)) drafts[day].conflict = true;
    localStorage.setItem(key, JSON.stringify(drafts));
  }
}"""
WAIT_FOR_OFFLINE_COPY = """async () => {
  while (!(await caches.match('/journal/offline/'))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}"""


@pytest.fixture
def app_page(browser, live_server, console) -> Iterator[object]:
    contexts = []

    def open_page(user: object, viewport: dict[str, int] = PHONE) -> object:
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        contexts.append(context)
        log_in(context, user, live_server.url)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and console.errors.append(m.text))
        page.on("pageerror", lambda error: console.errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


def back_seven(page) -> object:
    return page.get_by_role("group", name="Back").get_by_role("radio", name="7", exact=True)


def ready_for_offline(page) -> None:
    page.goto(reverse("journal:today"))
    assert page.evaluate(WAIT_FOR_WORKER) == "activated"
    page.evaluate(WAIT_FOR_OFFLINE_COPY)


def test_the_manifest_is_valid_and_the_service_worker_registers(app_page, catalog_loaded) -> None:
    page = app_page(make_user("alice"))
    page.goto(reverse("journal:today"))
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = page.request.get(href)
    assert manifest.headers["content-type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == reverse("journal:today")
    assert data["display"] == "standalone"
    for icon in data["icons"]:
        response = page.request.get(icon["src"])
        assert (response.status, response.headers["content-type"]) == (200, "image/png")
    assert page.evaluate(WAIT_FOR_WORKER) == "activated"
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope.endswith("/")


def test_a_day_saved_offline_survives_a_reload_and_arrives_once_when_online(
    app_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    page = app_page(user)
    ready_for_offline(page)
    page.context.set_offline(True)
    page.get_by_role("group", name="Back").get_by_text("7", exact=True).click()
    page.get_by_label("Note").fill(NOTE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()
    assert not Entry.objects.filter(user=user).exists()

    page.reload()
    expect(page.get_by_label("Note")).to_have_value(NOTE)
    expect(back_seven(page)).to_be_checked()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()

    page.context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.note) == (7, NOTE)
    page.reload()
    expect(back_seven(page)).to_be_checked()
    assert Entry.objects.filter(user=user).count() == 1
    assert page.evaluate(KEPT_KEYS) == []
    assert console.unexpected() == []


def test_a_day_changed_elsewhere_meanwhile_shows_both_versions_to_choose_from(
    app_page, console, catalog_loaded, today
) -> None:
    user = make_user("alice")
    page = app_page(user)
    ready_for_offline(page)
    page.context.set_offline(True)
    page.get_by_label("Note").fill("Typed on the phone")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()
    make_entry(user, today, back=2, note="Typed on the laptop")

    page.context.set_offline(False)
    expect(page.get_by_role("heading", name="This day was changed somewhere else")).to_be_visible()
    expect(page.get_by_text("Typed on the laptop")).to_be_visible()
    expect(page.get_by_label("Note")).to_have_value("Typed on the phone")
    page.get_by_role("button", name="Save my version").click()
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    assert Entry.objects.get(user=user).note == "Typed on the phone"
    console.allow("409")
    assert console.unexpected() == []


def test_logging_out_clears_the_caches_and_the_kept_drafts(
    app_page, live_server, catalog_loaded
) -> None:
    page = app_page(make_user("alice"), viewport=DESKTOP)
    ready_for_offline(page)
    page.context.set_offline(True)
    page.get_by_label("Note").fill("Private words")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()
    # Marked as waiting for the person's choice, so that it is not sent before logging out.
    page.evaluate(MARK_DRAFTS_CONFLICTED)
    page.context.set_offline(False)
    page.goto(reverse("journal:history"))
    expect(page.get_by_text("was changed elsewhere")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.evaluate("async () => !!(await caches.match('/journal/offline/'))") is False
    assert "Private words" not in page.evaluate("() => JSON.stringify(localStorage)")
    names = page.evaluate("async () => await caches.keys()")
    assert all(name.startswith("footcare-static-") for name in names)


def test_a_day_saved_offline_is_sent_on_the_next_visit_to_any_page(
    app_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    page = app_page(user)
    ready_for_offline(page)
    page.context.set_offline(True)
    page.get_by_label("Note").fill(NOTE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()
    context = page.context
    page.close()
    context.set_offline(False)
    later = context.new_page()
    later.goto(reverse("journal:history"))
    expect(later.get_by_role("status").filter(has_text="Sent: your entry for")).to_be_visible()
    assert Entry.objects.get(user=user).note == NOTE
    later.reload()
    assert Entry.objects.filter(user=user).count() == 1


def test_a_save_whose_network_drops_on_the_way_is_kept_instead_of_an_error_page(
    app_page, console, catalog_loaded
) -> None:
    user = make_user("alice")
    page = app_page(user)
    ready_for_offline(page)
    # The phone believes it is online, but the request never reaches the server.
    page.context.route(
        "**/journal/day/**",
        lambda route: route.abort() if route.request.method == "POST" else route.fallback(),
    )
    page.context.route(
        "**/journal/today/",
        lambda route: route.abort() if route.request.method == "POST" else route.fallback(),
    )
    page.get_by_label("Note").fill(NOTE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()
    expect(page.get_by_label("Note")).to_have_value(NOTE)
    assert not Entry.objects.filter(user=user).exists()
    page.context.unroute("**/journal/day/**")
    page.context.unroute("**/journal/today/")
    page.goto(reverse("journal:today"))
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    assert Entry.objects.get(user=user).note == NOTE
    console.allow("ERR_FAILED")
