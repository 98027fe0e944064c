import datetime
import hashlib
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from journal.models import PegCheckIn, ShareLink
from journal.sharing import links as sharing
from tests.factories import make_entries, make_entry, make_share_link

NEW = "/journal/reports/share/"
LINKS = "/journal/shares/"
NOON = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # The guessing counter lives in the cache; each test starts from no misses.
    cache.clear()


def create(client, **fields: str):
    data = {"start": "2026-11-01", "end": "2026-11-25", "days": "14", "label": "", **fields}
    return client.post(NEW, data)


def share_url(response) -> str:
    return re.search(r">http://testserver(/shared/[^<]+/)</textarea>", response.text).group(1)


@pytest.fixture
def shared(alice, user, catalog, frozen_today) -> str:
    make_entries(user, frozen_today, 30)
    make_entry(user, datetime.date(2026, 10, 1), back=9, note="outside the range")
    return share_url(create(alice))


def test_creating_a_link_shows_it_once_and_stores_only_its_hash(alice, user, frozen_today) -> None:
    response = create(alice)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = share_url(response).split("/")[2]
    raw = token.split(":")[0]
    link = ShareLink.objects.get(user=user)
    assert link.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ShareLink.objects.values().get())


def test_a_link_expires_after_14_days_by_default(alice, user, frozen_today) -> None:
    create(alice)
    link = ShareLink.objects.get(user=user)
    assert link.expires_at - link.created_at == datetime.timedelta(days=14)


def test_the_form_refuses_more_than_90_days(alice, frozen_today) -> None:
    response = create(alice, days="91")
    assert response.status_code == 400
    assert "A link can work for at most 90 days." in response.text
    assert not ShareLink.objects.exists()


def test_the_form_refuses_an_end_after_today(alice, frozen_today) -> None:
    response = create(alice, end="2026-11-26")
    assert response.status_code == 400
    assert "The end date cannot be after today" in response.text


@pytest.mark.parametrize("start", ["0001-01-01", "1899-12-31"])
def test_the_form_refuses_a_start_before_the_journal_as_reports_do(alice, frozen_today, start):
    response = create(alice, start=start, end="1900-01-31")
    assert response.status_code == 400
    assert "The journal starts on 1 January 1900: choose a start date from then on." in (
        response.text
    )
    assert not ShareLink.objects.exists()


def test_the_database_refuses_a_link_living_longer_than_90_days(user) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ShareLink.objects.create(
            user=user,
            token_hash="x" * 64,
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 2, 1),
            created_at=NOON,
            expires_at=NOON + datetime.timedelta(days=91),
        )


def test_reports_offer_to_share_the_shown_range(alice, user, catalog, frozen_today) -> None:
    assert NEW not in alice.get("/journal/reports/?range=30").text  # nothing to share yet
    make_entry(user, frozen_today, knee=3)
    text = alice.get("/journal/reports/?range=30").text
    assert f"{NEW}?from=2026-10-27&amp;to=2026-11-25" in text


def test_the_public_page_needs_no_login_and_shows_the_report(client, shared) -> None:
    response = client.get(shared)
    assert response.status_code == 200
    assert "Pain and practice report for alice" in response.text
    assert "Patient-reported 0–10 pain" in response.text


def test_the_public_page_shows_the_doctors_tables_and_method(client, shared) -> None:
    text = client.get(shared).text
    # Area, n after exercise days, n after other days, difference, reading.
    assert re.search(r'<th scope="row">Back</th><td>\d+</td><td>\d+</td>', text)
    assert "A diary summary, not a diagnosis." in text
    assert "Method and limitations" in text


def test_the_public_page_speaks_of_the_patient_not_to_them(client, shared) -> None:
    text = client.get(shared).text.lower()
    for area in ("back", "hip", "knee"):
        assert f"your {area} pain" not in text


def test_public_answers_are_kept_out_of_caches_referrers_and_search(client, shared) -> None:
    for response in (client.get(shared), client.get("/shared/nonsense/")):
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["X-Robots-Tag"] == "noindex"


def test_the_public_page_has_no_way_into_the_account(client, shared) -> None:
    text = client.get(shared).text
    hrefs = set(re.findall(r'(?:href|src)="([^"]+)"', text)) - {
        "report.pdf",
        "fhir.json",
        "trend.png",
    }
    assert all(href.startswith("/static/") for href in hrefs), hrefs
    assert "<form" not in text


def test_notes_are_hidden_unless_ticked(client, shared) -> None:
    assert "day 3" not in client.get(shared).text


def test_notes_are_shown_when_ticked_but_only_from_the_range(
    client, alice, user, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 30)
    make_entry(user, datetime.date(2026, 10, 1), back=9, note="outside the range")
    text = client.get(share_url(create(alice, include_notes="on"))).text
    assert "day 3" in text
    assert "outside the range" not in text


