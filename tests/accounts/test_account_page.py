import datetime
import re

import pytest
import time_machine
from django.test import Client

from accounts.models import Profile, profile_of
from accounts.tokens import unsubscribe_token
from journal.reports.doctor import Patient
from tests.factories import PASSWORD, make_user
from tests.queue import sent_mail

SETTINGS = "/accounts/settings/"


def form_data(**changes: object) -> dict[str, object]:
    data = {
        "display_name": "",
        "date_of_birth": "",
        "email": "",
        "time_zone": "Europe/London",
        "reminder_time": "20:00",
        "reminder_days": [str(d) for d in range(7)],
        # Changing the address asks for the password; other changes ignore it.
        "current_password": PASSWORD,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def confirmation_path() -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", sent_mail()[-1].body)[1]


def test_the_account_page_needs_a_login(client, db) -> None:
    response = client.get(SETTINGS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_navigation_links_to_the_account_page(alice, catalog, frozen_today) -> None:
    assert f'href="{SETTINGS}"' in alice.get("/journal/today/").text


def test_it_shows_only_the_persons_own_details(client_of, user, outsider) -> None:
    user.email = "alice@example.org"
    user.save()
    profile = profile_of(user)
    profile.display_name = "Alice Example"
    profile.save()
    page = client_of(outsider).get(SETTINGS).text
    assert "mallory" in page
    assert "alice@example.org" not in page
    assert "Alice Example" not in page
    assert "alice@example.org" in client_of(user).get(SETTINGS).text


def test_it_saves_name_birth_date_time_zone_and_reminders(alice, user, frozen_today) -> None:
    response = alice.post(
        SETTINGS,
        form_data(
            display_name="Alice Example",
            date_of_birth="1958-03-21",
            time_zone="Pacific/Auckland",
            reminders_enabled="on",
            email="alice@example.org",
            reminder_time="07:30",
            reminder_days=["0", "2", "4"],
        ),
    )
    assert response["Location"] == SETTINGS
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Alice Example"
    assert profile.date_of_birth == datetime.date(1958, 3, 21)
    assert profile.time_zone == "Pacific/Auckland"
    assert profile.reminders_enabled
    assert profile.reminder_time == datetime.time(7, 30)
    assert profile.reminder_weekdays == [0, 2, 4]


def test_the_chosen_name_is_printed_on_the_doctors_report_instead_of_the_username(
    alice, user
) -> None:
    assert Patient.of(user).name == "alice"
    alice.post(SETTINGS, form_data(display_name="Alice Example"))
    user.refresh_from_db()
    assert Patient.of(type(user).objects.get(pk=user.pk)).name == "Alice Example"


def test_an_unknown_time_zone_is_refused_with_a_clear_message(alice, user) -> None:
    response = alice.post(SETTINGS, form_data(time_zone="Mars/Olympus_Mons", display_name="X"))
    assert response.status_code == 400
    assert "“Mars/Olympus_Mons” is not a time zone we know" in response.text
    profile = Profile.objects.get(user=user)
    assert (profile.time_zone, profile.display_name) == ("Europe/London", "")


def test_a_malformed_email_is_refused_with_a_clear_message(alice, user) -> None:
    response = alice.post(SETTINGS, form_data(email="alice@", display_name="X"))
    assert response.status_code == 400
    assert "Enter an email address such as name@example.org" in response.text
    user.refresh_from_db()
    assert user.email == ""
    assert Profile.objects.get(user=user).display_name == ""
    assert sent_mail() == []


def test_a_birth_date_in_the_future_is_refused(alice, user, frozen_today) -> None:
    response = alice.post(SETTINGS, form_data(date_of_birth="2027-01-01"))
    assert response.status_code == 400
    assert "Enter a date of birth between 1900 and today" in response.text
    assert Profile.objects.get(user=user).date_of_birth is None


def test_reminders_need_a_day_and_an_address(alice, user) -> None:
    response = alice.post(SETTINGS, form_data(reminders_enabled="on", reminder_days=[]))
    assert response.status_code == 400
    assert "Choose at least one day, or turn the reminder off." in response.text
    assert "Reminders by email need your address: add it, or choose a notification." in (
        response.text
    )
    assert not Profile.objects.get(user=user).reminders_enabled


def test_a_new_address_gets_a_confirmation_link_that_confirms_it(alice, user, client) -> None:
    alice.post(SETTINGS, form_data(email="alice@example.org"))
    assert [m.to for m in sent_mail()] == [["alice@example.org"]]
    assert "is not confirmed yet" in alice.get(SETTINGS).text
    # The link works without logging in: it is opened from the mail program.
    response = client.post(confirmation_path())
    assert response.status_code == 200
    assert "alice@example.org</strong> is confirmed" in response.text
    assert profile_of(type(user).objects.get(pk=user.pk)).email_confirmed
    assert "is confirmed (since" in alice.get(SETTINGS).text


def test_saving_without_changing_the_address_sends_no_new_link(alice) -> None:
    alice.post(SETTINGS, form_data(email="alice@example.org"))
    alice.post(SETTINGS, form_data(email="alice@example.org", display_name="Alice"))
    assert len(sent_mail()) == 1


def test_the_link_can_be_sent_again(alice) -> None:
    alice.post(SETTINGS, form_data(email="alice@example.org"))
    response = alice.post("/accounts/settings/confirm-again/")
    assert response["Location"] == SETTINGS
    assert len(sent_mail()) == 2


def test_an_expired_confirmation_link_says_so_and_confirms_nothing(alice, user, client) -> None:
    alice.post(SETTINGS, form_data(email="alice@example.org"))
    path = confirmation_path()
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=4)):
        response = client.post(path)
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.text
    assert not Profile.objects.get(user=user).confirmed_email


