"""The words about medicines and the factors of the day, for every audience: the chart's
labels, the Reports page's table and method sentence, the doctor's page and PDF."""

from dataclasses import dataclass

from footcare.vocabulary import AREA_LABELS
from journal.analysis.factors import FactorMeans, MedicineEventRow
from journal.analysis.nextday import Mean
from journal.analysis.report import Report

from .common import TableRow, days

FACTORS_TITLE = "Medicines and other factors"
FACTORS_CAPTION = (
    "Plain means of your pain (0 to 10) on logged days with and without each factor, and of "
    "the next day's pain, with the number of days in brackets. Descriptive only: a factor is "
    "not chosen at random, factors often come together (a flare-up and pain medicine), the "
    "means are not adjusted for how the pain was going, and with this many comparisons some "
    "differences appear by chance, so no intervals or verdicts are given for them."
)
FACTORS_HEADER = [
    "Factor, area",
    "That day, with it",
    "That day, without",
    "Next day, after it",
    "Next day, after a day without",
]
NO_FACTORS = "No factor was ticked in this range."
NO_MEDICINE_EVENTS = "No medicine changed in this range."
EVENTS_IN_A_SENTENCE = 6
PDF_MEDICINES_TITLE = "Medicine changes in this range"
PDF_FACTORS_TITLE = "Factors ticked (days of the logged days)"
MARKERS_NOTE = "dashed: a medicine change"


def pdf_more(count: int) -> str:
    return f"… and {count} more, listed in the app"


def pdf_none(what: str) -> str:
    return "No medicine changed in this range." if what == "medicines" else NO_FACTORS


def dose_text(event: MedicineEventRow) -> str:
    return ", ".join(part for part in (event.dose, event.how_often) if part)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def event_label(event: MedicineEventRow, limit: int = 24) -> str:
    """The label of the event's marker on the trend chart: the name cut to ``limit``
    characters, then what happened."""
    name = _short(event.medicine, limit)
    if event.kind == "started":
        return f"{name} started"
    if event.kind == "stopped":
        return f"{name} stopped"
    return f"{name} {_short(dose_text(event), limit)}"


def event_sentence(event: MedicineEventRow, *, year: bool = True) -> str:
    when = f"{event.day:%-d %b %Y}" if year else f"{event.day:%-d %b}"
    dose = dose_text(event)
    if event.kind == "started":
        return f"{event.medicine} started on {when}" + (f" ({dose})" if dose else "")
    if event.kind == "stopped":
        return f"{event.medicine} stopped on {when}"
    return f"{event.medicine}: dose changed on {when} to {dose}"


def medicine_caveat(report: Report) -> str | None:
    """For the next-day comparison's method: the medicine changes of the range, named."""
    events = report.medicine_events
    if not events:
        return None
    named = [event_sentence(e, year=False) for e in events[:EVENTS_IN_A_SENTENCE]]
    more = len(events) - len(named)
    if more:
        named.append(f"{more} more change{'' if more == 1 else 's'} (listed below)")
    return (
        f"Your medicines changed in this range: {'; '.join(named)}. A change in pain after "
        "those days may be the medicine rather than the exercises; the comparison does not "
        "allow for it."
    )


def markers_alt(report: Report) -> str:
    """Appended to the trend chart's alt text when it marks medicine changes."""
    if not report.medicine_events:
        return ""
    return (
        " Dashed vertical lines mark medicine changes: "
        + "; ".join(event_sentence(e) for e in report.medicine_events)
        + "."
    )


def _mean(mean: Mean) -> str:
    return "–" if mean.mean is None else f"{mean.mean:.1f} ({mean.n})"


def factor_row(means: FactorMeans) -> TableRow:
    return TableRow(
        f"{means.factor}, {AREA_LABELS[means.area].lower()}",
        (
            _mean(means.with_factor),
            _mean(means.without),
            _mean(means.next_with),
            _mean(means.next_without),
        ),
    )


def factor_day_lines(report: Report) -> list[str]:
    logged = report.logged_days
    return [f"{name}: {n} of {days(logged)}" for name, n in report.factor_days]


@dataclass(frozen=True)
class FactorText:
    """What the Reports page and the shared page write about medicines and factors."""

    title: str
    events: list[str]
    caveat: str | None
    rows: list[TableRow]
    factor_days: list[str]
    caption: str = FACTORS_CAPTION
    header: tuple[str, ...] = tuple(FACTORS_HEADER)
    no_factors: str = NO_FACTORS
    no_events: str = NO_MEDICINE_EVENTS


def factor_text(report: Report) -> FactorText:
    return FactorText(
        title=FACTORS_TITLE,
        events=[event_sentence(e) for e in report.medicine_events],
        caveat=medicine_caveat(report),
        rows=[factor_row(m) for m in report.factors],
        factor_days=factor_day_lines(report),
    )
