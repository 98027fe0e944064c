import datetime
import io
import re
from html import unescape

import pytest
from django.core.cache import cache
from PIL import Image

from journal.version import data_version
from tests.factories import make_entries, make_entry

PAGE = "/journal/reports/"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def chart_urls(response) -> dict[str, str]:
    """The page's chart and PDF links, by their path."""
    links = re.findall(r'(?:src|srcset|href)="(/journal/reports/[^"]+\?[^"]+)"', response.text)
    return {unescape(link).split("?")[0]: unescape(link) for link in links}


def png_url(response, kind: str = "trend") -> str:
    return chart_urls(response)[f"/journal/reports/charts/{kind}.png"]


CHART_PATHS = [
    f"/journal/reports/charts/{kind}.{fmt}"
    for kind in ("trend", "practice", "adherence")
    for fmt in ("png", "svg", "pdf")
] + [f"/journal/reports/charts/{kind}-phone.png" for kind in ("trend", "practice", "adherence")]
DOWNLOAD_PATHS = [*CHART_PATHS, "/journal/reports/doctor.pdf"]


@pytest.mark.parametrize("url", [PAGE, *DOWNLOAD_PATHS])
def test_every_report_url_needs_a_login(client, db, url) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_page_shows_three_charts_with_text_alternatives(alice, user, catalog, frozen_today):
    make_entries(user, frozen_today, 40)
    response = alice.get(PAGE)
    assert response.status_code == 200
    alts = re.findall(r'<img class="chart[^>]*alt="([^"]+)"', response.text)
    assert len(alts) == 3
    assert alts[0].startswith("Pain over time, daily ratings")
    assert "Toe" in alts[2] or "Walking" in alts[2]


def test_every_chart_has_a_data_table_for_screen_readers(alice, user, catalog, frozen_today):
    make_entries(user, frozen_today, 10)
    response = alice.get(PAGE)
    # The trend's and adherence's tables, "How sure is this?" (the practice chart's table)
    # and inside it the descriptive next-day means by exercise.
    assert response.text.count("<details") == 4
    assert response.text.count("<table") == 4


def test_with_too_little_data_the_page_says_how_long_in_one_short_sentence(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, knee=4, exercises=catalog[:1])
    response = alice.get(PAGE)
    assert (
        "Knee: about 4 more weeks of daily ratings, with and without your routine, before this "
        "can say anything." in unescape(response.text)
    )
    assert "runs of three" not in verdicts_of(response)


def verdicts_of(response) -> str:
    """The sentences the page leads with."""
    match = re.search(r'<ul class="verdicts[^"]*" id="verdicts">(.*?)</ul>', response.text, re.S)
    assert match
    return unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def practise_whole_routine(user, catalog, on) -> None:
    """The whole routine on the days ``on`` says, no exercise on the others."""
    from journal.models import Entry

    for entry in Entry.objects.filter(user=user):
        entry.exercises.set(catalog if on(entry.day) else [])


def test_the_page_leads_with_one_plain_sentence_per_area_and_puts_the_numbers_behind_it(
    alice, user, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 90)
    # No exercises on every third day, so both kinds of day occur in no fixed alternation.
    practise_whole_routine(user, catalog, lambda day: day.toordinal() % 3 != 0)
    response = alice.get(PAGE)
    lead = verdicts_of(response)
    assert re.search(r"Back: [^.]*the day after your whole routine", lead)
    assert "interval" not in lead and "runs" not in lead
    details = re.search(
        r'<details class="[^"]*" id="how-sure">(.*?)</details>', response.text, re.S
    )
    assert details and "<summary" in details.group(1) and "How sure is this?" in details.group(1)
    how_sure = unescape(details.group(1))
    assert re.search(
        r"Knee: [^<]*95% interval: [^;]*; taking the ratings as written [^)]*\), p [<=] [\d.]+; "
        r"\d+ runs of three logged days: \d+ with your whole routine on the middle day, \d+ "
        r"with no exercise",
        how_sure,
    )
    assert "that pain carries over a day or two, not longer" in how_sure
    assert "Ratings stop at 0 and 10" in how_sure
    assert "“Your whole routine” means all 5 exercises of your routine" in how_sure


def test_a_journal_that_alternates_practice_days_says_it_cannot_tell_yet(
    alice, user, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 60)
    practise_whole_routine(user, catalog, lambda day: day.toordinal() % 2 == 0)
    response = alice.get(PAGE)
    assert "Knee: can't tell yet. Your routine came on the same days" in verdicts_of(response)


