"""What the doctor's page shows of one person: the report, their name, a finished
randomised experiment and their weekly PEG scores. The owner's download and a clinician's
share link draw the same page through here, so both read the same cache entry."""

import datetime
import hashlib

from django.contrib.auth.models import AbstractBaseUser

from journal.models import Experiment

from . import wording
from .analysis import Report, peg_series
from .data import load_peg, load_rows, patient_born, patient_name
from .evidence import Estimate, PegScore
from .experiment import COMPLETE, experiment_result
from .pdf import doctor_pdf


def file_name(user: AbstractBaseUser, today: datetime.date) -> str:
    """The PDF's name in the cache: it prints today's date and streak, and the name and date
    of birth from the account page, none of which the data version covers."""
    who = f"{patient_name(user)}|{patient_born(user)}"
    return f"doctor-{today}-{hashlib.sha256(who.encode()).hexdigest()[:12]}.pdf"


def draw(user: AbstractBaseUser, report: Report, today: datetime.date) -> bytes:
    peg = load_peg(user, report.start, report.end)
    return doctor_pdf(
        report,
        patient_name(user),
        today,
        born=patient_born(user),
        experiment=randomised_evidence(user, report.start, report.end, today),
        peg=[PegScore(week, score) for week, score in peg_series(peg)],
    )


def randomised_evidence(
    user: AbstractBaseUser, start: datetime.date, end: datetime.date, today: datetime.date
) -> list[Estimate] | None:
    """The latest completed experiment that overlaps the range: primary area first.

    Only a completed one: an interim or stopped result is not the stronger evidence the page
    puts above the observational rows.
    """
    overlapping = Experiment.objects.for_user(user).filter(
        start__lte=end, end__gte=start, end__lt=today, stopped_on__isnull=True
    )
    experiment = overlapping.order_by("-end").first()
    if experiment is None:
        return None
    rows, _names = load_rows(user, experiment.start, experiment.end + datetime.timedelta(days=1))
    result = experiment_result(experiment.plan(), rows, today)
    if result.status != COMPLETE:
        return None
    return [Estimate.randomised(area) for area in (result.primary, *result.secondary)]


def page_text(user: AbstractBaseUser, report: Report, today: datetime.date) -> dict[str, object]:
    """The doctor's page in words and table rows, for the HTML a clinician opens from a share
    link: the same clinical, third-person reading as the PDF."""
    experiment = randomised_evidence(user, report.start, report.end, today)
    observed = [wording.pdf_evidence_row(Estimate.observed(c)) for c in report.comparisons]
    groups = [(wording.PDF_OBSERVED_ROWS, observed)]
    if experiment is not None:
        randomised = [wording.pdf_evidence_row(e) for e in experiment]
        groups.insert(0, (wording.PDF_EXPERIMENT_ROWS, randomised))
    return {
        "details": wording.pdf_details(report, today, patient_born(user)),
        "scale": wording.PDF_SCALE,
        "areas_title": wording.PDF_AREAS_TITLE,
        "areas_header": wording.PDF_AREAS_HEADER,
        "area_rows": wording.pdf_area_rows(report),
        "evidence_title": wording.PDF_EVIDENCE_TITLE,
        "evidence_header": wording.PDF_EVIDENCE_HEADER,
        "evidence_groups": groups,
        "adherence_title": wording.PDF_ADHERENCE_TITLE,
        "adherence_header": wording.PDF_ADHERENCE_HEADER,
        "adherence_rows": wording.pdf_adherence_rows(report),
        "method_title": wording.PDF_METHOD_TITLE,
        "method": wording.PDF_METHOD,
    }
