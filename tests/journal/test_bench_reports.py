import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from journal.models import Entry


def test_the_benchmark_prints_medians_and_deletes_its_user(catalog, user) -> None:
    out = io.StringIO()
    call_command("bench_reports", "--days", "20", "40", "--runs", "1", "--clock", "cpu", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.split()[:1] == ["40"] for line in lines)
    assert "cache hit" in out.getvalue()
    assert list(get_user_model().objects.all()) == [user]
    assert not Entry.objects.exists()
