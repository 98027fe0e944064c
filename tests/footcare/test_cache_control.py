"""Pages with personal data are never stored by the browser or a proxy (#10).

On a shared computer, the back button after logging out showed the journal from the
browser's cache. Charts and the doctor's PDF are revalidated by their ETag instead.
"""

import re
import statistics
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from journal.models import Entry
from tests.factories import make_entries, make_entry

NO_STORE = {"private", "no-store"}

PERSONAL_PAGES = [
    "/journal/today/",
    "/journal/day/2026-11-20/",
    "/journal/history/",
    "/journal/reports/",
    "/journal/reports/?range=custom&from=2026-12-01&to=2026-01-01",  # the 400 page too
    "/journal/routine/",
    "/journal/entries/{pk}/",
    "/journal/entries/{pk}/delete/",
    "/accounts/data/",
    "/accounts/data/import/",
    "/accounts/data/export.csv",
    "/accounts/data/export.json",
    "/accounts/delete/",
    "/accounts/password_change/",
    "/accounts/password_change/done/",
    "/journal/shares/",
    "/journal/shares/end-all/",
    "/exercises/",  # public, but the menu names the person
]


def directives(response: object) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize("url", PERSONAL_PAGES)
def test_a_page_with_personal_data_is_private_and_not_stored(
    alice, user, catalog, frozen_today, url: str
) -> None:
    entry = make_entry(user, frozen_today, back=3, note="private note")
    response = alice.get(url.format(pk=entry.pk))
    assert response.status_code in {200, 400}
    assert directives(response) >= NO_STORE


@pytest.mark.parametrize(
    "url",
    ["/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"],
)
def test_account_forms_are_not_stored_either(client, db, url: str) -> None:
    assert directives(client.get(url)) >= NO_STORE


def test_a_saved_day_redirect_is_not_stored(alice, catalog, frozen_today) -> None:
    response = alice.post("/journal/today/", {"back": "2"})
    assert response.status_code == 302
    assert directives(response) >= NO_STORE


def test_the_public_home_page_for_a_visitor_may_be_cached(client, db) -> None:
    assert "no-store" not in directives(client.get("/"))


def chart_url(page: object) -> str:
    return re.search(r'src="([^"]*trend\.png[^"]*)"', page.text)[1].replace("&amp;", "&")


def test_a_chart_is_revalidated_by_its_etag_instead_of_kept_for_a_year(
    alice, user, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 30)
    url = chart_url(alice.get("/journal/reports/"))
    first = alice.get(url)
    assert first.status_code == 200
    assert directives(first) == {"private", "no-cache"}
    assert first["ETag"]

    timings = []
    for _ in range(20):
        started = time.perf_counter()
        again = alice.get(url, headers={"If-None-Match": first["ETag"]})
        timings.append((time.perf_counter() - started) * 1000)
    elapsed_ms = statistics.median(timings)
    assert again.status_code == 304
    assert again.content == b""
    assert directives(again) == {"private", "no-cache"}
    print(f"chart 304 answered in {elapsed_ms:.1f} ms (median of 20)")  # measured, not asserted

    # A new entry changes the data: the old ETag no longer matches.
    Entry.objects.filter(user=user).first().save()
    assert alice.get(url, headers={"If-None-Match": first["ETag"]}).status_code != 304


def test_an_import_preview_is_private_and_not_stored(alice, user, catalog, frozen_today) -> None:
    posted = alice.post(
        "/accounts/data/import/",
        {
            "file": SimpleUploadedFile(
                "j.csv", b"date,back,hip,knee,exercises,note\n2026-11-20,3,,,,x\n"
            )
        },
    )
    assert directives(alice.get(posted.url)) >= NO_STORE
