import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from journal.models import Entry
from tests.factories import PASSWORD, make_entry, make_user

from .conftest import run_axe
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def rate(page, area: str, value: str) -> None:
    # The radios are drawn as buttons: a person taps the label.
    page.get_by_role("group", name=area, exact=True).get_by_text(value, exact=True).click()


def back_rating(page):
    return page.locator(".entry-row").get_by_role("definition").first


def test_it_signs_up_and_logs_the_first_day(new_page, console, catalog_loaded) -> None:
    page = new_page()
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Username").fill("newcomer")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    rate(page, "Back", "3")
    rate(page, "Knee", "7")
    page.get_by_label("Toe gripping").check()
    page.get_by_label("Note").fill("First day.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.get_by_role("link", name="History").first.click()
    expect(page.get_by_text("1 day logged")).to_be_visible()
    expect(page.locator(".entry-row")).to_contain_text("Toe gripping")
    entry = Entry.objects.get(user__username="newcomer")
    assert (entry.back, entry.hip, entry.knee, entry.note) == (3, None, 7, "First day.")
    assert console.unexpected() == []


def test_it_resaves_today_as_one_entry(new_page, console, catalog_loaded) -> None:
    user = make_user("alice")
    page = new_page(user)
    page.goto(reverse("journal:today"))
    rate(page, "Back", "6")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.reload()  # opened again later: the page says the day is saved
    expect(page.get_by_text("Already saved; saving again updates it.")).to_be_visible()
    rate(page, "Back", "2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.goto(reverse("journal:history"))
    expect(page.get_by_text("1 day logged")).to_be_visible()
    expect(back_rating(page)).to_have_text("2 out of 10")
    assert Entry.objects.filter(user=user).count() == 1
    assert console.unexpected() == []


def test_it_corrects_a_past_day(new_page, console, catalog_loaded, today) -> None:
    user = make_user("alice")
    day = today - datetime.timedelta(days=3)
    make_entry(user, day, back=7, note="Bad day.")
    page = new_page(user)
    page.goto(reverse("journal:history"))
    page.get_by_role("link", name=f"Edit {day.day} {day:%B %Y}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{day:%A} {day.day} {day:%B %Y}")
    rate(page, "Back", "2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.goto(reverse("journal:history"))
    expect(back_rating(page)).to_have_text("2 out of 10")
    assert Entry.objects.get(user=user, day=day).back == 2
    assert Entry.objects.get(user=user, day=day).note == "Bad day."
    assert console.unexpected() == []


def test_it_shows_the_reports_page_with_its_charts_loaded(new_page, console) -> None:
    page = new_page(make_world().user)
    page.goto(reverse("journal:reports"))
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()
    # Lazy images load only once scrolled to; every chart must then have real pixels.
    for image in page.locator("main img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('main img')].every(i => i.complete)"
    )
    images = page.evaluate(
        "() => [...document.querySelectorAll('main img')]"
        ".map(i => ({src: i.currentSrc, width: i.naturalWidth, alt: i.alt.trim()}))"
    )
    assert len(images) == 3  # trend, practice against pain, adherence
    assert [i for i in images if i["width"] == 0 or not i["alt"]] == []
    # The page leads with one sentence per area, the back's first.
    summary = page.get_by_role("region", name="The day after your routine")
    expect(summary.locator("li").first).to_contain_text("Back:")
    assert console.unexpected() == []


def test_it_shows_a_curators_edit_to_every_user(new_page, console, catalog_loaded) -> None:
    curator = make_user("carol", is_staff=True, is_superuser=True)
    admin = new_page(curator)
    admin.goto(reverse("admin:exercises_exercise_changelist"))
    admin.get_by_role("link", name="Toe gripping").click()
    admin.get_by_label("Summary").fill(
        "Pick up a pencil with your toes and hold it for 20 seconds."
    )
    admin.get_by_label("Hold seconds").fill("20")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("was changed successfully")

    reader = new_page(make_user("alice"))
    reader.goto(reverse("exercises:list"))
    expect(reader.get_by_text("Pick up a pencil with your toes")).to_be_visible()
    reader.clock.install()
    reader.goto(reverse("journal:routine"))
    reader.get_by_role("button", name="Start routine").click()
    reader.get_by_role("button", name="Skip").click()
    reader.get_by_role("button", name="Skip").click()
    expect(reader.locator("#routine-exercise")).to_have_text("Toe gripping")
    reader.clock.run_for(10_000)
    expect(reader.locator("[data-field=phase]")).to_have_text("Lift the pen and hold (1 of 4)")
    expect(reader.get_by_role("timer")).to_have_text("0:20")
    assert console.unexpected() == []


def test_it_shows_the_not_found_page_to_an_outsider(new_page, console, catalog_loaded) -> None:
    owner = make_user("alice")
    entry = make_entry(owner, datetime.date(2026, 1, 5), back=4, note="private")
    page = new_page(make_user("mallory"))
    console.allow(r"status of 404")
    response = page.goto(reverse("journal:entry", args=[entry.pk]))
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_text("private")).to_have_count(0)
    assert run_axe(page) == []
    assert console.unexpected() == []


def test_it_reports_an_inline_style_as_a_console_error(new_page, console) -> None:
    # The console checks above can fail: the test CSP refuses inline styles and says so.
    page = new_page()
    page.goto("/")
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            "() => document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')"
        )
    assert any("Content Security Policy" in error for error in console.errors)
    console.allow("Content Security Policy")
