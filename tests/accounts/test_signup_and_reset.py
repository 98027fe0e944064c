import re

from django.contrib.auth import get_user_model

from accounts.models import Profile, profile_of
from tests.factories import PASSWORD, make_user
from tests.queue import sent_mail

NEW_PASSWORD = "another-long-password-77"


def sign_up(client, **fields: str) -> object:
    data = {"username": "newcomer", "password1": PASSWORD, "password2": PASSWORD}
    data.update(fields)
    return client.post("/accounts/signup/", data)


def link_in(message: object, pattern: str) -> str:
    return re.search(rf"https?://[^/\s]+({pattern})", message.body)[1]


def test_sign_up_asks_for_an_optional_email_and_says_why(client, db) -> None:
    page = client.get("/accounts/signup/").text
    assert "Email address (optional)" in page
    assert "To recover your account and receive reminders." in page
    assert 'data-browser-time-zone="propose"' in page
    assert '<script src="/static/js/time-zone.js" defer></script>' in page


def test_signing_up_with_an_email_sends_a_link_that_confirms_it(client, catalog) -> None:
    response = sign_up(client, email="new@example.org", time_zone="America/Los_Angeles")
    assert response["Location"] == "/journal/today/"
    user = get_user_model().objects.get(username="newcomer")
    assert user.email == "new@example.org"
    assert profile_of(user).time_zone == "America/Los_Angeles"
    assert not profile_of(user).email_confirmed
    (message,) = sent_mail()
    assert message.to == ["new@example.org"]
    client.post(link_in(message, r"/accounts/confirm-email/\S+/"))
    assert Profile.objects.get(user=user).confirmed_email == "new@example.org"


def test_signing_up_without_an_email_sends_nothing(client, catalog) -> None:
    assert sign_up(client)["Location"] == "/journal/today/"
    assert sent_mail() == []
    assert get_user_model().objects.get(username="newcomer").profile.time_zone == "Europe/London"


def test_sign_up_refuses_a_malformed_email_and_saves_nothing(client, db) -> None:
    response = sign_up(client, email="new@@example")
    assert response.status_code == 400
    assert "Enter an email address such as name@example.org" in response.text
    assert not get_user_model().objects.filter(username="newcomer").exists()


def test_sign_up_refuses_an_unknown_time_zone_and_saves_nothing(client, db) -> None:
    response = sign_up(client, time_zone="Europe/Atlantis")
    assert response.status_code == 400
    assert "“Europe/Atlantis” is not a time zone we know" in response.text
    assert not get_user_model().objects.filter(username="newcomer").exists()


def confirmed(username: str, email: str) -> object:
    user = make_user(username, email=email)
    profile_of(user).confirm_email(email)
    return user


def test_a_reset_link_goes_to_a_confirmed_address_and_sets_a_new_password(client, db) -> None:
    confirmed("bob", "bob@example.org")
    response = client.post("/accounts/password_reset/", {"email": "BOB@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    (message,) = sent_mail()
    assert message.to == ["bob@example.org"]
    assert "Your username is bob." in message.body
    form_url = client.get(link_in(message, r"/accounts/reset/\S+/"))["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.post("/accounts/login/", {"username": "bob", "password": NEW_PASSWORD})
    assert response["Location"] == "/journal/today/"
    assert get_user_model().objects.get(username="bob").check_password(NEW_PASSWORD)


def test_no_reset_mail_goes_to_an_unconfirmed_address(client, db) -> None:
    make_user("bob", email="bob@example.org")
    carol = confirmed("carol", "carol@example.org")
    carol.email = "carol@new.example.org"  # changed, not confirmed again
    carol.save()
    for address in ("bob@example.org", "carol@new.example.org", "nobody@example.org"):
        response = client.post("/accounts/password_reset/", {"email": address}, follow=True)
        assert "If an account has that address and it was confirmed" in response.text
    assert sent_mail() == []


def test_the_reset_page_says_where_the_link_goes(client, db) -> None:
    page = client.get("/accounts/password_reset/").text
    assert "Enter the email address you confirmed on your account page." in page
    response = client.post("/accounts/password_reset/", {"email": "not an address"})
    assert "Enter an email address such as name@example.org." in response.text


def test_the_login_page_links_to_the_reset_page_in_words_that_match(client, db) -> None:
    page = client.get("/accounts/login/").text
    assert '<a href="/accounts/password_reset/">Get a link by email to choose a new one</a>' in page
    assert "sent to the address you confirmed on your account page" in page


def test_the_lockout_page_links_to_the_reset_page_in_words_that_match(client, db) -> None:
    make_user("alice")
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 429
    assert '<a href="/accounts/password_reset/">get a link by email to choose a new one</a>' in (
        response.text
    )
    assert "sent only to an address you confirmed on your account page" in response.text
