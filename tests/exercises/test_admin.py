import pytest
from django.test import Client

from exercises.models import SAFETY_FIELDS, Exercise
from tests.factories import make_user

CHANGE_URL = "/admin/exercises/exercise/{pk}/change/"


@pytest.fixture
def curator(db: None, client_of) -> Client:
    return client_of(make_user("curator", is_staff=True, is_superuser=True))


def change_form_data(exercise: Exercise, **changes: object) -> dict[str, object]:
    data = {
        field: getattr(exercise, field)
        for field in [
            "name",
            "slug",
            "order",
            "summary",
            "instructions",
            "why_it_helps",
            "position",
            "equipment",
            "hold_seconds",
            "rest_seconds",
            "repetitions_min",
            "repetitions_max",
            "duration_seconds",
            *SAFETY_FIELDS,
        ]
    }
    data["is_active"] = "on" if exercise.is_active else ""
    data.update(drawing_forms(exercise))
    data.update(changes)
    return {key: "" if value is None else value for key, value in data.items()}


def drawing_forms(exercise: Exercise) -> dict[str, object]:
    """The drawings' inline forms as the change page sends them, nothing replaced."""
    drawings = list(exercise.drawings.order_by("phase"))
    data: dict[str, object] = {
        "drawings-TOTAL_FORMS": len(drawings),
        "drawings-INITIAL_FORMS": len(drawings),
        "drawings-MIN_NUM_FORMS": 0,
        "drawings-MAX_NUM_FORMS": 2,
    }
    for index, drawing in enumerate(drawings):
        prefix = f"drawings-{index}-"
        data.update(
            {
                f"{prefix}id": drawing.pk,
                f"{prefix}exercise": exercise.pk,
                f"{prefix}phase": drawing.phase,
                f"{prefix}caption": drawing.caption,
                f"{prefix}alt_text": drawing.alt_text,
            }
        )
    return data


def test_a_curators_edit_shows_on_the_public_page_at_once(curator, client, catalog) -> None:
    exercise = Exercise.objects.get(slug="toe-presses")
    response = curator.post(
        CHANGE_URL.format(pk=exercise.pk),
        change_form_data(exercise, summary="Press, hold for three, let go."),
    )
    assert response.status_code == 302
    assert "Press, hold for three, let go." in client.get("/exercises/").text
    assert "Press, hold for three, let go." in client.get("/exercises/toe-presses/").text


def test_a_curator_can_change_the_hold_time(curator, catalog) -> None:
    exercise = Exercise.objects.get(slug="toe-gripping")
    curator.post(CHANGE_URL.format(pk=exercise.pk), change_form_data(exercise, hold_seconds=12))
    assert Exercise.objects.get(slug="toe-gripping").hold_seconds == 12


def test_the_admin_explains_fewer_maximum_than_minimum_repetitions(curator, catalog) -> None:
    exercise = Exercise.objects.get(slug="flexing-the-small-foot-muscles")
    response = curator.post(
        CHANGE_URL.format(pk=exercise.pk),
        change_form_data(exercise, repetitions_min=6, repetitions_max=4),
    )
    assert response.status_code == 200
    assert "cannot be fewer than the least" in response.text
    assert Exercise.objects.get(pk=exercise.pk).repetitions_max == 5


def test_the_admin_list_searches_the_exercise_texts(curator, catalog) -> None:
    response = curator.get("/admin/exercises/exercise/", {"q": "bedpost"})
    assert "Flexing the small muscles of the foot" in response.text
    assert "Ankle circles" not in response.text


def test_the_admin_list_filters_by_position(curator, catalog) -> None:
    response = curator.get("/admin/exercises/exercise/", {"position__exact": "standing"})
    assert "Toe presses" in response.text
    assert "Walking on your toes" not in response.text


@pytest.mark.parametrize(
    ("who", "url"),
    [
        pytest.param("alice", "/admin/exercises/exercise/", id="a person not staff, the list"),
        pytest.param("client", CHANGE_URL.format(pk=1), id="a visitor, an exercise"),
        pytest.param("client", "/admin/", id="a visitor, the admin's home"),
        pytest.param("alice", "/admin/auth/user/", id="a person not staff, the accounts"),
    ],
)
def test_the_admin_sends_anyone_not_staff_to_its_login(
    request, catalog, who: str, url: str
) -> None:
    response = request.getfixturevalue(who).get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_curators_edit_of_a_safety_text_shows_on_the_exercise_page(curator, client, catalog):
    exercise = Exercise.objects.get(slug="toe-gripping")
    curator.post(
        CHANGE_URL.format(pk=exercise.pk),
        change_form_data(exercise, support="Hold the kitchen worktop with both hands."),
    )
    assert (
        "Hold the kitchen worktop with both hands." in client.get("/exercises/toe-gripping/").text
    )
