"""The nav bar is kept in each worker's memory per page and account: it must still name the
right person, mark the right page, and carry each browser's own logout token."""

import re

from django.test import Client

from tests.factories import make_user


def logout_token(html: str) -> str:
    form = html[html.index('action="/accounts/logout/"') :]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)


def test_each_person_sees_their_own_account_in_the_nav(client_of, catalog) -> None:
    alice, bob = make_user("alice"), make_user("bob")
    assert (
        'Account<span class="visually-hidden">: alice</span>'
        in client_of(alice).get("/exercises/").text
    )
    page = client_of(bob).get("/exercises/").text
    assert 'Account<span class="visually-hidden">: bob</span>' in page
    assert ": alice</span>" not in page


def test_the_admin_link_shows_for_staff_only(client_of, catalog) -> None:
    curator = make_user("curator", is_staff=True)
    assert 'href="/admin/"' in client_of(curator).get("/exercises/").text
    assert 'href="/admin/"' not in client_of(make_user("patient")).get("/exercises/").text


def test_the_nav_marks_the_page_that_is_open(alice, catalog) -> None:
    today = alice.get("/journal/today/").text
    history = alice.get("/journal/history/").text
    assert 'active" aria-current="page" href="/journal/today/"' in today
    assert 'active" aria-current="page" href="/journal/history/"' in history
    assert 'active" aria-current="page" href="/journal/today/"' not in history


def test_a_visitor_gets_log_in_and_sign_up_not_log_out(client, alice, catalog) -> None:
    alice.get("/exercises/")
    page = client.get("/exercises/").text
    assert 'href="/accounts/login/"' in page
    assert ">Log out</button>" not in page


def test_logging_out_works_from_every_browser_with_a_cached_nav(user, catalog) -> None:
    phone, laptop = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    phone.force_login(user)
    laptop.force_login(user)
    phone_token = logout_token(phone.get("/exercises/").text)
    laptop_token = logout_token(laptop.get("/exercises/").text)
    assert phone_token != laptop_token
    for browser, token in ((laptop, laptop_token), (phone, phone_token)):
        response = browser.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
        assert response.status_code == 302
        assert browser.get("/journal/today/").status_code == 302  # to the login page


def test_a_person_made_staff_sees_the_admin_link_on_the_next_page(user, alice, catalog) -> None:
    assert 'href="/admin/"' not in alice.get("/exercises/").text
    user.is_staff = True
    user.save()
    assert 'href="/admin/"' in alice.get("/exercises/").text
