import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from journal.models import Entry


def run_setup_demo() -> str:
    out = io.StringIO()
    call_command("setup_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings: object) -> None:
    settings.DEBUG = True


def test_it_creates_the_demo_account_with_about_ninety_days(
    db, debug_on, client, frozen_today
) -> None:
    run_setup_demo()
    demo = get_user_model().objects.get(username="demo")
    assert demo.check_password("footcare-demo")
    days = Entry.objects.filter(user=demo).count()
    assert 75 <= days <= 90
    assert Entry.objects.filter(user=demo, exercises__isnull=False).distinct().count() > 30
    assert Entry.objects.filter(user=demo, knee__isnull=True).exists()


def test_running_it_again_adds_nothing(db, debug_on, frozen_today) -> None:
    run_setup_demo()
    before = Entry.objects.count(), Entry.exercises.through.objects.count()
    assert "0 day(s) added" in run_setup_demo()
    assert (Entry.objects.count(), Entry.exercises.through.objects.count()) == before


def test_it_never_runs_without_debug(db) -> None:
    with pytest.raises(CommandError, match="never in production"):
        run_setup_demo()
    assert not get_user_model().objects.filter(username="demo").exists()
