"""The installable app in Chromium: manifest, service worker, saving without a network, log-out.

These pages are opened without the conftest's CSP route: the app sends its own policy, and a
route would fetch documents from outside the browser, where "offline" does not apply.
"""

import datetime
import re
from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from journal.models import Entry
from tests.factories import make_entry, make_user

from .conftest import DESKTOP, PHONE, page_in_new_context

pytestmark = pytest.mark.django_db(transaction=True)

# Today: "Saved." or "Saved. 3 days in a row."; another day: "Saved Tuesday 1 December 2026."
SAVED = re.compile(r"^Saved(\.( \d+ days in a row\.)?| \w+day \d+ \w+ \d{4}\.)$")
NOTE = "Knee stiff after the stairs; typed on the mat."
KEPT_KEYS = "() => Object.keys(localStorage).filter((k) => k.startsWith('footcare:'))"
KEPT = "Saved on this phone; it will be sent when you are back online."
# `ready` comes while the worker may still be activating: wait for its own events.
WAIT_FOR_WORKER = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state === 'activating') {
    await new Promise((resolve) => worker.addEventListener('statechange', resolve));
  }
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) =>
      navigator.serviceWorker.addEventListener('controllerchange', resolve, {once: true}));
  }
  return worker.state;
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
# The try that loading the offline copy starts has failed: it holds the day's lock meanwhile.
TRIES_ENDED = """async () => {
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve));
  }
  const key = Object.keys(localStorage).find((k) => k.startsWith('footcare:drafts:'));
  for (const day of Object.keys(JSON.parse(localStorage.getItem(key)))) {
    await navigator.locks.request(`${key}:${day}`, () => true);
  }
}"""
# pwa.js tries waiting drafts again at least every 60 s; the sending itself gets the rest.
RETRY_BOUND_MS = 75_000
CONFLICT = "This day was changed somewhere else"
CHANGED_ELSEWHERE = "was changed elsewhere"


def is_draft_post(request) -> bool:
    return request.method == "POST" and request.headers.get("x-footcare-draft") == "1"


def draft_saved(response) -> bool:
    return is_draft_post(response.request) and response.status == 200


@pytest.fixture
def app_page(browser, live_server, console) -> Iterator[object]:
    contexts = []

    def open_page(user: object, viewport: dict[str, int] = PHONE) -> object:
        return page_in_new_context(
            browser, live_server, console, contexts, user, viewport, strict_csp=False
        )

    yield open_page
    for context in contexts:
        context.close()


def back_seven(page) -> object:
    return page.get_by_role("group", name="Back").get_by_role("radio", name="7", exact=True)


def ready_for_offline(page) -> None:
    page.goto(reverse("journal:today"))
    assert page.evaluate(WAIT_FOR_WORKER) == "activated"
    page.evaluate(WAIT_FOR_OFFLINE_COPY)


def alice_ready_for_offline(app_page, viewport: dict[str, int] = PHONE) -> tuple[object, object]:
    user = make_user("alice")
    page = app_page(user, viewport)
    ready_for_offline(page)
    return user, page


def save_and_keep(page, note: str = NOTE) -> None:
    """Save a day whose request cannot reach the server: the page keeps it as a draft."""
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()


def another_tab_on_history(page) -> object:
    other = page.context.new_page()
    other.goto(reverse("journal:history"))
    return other


def stop_the_clock(page) -> None:
    # The page's clock follows the real one (never ahead of it): it stops a moment later,
    # when no timer of the page is due yet, still on today's date.
    page.clock.pause_at(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=2))


def server_unreachable(context) -> None:
    # The phone believes it is online, but a day's page or save never reaches the server
    # (a network that connects to nothing): no `offline` event, and no `online` one later.
    for pattern in ("**/journal/day/**", "**/journal/today/"):
        context.route(pattern, lambda route: route.abort())


def server_reachable(context) -> None:
    context.unroute("**/journal/day/**")
    context.unroute("**/journal/today/")


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
    user, page = alice_ready_for_offline(app_page)
    page.context.set_offline(True)
    page.get_by_role("group", name="Back").get_by_text("7", exact=True).click()
    save_and_keep(page)
    assert not Entry.objects.filter(user=user).exists()

    page.reload()
    expect(page.get_by_label("Note")).to_have_value(NOTE)
    expect(back_seven(page)).to_be_checked()
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_be_visible()

    # A page loaded while offline may already believe it is online (Chromium 150 does), so
    # that no `online` event comes: then the page's retry timer sends the draft.
    with page.expect_response(draft_saved, timeout=RETRY_BOUND_MS):
        page.context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    entry = Entry.objects.get(user=user)
    assert (entry.back, entry.note) == (7, NOTE)
    page.reload()
    expect(back_seven(page)).to_be_checked()
    assert Entry.objects.filter(user=user).count() == 1
    assert page.evaluate(KEPT_KEYS) == []
    # The tries made while the network was still away, by a page that believed it online.
    console.allow("ERR_INTERNET_DISCONNECTED")
    assert console.unexpected() == []


