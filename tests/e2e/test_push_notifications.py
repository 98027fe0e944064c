"""A reminder as a notification, end to end in Chromium: the tap on "Remind me on this phone",
the worker's pywebpush send to the push-service stand-in (which checks the VAPID signature and
decrypts the payload), and the service worker showing it and opening Today when tapped.

No real push service is reachable from here, and headless Chromium cannot subscribe
(`pushManager.subscribe()` answers "Registration failed"): the page's `subscribe()` is answered
with the stand-in's subscription, and the stand-in's decrypted message is handed to the
service worker with the DevTools protocol (`ServiceWorker.deliverPushMessage`). No DevTools
command clicks a notification, so the tap is a `notificationclick` event dispatched in the
worker with the notification the browser shows.
"""

import json
from collections.abc import Iterator

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Profile, ReminderBy
from journal.reminders import send_due_reminders
from notifications import vapid
from notifications.models import PushSubscription
from tests.factories import make_user
from tests.notifications.pushservice import PushServiceStandIn
from tests.queue import run_tasks

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIBE_WITH = """
(() => {
  const info = %s;
  PushManager.prototype.subscribe = async function (options) {
    const key = new Uint8Array(options.applicationServerKey);
    window.subscribedWith = {
      userVisibleOnly: options.userVisibleOnly,
      key: btoa(String.fromCharCode(...key))
        .replace(/\\+/g, "-")
        .replace(/\\//g, "_")
        .replace(/=+$/, ""),
    };
    const subscription = {
      endpoint: info.endpoint,
      toJSON: () => info,
      unsubscribe: async () => true,
    };
    PushManager.prototype.getSubscription = async () => subscription;
    return subscription;
  };
})();
"""


INSTALLED_APP = """
(() => {
  const asked = window.matchMedia.bind(window);
  window.matchMedia = (query) =>
    query.includes("display-mode: standalone")
      ? { matches: true, media: query, addEventListener() {}, removeEventListener() {} }
      : asked(query);
})();
"""


@pytest.fixture
def push_service() -> Iterator[PushServiceStandIn]:
    with PushServiceStandIn(expected_public_key=vapid.public_key()) as service:
        yield service


def phone_of(browser, live_server, push_service, user, *scripts: str) -> object:
    """A browser context logged in as ``user`` whose push subscription is the stand-in's, with
    these scripts run first on each page."""
    context = browser.new_context(base_url=live_server.url, permissions=["notifications"])
    context.add_init_script(SUBSCRIBE_WITH % json.dumps(push_service.subscribe().info()))
    for script in scripts:
        context.add_init_script(script)
    log_in(context, user, live_server.url)
    return context


def registration_id(cdp: object, page: object, origin: str) -> str:
    found: dict[str, str] = {}

    def seen(event: dict) -> None:
        for registration in event["registrations"]:
            found[registration["scopeURL"]] = registration["registrationId"]

    cdp.on("ServiceWorker.workerRegistrationUpdated", seen)
    cdp.send("ServiceWorker.enable")
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
    for _ in range(100):
        if f"{origin}/" in found:
            return found[f"{origin}/"]
        page.wait_for_timeout(50)
    raise AssertionError(f"no service worker registration for {origin}: {found}")


def shown_notifications(page: object) -> list[dict]:
    return page.evaluate(
        """navigator.serviceWorker.ready
             .then((registration) => registration.getNotifications())
             .then((all) => all.map((n) => ({title: n.title, body: n.body, data: n.data})))"""
    )


CATCH_THE_NOTIFICATION = """() => {
  const registration = self.registration;
  const show = registration.showNotification.bind(registration);
  self.caught = new Promise((resolve) => {
    registration.showNotification = async (title, options) => {
      await show(title, options);
      const [notification] = await registration.getNotifications({tag: options.tag});
      resolve({title, body: options.body, data: options.data, notification});
    };
  });
}"""
TAP_THE_NOTIFICATION = """async () => {
  const late = new Promise((resolve) => setTimeout(() => resolve(null), 20000));
  const caught = await Promise.race([self.caught, late]);
  if (!caught) return null;
  const {title, body, data, notification} = caught;
  if (notification) {
    self.dispatchEvent(new NotificationEvent("notificationclick", {notification}));
  }
  return {title, body, data, tapped: Boolean(notification)};
}"""


