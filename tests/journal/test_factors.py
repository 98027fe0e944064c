"""The factors of the day: the person's list, the chips on every day, what a day records."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from footcare import names
from journal.models import Entry, Factor
from journal.version import data_version
from tests.factories import make_entry, make_user
from tests.journal.saves import refused_save

FACTORS = "/journal/factors/"


def add(client, name: str):
    return client.post(FACTORS, {"name": name})


def own_names(user) -> list[str]:
    return list(Factor.objects.for_user(user).own().values_list("name", flat=True))


def chip_ids(user, *labels: str) -> list[int]:
    listed = {factor.name: factor.pk for factor in Factor.objects.listed(user)}
    return [listed[label] for label in labels]


def test_the_list_starts_with_the_five_ready_made_factors(alice, user) -> None:
    page = alice.get(FACTORS)
    assert page.status_code == 200
    for label in ("Took pain medicine", "Slept badly", "A long day on my feet", "A flare-up"):
        assert label in page.text
    assert Factor.objects.for_user(user).exclude(ready="").count() == 5


def test_today_shows_every_shown_factor_as_a_chip_below_the_exercises(
    alice, user, catalog, frozen_today
) -> None:
    add(alice, "Cycled to work")
    page = alice.get("/journal/today/").text
    assert page.index("Exercises done") < page.index("What else happened?")
    assert 'class="btn btn-outline-secondary chip"' in page
    assert "Cycled to work" in page and "Slept badly" in page


def test_a_ticked_factor_is_saved_with_the_day(alice, user, catalog, frozen_today) -> None:
    alice.get("/journal/today/")
    ids = chip_ids(user, "Slept badly", "A flare-up")
    response = alice.post("/journal/today/", {"back": "6", "factors": ids})
    assert response.status_code == 302
    entry = Entry.objects.get(user=user, day=frozen_today)
    assert sorted(f.name for f in entry.factors.all()) == ["A flare-up", "Slept badly"]


def test_a_day_with_only_a_factor_ticked_is_a_logged_day(
    alice, user, catalog, frozen_today
) -> None:
    alice.get("/journal/today/")
    response = alice.post("/journal/today/", {"factors": chip_ids(user, "Slept badly")})
    assert response.status_code == 302
    assert Entry.objects.filter(user=user, day=frozen_today).exists()


def test_anothers_factor_cannot_be_ticked(alice, user, catalog, frozen_today) -> None:
    mallory = make_user("mallory")
    theirs = Factor.objects.listed(mallory)[0]
    page = refused_save(alice.post("/journal/today/", {"back": "2", "factors": [theirs.pk]}), user)
    assert "not in your list" in page or "no longer in your list" in page


def test_hiding_a_factor_keeps_it_on_the_days_that_record_it(
    alice, user, catalog, frozen_today
) -> None:
    alice.get("/journal/today/")
    (slept,) = chip_ids(user, "Slept badly")
    yesterday = frozen_today - datetime.timedelta(days=1)
    alice.post(f"/journal/day/{yesterday}/", {"back": "4", "factors": [slept]})
    alice.post(f"/journal/factors/{slept}/shown/", {"shown": "0"})
    assert "Slept badly" not in alice.get("/journal/today/").text.split("What else happened?")[1]
    old_day = alice.get(f"/journal/day/{yesterday}/").text
    assert f'value="{slept}" id="id_factors_' in old_day and "checked" in old_day
    entry = Entry.objects.get(user=user, day=yesterday)
    assert "Slept badly" in alice.get(f"/journal/entries/{entry.pk}/").text
    assert "Factors: Slept badly" in alice.get("/journal/history/").text


def test_removing_an_own_factor_and_showing_it_again(alice, user) -> None:
    add(alice, "Cycled to work")
    (pk,) = Factor.objects.for_user(user).own().values_list("pk", flat=True)
    alice.post(f"/journal/factors/{pk}/shown/", {"shown": "0"})
    assert "Removed" in alice.get(FACTORS).text
    alice.post(f"/journal/factors/{pk}/shown/", {"shown": "1"})
    assert Factor.objects.get(pk=pk).shown


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter a name"),
        ("     ", "spaces alone are not a name"),
        ("x" * 41, "has 41 characters; the most is 40"),
        ("Slept\x07badly", "a control character (U+0007)"),
        ("Slept\nbadly", "a line break"),
        ("\u202eyldab tpelS", "changes the writing direction (U+202E)"),
        ("zero\u200bwidth", "invisible or unassigned character (U+200B)"),
        ("Walked; sore", "cannot contain “;”"),
    ],
)
def test_a_bad_name_gets_a_message_and_saves_nothing(alice, user, name: str, message: str) -> None:
    response = add(alice, name)
    assert response.status_code == 400
    assert message in response.text
    assert own_names(user) == []


@pytest.mark.parametrize(
    "twin",
    [
        "cycled to work",
        "  CYCLED   TO  WORK ",
        "Cycledtowork",
        "C\u0443cled to work",  # a Cyrillic letter u, which looks like y
        "Ｃｙｃｌｅｄ ｔｏ ｗｏｒｋ",  # full-width letters
    ],
)
def test_a_name_that_reads_the_same_as_one_in_the_list_is_refused(alice, user, twin: str) -> None:
    add(alice, "Cycled to work")
    response = add(alice, twin)
    assert response.status_code == 400
    assert "You already have “Cycled to work”" in response.text
    assert own_names(user) == ["Cycled to work"]


def test_a_ready_made_name_is_not_added_twice(alice, user) -> None:
    response = add(alice, "slept BADLY")
    assert response.status_code == 400
    assert "You already have “Slept badly”" in response.text


def test_a_name_is_stored_trimmed_with_single_spaces(alice, user) -> None:
    add(alice, "  Long   walk  ")
    assert own_names(user) == ["Long walk"]


def test_a_thirteenth_own_factor_is_refused(alice, user) -> None:
    for number in range(12):
        assert add(alice, f"Factor {chr(65 + number)}").status_code == 302
    response = add(alice, "One too many")
    assert response.status_code == 400
    assert "You have 12 factors of your own, the most at once" in response.text
    assert len(own_names(user)) == 12


def test_a_removed_factor_does_not_count_against_the_twelve(alice, user) -> None:
    for number in range(12):
        add(alice, f"Factor {chr(65 + number)}")
    first = Factor.objects.for_user(user).own().first()
    alice.post(f"/journal/factors/{first.pk}/shown/", {"shown": "0"})
    assert add(alice, "A new one").status_code == 302
    # ... and showing the removed one again would make 13.
    alice.post(f"/journal/factors/{first.pk}/shown/", {"shown": "1"})
    assert not Factor.objects.get(pk=first.pk).shown


def test_the_database_refuses_two_factors_of_one_name(user) -> None:
    Factor.objects.listed(user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Factor.objects.create(user=user, name="SLEPT BADLY", key=names.name_key("Slept badly"))


def test_the_database_refuses_an_empty_name(user) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Factor.objects.create(user=user, name="   ", key="k")


def test_the_database_refuses_an_unknown_ready_made_factor(user) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Factor.objects.create(user=user, name="Rain", key="k", ready="rain")


def test_another_persons_factor_is_a_404(alice, outsider) -> None:
    theirs = Factor.objects.listed(outsider)[0]
    assert alice.post(f"/journal/factors/{theirs.pk}/shown/", {"shown": "0"}).status_code == 404
    assert Factor.objects.get(pk=theirs.pk).shown


def test_the_pages_ask_a_visitor_to_log_in(client, db) -> None:
    assert client.get(FACTORS).status_code == 302


def test_a_change_of_the_list_changes_the_data_version(alice, user) -> None:
    Factor.objects.listed(user)
    before = data_version(user)
    add(alice, "Cycled to work")
    assert data_version(user) != before


@pytest.mark.parametrize("own", [0, 12])
def test_the_factor_page_costs_the_same_queries_however_long_the_list(
    alice, user, django_assert_num_queries, own: int
) -> None:
    Factor.objects.listed(user)
    for number in range(own):
        Factor.objects.add_own(user, f"Factor {number}")
    # The user and the list (the session comes from the cache).
    with django_assert_num_queries(2):
        assert alice.get(FACTORS).status_code == 200


def test_the_calendar_marks_a_day_with_any_factor(alice, user, catalog, frozen_today) -> None:
    alice.get("/journal/today/")
    alice.post("/journal/today/", {"back": "3", "factors": chip_ids(user, "A flare-up")})
    page = alice.get("/journal/history/").text
    assert 'class="day-factor"' in page
    assert "factors ticked" in page


def test_the_offline_copy_carries_the_chips(alice, user, catalog, frozen_today) -> None:
    page = alice.get("/journal/offline/").text
    assert "Slept badly" in page
    assert "Edit the factors" not in page  # links need the network


def test_a_day_saved_elsewhere_with_other_factors_is_a_conflict(
    alice, user, catalog, frozen_today
) -> None:
    alice.get("/journal/today/")
    entry = make_entry(user, frozen_today, back=3)
    version = entry.version
    entry.factors.set(chip_ids(user, "Slept badly"))
    entry.save()
    response = alice.post(
        "/journal/today/",
        {"back": "3", "factors": chip_ids(user, "A flare-up"), "version": version},
    )
    assert response.status_code == 409
    assert "Factors: Slept badly" in response.text
