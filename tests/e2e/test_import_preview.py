"""Importing on a phone: the file is checked, the preview shows yours and the file's version
of a changed day, and nothing changes until a button says what to do (#20 finding 11)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from journal.models import Entry

from .conftest import MEASURE_CONTROLS, PHONE, run_axe
from .pages import IMPORT_FILE, make_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_phone_imports_after_seeing_the_preview_and_choosing(new_page, tmp_path) -> None:
    world = make_world()
    day = world.past_entry.day
    file = tmp_path / "journal.csv"
    file.write_text(IMPORT_FILE.format(day=day))
    page = new_page(world.user, viewport=PHONE)
    # The suite's added CSP re-sends each page request itself, which loses a multipart
    # body; the app's own CSP header still applies.
    page.context.unroute("**/*")
    page.goto(reverse("yourdata:import"))
    page.set_input_files("#id_file", str(file))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    expect(page.get_by_text("Long walk, stiff knee in the evening.", exact=False)).to_be_visible()
    expect(page.get_by_text("edited in a spreadsheet", exact=False)).to_be_visible()
    assert Entry.objects.get(user=world.user, day=day).note.startswith("Long walk")
    assert page.evaluate(MEASURE_CONTROLS) == []
    assert run_axe(page) == []
    page.get_by_role("button", name="replace 1 of mine with the file's").click()
    expect(page.get_by_text("1 day added, 1 day replaced")).to_be_visible()
    assert Entry.objects.get(user=world.user, day=day).note == "edited in a spreadsheet"
