"""Medicines and factors in the Reports, the charts, the doctor's PDF and the shared page."""

import datetime
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.analysis.factors import MedicineEventRow, factor_days, factor_means
from journal.analysis.report import Report, build_report
from journal.analysis.rows import DayRow
from journal.models import Factor, Medicine, MedicineEvent
from journal.reports.drawing import charts
from journal.reports.drawing.markers import plan_labels
from journal.reports.wording.factors import medicine_caveat
from tests.factories import make_entries

from . import test_doctor_pdf_file as pdf_file

END = datetime.date(2026, 11, 25)


def day(offset: int, back: int | None, *factors: str) -> DayRow:
    return DayRow(
        END - datetime.timedelta(days=offset), {"back": back}, frozenset(), frozenset(factors)
    )


def test_the_factor_table_gives_plain_means_with_and_without_and_the_next_day() -> None:
    rows = [day(3, 8, "Slept badly"), day(2, 6), day(1, 4, "Slept badly"), day(0, 2)]
    (back, _hip, _knee) = factor_means(sorted(rows, key=lambda r: r.day), ["Slept badly", "Yoga"])
    assert (back.with_factor.n, back.with_factor.mean) == (2, 6.0)
    assert (back.without.n, back.without.mean) == (2, 4.0)
    # After the two days with it: 6 and 2; after the one logged day without it (the 2nd): 4.
    assert (back.next_with.n, back.next_with.mean) == (2, 4.0)
    assert (back.next_without.n, back.next_without.mean) == (1, 4.0)


def test_a_factor_never_ticked_has_no_row_and_days_are_counted() -> None:
    rows = [day(1, 3, "Slept badly"), day(0, 2, "Slept badly", "A flare-up")]
    assert {m.factor for m in factor_means(rows, ["Slept badly", "Yoga"])} == {"Slept badly"}
    assert factor_days(rows, ["A flare-up", "Slept badly", "Yoga"]) == [
        ("A flare-up", 1),
        ("Slept badly", 2),
    ]


def events(*items: tuple[str, int, str]) -> list[MedicineEventRow]:
    return [
        MedicineEventRow(name, END - datetime.timedelta(days=ago), kind, "500 mg")
        for name, ago, kind in items
    ]


def last_days_report(days: int, *changes: tuple[str, int, str]) -> Report:
    """The report of the last ``days`` days, each with the back at 3, and these medicine
    changes (name, days ago, kind)."""
    rows = [day(n, 3) for n in range(days)]
    start = END - datetime.timedelta(days=days - 1)
    period = f"Over the last {days} days"
    return build_report(rows, [], start, END, END, period, medicine_events=events(*changes))


def test_the_method_text_names_the_medicine_changes_of_the_range() -> None:
    report = last_days_report(30, ("Naproxen", 22, "started"), ("Naproxen", 200, "stopped"))
    caveat = medicine_caveat(report)
    assert caveat.startswith("Your medicines changed in this range: Naproxen started on 3 Nov")
    assert "may be the medicine" in caveat
    assert len(report.medicine_events) == 1  # the one before the range is not in it


def test_without_medicine_changes_the_method_adds_nothing() -> None:
    assert medicine_caveat(last_days_report(5)) is None


@settings(max_examples=200, deadline=None)
@given(
    xs=st.lists(st.floats(0.5, 7.5), min_size=1, max_size=40),
    lengths=st.lists(st.integers(1, 60), min_size=40, max_size=40),
)
def test_no_two_marker_labels_overlap_however_crowded(xs: list[float], lengths: list[int]) -> None:
    marks = [(x, "N" * lengths[i]) for i, x in enumerate(sorted(xs))]
    placed = plan_labels(marks, 0.5, 7.5, 8.5)
    for i, a in enumerate(placed):
        assert a.start >= 0.5 - 1e-9 and a.end <= 7.5 + 1e-9
        for b in placed[i + 1 :]:
            assert a.line != b.line or a.end <= b.start or b.end <= a.start
    # Every marked line is labelled, alone or in a group that names how many more.
    grouped = sum(
        1 + int(p.text.rsplit("+", 1)[1].split()[0]) if ", +" in p.text else 1 for p in placed
    )
    assert grouped == len(marks)


