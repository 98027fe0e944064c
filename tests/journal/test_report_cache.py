"""One computed report serves the page, its charts and the PDF until the journal changes."""

import datetime
import re
from html import unescape

import pytest

from tests.factories import make_entries, make_entry

PAGE = "/journal/reports/"


def trend_png(response) -> str:
    link = re.search(r'src="(/journal/reports/charts/trend\.png\?[^"]+)"', response.text)
    return unescape(link[1])


def without_csrf(html: str) -> str:
    # The token is masked anew for every response.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize("entries", [10, 1000])
def test_a_second_view_of_the_same_range_reads_no_rows(
    alice, user, catalog, frozen_today, django_assert_num_queries, entries
) -> None:
    make_entries(user, frozen_today, entries)
    first = alice.get(PAGE + "?range=all")
    # The user, the first day (for "all"), the data version and the running experiment (its
    # day, or the offer to start one); no day rows, no analysis, no PEG weeks (the data
    # version covers them). One more for the ratings around the routine, kept outside the
    # cached body.
    with django_assert_num_queries(5):
        second = alice.get(PAGE + "?range=all")
    assert without_csrf(second.text) == without_csrf(first.text)


def test_the_charts_reuse_the_report_the_page_computed(
    alice, user, catalog, frozen_today, django_assert_num_queries
) -> None:
    make_entries(user, frozen_today, 30)
    url = trend_png(alice.get(PAGE))
    # The user and the data version: the chart is drawn from the cached report.
    with django_assert_num_queries(2):
        response = alice.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_a_saved_day_shows_on_the_page_at_once(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today - datetime.timedelta(days=5), 10)
    assert "10 days logged" in alice.get(PAGE).text
    alice.post(f"/journal/day/{frozen_today}/", {"knee": "3", "note": ""})
    page = alice.get(PAGE)
    assert "11 days logged" in page.text


def test_a_deleted_day_leaves_the_page_and_its_charts(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 10)
    entry = make_entry(user, frozen_today - datetime.timedelta(days=20), knee=4)
    with_it = alice.get(PAGE)
    assert "11 days logged" in with_it.text
    alice.post(f"/journal/entries/{entry.pk}/delete/")
    after = alice.get(PAGE)
    assert "10 days logged" in after.text
    assert trend_png(after) != trend_png(with_it)


def test_a_custom_range_of_the_same_dates_keeps_its_own_wording(
    alice, user, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 10)
    assert "Over the last 30 days" in alice.get(PAGE + "?range=30").text
    start = frozen_today - datetime.timedelta(days=29)
    custom = alice.get(f"{PAGE}?range=custom&from={start}&to={frozen_today}")
    assert "Over the last 30 days" not in custom.text
    assert f"From {start:%-d %B %Y}" in custom.text


def test_another_persons_cached_report_is_never_shown(
    alice, client_of, user, outsider, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 12)
    assert "12 days logged" in alice.get(PAGE).text
    assert "Nothing is logged in this range yet" in client_of(outsider).get(PAGE).text
