import datetime

import pytest
from django.db import IntegrityError, transaction

from journal.models import PegCheckIn, monday_of
from tests.factories import make_user

PAGE = "/journal/check-in/"
MONDAY = datetime.date(2026, 11, 23)  # the Monday of the fixed TODAY, Wednesday 25 November


def post_peg(client, **items: str):
    return client.post(PAGE, {"pain": "", "enjoyment": "", "activity": "", **items})


def test_the_week_is_stored_as_its_monday(alice, user, frozen_today) -> None:
    assert post_peg(alice, pain="6", enjoyment="4", activity="5").status_code == 302
    check_in = PegCheckIn.objects.get(user=user)
    assert (check_in.week, check_in.items()) == (MONDAY, (6, 4, 5))


def test_the_score_is_the_mean_of_the_three_items(user) -> None:
    check_in = PegCheckIn(user=user, week=MONDAY, pain=6, enjoyment=4, activity=5)
    assert check_in.score == pytest.approx(5.0)


def test_a_week_with_an_unanswered_item_has_no_score(user) -> None:
    assert PegCheckIn(user=user, week=MONDAY, pain=0, enjoyment=0, activity=None).score is None


def test_an_unanswered_item_is_stored_empty_not_as_zero(alice, user, frozen_today) -> None:
    post_peg(alice, pain="3")
    assert PegCheckIn.objects.get(user=user).items() == (3, None, None)


def test_it_rejects_an_item_above_ten_and_saves_nothing(alice, user, frozen_today) -> None:
    response = post_peg(alice, pain="11", enjoyment="2", activity="2")
    assert response.status_code == 400
    assert "Choose a whole number from 0 to 10" in response.text
    assert not PegCheckIn.objects.exists()


def test_it_refuses_a_check_in_with_no_answer(alice, frozen_today) -> None:
    response = post_peg(alice)
    assert response.status_code == 400
    assert "Answer at least one of the three questions" in response.text


def test_saving_again_edits_the_weeks_check_in(alice, user, frozen_today) -> None:
    post_peg(alice, pain="6", enjoyment="4", activity="5")
    post_peg(alice, pain="2", enjoyment="4", activity="5")
    assert list(PegCheckIn.objects.values_list("pain", flat=True)) == [2]


def test_the_page_shows_this_weeks_answers(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=7)
    response = alice.get(PAGE)
    assert 'name="pain" value="7" class="btn-check" id="id_pain_8" checked' in response.text


def test_the_page_states_the_citation_and_terms(alice, frozen_today) -> None:
    text = alice.get(PAGE).text
    assert "J Gen Intern Med. 2009;24(6):733–738" in text
    assert "Terms of use" in text


def test_the_database_keeps_one_check_in_per_person_per_week(user) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PegCheckIn.objects.create(user=user, week=MONDAY, pain=2)


def test_the_database_refuses_a_week_that_is_not_a_monday(user) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PegCheckIn.objects.create(user=user, week=MONDAY + datetime.timedelta(days=1), pain=1)


def test_the_database_refuses_an_item_outside_zero_to_ten(user) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PegCheckIn.objects.create(user=user, week=MONDAY, activity=11)


def test_monday_of_a_sunday_is_six_days_before() -> None:
    assert monday_of(datetime.date(2026, 11, 29)) == MONDAY


def test_between_includes_a_week_that_starts_before_the_range(user) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=1)
    weeks = PegCheckIn.objects.for_user(user).between(MONDAY + datetime.timedelta(days=2), None)
    assert weeks.count() == 1


def test_between_leaves_out_weeks_outside_the_range(user) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=1)
    weeks = PegCheckIn.objects.for_user(user).between(None, MONDAY - datetime.timedelta(days=1))
    assert not weeks.exists()


def test_for_user_leaves_out_other_peoples_check_ins(user) -> None:
    PegCheckIn.objects.create(user=make_user("bob"), week=MONDAY, pain=1)
    assert not PegCheckIn.objects.for_user(user).exists()


def test_today_offers_the_check_in(alice, frozen_today) -> None:
    assert "Weekly check-in</a>" in alice.get("/journal/today/").text


def test_today_stops_offering_it_once_this_weeks_is_saved(alice, user, frozen_today) -> None:
    PegCheckIn.objects.create(user=user, week=MONDAY, pain=1)
    assert "Weekly check-in</a>" not in alice.get("/journal/today/").text


def test_not_this_week_hides_the_offer_until_next_week(alice, frozen_today, time_machine) -> None:
    assert alice.post("/journal/check-in/not-this-week/").status_code == 302
    assert "Weekly check-in</a>" not in alice.get("/journal/today/").text
    time_machine.move_to(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC))
    assert "Weekly check-in</a>" in alice.get("/journal/today/").text


def test_a_past_day_does_not_offer_it(alice, frozen_today) -> None:
    assert "Weekly check-in" not in alice.get("/journal/day/2026-11-20/").text


def test_a_visitor_is_sent_to_log_in(client, db) -> None:
    assert client.get(PAGE).status_code == 302


def test_not_this_week_cannot_be_fetched(alice, frozen_today) -> None:
    assert alice.get("/journal/check-in/not-this-week/").status_code == 405
