"""A journal day begins at the person's own midnight: Today, the future-day rule, the
routine's save and the reports follow the zone on their account page."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from accounts.models import Profile, profile_of
from journal.models import Entry
from tests.factories import make_entry, make_user

# 20:00 on Wednesday 25 November in London is 09:00 on Thursday 26 November in Auckland.
LONDON_EVENING = datetime.datetime(2026, 11, 25, 20, 0, tzinfo=datetime.UTC)


def in_zone(username: str, zone: str) -> object:
    user = make_user(username)
    Profile.objects.filter(user=user).update(time_zone=zone)
    return user


@pytest.fixture
def london_evening():
    with time_machine.travel(LONDON_EVENING, tick=False):
        yield


def test_a_person_in_auckland_has_a_different_today_from_a_person_in_london(
    client_of, catalog, london_evening
) -> None:
    kiri = client_of(in_zone("kiri", "Pacific/Auckland"))
    alice = client_of(in_zone("alice", "Europe/London"))
    assert "Thursday 26 November 2026" in kiri.get("/journal/today/").text
    assert "Wednesday 25 November 2026" in alice.get("/journal/today/").text


def test_saving_today_in_auckland_saves_auckland_s_date(client_of, catalog, london_evening) -> None:
    kiri = in_zone("kiri", "Pacific/Auckland")
    client_of(kiri).post("/journal/today/", {"back": "3", "note": ""})
    assert list(Entry.objects.filter(user=kiri).values_list("day", flat=True)) == [
        datetime.date(2026, 11, 26)
    ]


def test_the_future_day_rule_uses_the_persons_own_date(client_of, catalog, london_evening) -> None:
    kiri = client_of(in_zone("kiri", "Pacific/Auckland"))
    alice = client_of(in_zone("alice", "Europe/London"))
    assert kiri.get("/journal/day/2026-11-26/").status_code == 200
    response = alice.get("/journal/day/2026-11-26/")
    assert response.status_code == 400
    assert "is in the future" in response.text


def test_the_routine_ticks_the_persons_own_today(client_of, catalog, london_evening) -> None:
    kiri = in_zone("kiri", "Pacific/Auckland")
    client_of(kiri).post("/journal/routine/done/", {"exercises": [catalog[0].pk]})
    assert Entry.objects.get(user=kiri).day == datetime.date(2026, 11, 26)


def test_the_reports_end_on_the_persons_own_today(client_of, catalog, london_evening) -> None:
    kiri = in_zone("kiri", "Pacific/Auckland")
    make_entry(kiri, datetime.date(2026, 11, 26), back=4)
    response = client_of(kiri).get("/journal/reports/", {"range": "30"})
    assert response.status_code == 200
    assert response.context["period"].end == datetime.date(2026, 11, 26)


def test_visitors_and_people_with_the_default_zone_use_the_deployments_zone(
    client, client_of, london_evening
) -> None:
    alice = make_user("alice")
    assert profile_of(alice).time_zone == settings.TIME_ZONE
    assert client.get("/").status_code == 200
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_the_zone_is_not_left_behind_for_the_next_request(client_of, catalog, london_evening):
    client_of(in_zone("kiri", "Pacific/Auckland")).get("/journal/today/")
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def at_local(zone: str, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, 26, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


@pytest.mark.parametrize(("hour", "minute"), [(0, 0), (0, 30), (3, 59)])
def test_between_midnight_and_four_today_asks_whether_you_mean_yesterday(
    client_of, catalog, hour, minute
) -> None:
    kiri = client_of(in_zone("kiri", "Pacific/Auckland"))
    with time_machine.travel(at_local("Pacific/Auckland", hour, minute), tick=False):
        page = kiri.get("/journal/today/").text
    assert "After midnight:" in page
    assert 'href="/journal/day/2026-11-25/"' in page
    assert "log Wed 25 Nov instead?" in page


@pytest.mark.parametrize(("hour", "minute"), [(4, 0), (12, 0), (23, 59)])
def test_from_four_on_today_does_not_ask(client_of, catalog, hour, minute) -> None:
    kiri = client_of(in_zone("kiri", "Pacific/Auckland"))
    with time_machine.travel(at_local("Pacific/Auckland", hour, minute), tick=False):
        assert 'id="midnight-question"' not in kiri.get("/journal/today/").text


def test_after_midnight_once_today_is_saved_the_question_goes(client_of, catalog) -> None:
    kiri = in_zone("kiri", "Pacific/Auckland")
    make_entry(kiri, datetime.date(2026, 11, 26), back=2)
    with time_machine.travel(at_local("Pacific/Auckland", 0, 30), tick=False):
        assert 'id="midnight-question"' not in client_of(kiri).get("/journal/today/").text


def test_the_midnight_question_follows_the_persons_clock_not_the_servers(
    client_of, catalog
) -> None:
    # 00:30 in Auckland is 11:30 in London: only Kiri is asked.
    kiri = client_of(in_zone("kiri", "Pacific/Auckland"))
    alice = client_of(in_zone("alice", "Europe/London"))
    with time_machine.travel(at_local("Pacific/Auckland", 0, 30), tick=False):
        assert 'id="midnight-question"' in kiri.get("/journal/today/").text
        assert 'id="midnight-question"' not in alice.get("/journal/today/").text


def test_an_account_made_after_midnight_is_not_asked_about_the_day_before_it_joined(
    client_of, catalog
) -> None:
    with time_machine.travel(at_local("Pacific/Auckland", 0, 20), tick=False):
        kiri = in_zone("kiri", "Pacific/Auckland")
    with time_machine.travel(at_local("Pacific/Auckland", 0, 30), tick=False):
        page = client_of(kiri).get("/journal/today/").text
    assert 'id="midnight-question"' not in page
    # The next night, the account is a day old and the question is back.
    with time_machine.travel(at_local("Pacific/Auckland", 0, 30) + datetime.timedelta(days=1)):
        assert "log Thu 26 Nov instead?" in client_of(kiri).get("/journal/today/").text