def test_a_day_changed_elsewhere_meanwhile_shows_both_versions_to_choose_from(
    app_page, console, catalog_loaded, today
) -> None:
    user, page = alice_ready_for_offline(app_page)
    page.context.set_offline(True)
    save_and_keep(page, "Typed on the phone")
    make_entry(user, today, back=2, note="Typed on the laptop")

    page.context.set_offline(False)
    expect(page.get_by_role("heading", name=CONFLICT)).to_be_visible()
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
    _, page = alice_ready_for_offline(app_page, DESKTOP)
    page.context.set_offline(True)
    save_and_keep(page, "Private words")
    # Marked as waiting for the person's choice, so that it is not sent before logging out.
    page.evaluate(MARK_DRAFTS_CONFLICTED)
    page.context.set_offline(False)
    page.goto(reverse("journal:history"))
    expect(page.get_by_text(CHANGED_ELSEWHERE)).to_be_visible()
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
    user, page = alice_ready_for_offline(app_page)
    page.context.set_offline(True)
    save_and_keep(page)
    context = page.context
    page.close()
    context.set_offline(False)
    later = context.new_page()
    later.goto(reverse("journal:history"))
    expect(later.get_by_role("status").filter(has_text="Sent: your entry for")).to_be_visible()
    assert Entry.objects.get(user=user).note == NOTE
    later.reload()
    assert Entry.objects.filter(user=user).count() == 1


def test_a_save_whose_network_drops_on_the_way_is_kept_and_sent_by_itself_when_it_can_be(
    app_page, console, catalog_loaded
) -> None:
    user, page = alice_ready_for_offline(app_page)
    server_unreachable(page.context)
    save_and_keep(page)
    expect(page.get_by_label("Note")).to_have_value(NOTE)
    assert not Entry.objects.filter(user=user).exists()
    # Nothing tells the page that the server answers again: its retry timer finds out.
    with page.expect_response(draft_saved, timeout=RETRY_BOUND_MS):
        server_reachable(page.context)
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    assert Entry.objects.get(user=user).note == NOTE
    console.allow("ERR_FAILED")


@pytest.mark.parametrize("event", ["focus", "visibilitychange", "pageshow"])
def test_a_kept_day_is_sent_once_when_the_page_is_shown_again(
    app_page, console, catalog_loaded, event
) -> None:
    user = make_user("alice")
    page = app_page(user)
    page.clock.install()
    ready_for_offline(page)
    server_unreachable(page.context)
    # With the page's clock stopped its retry timer cannot fire: only the event sends.
    stop_the_clock(page)
    posts = []
    page.on("request", lambda request: is_draft_post(request) and posts.append(request))
    save_and_keep(page)
    page.evaluate(TRIES_ENDED)
    server_reachable(page.context)
    # Twice at once, as a phone coming back fires several of these together.
    with page.expect_response(draft_saved):
        page.evaluate(
            """(name) => {
              const target = name === 'visibilitychange' ? document : window;
              for (let i = 0; i < 2; i++) {
                // As when the page comes back from the browser's page cache.
                const shown = name === 'pageshow'
                  ? new PageTransitionEvent(name, {persisted: true}) : new Event(name);
                target.dispatchEvent(shown);
              }
            }""",
            event,
        )
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    assert len(posts) == 1
    assert Entry.objects.get(user=user).note == NOTE
    console.allow("ERR_FAILED")


def test_two_tabs_back_online_at_once_send_a_kept_day_once(
    app_page, console, catalog_loaded
) -> None:
    user, page = alice_ready_for_offline(app_page)
    other = another_tab_on_history(page)
    posts = []
    for tab in (page, other):
        tab.on("request", lambda request: is_draft_post(request) and posts.append(request))
    page.context.set_offline(True)
    save_and_keep(page)
    # Either tab may send it; the day's own tab then shows the day as it is saved.
    with page.context.expect_event("response", draft_saved, timeout=RETRY_BOUND_MS):
        page.context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text=KEPT)).to_have_count(
        0, timeout=RETRY_BOUND_MS
    )
    expect(page.get_by_label("Note")).to_have_value(NOTE)
    other.reload()
    expect(other.get_by_text(CHANGED_ELSEWHERE)).to_have_count(0)
    expect(page.get_by_role("heading", name=CONFLICT)).to_have_count(0)
    assert len(posts) == 1
    assert Entry.objects.get(user=user).note == NOTE
    assert page.evaluate(KEPT_KEYS) == []


def test_no_other_tab_sends_a_day_while_its_form_is_on_the_way(
    app_page, console, catalog_loaded
) -> None:
    user, page = alice_ready_for_offline(app_page)
    other = another_tab_on_history(page)
    held = []
    # The form's request waits here (it is the service worker's by now) until let go.
    page.context.route(
        "**/journal/today/",
        lambda route: held.append(route) if route.request.method == "POST" else route.fallback(),
    )
    page.get_by_label("Note").fill(NOTE)
    with page.context.expect_event("request", lambda request: request.method == "POST"):
        # A click from the page itself: Playwright's own would wait for the held answer.
        page.get_by_role("button", name="Save", exact=True).evaluate("(button) => button.click()")
    state = other.evaluate(
        """async () => {
          const [draft] = window.FootcareDrafts.all();
          return (await window.FootcareDrafts.send(draft)).state;
        }"""
    )
    assert state == "busy"
    held[0].continue_()
    expect(page.get_by_role("status").filter(has_text=SAVED)).to_be_visible()
    assert Entry.objects.get(user=user).note == NOTE


# True once the offline copy of Today is gone, false if it is still there after 15 s.
OFFLINE_COPY_GONE = """async () => {
  for (let tries = 0; tries < 300; tries++) {
    if (!(await caches.match('/journal/offline/'))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}"""


def test_a_logged_out_page_clears_the_offline_copy_after_a_session_simply_expired(
    app_page, catalog_loaded
) -> None:
    _, page = alice_ready_for_offline(app_page, DESKTOP)
    # The session ends without logging out (it expired): the next page is a logged-out one.
    page.context.clear_cookies()
    page.goto(reverse("login"))
    assert page.evaluate(OFFLINE_COPY_GONE) is True
    assert "alice" not in page.evaluate("async () => JSON.stringify(await caches.keys())")