def test_the_trend_chart_draws_a_labelled_line_per_medicine_change() -> None:
    report = last_days_report(90, ("Naproxen", 60, "started"), ("Naproxen", 20, "stopped"))
    for name in ("trend", "trend-phone"):
        fig = charts.chart_figure(report, name)
        texts = [t.get_text() for t in fig.texts]
        assert "Naproxen started" in texts and "Naproxen stopped" in texts
        lines = [c for ax in fig.axes for c in ax.collections if c.get_gid() == "medicine-lines"]
        assert len(lines) == 4 and all(len(c.get_segments()) == 2 for c in lines)


@pytest.fixture
def journal(user, catalog, frozen_today) -> object:
    make_entries(user, frozen_today, 60)
    slept = Factor.objects.listed(user)[1]
    for entry in user.entries.all()[:10]:
        entry.factors.add(slept)
    naproxen = Medicine.objects.create(user=user, name="Naproxen", key="naproxen")
    MedicineEvent.objects.create(
        medicine=naproxen,
        day=frozen_today - datetime.timedelta(days=20),
        kind="started",
        dose="500 mg",
    )
    return user


def test_the_reports_page_shows_the_changes_the_caveat_and_the_descriptive_table(
    alice, journal
) -> None:
    page = alice.get("/journal/reports/?range=30").text
    assert "Medicines and other factors" in page
    assert "Naproxen started on 5 Nov 2026 (500 mg)" in page
    assert "Your medicines changed in this range: Naproxen started on 5 Nov" in page
    assert "Slept badly: 10 of 30 days" in page
    assert "Descriptive only" in page and "no intervals or verdicts" in page
    assert "Dashed vertical lines mark medicine changes" in page


def test_nothing_about_medicines_or_factors_comes_before_the_first_chart(alice, journal) -> None:
    # The page leads with a sentence per area and the trend chart; a phone reaches the chart
    # within one and a half screens only if nothing else is put before it.
    page = alice.get("/journal/reports/?range=30").text
    chart = page.index('id="trend-heading"')
    assert chart < page.index('id="factors-heading"')
    assert chart < page.index("Your medicines changed in this range")
    # The note on medicine changes is one of the notes under "How sure is this?".
    caveat = page.index("Your medicines changed in this range")
    assert page.index('id="how-sure"') < caveat < page.index("Download the report for your doctor")


def test_the_shared_page_lists_the_changes_and_the_factor_days(alice, journal) -> None:
    response = alice.post(
        "/journal/reports/share/",
        {"start": "2026-10-01", "end": "2026-11-25", "days": "14", "label": ""},
    )
    url = re.search(r">http://testserver(/shared/[^<]+/)</textarea>", response.text).group(1)
    page = alice.get(url).text
    assert "Naproxen started on 5 Nov 2026 (500 mg)" in page
    assert "Slept badly: 10 of" in page


poppler = pdf_file.poppler


def test_the_doctors_pdf_stays_one_page_with_medicines_and_factors(
    poppler, alice, journal, tmp_path
) -> None:
    path = pdf_file.download(alice, tmp_path)
    assert re.search(r"^Pages:\s+1$", pdf_file.run("pdfinfo", str(path)), re.MULTILINE)
    words = " ".join(pdf_file.run("pdftotext", "-layout", str(path), "-").split())
    assert "Medicine changes in this range" in words
    assert "Naproxen started on 5 Nov 2026 (500 mg)" in words
    assert "Slept badly: 10 of 60 days" in words


@pytest.mark.parametrize(("days", "own"), [(10, 0), (400, 12)])
def test_the_reports_page_costs_the_same_queries_however_many_days_and_factors(
    alice, user, catalog, frozen_today, django_assert_num_queries, days: int, own: int
) -> None:
    make_entries(user, frozen_today, days)
    for number in range(own):
        Factor.objects.add_own(user, f"Factor {number}")
    factors = Factor.objects.listed(user)
    Factor.days.through.objects.bulk_create(
        Factor.days.through(entry_id=entry, factor_id=factor.pk)
        for entry in user.entries.values_list("pk", flat=True)
        for factor in factors
    )
    for number in range(own):
        medicine = Medicine.objects.create(user=user, name=f"M{number}", key=f"m{number}")
        MedicineEvent.objects.create(
            medicine=medicine, day=frozen_today, kind="started", dose="1 mg"
        )
    # The user, the data version, the relief sessions, the running experiment, the days
    # (three), the person's routine (two) and main area, their factors (two), the medicine
    # changes and the PEG weeks: the same for 10 days and 5 factors as for 400 days with 17
    # factors ticked on each and 12 medicines.
    with django_assert_num_queries(14):
        assert alice.get("/journal/reports/?range=365").status_code == 200
