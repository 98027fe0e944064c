from typing import Any

from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection, transaction

from exercises.drawing_texts import add_default_drawings
from exercises.models import Drawing, Exercise

FIXTURE = "exercises/fixtures/exercises.json"


class Command(BaseCommand):
    help = (
        "Add the exercises of the catalog fixture that the database does not have yet. "
        "Exercises already present are left as the curator edited them; --reset overwrites "
        "them with the fixture."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Overwrite existing exercises with the fixture."
        )

    @transaction.atomic
    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        from django.conf import settings

        with open(settings.BASE_DIR / FIXTURE, encoding="utf-8") as fixture:
            objects = list(serializers.deserialize("json", fixture))
        present = set(Exercise.objects.values_list("slug", flat=True))
        added = 0
        for obj in objects:
            if obj.object.slug in present and not reset:
                continue
            obj.save()
            added += 1
        if reset:
            # Back to the shipped drawings too: the curator's uploads and words go.
            Drawing.objects.filter(exercise__slug__in=[obj.object.slug for obj in objects]).delete()
        drawings = add_default_drawings(Exercise, Drawing)
        # The fixture's explicit primary keys do not advance PostgreSQL's sequence; without
        # a reset the next exercise a curator adds collides with id 1.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Exercise, Drawing]):
                cursor.execute(statement)
        self.stdout.write(
            f"Catalog: {added} exercise(s) written, {len(objects) - added} left as they were; "
            f"{drawings} drawing(s) added."
        )
