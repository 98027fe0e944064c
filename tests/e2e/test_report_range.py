import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_choosing_a_preset_fills_the_dates_and_shows_the_range(new_page, today) -> None:
    page = new_page(make_world().user)
    page.goto(reverse("journal:reports") + "?range=90")
    page.get_by_label("Range").select_option("30")
    page.wait_for_url(re.compile(r"range=30"))
    start = today - datetime.timedelta(days=29)
    expect(page.get_by_label("From", exact=True)).to_have_value(start.isoformat())
    expect(page.get_by_label("To", exact=True)).to_have_value(today.isoformat())
    expect(page.locator(".lead")).to_contain_text("Over the last 30 days")


def test_typing_a_date_switches_to_a_custom_range_and_shows_it(new_page, today) -> None:
    page = new_page(make_world().user)
    page.goto(reverse("journal:reports") + "?range=90")
    start = today - datetime.timedelta(days=10)
    page.get_by_label("From", exact=True).fill(start.isoformat())
    expect(page.get_by_label("Range")).to_have_value("custom")
    page.wait_for_url(re.compile(rf"range=custom&from={start.isoformat()}"))
    expect(page.locator(".lead")).to_contain_text(f"From {start.day} ")


def test_a_date_still_being_typed_is_not_shown(new_page, today) -> None:
    page = new_page(make_world().user)
    page.clock.install()
    page.goto(reverse("journal:reports") + "?range=90")
    shown = []
    page.on("request", lambda r: r.is_navigation_request() and shown.append(r.url))
    page.get_by_label("From", exact=True).fill("0002-01-01")
    expect(page.get_by_label("Range")).to_have_value("custom")
    # Far past the typing pause, on the page's own clock: a pending reload would fire now.
    page.clock.run_for(10_000)
    start = today - datetime.timedelta(days=10)
    page.get_by_label("From", exact=True).fill(start.isoformat())
    page.clock.run_for(10_000)
    page.wait_for_url(re.compile(rf"from={start.isoformat()}"))
    assert [re.search(r"from=([^&]*)", url)[1] for url in shown] == [start.isoformat()]


def test_the_show_button_works_without_javascript(browser, live_server, today) -> None:
    from .conftest import log_in

    world = make_world()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    log_in(context, world.user, live_server.url)
    page = context.new_page()
    page.goto(reverse("journal:reports") + "?range=90")
    page.get_by_label("Range").select_option("30")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"range=30"))
    expect(page.get_by_label("From", exact=True)).to_have_value(
        (today - datetime.timedelta(29)).isoformat()
    )
    context.close()
