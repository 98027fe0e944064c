import datetime
import random

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.utils import timezone

from exercises.routine import build_plan
from journal.models import ReliefComparison, ReliefSession, RoutineChoice
from notifications import vapid
from notifications.models import OutgoingPush, PushSubscription
from tests.factories import make_push_subscription, make_relief_session, make_user
from tests.notifications.pushservice import PushServiceStandIn
from tests.queries import count_queries

BEFORE = "/journal/relief/before/"
ROUTINE = "/journal/routine/"
DONE = "/journal/routine/done/"
COMPARISON = "/journal/relief/comparison/"


@pytest.fixture
def alice(user, client_of):
    return client_of(user)


def start_comparison(user, seed: int = 1) -> ReliefComparison:
    return ReliefComparison.objects.begin(user, area="knee", rng=random.Random(seed))


def test_rating_before_the_routine_is_one_tap_and_optional(alice, user, catalog) -> None:
    page = alice.get(ROUTINE).text
    assert 'name="before" value="7"' in page
    response = alice.post(BEFORE, {"before": "7", "area": "hip"})
    session = ReliefSession.objects.get(user=user)
    assert (session.kind, session.area, session.before) == ("routine", "hip", 7)
    assert response["Location"] == f"{ROUTINE}?session={session.pk}"


def test_the_session_records_which_routine_and_how_long(alice, user, catalog) -> None:
    RoutineChoice.objects.choose(user, [catalog[3], catalog[1]])
    alice.post(BEFORE, {"before": "5", "area": "back"})
    session = ReliefSession.objects.get(user=user)
    assert session.routine == "toe-presses,ankle-circles"
    assert session.seconds == build_plan([catalog[3], catalog[1]])["total_seconds"]


def test_finishing_the_routine_asks_for_the_rating_after_it(alice, user, catalog) -> None:
    alice.post(BEFORE, {"before": "6", "area": "knee"})
    session = ReliefSession.objects.get(user=user)
    assert (
        f'name="relief_session" value="{session.pk}"'
        in alice.get(f"{ROUTINE}?session={session.pk}").text
    )
    response = alice.post(DONE, {"exercises": [catalog[0].pk], "relief_session": session.pk})
    assert response["Location"] == f"/journal/relief/{session.pk}/after/"
    alice.post(response["Location"], {"after": "4"})
    session.refresh_from_db()
    assert (session.before, session.after) == (6, 4)
    assert session.after_at >= session.before_at


def test_a_routine_without_a_rating_before_goes_back_to_today(alice, catalog) -> None:
    assert alice.post(DONE, {"exercises": [catalog[0].pk]})["Location"] == "/journal/today/"


def test_anothers_session_number_on_the_routine_form_is_ignored(alice, catalog) -> None:
    other = make_user("bob")
    theirs = make_relief_session(other, area="back", seconds=60, before=5)
    response = alice.post(DONE, {"exercises": [catalog[0].pk], "relief_session": theirs.pk})
    assert response["Location"] == "/journal/today/"
    assert 'name="relief_session"' not in alice.get(f"{ROUTINE}?session={theirs.pk}").text


@pytest.mark.parametrize("bad", ["11", "-1", "", "seven", "5.5", "9" * 40, "\x00"])
def test_a_bad_rating_is_refused_with_a_message_and_saves_nothing(alice, catalog, bad) -> None:
    response = alice.post(BEFORE, {"before": bad, "area": "back"}, follow=True)
    assert "Nothing was saved: Tap a whole number from 0" in response.text
    assert not ReliefSession.objects.exists()


def test_a_bad_area_is_refused_with_a_message(alice, catalog) -> None:
    response = alice.post(BEFORE, {"before": "3", "area": "elbow"}, follow=True)
    assert "Choose Back, Hip or Knee." in response.text
    assert not ReliefSession.objects.exists()


