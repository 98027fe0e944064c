"""The Reports' charts in a browser: the phone variant at phone width, its type size as
shown, and a tap that opens the chart at full size."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from journal.reports.data import report_for
from journal.reports.drawing import charts
from journal.reports.period import Period
from tests.journal.layout import place_texts

from .conftest import DESKTOP, PHONE
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)

SHOWN_CHARTS = """() => [...document.querySelectorAll('main picture img')].map(i => ({
  src: i.currentSrc,
  shown: i.getBoundingClientRect().width,
  natural: i.naturalWidth,
}))"""


def load_charts(page: object) -> list[dict[str, object]]:
    for image in page.locator("main picture img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('main picture img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    return page.evaluate(SHOWN_CHARTS)


def chart_names(shown: list[dict[str, object]]) -> list[str]:
    """Which drawing each chart shows, from its address: "trend", "trend-phone"…"""
    return [re.search(r"/(\w+(?:-phone)?)\.png", chart["src"]).group(1) for chart in shown]


def smallest_text_in_image_pixels(user: object, kind: str) -> float:
    """The smallest text of the phone chart the server draws for this user, in PNG pixels."""
    today = timezone.localdate()
    period = Period("90", today - datetime.timedelta(days=89), today)
    fig = charts.chart_figure(report_for(user, period, today), f"{kind}-phone")
    smallest = min(p.size for p in place_texts(fig))
    return smallest / 72 * charts.DPI * charts.PHONE.scale


def test_a_phone_gets_the_phone_charts_with_text_of_at_least_11_pixels(new_page, artifacts) -> None:
    user = make_world().user
    page = new_page(user, viewport=PHONE)
    page.goto(reverse("journal:reports"))
    shown = load_charts(page)
    assert chart_names(shown) == ["trend-phone", "practice-phone", "adherence-phone"]
    for kind, chart in zip(charts.CHART_KINDS, shown, strict=True):
        css_pixels = smallest_text_in_image_pixels(user, kind) * chart["shown"] / chart["natural"]
        assert css_pixels >= 11, f"{kind}: {css_pixels:.1f} CSS px"
    page.screenshot(path=artifacts / "reports-phone.png", full_page=True)


def test_a_desktop_gets_the_wide_charts(new_page) -> None:
    page = new_page(make_world().user, viewport=DESKTOP)
    page.goto(reverse("journal:reports"))
    shown = load_charts(page)
    assert chart_names(shown) == ["trend", "practice", "adherence"]
    assert all(c["shown"] == c["natural"] for c in shown)


def test_tapping_a_chart_opens_it_at_full_size(new_page, console) -> None:
    # Chromium styles its own page for a bare image inline, which the app's CSP (sent with
    # every response) refuses: the image still shows, at full size.
    console.allow("Applying inline style violates")
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:reports"))
    load_charts(page)
    page.get_by_role("link", name=re.compile("^Pain over time")).click()
    page.wait_for_url(re.compile(r"/reports/charts/trend\.png\?"))
    size = page.evaluate(
        "() => [document.images[0].naturalWidth, document.images[0].naturalHeight]"
    )
    assert size == list(charts.SIZES["trend"])
    expect(page.locator("img")).to_be_visible()
