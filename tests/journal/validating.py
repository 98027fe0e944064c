"""How the tests run ``manage.py validate_reports`` on a handful of diaries."""

import io

from django.core.management import CommandError, call_command


def validation_output(*arguments: str) -> str:
    """What the command prints. With a few diaries a cell it may miss a target by chance,
    and then it must say so; what it printed before that is returned all the same."""
    out = io.StringIO()
    try:
        call_command("validate_reports", *arguments, "--jobs", "1", stdout=out)
    except CommandError as error:
        assert "Targets missed" in str(error)
    return out.getvalue()