def test_a_rating_after_can_be_given_once(alice, user, catalog) -> None:
    alice.post(BEFORE, {"before": "6", "area": "knee"})
    session = ReliefSession.objects.get(user=user)
    alice.post(f"/journal/relief/{session.pk}/after/", {"after": "4"})
    response = alice.post(f"/journal/relief/{session.pk}/after/", {"after": "9"}, follow=True)
    assert "already saved" in response.text
    session.refresh_from_db()
    assert session.after == 4


def test_a_bad_rating_after_is_refused_on_the_form(alice, user, catalog) -> None:
    alice.post(BEFORE, {"before": "6", "area": "knee"})
    session = ReliefSession.objects.get(user=user)
    response = alice.post(f"/journal/relief/{session.pk}/after/", {"after": "12"})
    assert response.status_code == 400
    assert "Tap a whole number from 0" in response.text


def test_in_a_comparison_the_kind_is_revealed_only_after_the_rating_before(
    alice, user, catalog
) -> None:
    comparison = start_comparison(user)
    page = alice.get(ROUTINE).text
    assert "session 1 of 20" in page
    assert "rest" not in page.split("session 1 of 20")[1].split("</form>")[0].replace(
        "routine or a rest", ""
    )
    kinds = []
    for _ in range(4):
        response = alice.post(BEFORE, {"before": "5"})
        session = ReliefSession.objects.filter(user=user).first()
        kinds.append(session.kind)
        if session.kind == "rest":
            assert response["Location"] == f"/journal/relief/{session.pk}/rest/"
            assert "sit and rest" in alice.get(response["Location"]).text.lower()
        alice.post(f"/journal/relief/{session.pk}/after/", {"after": "4"})
    expected = ["routine" if c == "R" else "rest" for c in comparison.schedule[:4]]
    assert kinds[::-1] == expected or kinds == expected
    assert sorted(kinds[:2]) == ["rest", "routine"]  # each pair has one of each


def test_a_comparison_fixes_the_area(alice, user, catalog) -> None:
    start_comparison(user)
    alice.post(BEFORE, {"before": "5", "area": "back"})
    assert ReliefSession.objects.get(user=user).area == "knee"


def test_the_schedule_is_drawn_in_pairs_of_one_routine_and_one_rest(user) -> None:
    for seed in range(20):
        schedule = ReliefComparison.objects.begin(
            make_user(f"p{seed}"), area="back", rng=random.Random(seed)
        ).schedule
        assert len(schedule) == 20
        assert all(sorted(schedule[i : i + 2]) == ["R", "S"] for i in range(0, 20, 2))


def test_one_comparison_runs_at_a_time(alice, user, catalog) -> None:
    start_comparison(user)
    response = alice.post(COMPARISON, {"area": "hip"}, follow=True)
    assert "already running" in response.text
    assert ReliefComparison.objects.filter(user=user).count() == 1


def test_a_finished_comparison_ends_and_sessions_are_routines_again(alice, user, catalog) -> None:
    comparison = start_comparison(user)
    for _ in range(20):
        alice.post(BEFORE, {"before": "5"})
    alice.post(BEFORE, {"before": "5", "area": "back"})
    comparison.refresh_from_db()
    assert comparison.ended_at is not None
    last = ReliefSession.objects.filter(user=user).first()
    assert (last.kind, last.comparison) == ("routine", None)


def test_the_comparison_can_be_started_and_stopped(alice, user, catalog) -> None:
    alice.post(COMPARISON, {"area": "hip"})
    comparison = ReliefComparison.objects.get(user=user)
    assert comparison.area == "hip"
    alice.post(COMPARISON, {"stop": "1"})
    comparison.refresh_from_db()
    assert comparison.ended_at is not None


def test_starting_a_comparison_without_an_area_is_refused_with_a_message(alice, catalog) -> None:
    response = alice.post(COMPARISON, {"area": "toe"})
    assert response.status_code == 400
    assert "Choose Back, Hip or Knee." in response.text