def test_a_tampered_confirmation_link_says_so_and_confirms_nothing(alice, user, client) -> None:
    alice.post(SETTINGS, form_data(email="alice@example.org"))
    path = confirmation_path()
    response = client.post(path[:-6] + ("A" if path[-6] != "A" else "B") + path[-5:])
    assert response.status_code == 400
    assert "This confirmation link is damaged or incomplete" in response.text
    response = client.post("/accounts/confirm-email/not-a-token/")
    assert response.status_code == 400
    assert not Profile.objects.get(user=user).confirmed_email


def test_a_link_for_an_address_since_replaced_confirms_nothing(alice, user, client) -> None:
    alice.post(SETTINGS, form_data(email="old@example.org"))
    old_link = confirmation_path()
    alice.post(SETTINGS, form_data(email="new@example.org"))
    response = client.post(old_link)
    assert response.status_code == 400
    assert "no longer on the account" in response.text
    assert not Profile.objects.get(user=user).confirmed_email


def test_a_new_address_waits_while_the_confirmed_one_stays_in_use(alice, user) -> None:
    alice.post(SETTINGS, form_data(email="alice@example.org"))
    alice.post(confirmation_path())
    alice.post(SETTINGS, form_data(email="alice@new.example.org"))
    user.refresh_from_db()
    assert user.email == "alice@example.org"
    assert profile_of(user).email_confirmed
    assert profile_of(user).pending_email == "alice@new.example.org"
    assert (
        "to change your address to <strong>alice@new.example.org</strong>"
        in alice.get(SETTINGS).text
    )


def test_an_account_without_a_profile_gets_one_on_its_first_page(client_of, db) -> None:
    old = make_user("old-timer")
    Profile.objects.filter(user=old).delete()
    assert client_of(old).get(SETTINGS).status_code == 200
    assert Profile.objects.filter(user=old).exists()


def test_a_curator_can_list_and_open_profiles_in_the_admin(client, db) -> None:
    admin = make_user("curator", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/accounts/profile/").status_code == 200
    assert client.get(f"/admin/accounts/profile/{admin.pk}/change/").status_code == 200


@pytest.mark.parametrize(
    "name",
    ["Alice\r\nDr Evil", "Alice\nExample", "Alice\u202eelpmaxE", "Alice\u2066Example", "A\tB"],
    ids=["CR LF", "LF", "right-to-left override", "left-to-right isolate", "tab"],
)
def test_a_name_with_line_breaks_or_direction_marks_is_refused_with_a_clear_message(
    alice, user, name
) -> None:
    response = alice.post(SETTINGS, form_data(display_name=name))
    assert response.status_code == 400
    assert "Type your name on one line, without invisible characters" in response.text
    assert Profile.objects.get(user=user).display_name == ""


def test_turning_reminders_back_on_ends_the_old_links_that_stop_them(alice, user) -> None:
    reminded = form_data(reminders_enabled="on", email="alice@example.org")
    alice.post(SETTINGS, reminded)
    old = f"/accounts/unsubscribe/{unsubscribe_token(user.pk)}/"
    alice.post(SETTINGS, form_data(email="alice@example.org"))  # off
    alice.post(SETTINGS, reminded)  # and on again: the old mail's link must not stop them
    anyone = Client()
    response = anyone.post(old, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 400
    assert "from an older reminder" in response.text
    profile = Profile.objects.get(user=user)
    assert profile.reminders_enabled
    fresh = f"/accounts/unsubscribe/{unsubscribe_token(user.pk, profile.unsubscribe_generation)}/"
    assert anyone.post(fresh, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Profile.objects.get(user=user).reminders_enabled
