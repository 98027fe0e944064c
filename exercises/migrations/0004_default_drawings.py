from django.db import migrations


def add_drawings(apps: object, schema_editor: object) -> None:
    # Only exercises with no drawing yet: a curator's pictures are never replaced.
    from exercises.drawing_texts import add_default_drawings

    add_default_drawings(apps.get_model("exercises", "Exercise"), apps.get_model("exercises", "Drawing"))


class Migration(migrations.Migration):

    dependencies = [
        ("exercises", "0003_drawing"),
    ]

    operations = [
        migrations.RunPython(add_drawings, migrations.RunPython.noop),
    ]
