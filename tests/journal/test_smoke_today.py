from tests.factories import make_entry


def test_it_shows_todays_form_with_a_row_per_area(alice, catalog, frozen_today) -> None:
    response = alice.get("/journal/today/")
    assert response.status_code == 200
    for label in ("Back", "Hip", "Knee"):
        assert f">{label}</legend>" in response.text


def test_it_checks_not_rated_for_an_area_left_empty(alice, user, catalog, frozen_today) -> None:
    make_entry(user, frozen_today, back=3)
    response = alice.get("/journal/today/")
    assert 'value="" class="btn-check" id="id_hip_0" checked' in response.text
