"""The doctor's PDF as a file: one A4 page with the patient's name, read back with poppler.

``pdftotext`` reads the words back and ``pdftoppm`` renders the page to
test-artifacts/doctor-report.png, where a person can look at it. Without poppler-utils the
tests skip on a developer's machine and fail in CI, which installs it (.ci/run).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.factories import make_entries

from .layout import LONG_PATIENT

ROOT = Path(__file__).resolve().parents[2]
PAGE = "/journal/reports/"


@pytest.fixture
def poppler() -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        message = "poppler-utils is not installed: apt-get install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(f"{message}. CI must render the doctor's page.", pytrace=False)
        pytest.skip(message)


@pytest.fixture
def pdf_file(alice, user, catalog, frozen_today, tmp_path) -> Path:
    user.first_name, user.last_name = LONG_PATIENT.rsplit(" ", 1)
    user.save()
    make_entries(user, frozen_today, 90)
    return download(alice, tmp_path)


def download(client, folder: Path) -> Path:
    """The doctor's PDF as the Reports page links it, saved to a file."""
    page = client.get(PAGE)
    url = re.search(r'href="([^"]*doctor\.pdf[^"]*)"', page.text).group(1)
    response = client.get(url.replace("&amp;", "&"))
    assert response.status_code == 200
    path = folder / "doctor.pdf"
    path.write_bytes(response.content)
    return path


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


def test_the_doctors_pdf_is_one_a4_page(poppler, pdf_file) -> None:
    info = run("pdfinfo", str(pdf_file))
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    assert re.search(r"^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info, re.MULTILINE)


def test_the_doctors_pdf_names_the_patient_and_says_what_the_numbers_are(poppler, pdf_file) -> None:
    words = " ".join(run("pdftotext", "-layout", str(pdf_file), "-").split())
    assert " ".join(LONG_PATIENT.split()) in words
    assert "Patient-reported 0–10 pain (0 = none, 10 = worst imaginable)" in words
    assert "Method and limitations" in words
    assert "Adherence per exercise" in words


def test_the_doctors_pdf_renders_to_a_page_image(poppler, pdf_file) -> None:
    folder = Path(os.environ.get("FOOTCARE_ARTIFACTS") or ROOT / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    run(
        "pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf_file), str(folder / "doctor-report")
    )
    from PIL import Image

    with Image.open(folder / "doctor-report.png") as image:
        width, height = image.size
        assert round(height / width, 2) == round(297 / 210, 2)
        # Printed in grey, the page still has dark text and lines, not only light colour.
        grey = image.convert("L")
        assert grey.getextrema()[0] < 60


def test_the_doctors_pdf_puts_a_completed_experiment_and_the_peg_scores_on_the_page(
    poppler, alice, user, catalog, frozen_today, tmp_path
) -> None:
    import datetime
    import random

    from journal.models import Experiment, PegCheckIn, monday_of

    make_entries(user, frozen_today, 90)
    start = frozen_today - datetime.timedelta(days=40)
    Experiment.objects.begin(
        user, area="knee", weeks=4, start=start, today=start, rng=random.Random(3)
    )
    PegCheckIn.objects.save_week(
        user, monday_of(frozen_today) - datetime.timedelta(days=14), pain=6, enjoyment=5, activity=4
    )
    path = download(alice, tmp_path)
    words = " ".join(run("pdftotext", "-layout", str(path), "-").split())
    assert "Randomised" in words
    assert "No PEG check-ins in this range." not in words


def test_the_doctors_pdf_has_no_randomised_rows_without_an_experiment(poppler, pdf_file) -> None:
    words = " ".join(run("pdftotext", "-layout", str(pdf_file), "-").split())
    assert "Randomised self-experiment" not in words
    assert "(randomised)" not in words
    assert "No PEG check-ins in this range." in words
