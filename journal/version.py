"""The person's data version: a short fingerprint of their journal, part of every cache key
and chart URL that shows it."""

import hashlib

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection

from exercises.models import Exercise
from journal.models import Entry, Experiment, Factor, Medicine, PegCheckIn


def data_version(user: AbstractBaseUser) -> str:
    """A short fingerprint of the user's journal that changes with any save or delete.

    Every save goes through Entry.save (``updated_at`` moves, also for a change of ticked
    exercises through ``save_day``); a delete lowers the count; a delete plus a new day
    raises the largest id. The catalog is part of the charts too: an exercise added or
    retired changes the version (a renamed one does not). A change of code (the drawing, the
    wording) is covered by
    the release in every cache key (``footcare.keys``).

    One statement for both tables: every chart request runs it, and it was two ORM
    aggregates. An aggregate without GROUP BY always returns one row, even for no entries.
    """
    entry = connection.ops.quote_name(Entry._meta.db_table)
    exercise = connection.ops.quote_name(Exercise._meta.db_table)
    # The doctor's PDF also prints the weekly PEG scores and a finished experiment: a new
    # check-in, or an experiment started or stopped, must show on it at once.
    peg = connection.ops.quote_name(PegCheckIn._meta.db_table)
    experiment = connection.ops.quote_name(Experiment._meta.db_table)
    # The factor list shows on every day page, and medicines on the charts and the PDF: a
    # factor added or hidden, a medicine's event added or deleted (which moves the
    # medicine's updated_at) changes the version.
    factor = connection.ops.quote_name(Factor._meta.db_table)
    medicine = connection.ops.quote_name(Medicine._meta.db_table)
    sql = (
        f"SELECT COUNT(*), MAX(id), MAX(updated_at), "  # noqa: S608 - table names from _meta
        f"(SELECT COUNT(*) FROM {exercise}), (SELECT MAX(id) FROM {exercise}), "
        f"(SELECT COUNT(*) FROM {exercise} WHERE is_active), "
        f"(SELECT COUNT(*) FROM {peg} WHERE user_id = %s), "
        f"(SELECT MAX(updated_at) FROM {peg} WHERE user_id = %s), "
        f"(SELECT COUNT(*) FROM {experiment} WHERE user_id = %s), "
        f"(SELECT MAX(id) FROM {experiment} WHERE user_id = %s), "
        f"(SELECT COUNT(*) FROM {experiment} WHERE user_id = %s AND stopped_on IS NOT NULL), "
        f"(SELECT COUNT(*) FROM {factor} WHERE user_id = %s), "
        f"(SELECT MAX(updated_at) FROM {factor} WHERE user_id = %s), "
        f"(SELECT COUNT(*) FROM {medicine} WHERE user_id = %s), "
        f"(SELECT MAX(updated_at) FROM {medicine} WHERE user_id = %s) "
        f"FROM {entry} WHERE user_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk] * 10)
        stats = cursor.fetchone()
    raw = f"{user.pk}|{stats}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
