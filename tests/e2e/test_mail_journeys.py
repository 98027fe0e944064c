"""Sign up with an email, confirm it, get a reminder, stop reminders, recover a forgotten
password: each through the pages, with the mail going through a real SMTP server."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Profile, profile_of
from notifications import periodic
from tests.factories import PASSWORD, make_user

from .conftest import DESKTOP, add_strict_csp
from .smtp import html_of, link_in, smtp_inbox_fixture, text_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a-brand-new-password-91"


def open_context(browser, live_server, console, **options):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, **options)
    context.route("**/*", add_strict_csp)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and console.errors.append(m.text))
    page.on("pageerror", lambda error: console.errors.append(str(error)))
    return context, page


def test_a_newcomer_confirms_the_address_gets_a_reminder_and_stops_it_in_one_click(
    browser, live_server, console, catalog_loaded, smtp_inbox
) -> None:
    # The browser says it is in Auckland; sign-up proposes that zone.
    context, page = open_context(browser, live_server, console, timezone_id="Pacific/Auckland")
    page.goto(reverse("accounts:signup"))
    expect(page.get_by_text("To recover your account and receive reminders.")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Pacific/Auckland")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Email address (optional)").fill("newcomer@example.org")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    expect(page.get_by_text("We have sent a link to newcomer@example.org")).to_be_visible()

    confirm = smtp_inbox.wait_for("newcomer@example.org", "confirm your email address")
    page.goto(link_in(confirm, r"/accounts/confirm-email/\S+/"))
    # Opening the link only asks (mail scanners open links too); the button confirms.
    page.get_by_role("button", name="Yes, confirm newcomer@example.org").click()
    expect(page.get_by_role("heading", name="Address confirmed")).to_be_visible()

    page.goto(reverse("accounts:settings"))
    expect(page.get_by_text("newcomer@example.org is confirmed")).to_be_visible()
    page.get_by_label("Remind me on days I have not logged").check()
    # 00:00 has passed today whatever the time in Auckland: the reminder is due now.
    page.get_by_label("Reminder time").fill("00:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your account settings are saved.")).to_be_visible()
    user_profile = Profile.objects.get(user__username="newcomer")
    assert user_profile.time_zone == "Pacific/Auckland"

    # The worker's every-minute run, as `make run` starts it: no cron, no command.
    periodic.start_all()
    reminder = smtp_inbox.wait_for("newcomer@example.org", "you haven't logged today")
    assert "Log today to start a new streak." in text_of(reminder)
    assert 'href="' in html_of(reminder)
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    call_command("send_reminders", stdout=io.StringIO())  # a second run sends nothing more
    context.close()

    # Opened on another device: the link to Today asks to log in first, then goes there.
    context, page = open_context(browser, live_server, console)
    page.goto(link_in(reminder, r"/journal/today/"))
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    context.close()

    # Stopping needs no login: one click on the page the link opens.
    context, page = open_context(browser, live_server, console)
    page.goto(link_in(reminder, r"/accounts/unsubscribe/\S+/"))
    page.get_by_role("button", name="Stop my reminders").click()
    expect(page.get_by_text("Reminders are off.")).to_be_visible()
    assert not Profile.objects.get(user__username="newcomer").reminders_enabled
    context.close()
    reminders = [m for m in smtp_inbox.messages if "logged today" in m["Subject"]]
    assert len(reminders) == 1
    assert console.unexpected() == []


def test_a_mail_programs_one_click_unsubscribe_post_works_without_a_session(
    browser, live_server, console, smtp_inbox
) -> None:
    user = make_user("alice", email="alice@example.org")
    profile = profile_of(user)
    profile.confirm_email("alice@example.org")
    Profile.objects.filter(user=user).update(
        reminders_enabled=True, reminder_time="00:00", time_zone="Pacific/Auckland"
    )
    call_command("send_reminders", stdout=io.StringIO())
    reminder = smtp_inbox.wait_for("alice@example.org", "you haven't logged today")
    # A long header may come folded over lines; the address is what sits between < and >.
    url = "".join(str(reminder["List-Unsubscribe"]).split()).strip("<>")
    assert url.startswith(live_server.url)
    context = browser.new_context()
    response = context.request.post(url, form={"List-Unsubscribe": "One-Click"})
    assert response.status == 200
    assert not Profile.objects.get(user=user).reminders_enabled
    context.close()


def test_a_forgotten_password_is_recovered_through_the_link_in_the_mail(
    browser, live_server, console, smtp_inbox
) -> None:
    user = make_user("alice", email="alice@example.org")
    profile_of(user).confirm_email("alice@example.org")
    context, page = open_context(browser, live_server, console)
    page.goto(reverse("login"))
    page.get_by_role("link", name="Get a link by email to choose a new one").click()
    page.get_by_label("Your confirmed email address").fill("alice@example.org")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    reset = smtp_inbox.wait_for("alice@example.org", "choose a new password")
    page.goto(link_in(reset, r"/accounts/reset/\S+/"))
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_role("heading", name="Password set")).to_be_visible()

    page.goto(reverse("login"))
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    context.close()
    assert console.unexpected() == []