def test_a_reminder_reaches_the_phone_as_a_notification_that_opens_today(
    browser, live_server, console, push_service, catalog_loaded
) -> None:
    user = make_user("alice")
    Profile.objects.filter(user=user).update(
        reminders_enabled=True,
        reminder_by=ReminderBy.PUSH,
        reminder_time="00:00",
        time_zone="Pacific/Kiritimati",  # UTC+14: 00:00 has passed there, whatever the hour
    )
    context = phone_of(browser, live_server, push_service, user)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and console.errors.append(m.text))
    page.on("pageerror", lambda error: console.errors.append(str(error)))

    page.goto(reverse("accounts:settings"))
    page.get_by_role("button", name="Remind me on this phone").click()
    expect(page.get_by_text("This phone shows your reminder as a notification.")).to_be_visible()
    assert page.evaluate("window.subscribedWith") == {
        "userVisibleOnly": True,
        "key": vapid.public_key(),
    }
    assert PushSubscription.objects.get().user == user

    result = send_due_reminders()
    run_tasks()
    assert result.batches == 1
    (delivery,) = push_service.deliveries
    message = json.loads(delivery.plaintext)
    assert message["title"] == "Time to log today's pain"

    cdp = context.new_cdp_session(page)
    registration = registration_id(cdp, page, live_server.url)
    (worker,) = context.service_workers
    # Caught where the worker shows it, and tapped there: a notification on a headless
    # phone may be gone before a poll of getNotifications() sees it.
    worker.evaluate(CATCH_THE_NOTIFICATION)
    push = {"origin": live_server.url, "registrationId": registration}
    cdp.send("ServiceWorker.deliverPushMessage", {**push, "data": delivery.plaintext.decode()})
    shown = worker.evaluate(TAP_THE_NOTIFICATION)
    assert shown == {
        "title": "Time to log today's pain",
        "body": "",
        "data": {"url": "/journal/today/"},
        "tapped": True,
    }
    page.wait_for_url(f"{live_server.url}/journal/today/")
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    assert shown_notifications(page) == []  # tapping it closed it
    context.close()
    assert console.unexpected() == []


def test_stopping_notifications_on_this_phone_removes_its_subscription(
    browser, live_server, console, push_service
) -> None:
    user = make_user("alice")
    context = phone_of(browser, live_server, push_service, user)
    page = context.new_page()
    page.goto(reverse("accounts:settings"))
    page.get_by_role("button", name="Remind me on this phone").click()
    expect(page.get_by_role("button", name="Stop notifications on this phone")).to_be_visible()
    page.get_by_role("button", name="Stop notifications on this phone").click()
    expect(page.get_by_text("Not turned on for this phone.")).to_be_visible()
    assert not PushSubscription.objects.exists()
    context.close()


def test_an_installed_app_offers_notifications_once_after_the_first_save(
    browser, live_server, console, push_service
) -> None:
    from journal.models import Entry

    user = make_user("alice")
    # What an app started from the home screen matches and a tab does not. DevTools cannot
    # emulate this media feature, so the page's question is answered here.
    context = phone_of(browser, live_server, push_service, user, INSTALLED_APP)
    page = context.new_page()
    page.goto(reverse("journal:today"))
    offer = page.get_by_role("button", name="Remind me on this phone")
    expect(offer).to_be_hidden()  # nothing saved yet
    page.get_by_role("group", name="Hip").get_by_text("2", exact=True).click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Get your reminder as a notification?")).to_be_visible()
    assert Entry.objects.filter(user=user).exists()
    page.get_by_role("button", name="Remind me on this phone").click()
    expect(page.get_by_text("Done: this phone will remind you.")).to_be_visible()
    assert PushSubscription.objects.get().user == user
    page.reload()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("Get your reminder as a notification?")).to_be_hidden()
    context.close()
    assert console.unexpected() == []