def test_the_page_shows_the_peg_weeks_without_a_link_into_the_app(
    client, alice, user, frozen_today
) -> None:
    PegCheckIn.objects.create(user=user, week=datetime.date(2026, 11, 16), pain=6, enjoyment=3)
    text = client.get(share_url(create(alice))).text
    assert "Weekly check-in (PEG)" in text
    assert "/journal/check-in/" not in text


def test_the_pdf_downloads_from_the_link(client, shared) -> None:
    response = client.get(shared + "report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"


def test_each_page_view_is_counted_for_the_owner(client, alice, shared) -> None:
    client.get(shared)
    client.get(shared)
    text = alice.get(LINKS).text
    assert "<dt>Views</dt><dd>2</dd>" in text
    assert "25 Nov 2026, 12:00" in text


def test_an_expired_link_is_a_404(client, shared) -> None:
    with time_machine.travel(NOON + datetime.timedelta(days=14, seconds=1)):
        assert client.get(shared).status_code == 404


def test_a_link_still_works_just_before_it_expires(client, shared) -> None:
    with time_machine.travel(NOON + datetime.timedelta(days=13, hours=23)):
        assert client.get(shared).status_code == 200


def test_a_revoked_link_is_a_404_at_once(client, alice, user, shared) -> None:
    link = ShareLink.objects.get(user=user)
    assert alice.post(f"{LINKS}{link.pk}/revoke/").status_code == 302
    assert client.get(shared).status_code == 404
    assert client.get(shared + "report.pdf").status_code == 404
    assert "Ended" in alice.get(LINKS).text


def test_a_tampered_token_is_a_404(client, shared) -> None:
    token = shared.split("/")[2]
    raw, signature = token.split(":")
    flipped = ("A" if raw[0] != "A" else "B") + raw[1:]
    assert client.get(f"/shared/{flipped}:{signature}/").status_code == 404


def test_a_guessed_token_with_a_valid_signature_is_a_404(client, shared) -> None:
    from django.core import signing

    guess = signing.Signer(salt=sharing.SIGNER_SALT).sign("a" * 43)
    assert client.get(f"/shared/{guess}/").status_code == 404


def test_the_stored_hash_is_compared_in_constant_time(shared, monkeypatch) -> None:
    calls = []
    real = sharing.hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(sharing.hmac, "compare_digest", spy)
    token = shared.split("/")[2]
    assert sharing.find_live_link(token, timezone.now()) is not None
    assert len(calls) == 1


def test_guessing_is_slowed_down_with_a_429_and_retry_after(client, shared) -> None:
    for n in range(sharing.GUESS_LIMIT):
        assert client.get(f"/shared/guess-{n}/").status_code == 404
    response = client.get(shared)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    assert response["Cache-Control"] == "no-store"


def test_guessing_from_one_address_does_not_block_another(client, shared) -> None:
    for n in range(sharing.GUESS_LIMIT):
        client.get(f"/shared/guess-{n}/", REMOTE_ADDR="203.0.113.9")
    assert client.get(shared, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_the_block_ends_after_the_window(client, shared) -> None:
    for n in range(sharing.GUESS_LIMIT):
        client.get(f"/shared/guess-{n}/")
    with time_machine.travel(NOON + datetime.timedelta(minutes=16)):
        assert client.get(shared).status_code == 200


def test_a_public_page_cannot_be_posted_to(client, shared) -> None:
    assert client.post(shared).status_code == 405


def test_your_links_lists_only_your_own(client_of, outsider, shared) -> None:
    assert "25 Nov 2026" not in client_of(outsider).get(LINKS).text


def test_an_outsider_cannot_revoke_someone_elses_link(client_of, outsider, user, shared) -> None:
    link = ShareLink.objects.get(user=user)
    assert client_of(outsider).post(f"{LINKS}{link.pk}/revoke/").status_code == 404
    assert ShareLink.objects.get(pk=link.pk).revoked_at is None


def test_the_owner_pages_need_a_login(client, db) -> None:
    assert client.get(LINKS).status_code == 302
    assert client.get(NEW).status_code == 302


def test_revoking_needs_a_post(alice, user, shared) -> None:
    link = ShareLink.objects.get(user=user)
    assert alice.get(f"{LINKS}{link.pk}/revoke/").status_code == 405


@pytest.mark.parametrize("days", [10, 1000])
def test_the_public_page_costs_the_same_queries_however_long_the_journal(
    client, alice, user, catalog, frozen_today, django_assert_num_queries, days: int
) -> None:
    make_entries(user, frozen_today, days)
    url = share_url(create(alice, start="2020-01-01", include_notes="on"))
    # The link, the view count, the report's three, the person's routine (two) and main
    # area, its factors' two and medicine changes' one, a finished experiment, the PEG weeks
    # and the notes.
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("links", [1, 20])
def test_your_links_costs_the_same_queries_however_many_links(
    alice, user, frozen_today, django_assert_num_queries, links: int
) -> None:
    for n in range(links):
        make_share_link(user, frozen_today, frozen_today, hours_ago=2 + links - n)
    # The user and the links (the session comes from the cache).
    with django_assert_num_queries(2):
        assert alice.get(LINKS).status_code == 200