def test_the_page_states_a_halving_of_pain_in_points_and_percent_with_its_caveat(
    alice, user, catalog, frozen_today
) -> None:
    for offset in range(40):
        make_entry(
            user, frozen_today - datetime.timedelta(days=offset), knee=3 if offset < 14 else 6
        )
    response = alice.get(PAGE + "?range=90")
    assert (
        "knee pain averaged 6.0 over your first 14 rated days in this range and 3.0 over your "
        "last 14: 3.0 points (50%) lower." in response.text
    )
    assert "Pain often eases after a bad spell without any treatment" in response.text


def test_a_chart_cannot_be_posted_to(alice, catalog, frozen_today) -> None:
    assert alice.post("/journal/reports/charts/trend.png").status_code == 405


@pytest.mark.parametrize("entries", [10, 1000])
def test_the_page_runs_the_same_number_of_queries_for_10_or_1000_entries(
    alice, user, catalog, frozen_today, django_assert_num_queries, entries
) -> None:
    make_entries(user, frozen_today, entries)
    # 6 for the report itself (the session comes from the cache), 3 for the person's routine
    # (two) and main area, 3 for the factors of the day (ticks and list) and the medicine
    # changes, 1 for the weekly PEG check-ins, 1 for the ratings around the routine, 1 for the
    # running experiment (its day, or the offer to start one).
    with django_assert_num_queries(15):
        response = alice.get(PAGE + "?range=all")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("range=custom&from=2026-02-30&to=2026-03-01", "Enter the start date as a real date"),
        ("range=custom&from=2026-05-01&to=2026-04-01", "is after the end date"),
        ("range=custom&from=2026-05-01", "enter both a start and an end date"),
        ("range=custom&from=2026-05-01&to=2027-01-01", "cannot be after today"),
        ("range=custom&from=1900-01-01&to=2026-01-01", "at most 20 years"),
        ("range=7000", "Choose one of the ranges offered"),
    ],
)
def test_a_bad_range_gets_a_clear_message(alice, catalog, frozen_today, query, message) -> None:
    response = alice.get(f"{PAGE}?{query}")
    assert response.status_code == 400
    assert message in response.text


def test_a_custom_range_is_shown_and_kept_in_the_url(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 60)
    response = alice.get(f"{PAGE}?range=custom&from=2026-10-01&to=2026-10-31")
    assert "31 days logged" in response.text
    assert "from=2026-10-01&amp;to=2026-10-31" in response.text


def test_the_last_7_days_are_a_range_of_their_own(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 60)
    response = alice.get(f"{PAGE}?range=7")
    assert "Over the last 7 days: 7 days logged." in response.text
    assert '<option value="7" selected>Last 7 days</option>' in response.text


def test_dates_typed_with_the_preset_left_alone_give_that_range_without_javascript(
    alice, user, catalog, frozen_today
) -> None:
    # What a browser without JavaScript sends: the select still on its default, the boxes
    # changed from the dates the page showed.
    make_entries(user, frozen_today, 60)
    shown = alice.get(PAGE).text
    assert 'name="shown_from" value="2026-08-28"' in shown
    query = "range=90&from=2026-10-01&to=2026-10-31&shown_from=2026-08-28&shown_to=2026-11-25"
    response = alice.get(f"{PAGE}?{query}")
    assert "From 1 October 2026 to 31 October 2026: 31 days logged." in response.text


def test_a_preset_chosen_without_javascript_wins_over_the_dates_shown(
    alice, user, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 60)
    query = "range=30&from=2026-08-28&to=2026-11-25&shown_from=2026-08-28&shown_to=2026-11-25"
    assert "Over the last 30 days: 30 days logged." in alice.get(f"{PAGE}?{query}").text


def test_the_trend_png_is_served_at_its_size(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 30)
    response = alice.get(png_url(alice.get(PAGE)))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (800, 500)


