# The journal starts on 1900-01-01. Days before it could only be made by typing an address
# such as /journal/day/0001-01-01/ (which then broke that day's page and the "Everything"
# report); they are removed before the constraint is added, or adding it would fail.

import datetime

from django.db import migrations, models

EARLIEST_DAY = datetime.date(1900, 1, 1)


def remove_days_before_1900(apps, schema_editor):
    apps.get_model("journal", "Entry").objects.filter(day__lt=EARLIEST_DAY).delete()
    if schema_editor.connection.vendor == "postgresql":
        # The deletes leave deferred foreign-key checks pending, and PostgreSQL refuses to
        # ALTER a table with pending trigger events in the same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(remove_days_before_1900, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.CheckConstraint(condition=models.Q(('day__gte', EARLIEST_DAY)), name='journal_entry_day_from_1900'),
        ),
    ]
