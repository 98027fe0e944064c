import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from tests.factories import make_entry, make_user

SECRET_DETAIL = "entry 4711 of alice: back=9"


def explode(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET_DETAIL)


# Used through @pytest.mark.urls: the project's URLs plus one view that fails.
urlpatterns = [path("boom/", explode), path("", include("footcare.urls"))]

# What Django's technical pages show with DEBUG on; pytest runs with DEBUG off like production.
INTERNALS = ("Traceback", "Using the URLconf", "DEBUG = True", "Request Method", "RuntimeError")


def shows_internals(html: str) -> list[str]:
    return [marker for marker in (*INTERNALS, SECRET_DETAIL) if marker in html]


def test_a_missing_page_gets_our_404_without_internals(client, db) -> None:
    response = client.get("/journal/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert shows_internals(response.text) == []


def test_another_users_entry_is_the_same_404(alice, outsider, frozen_today) -> None:
    theirs = make_entry(outsider, frozen_today, back=7)
    response = alice.get(f"/journal/entries/{theirs.pk}/")
    assert response.status_code == 404
    assert "Page not found" in response.text


@pytest.mark.urls("tests.footcare.test_error_pages")
def test_a_crash_gets_our_500_without_internals(db) -> None:
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert shows_internals(response.text) == []


def test_an_expired_form_gets_our_csrf_page_without_internals(db) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "The form expired" in response.text
    assert "CSRF" not in response.text


def test_the_admin_refuses_to_log_in_a_person_who_is_not_staff(user, db) -> None:
    response = Client().post(
        "/admin/login/", {"username": "alice", "password": "a-long-test-password-42"}
    )
    assert response.status_code == 200
    assert "staff account" in response.text


def test_the_admin_opens_for_staff(client_of, db) -> None:
    staff = client_of(make_user("sam", is_staff=True, is_superuser=True))
    assert staff.get("/admin/").status_code == 200
