import pytest
from django.urls import reverse

from .conftest import HORIZONTAL_OVERFLOW, MEASURE_CONTROLS, PHONE, run_axe
from .pages import make_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_control_of_the_account_page_is_large_enough_on_a_phone(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("accounts:settings"))
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0
    assert page.evaluate(MEASURE_CONTROLS) == []
    assert run_axe(page) == []


def test_the_email_prompt_on_today_fits_a_phone_and_no_thanks_removes_it(new_page) -> None:
    page = new_page(make_world().user, viewport=PHONE)
    page.goto(reverse("journal:today"))
    prompt = page.get_by_text("Add an email address to get back in")
    assert prompt.is_visible()
    assert page.evaluate(MEASURE_CONTROLS) == []
    page.get_by_role("button", name="No, thanks").click()
    page.get_by_text("We won't ask again.").wait_for()
    assert not prompt.is_visible()
