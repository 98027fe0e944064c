"""The owner's sharing pages on a phone (#18 Sharing): dates filled, Copy/Share and a QR code
for a new link, a clear list, and ending a link asks first, naming it."""

import datetime
import re

import pytest
from django.core.cache import cache

from journal.models import ShareLink
from tests.factories import PASSWORD, make_share_link, make_user

NEW = "/journal/reports/share/"
LINKS = "/journal/shares/"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def link_of(user, label: str, start: str, hours_ago: int = 1) -> ShareLink:
    first = datetime.date.fromisoformat(start)
    link, _token = make_share_link(
        user, first, datetime.date(2026, 11, 25), label=label, hours_ago=hours_ago
    )
    return link


def test_the_share_page_opened_directly_has_the_last_90_days_filled(alice, frozen_today) -> None:
    page = alice.get(NEW).text
    assert re.search(r'name="start" value="2026-08-28"', page)
    assert re.search(r'name="end" value="2026-11-25"', page)


def test_the_share_page_from_reports_keeps_the_reports_dates(alice, frozen_today) -> None:
    page = alice.get(NEW + "?from=2026-01-01&to=2026-03-31").text
    assert 'name="start" value="2026-01-01"' in page
    assert 'name="end" value="2026-03-31"' in page


def test_a_new_link_shows_whole_with_copy_share_and_a_qr_code(alice, frozen_today) -> None:
    response = alice.post(NEW, {"start": "2026-11-01", "end": "2026-11-25", "days": "14"})
    page = response.text
    url = re.search(r">(http://testserver/shared/[^<]+/)</textarea>", page).group(1)
    assert 'data-copy="share-url"' in page
    assert 'data-share="share-url"' in page
    assert '<script src="/static/js/share.js" defer></script>' in page
    assert re.search(
        r'<svg role="img" aria-label="QR code of the link" viewBox="0 0 \d+ \d+"', page
    )
    assert url.count("/") == 5


def test_your_links_lists_label_range_made_and_expiry_newest_first(alice, user, frozen_today):
    link_of(user, "Dr Patel", "2026-09-01", hours_ago=3)
    link_of(user, "Physio", "2026-10-01", hours_ago=2)
    page = alice.get(LINKS).text
    assert page.index("Physio") < page.index("Dr Patel")
    assert "<dt>Dates shared</dt><dd>1 Sep 2026 to 25 Nov 2026</dd>" in page
    assert "<dt>Made</dt><dd>25 Nov 2026, 09:00</dd>" in page
    assert "<dt>Works until</dt><dd>9 Dec 2026, 09:00</dd>" in page


def test_ending_a_link_asks_first_and_names_it(alice, user, frozen_today) -> None:
    link = link_of(user, "Dr Patel", "2026-09-01")
    page = alice.get(f"{LINKS}{link.pk}/end/")
    assert page.status_code == 200
    assert "<dt>For</dt><dd>Dr Patel</dd>" in page.text
    assert "<dt>Dates shared</dt><dd>1 Sep 2026 to 25 Nov 2026</dd>" in page.text
    assert "<dt>Made</dt><dd>25 Nov 2026, 11:00</dd>" in page.text
    assert "End the link for Dr Patel</button>" in page.text
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None
    assert f'href="{LINKS}{link.pk}/end/"' in alice.get(LINKS).text


def test_the_confirmation_ends_that_link_and_says_which(alice, user, frozen_today) -> None:
    keep = link_of(user, "Physio", "2026-10-01")
    link = link_of(user, "Dr Patel", "2026-09-01")
    response = alice.post(f"{LINKS}{link.pk}/end/", follow=True)
    assert "The link for Dr Patel (1 Sep 2026 to 25 Nov 2026, made on 25 Nov 2026)" in (
        response.text
    )
    assert ShareLink.objects.get(pk=link.pk).revoked_at is not None
    assert ShareLink.objects.get(pk=keep.pk).revoked_at is None


def test_an_outsider_cannot_see_or_end_someone_elses_link(client_of, user, frozen_today) -> None:
    link = link_of(user, "Dr Patel", "2026-09-01")
    mallory = client_of(make_user("mallory"))
    assert mallory.get(f"{LINKS}{link.pk}/end/").status_code == 404
    assert mallory.post(f"{LINKS}{link.pk}/end/").status_code == 404
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None


def test_ending_every_link_asks_then_ends_only_mine(alice, user, client_of, frozen_today):
    link_of(user, "Dr Patel", "2026-09-01", hours_ago=3)
    link_of(user, "Physio", "2026-10-01", hours_ago=2)
    theirs = link_of(make_user("bob"), "GP", "2026-10-01")
    page = alice.get(LINKS + "end-all/")
    assert "End all 2 links</button>" in page.text
    assert ShareLink.objects.filter(revoked_at__isnull=True).count() == 3
    alice.post(LINKS + "end-all/")
    assert list(ShareLink.objects.filter(revoked_at__isnull=True)) == [theirs]


@pytest.mark.parametrize("path", ["1/end/", "end-all/"])
def test_the_end_pages_need_a_login(client, db, path) -> None:
    response = client.get(LINKS + path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_password_change_offers_to_end_the_links(alice, frozen_today) -> None:
    page = alice.get("/accounts/password_change/done/").text
    assert 'href="/journal/shares/end-all/">end all your share links</a>' in page


def test_a_password_change_leaves_the_links_working(alice, user, client, catalog, frozen_today):
    # The README's choice: a new password ends sessions, not what a clinician was sent.
    _link, token = make_share_link(user, frozen_today, frozen_today)
    changed = alice.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-password-77",
            "new_password2": "another-long-password-77",
        },
    )
    assert changed["Location"] == "/accounts/password_change/done/"
    assert client.get(f"/shared/{token}/").status_code == 200