def test_the_rating_thirty_minutes_on_is_asked_when_due_and_only_once(alice, user, catalog) -> None:
    alice.post(BEFORE, {"before": "6", "area": "knee"})
    session = ReliefSession.objects.get(user=user)
    alice.post(f"/journal/relief/{session.pk}/after/", {"after": "4", "later_wanted": "on"})
    later = f"/journal/relief/{session.pk}/later/"
    assert "rate it now" not in alice.get(ROUTINE).text
    assert alice.get(later)["Location"] == ROUTINE  # too early
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        assert later in alice.get(ROUTINE).text
        alice.post(later, {"later": "3"})
        session.refresh_from_db()
        assert session.later == 3
        assert alice.get(later)["Location"] == ROUTINE  # given already


def test_no_rating_thirty_minutes_on_unless_asked_for(alice, user, catalog) -> None:
    alice.post(BEFORE, {"before": "6", "area": "knee"})
    session = ReliefSession.objects.get(user=user)
    alice.post(f"/journal/relief/{session.pk}/after/", {"after": "4"})
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=31)):
        alice.post(f"/journal/relief/{session.pk}/later/", {"later": "3"})
    session.refresh_from_db()
    assert session.later is None


@pytest.mark.parametrize("suffix", ["rest/", "after/", "later/"])
def test_anothers_session_is_a_404(client_of, catalog, suffix) -> None:
    owner = make_user("owner")
    comparison = start_comparison(owner)
    session = make_relief_session(
        owner, kind="rest", seconds=60, before=5, comparison=comparison, position=0
    )
    outsider = client_of(make_user("outsider"))
    assert outsider.get(f"/journal/relief/{session.pk}/{suffix}").status_code == 404
    assert (
        outsider.post(f"/journal/relief/{session.pk}/{suffix}", {"after": "1"}).status_code == 404
    )


@pytest.mark.parametrize(
    "url", ["/journal/relief/1/rest/", "/journal/relief/1/after/", "/journal/relief/comparison/"]
)
def test_the_pages_need_a_login(client, url) -> None:
    assert client.get(url).status_code == 302


