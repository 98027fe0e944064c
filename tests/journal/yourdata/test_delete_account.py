from django.contrib.auth import get_user_model

from journal.models import Entry
from tests.factories import PASSWORD, make_entries, make_entry

User = get_user_model()
Through = Entry.exercises.through


def test_it_asks_for_the_password_before_deleting(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 3)
    response = alice.get("/accounts/delete/")
    assert response.status_code == 200
    assert "3 days of your journal (ratings, exercises and notes)" in response.text
    assert 'type="password" name="password"' in response.text


def test_it_keeps_everything_when_the_password_is_wrong(alice, user, catalog, frozen_today) -> None:
    make_entries(user, frozen_today, 3)
    response = alice.post("/accounts/delete/", {"password": "not-my-password"})
    assert response.status_code == 400
    assert "That is not your password." in response.text
    assert Entry.objects.for_user(user).count() == 3
    assert alice.get("/journal/today/").status_code == 200  # still logged in


def test_it_deletes_the_user_every_entry_and_their_exercise_rows(
    alice, user, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 30)
    alice.post("/accounts/delete/", {"password": PASSWORD})
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Entry.objects.filter(user_id=user.pk).exists()
    assert not Through.objects.filter(entry__user_id=user.pk).exists()
    assert Through.objects.count() == 0


def test_it_logs_out_and_lands_on_the_home_page_with_a_message(
    alice, user, catalog, frozen_today
) -> None:
    response = alice.post("/accounts/delete/", {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/", 302)]
    assert "Your account and your whole journal have been deleted." in response.text
    assert alice.get("/journal/today/").status_code == 302  # to the login page


def test_it_leaves_another_users_journal_untouched(
    alice, user, outsider, catalog, frozen_today
) -> None:
    make_entries(user, frozen_today, 10)
    make_entries(outsider, frozen_today, 10)
    make_entry(outsider, frozen_today.replace(year=2020), back=2, exercises=catalog)
    alice.post("/accounts/delete/", {"password": PASSWORD})
    assert User.objects.filter(pk=outsider.pk).exists()
    assert Entry.objects.for_user(outsider).count() == 11
    assert Through.objects.filter(entry__user=outsider).count() == 10 * 2 + len(catalog)


def test_it_refuses_to_delete_without_a_password(alice, user, catalog, frozen_today) -> None:
    response = alice.post("/accounts/delete/", {"password": ""})
    assert response.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()