def test_the_phone_trend_is_served_at_twice_its_css_size(alice, user, catalog, frozen_today):
    make_entries(user, frozen_today, 30)
    response = alice.get(chart_urls(alice.get(PAGE))["/journal/reports/charts/trend-phone.png"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert Image.open(io.BytesIO(response.content)).size == (720, 1200)


def test_an_unknown_chart_variant_is_not_found(alice, user, catalog, frozen_today) -> None:
    assert alice.get("/journal/reports/charts/trend-watch.png").status_code == 404


def test_a_chart_may_be_kept_by_the_browser_and_revalidated(alice, user, catalog, frozen_today):
    make_entries(user, frozen_today, 30)
    url = png_url(alice.get(PAGE))
    first = alice.get(url)
    assert first["Cache-Control"] == "private, no-cache"
    again = alice.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_a_second_request_is_served_from_the_cache(alice, user, catalog, frozen_today, monkeypatch):
    make_entries(user, frozen_today, 30)
    url = png_url(alice.get(PAGE))
    alice.get(url)
    monkeypatch.setattr(
        "journal.reports.views.chart_bytes", lambda *args: pytest.fail("drawn twice")
    )
    assert alice.get(url).status_code == 200


def test_a_new_entry_changes_the_chart_url(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today - datetime.timedelta(days=1), 5)
    before = png_url(alice.get(PAGE))
    alice.post("/journal/today/", {"knee": "3", "back": "", "hip": "", "note": ""})
    after = png_url(alice.get(PAGE))
    assert before != after


def test_the_doctors_pdf_is_revalidated_because_it_is_dated(alice, user, catalog, frozen_today):
    make_entries(user, frozen_today, 20)
    url = chart_urls(alice.get(PAGE))["/journal/reports/doctor.pdf"]
    first = alice.get(url)
    assert first["Cache-Control"] == "private, no-cache"
    assert alice.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_an_outdated_chart_link_redirects_to_the_current_one(alice, user, catalog, frozen_today):
    make_entries(user, frozen_today, 5)
    url = png_url(alice.get(PAGE))
    make_entry(user, frozen_today - datetime.timedelta(days=30), knee=2)
    response = alice.get(url)
    assert response.status_code == 302
    assert f"v={data_version(user)}" in response.url


def test_a_chart_link_with_a_broken_date_is_a_400_not_a_500(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/reports/charts/trend.png?from=2026-13-01&to=x&v=1")
    assert response.status_code == 400


def test_svg_and_pdf_charts_are_downloads(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 30)
    urls = chart_urls(alice.get(PAGE))
    svg = alice.get(urls["/journal/reports/charts/practice.svg"])
    pdf = alice.get(urls["/journal/reports/charts/adherence.pdf"])
    assert svg["Content-Type"] == "image/svg+xml"
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment;")


def test_the_doctors_pdf_is_one_page_for_download(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 120)
    response = alice.get(chart_urls(alice.get(PAGE))["/journal/reports/doctor.pdf"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert len(re.findall(rb"/Type /Page\b", response.content)) == 1


def test_an_outsider_following_a_users_chart_link_gets_only_their_own_empty_chart(
    alice, user, outsider, client_of, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 30)
    alices_url = png_url(alice.get(PAGE))
    alices_chart = alice.get(alices_url).content
    mallory = client_of(outsider)
    redirected = mallory.get(alices_url)
    assert redirected.status_code == 302
    assert f"v={data_version(outsider)}" in redirected.url
    followed = mallory.get(redirected.url)
    assert followed.status_code == 200
    assert followed.content != alices_chart
    # Mallory's own page has nothing logged: no chart at all, only what will appear when.
    own_page = mallory.get(PAGE).text
    assert "Nothing is logged in this range yet" in own_page
    assert "/journal/reports/charts/" not in own_page


@pytest.mark.parametrize("path", DOWNLOAD_PATHS)
def test_an_outsider_following_any_of_a_users_links_is_sent_to_their_own(
    alice, user, outsider, client_of, catalog, frozen_today, path
) -> None:
    make_entries(user, frozen_today, 30)
    alices_link = chart_urls(alice.get(PAGE))[path]
    response = client_of(outsider).get(alices_link)
    assert response.status_code == 302
    assert f"v={data_version(outsider)}" in response.url


def test_even_with_the_same_data_version_the_cache_keeps_each_users_charts_apart(
    alice, user, outsider, client_of, catalog, frozen_today, monkeypatch
) -> None:
    # Two journals whose versions collide: only the user in the cache key tells them apart.
    monkeypatch.setattr("journal.reports.views.data_version", lambda who: "same")
    monkeypatch.setattr("journal.version.data_version", lambda who: "same")
    make_entries(user, frozen_today, 30)
    make_entry(outsider, frozen_today, knee=3)
    url = png_url(alice.get(PAGE))
    alices_chart = alice.get(url).content
    mallory = client_of(outsider)
    mallorys_chart = mallory.get(url)
    assert mallorys_chart.status_code == 200
    assert mallorys_chart.content != alices_chart


def test_a_bare_doctors_report_address_gets_the_last_90_days(
    alice, user, catalog, frozen_today
) -> None:
    make_entry(user, frozen_today, back=3)
    response = alice.get("/journal/reports/doctor.pdf")
    assert response.status_code == 302
    assert "from=2026-08-28" in response["Location"]
    assert "to=2026-11-25" in response["Location"]
    followed = alice.get(response["Location"])
    assert followed.status_code == 200
    assert followed["Content-Type"] == "application/pdf"


def test_a_chart_address_with_only_a_range_is_redirected_to_its_dates(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.get("/journal/reports/charts/trend.png", {"range": "30"})
    assert response.status_code == 302
    assert "from=2026-10-27" in response["Location"]
