"""The doctor's page of one person: the report, their name and date of birth, a finished
randomised experiment and their weekly PEG scores. The owner's download and a clinician's
share link draw the same page through here, so both read the same cache entry.

A page gathers its inputs once (``DoctorInputs.gather``), then draws from them.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from accounts.models import display_name, profile_of
from journal.analysis.experiment import COMPLETE, experiment_result
from journal.analysis.report import Report
from journal.analysis.rows import PegRow, peg_series
from journal.models import Experiment
from journal.reports.drawing.pdf import doctor_pdf
from journal.reports.evidence import Estimate, PegScore
from journal.reports.wording import doctor as wording
from journal.reports.wording.factors import factor_text
from journal.rows import load_peg, load_rows


@dataclass(frozen=True)
class Patient:
    """Who the page is about, as the person's account page says."""

    name: str  # the name they chose, else their full name or username
    born: datetime.date | None  # only if they chose to add it

    @classmethod
    def of(cls, user: AbstractBaseUser) -> "Patient":
        return cls(display_name(user), profile_of(user).date_of_birth)


@dataclass(frozen=True)
class DoctorInputs:
    """Everything the doctor's page shows besides the report."""

    patient: Patient
    experiment: list[Estimate] | None  # a finished randomised experiment in the range
    peg: list[PegRow]  # the weekly check-ins of the range

    @classmethod
    def gather(
        cls, user: AbstractBaseUser, start: datetime.date, end: datetime.date, today: datetime.date
    ) -> "DoctorInputs":
        return cls(
            patient=Patient.of(user),
            experiment=randomised_evidence(user, start, end, today),
            peg=load_peg(user, start, end),
        )


def file_name(patient: Patient, today: datetime.date) -> str:
    """The PDF's name in the cache: it prints today's date and streak, and the name and date
    of birth from the account page, none of which the data version covers."""
    who = f"{patient.name}|{patient.born}"
    return f"doctor-{today}-{hashlib.sha256(who.encode()).hexdigest()[:12]}.pdf"


def draw(report: Report, inputs: DoctorInputs, today: datetime.date) -> bytes:
    return doctor_pdf(
        report,
        inputs.patient.name,
        today,
        born=inputs.patient.born,
        experiment=inputs.experiment,
        peg=[PegScore(week, score) for week, score in peg_series(inputs.peg)],
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


def page_text(report: Report, inputs: DoctorInputs, today: datetime.date) -> dict[str, object]:
    """The doctor's page in words and table rows, for the HTML a clinician opens from a share
    link: the same clinical, third-person reading as the PDF."""
    observed = [wording.pdf_evidence_row(Estimate.observed(c)) for c in report.comparisons]
    groups = [(wording.PDF_OBSERVED_ROWS, observed)]
    if inputs.experiment is not None:
        randomised = [wording.pdf_evidence_row(e) for e in inputs.experiment]
        groups.insert(0, (wording.PDF_EXPERIMENT_ROWS, randomised))
    return {
        "details": wording.pdf_details(report, today, inputs.patient.born),
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
        "factors": factor_text(report),
    }
