import datetime
import io
import re

from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Profile
from tests.journal.reminder_helpers import make_reminded


def test_the_benchmark_reminds_its_own_people_only_and_removes_them(transactional_db) -> None:
    # The benchmark runs a real worker loop, which commits as it goes.
    alice = make_reminded("alice", at=datetime.time(0, 0))
    out = io.StringIO()
    call_command("bench_reminders", people=50, stdout=out)
    report = out.getvalue()
    # Every fifth logged today and every tenth is unconfirmed: 35 of 50 are due.
    assert "Created 50 people (35 due)" in report
    assert re.search(r"35 sent \(35 by the backend\), 0 failed, 1 batches", report)
    assert re.search(r"send_reminders over 50 people: [\d.]+ s", report)
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["alice"]
    assert Profile.objects.get(user=alice).reminded_on is None
