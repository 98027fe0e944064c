import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import IntegrityError, transaction

from exercises.art import OUTPUT, render
from exercises.drawing_texts import DEFAULT_DRAWINGS
from exercises.models import Drawing, DrawingType, Exercise
from exercises.uploads import clean_svg

SVG = "{http://www.w3.org/2000/svg}"
PNG = b"\x89PNG\r\n\x1a\nnot really, but the view serves what was stored"


def test_the_committed_drawings_are_what_the_generator_draws() -> None:
    for drawing in DEFAULT_DRAWINGS:
        committed = (OUTPUT / f"{drawing.name}.svg").read_text(encoding="utf-8")
        assert committed == render(drawing.name), f"run python -m exercises.art: {drawing.name}"


def test_every_exercise_in_the_catalog_has_a_drawing_for_each_of_its_two_phases(catalog) -> None:
    for exercise in catalog:
        assert list(exercise.drawings.values_list("phase", flat=True)) == [1, 2]


@pytest.mark.parametrize("drawing", DEFAULT_DRAWINGS, ids=lambda d: d.name)
def test_each_drawing_is_a_small_self_contained_svg_titled_with_its_text_alternative(
    drawing,
) -> None:
    text = render(drawing.name)
    root = ET.fromstring(text)  # noqa: S314 (our own drawing)
    assert root.get("viewBox") == "0 0 320 200"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == drawing.alt
    assert len(text.encode()) < 6000
    assert not re.search(r"<script|<style|style=|href|url\(", text)


@pytest.mark.parametrize("drawing", DEFAULT_DRAWINGS, ids=lambda d: d.name)
def test_our_own_drawings_pass_the_checks_a_curators_svg_must_pass(drawing) -> None:
    assert ET.fromstring(clean_svg(render(drawing.name).encode())) is not None  # noqa: S314


def test_the_phases_that_move_show_the_accent_and_the_resting_ones_keep_the_pen_or_scarf() -> None:
    accent = "#c2410c"
    assert accent in render("toe-gripping-held")
    assert accent in render("flexing-the-small-foot-muscles-pulling")
    assert accent not in render("toe-presses-released")
    # The equipment the steps name stays in the picture in both phases.
    assert render("toe-gripping-released").count("#ffffff") >= 2  # the pen's white body
    assert "<ellipse" in render("flexing-the-small-foot-muscles-relaxed")  # the scarf's loop


def test_each_exercise_page_shows_both_drawings_with_their_text_alternatives(
    client, catalog
) -> None:
    page = client.get("/exercises/toe-gripping/").text
    for drawing in Drawing.objects.filter(exercise__slug="toe-gripping"):
        assert f'alt="{drawing.alt_text}"' in page
        assert drawing.caption in page
        assert "/static/exercises/drawings/toe-gripping-" in page


def test_the_catalog_shows_each_exercises_first_drawing(client, catalog) -> None:
    page = client.get("/exercises/").text
    for drawing in Drawing.objects.filter(phase=1):
        assert f'src="{drawing.url}"' in page
    assert "walking-on-your-toes-down.svg" not in page


def test_the_steps_stay_in_text_beside_the_drawings(client, catalog) -> None:
    page = client.get("/exercises/toe-presses/").text
    assert "Bend your toes as if to grip the floor beneath them." in page


def test_the_catalog_costs_the_same_queries_with_drawings(
    client, catalog, django_assert_num_queries
) -> None:
    # One for the exercises and one for all their drawings, however many there are.
    with django_assert_num_queries(2):
        client.get("/exercises/")


def test_a_curators_picture_replaces_the_drawing_at_once_on_the_cached_pages(
    client, catalog
) -> None:
    client.get("/exercises/toe-presses/")
    drawing = Drawing.objects.get(exercise__slug="toe-presses", phase=1)
    drawing.replace_with(PNG, DrawingType.PNG)
    drawing.save()
    page = client.get("/exercises/toe-presses/").text
    assert f"/exercises/drawings/{drawing.pk}-{drawing.upload_hash}.png" in page
    assert "toe-presses-pressed.svg" not in page


def test_an_uploaded_picture_is_served_with_its_type_a_long_cache_and_a_locked_policy(
    client, catalog
) -> None:
    drawing = Drawing.objects.get(exercise__slug="toe-presses", phase=1)
    drawing.replace_with(b"<svg/>", DrawingType.SVG)
    drawing.save()
    response = client.get(drawing.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in response["Cache-Control"]
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "sandbox" in policy
    assert "script-src" not in policy


def test_an_old_address_or_another_type_of_an_upload_is_a_404(client, catalog) -> None:
    drawing = Drawing.objects.get(exercise__slug="toe-presses", phase=1)
    drawing.replace_with(PNG, DrawingType.PNG)
    drawing.save()
    assert client.get(f"/exercises/drawings/{drawing.pk}-0123456789abcdef.png").status_code == 404
    assert client.get(drawing.url.replace(".png", ".svg")).status_code == 404


def test_a_shipped_drawing_has_no_upload_address(client, catalog) -> None:
    drawing = Drawing.objects.get(exercise__slug="toe-presses", phase=1)
    assert client.get(f"/exercises/drawings/{drawing.pk}-.svg").status_code == 404
    assert finders.find(drawing.default_file)


def test_the_database_refuses_a_third_phase_or_a_drawing_without_words(catalog) -> None:
    exercise = Exercise.objects.get(slug="toe-presses")
    bad = [
        {"phase": 3, "caption": "x", "alt_text": "x", "default_file": "x.svg"},
        {"phase": 1, "caption": "x", "alt_text": "x", "default_file": "x.svg"},  # taken
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            Drawing.objects.create(exercise=exercise, **fields)
    other = Exercise.objects.get(slug="ankle-circles")
    other.drawings.all().delete()
    gif = {"upload_type": "image/gif", "upload_hash": "1"}
    for fields in [
        {"phase": 1, "caption": "x", "alt_text": "", "default_file": "x.svg"},
        {"phase": 1, "caption": "x", "alt_text": "x", "default_file": ""},
        {"phase": 1, "caption": "x", "alt_text": "x", **gif},
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Drawing.objects.create(exercise=other, **fields)


def test_loading_the_catalog_again_keeps_a_curators_drawing(catalog) -> None:
    drawing = Drawing.objects.get(exercise__slug="toe-presses", phase=2)
    drawing.alt_text = "The curator's words."
    drawing.save()
    call_command("load_catalog", stdout=io.StringIO())
    assert Drawing.objects.get(pk=drawing.pk).alt_text == "The curator's words."
    assert Drawing.objects.count() == 10
