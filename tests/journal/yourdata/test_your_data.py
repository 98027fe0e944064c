import pytest

from tests.factories import make_entries

PAGES = [
    "/accounts/data/",
    "/accounts/data/export.csv",
    "/accounts/data/export.json",
    "/accounts/data/import/",
    "/accounts/delete/",
]


@pytest.mark.parametrize("url", PAGES)
def test_it_sends_visitors_to_the_login_page(client, db, url) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_it_links_your_data_from_the_account_menu(alice, catalog, frozen_today) -> None:
    assert 'href="/accounts/data/">Your data</a>' in alice.get("/journal/today/").text


def test_it_summarises_the_journal_in_one_query(
    alice, user, catalog, frozen_today, django_assert_num_queries
) -> None:
    make_entries(user, frozen_today, 40)
    # The user, then the summary (the session comes from the cache).
    with django_assert_num_queries(2):
        response = alice.get("/accounts/data/")
    assert "Your journal has 40 days, from 17 October 2026 to 25 November 2026." in response.text


def test_it_counts_only_the_logged_in_users_days(alice, outsider, catalog, frozen_today) -> None:
    make_entries(outsider, frozen_today, 5)
    assert "Your journal is empty." in alice.get("/accounts/data/").text


@pytest.mark.parametrize("url", ["/accounts/data/import/", "/accounts/delete/"])
def test_it_ignores_posts_from_visitors(client, user, catalog, frozen_today, url) -> None:
    make_entries(user, frozen_today, 2)
    response = client.post(url, {"password": "a-long-test-password-42", "on_existing": "replace"})
    assert response.status_code == 302
    assert user.entries.count() == 2
