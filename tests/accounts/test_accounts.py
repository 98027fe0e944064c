import re

from django.contrib.auth import get_user_model

from accounts.models import profile_of
from tests.factories import PASSWORD, make_user
from tests.queue import sent_mail

NEW_PASSWORD = "another-long-password-77"


def test_signing_up_creates_the_account_and_opens_today(client, catalog, frozen_today) -> None:
    response = client.post(
        "/accounts/signup/",
        {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/journal/today/"
    assert "Welcome! Rate today" in response.text
    assert get_user_model().objects.filter(username="newcomer").exists()


def test_signing_up_refuses_a_weak_password_with_a_reason(client, db) -> None:
    response = client.post(
        "/accounts/signup/", {"username": "newcomer", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 400
    assert "This password is too short" in response.text
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_signing_up_refuses_a_taken_username(client, user) -> None:
    response = client.post(
        "/accounts/signup/", {"username": "alice", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 400
    assert "A user with that username already exists." in response.text


def test_a_logged_in_user_who_opens_sign_up_goes_to_today(alice) -> None:
    assert alice.get("/accounts/signup/")["Location"] == "/journal/today/"


def test_logging_in_opens_today(client, user) -> None:
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response["Location"] == "/journal/today/"


def test_logging_in_with_a_wrong_password_says_so(client, user) -> None:
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.text


def test_logging_out_takes_a_post_and_ends_the_session(alice) -> None:
    response = alice.post("/accounts/logout/")
    assert response["Location"] == "/"
    assert alice.get("/journal/today/").status_code == 302


def test_changing_the_password_needs_the_old_one(alice, user) -> None:
    response = alice.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == "/accounts/password_change/done/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client, db) -> None:
    bob = make_user("bob", email="bob@example.org")
    profile_of(bob).confirm_email("bob@example.org")
    client.post("/accounts/password_reset/", {"email": "bob@example.org"})
    assert len(sent_mail()) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", sent_mail()[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert get_user_model().objects.get(username="bob").check_password(NEW_PASSWORD)


def test_the_navigation_offers_the_journal_pages_and_a_log_out_button(
    alice, catalog, frozen_today
) -> None:
    for url in ["/journal/today/", "/journal/history/", "/journal/reports/", "/exercises/"]:
        response = alice.get(url)
        assert response.status_code == 200, url
        for text in (">Today</a>", ">History</a>", ">Reports</a>", ">Exercises</a>"):
            assert text in response.text, (url, text)
        assert 'action="/accounts/logout/"' in response.text
        assert ">Log out</button>" in response.text


def test_the_home_page_invites_a_visitor_to_sign_up(client, db) -> None:
    response = client.get("/")
    assert 'href="/accounts/signup/"' in response.text
    assert ">Today</a>" not in response.text


def test_the_home_page_takes_a_logged_in_user_to_today(alice) -> None:
    assert alice.get("/")["Location"] == "/journal/today/"


def test_a_used_or_broken_reset_link_says_it_is_no_longer_valid(client, user) -> None:
    response = client.get("/accounts/reset/MQ/set-password/")
    assert response.status_code == 200
    assert "This password reset link is no longer valid" in response.text