def test_the_database_refuses_impossible_sessions(user) -> None:
    base = {"user": user, "kind": "routine", "area": "back", "seconds": 60, "before": 5}
    now = timezone.now()
    bad = [
        {"before": 11},
        {"after": 11, "after_at": now},
        {"after": 3},  # a rating without its time
        {"after": 3, "after_at": now - datetime.timedelta(days=1)},  # before the start
        {"later": 2, "later_at": now},  # later without after
        {"kind": "rest"},  # a rest outside a comparison
        {"kind": "nap"},
        {"area": "elbow"},
        {"position": 3},  # a place without a comparison
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            ReliefSession.objects.create(**{**base, "before_at": now, **fields})
    with pytest.raises(IntegrityError), transaction.atomic():
        ReliefComparison.objects.create(user=user, area="back", schedule="RRS")


def rate(user, kind: str, before: int, after: int, comparison=None, position=None, **extra):
    return ReliefSession.objects.create(
        user=user,
        kind=kind,
        area="knee",
        seconds=600,
        before=before,
        before_at=timezone.now() - datetime.timedelta(minutes=10),
        after=after,
        after_at=timezone.now(),
        comparison=comparison,
        position=position,
        routine="toe-presses,ankle-circles",
        **extra,
    )


def relief_section(client) -> str:
    page = client.get("/journal/reports/").text
    start = page.index('id="relief-heading"')
    return page[start : page.index("</section>", start)]


def test_reports_invite_the_ratings_when_there_are_none(alice, catalog) -> None:
    page = alice.get("/journal/reports/").text
    assert "Does it help almost at once?" in page
    assert "Rate your pain just before and just after the routine" in page


def test_reports_describe_routine_sessions_alone_with_no_verdict(alice, user, catalog) -> None:
    for before, after in [(6, 4), (5, 4), (7, 5)]:
        rate(user, "routine", before, after)
    page = relief_section(alice)
    assert "Over 3 sessions, your knee pain was 6.0 on average just before the routine" in page
    assert "4.3 just after (−1.7 points)" in page
    assert "with no verdict" in page
    assert "95% interval" not in page
    assert "Expecting relief can lower a rating by itself" in page
    assert "Routines followed: Toe presses, then Ankle circles (3 sessions)." in page


def test_reports_compare_routine_and_rest_with_an_interval_and_the_numbers(
    alice, user, catalog
) -> None:
    comparison = start_comparison(user)
    changes = {"R": [(6, 4), (5, 3), (7, 5), (6, 5)], "S": [(6, 6), (5, 5), (7, 6), (6, 6)]}
    taken = {"R": 0, "S": 0}
    for position, letter in enumerate(comparison.schedule[:8]):
        before, after = changes[letter][taken[letter]]
        taken[letter] += 1
        kind = "routine" if letter == "R" else "rest"
        rate(user, kind, before, after, comparison, position)
    page = alice.get("/journal/reports/").text
    assert "during the routine (4 sessions)" in page
    assert "while resting (4 sessions)" in page
    assert "95% interval" in page
    assert "pain eased more during the routine than during rest" in page
    assert "Pain that is bad when you start tends to ease anyway" in page


def test_reports_say_there_is_no_answer_yet_with_too_few_sessions(alice, user, catalog) -> None:
    comparison = start_comparison(user)
    for position, letter in enumerate(comparison.schedule[:2]):
        rate(user, "routine" if letter == "R" else "rest", 5, 4, comparison, position)
    page = alice.get("/journal/reports/").text
    assert "there is no answer yet" in page


def test_reports_show_only_the_persons_own_sessions(alice, user, catalog) -> None:
    rate(make_user("bob"), "routine", 9, 1)
    assert "Over 1 session" not in alice.get("/journal/reports/").text


def test_the_reports_section_costs_the_same_queries_for_few_or_many_sessions(
    alice, user, catalog
) -> None:
    rate(user, "routine", 6, 4)
    alice.get("/journal/reports/")
    few = count_queries(lambda: alice.get("/journal/reports/"))
    for _ in range(30):
        rate(user, "routine", 6, 4)
    assert count_queries(lambda: alice.get("/journal/reports/")) == few


def test_a_phone_that_gets_reminders_is_reminded_thirty_minutes_on_with_no_rating_shown(
    alice, user, catalog
) -> None:
    with PushServiceStandIn(expected_public_key=vapid.public_key()) as service:
        make_push_subscription(user, service.subscribe().info())
        alice.post(BEFORE, {"before": "6", "area": "knee"})
        session = ReliefSession.objects.get(user=user)
        response = alice.post(
            f"/journal/relief/{session.pk}/after/", {"after": "4", "later_wanted": "on"}
        )
        session.refresh_from_db()
        push = OutgoingPush.objects.get(subscription__user=user)
        assert push.not_before == session.after_at + datetime.timedelta(minutes=30)
        assert push.url == f"/journal/relief/{session.pk}/later/"
        assert push.title == "Time to rate your pain once more"
        assert "your phone will remind you" in alice.get(response["Location"]).text


def test_no_phone_reminder_is_queued_unless_the_rating_thirty_minutes_on_is_wanted(
    alice, user, catalog
) -> None:
    PushSubscription.objects.create(
        user=user, endpoint="https://push.example/x", p256dh="k", auth="a"
    )
    alice.post(BEFORE, {"before": "6", "area": "knee"})
    session = ReliefSession.objects.get(user=user)
    alice.post(f"/journal/relief/{session.pk}/after/", {"after": "4"})
    assert not OutgoingPush.objects.exists()
