"""The analysis, the report's words and drawing, and the shared vocabulary run without
Django: they are imported here in a fresh interpreter with no settings at all."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PURE = [
    "footcare.vocabulary",
    "journal.analysis.stats",
    "journal.analysis.rows",
    "journal.analysis.nextday",
    "journal.analysis.report",
    "journal.analysis.experiment",
    "journal.analysis.simulate",
    "journal.analysis.experiment_validation",
]


def test_the_analysis_and_the_vocabulary_import_no_django() -> None:
    probe = (
        f"import {', '.join(PURE)}, sys; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'matplotlib'}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
