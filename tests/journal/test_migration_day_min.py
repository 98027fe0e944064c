"""Migration 0002_entry_day_min removes days before 1900 that the old code let in, then adds
the constraint (adding it would fail with them in the table)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("journal", "0001_initial")]
AFTER = [("journal", "0002_entry_day_min")]


@pytest.mark.django_db(transaction=True)
def test_it_removes_days_before_1900_and_keeps_the_rest() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        person = apps.get_model("auth", "User").objects.create(username="probe")
        Entry = apps.get_model("journal", "Entry")
        for day in (datetime.date(1, 1, 1), datetime.date(1899, 12, 31), datetime.date(1900, 1, 1)):
            Entry.objects.create(user=person, day=day, back=3)

        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        Entry = executor.loader.project_state(AFTER).apps.get_model("journal", "Entry")
        assert list(Entry.objects.values_list("day", flat=True)) == [datetime.date(1900, 1, 1)]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
