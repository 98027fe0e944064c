"""The doctor's report: one A4 page a GP reads in a minute, drawn with ``Figure`` like the charts.

The page is laid out in inches from the top: a header, the trend (which takes whatever height
is left, so the page is always full), a table per area, the practice-against-pain evidence
(a randomised experiment's first when there is one), the PEG scores when given, adherence
per exercise, and a boxed note on method and limitations at the foot. Every text is at least
9 points. Tables are texts placed in columns whose widths are known, so long exercise names
wrap inside their cell instead of running out of it; the layout test draws the page for
ranges from a week to ten years and checks that no two texts overlap.

Everything written on the page comes from ``wording``. The optional arguments are for other
parts of the app: the date of birth from the account, the randomised experiment's estimates
and the weekly PEG scores.
"""

import datetime
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journal.analysis.report import Report
from journal.reports.evidence import Estimate, PegScore, observed_estimates
from journal.reports.wording import doctor as wording
from journal.reports.wording.charts import trend_legend
from journal.reports.wording.common import TableRow
from journal.reports.wording.factors import (
    PDF_FACTORS_TITLE,
    PDF_MEDICINES_TITLE,
    factor_day_lines,
    pdf_more,
    pdf_none,
)
from journal.reports.wording.factors import event_sentence as medicine_sentence

from .blocks import (
    BODY,
    GREY,
    HEADING,
    LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MIN_TREND_HEIGHT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Block,
    beside,
    heading,
    line_height,
    page_x,
    page_y,
    shorten,
    stack,
    table_block,
    text_block,
    wrap,
)
from .markers import LINE_HEIGHT
from .style import DPI, Style, load_matplotlib
from .trend import draw_trend

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# The trend on paper: the same drawing as on the page, at print sizes.
PRINT = Style(
    "print",
    width=round(PAGE_WIDTH * DPI),
    heights={"trend": 0},
    scale=1,
    text=BODY,
    title=HEADING,
    max_ticks=8,
    wrap=40,
    margins={"left": 40, "right": 14, "top": 0, "bottom": 0},
    compact=True,
)


def _header(
    report: Report, patient: str, generated: datetime.date, born: datetime.date | None
) -> Block:
    return stack(
        text_block(wording.PDF_TITLE, size=14, weight="bold", gap=0.08),
        text_block(patient, size=12, weight="bold", gap=0.06),
        text_block(wording.pdf_details(report, generated, born)),
        text_block(wording.PDF_SCALE, gap=0.14),
    )


def _heading_at(fig: "Figure", x: float, top: float, text: str) -> None:
    """A block's heading drawn inside its own block, beside what shares its line (unlike
    ``heading``, a block of its own)."""
    fig.text(page_x(x), page_y(top), text, fontsize=HEADING, fontweight="bold", va="top")


def _trend(report: Report, height: float) -> Block:
    legend = trend_legend(report.trend, weekly_means=True)
    title_height = line_height(HEADING) + 0.06

    def draw(fig: "Figure", top: float) -> None:
        _heading_at(fig, MARGIN_X, top, wording.PDF_TREND_TITLE)
        if report.rows:
            # On the heading's line, right-aligned: a line of the page saved for the trend.
            fig.text(
                page_x(PAGE_WIDTH - MARGIN_X),
                page_y(top - 0.02),
                legend,
                fontsize=BODY,
                ha="right",
                va="top",
                color=GREY,
            )
        # Room above the panels for the heading and the legend; below for two lines of date
        # labels.
        box = {
            "left": page_x(MARGIN_X + 0.35),
            "right": page_x(PAGE_WIDTH - MARGIN_X - 0.05),
            "top": page_y(top - title_height - 0.04),
            "bottom": page_y(top - height + 0.42),
        }
        draw_trend(fig, report, PRINT, box, weekly_means=True)

    return Block(height, draw)


def _area_table(report: Report, widths: Sequence[float]) -> Block:
    return stack(
        heading(wording.PDF_AREAS_TITLE),
        table_block(wording.PDF_AREAS_HEADER, wording.pdf_area_rows(report), widths),
    )


def _peg(peg: Sequence[PegScore], x: float, width: float) -> Block:
    height = 1.35

    def draw(fig: "Figure", top: float) -> None:
        import numpy as np

        _heading_at(fig, x, top, wording.PDF_PEG_TITLE)
        latest = wording.latest_peg(list(peg))
        # The latest score and its week as numbers, in a small table right of the chart.
        numbers = 0.0 if latest is None else 0.95
        ax = fig.add_axes(
            (
                page_x(x + 0.3),
                page_y(top - height + 0.3),
                page_x(width - 0.4 - numbers),
                page_y(height - 0.72),
            )
        )
        if latest is not None:
            left = x + width - numbers + 0.05
            label, value = wording.PDF_PEG_HEADER
            for offset, text, style in (
                (0.32, label, {"color": GREY}),
                (0.47, latest.heading, {"fontweight": "bold", "fontsize": HEADING}),
                (0.74, value, {"color": GREY}),
                (0.89, latest.values[0], {}),
            ):
                fig.text(
                    page_x(left),
                    page_y(top - offset),
                    text,
                    va="top",
                    **{"fontsize": BODY, **style},
                )
        ax.set_ylim(0, 10)
        ax.set_yticks([0, 5, 10], ["0", "5", "10"], fontsize=BODY)
        if not peg:
            ax.set_xticks([])
            ax.text(
                0.5,
                0.5,
                wording.PDF_PEG_NONE,
                ha="center",
                va="center",
                transform=ax.transAxes,
                fontsize=BODY,
            )
            return
        days = np.array([p.week for p in peg], dtype="datetime64[D]").astype(float)
        ax.plot(
            days, [p.score for p in peg], color="black", marker="o", markersize=3.5, linewidth=1.2
        )
        first, last = peg[0].week, peg[-1].week
        ax.set_xlim(days[0] - 4, days[-1] + 4)
        ax.set_xticks(
            [days[0], days[-1]] if last != first else [days[0]],
            [f"{first:%-d %b %Y}", f"{last:%-d %b %Y}"]
            if last != first
            else [f"{first:%-d %b %Y}"],
            fontsize=BODY,
        )
        ax.grid(axis="y", alpha=0.4, linewidth=0.5)

    return Block(height, draw)


def _evidence(report: Report, experiment: Sequence[Estimate] | None) -> Block:
    """Next-day pain after exercise and other days: a randomised result first, if any."""
    rows: list[TableRow] = []
    if experiment is not None:
        rows.append(TableRow(wording.PDF_EXPERIMENT_ROWS))
        rows += [wording.pdf_evidence_row(e) for e in experiment]
        rows.append(TableRow(wording.PDF_OBSERVED_ROWS))
    rows += [wording.pdf_evidence_row(e) for e in observed_estimates(report)]
    return stack(
        heading(wording.PDF_EVIDENCE_TITLE),
        table_block(wording.PDF_EVIDENCE_HEADER, rows, (0.6, 0.75, 0.7, 1.6, 3.62)),
    )


def _adherence(report: Report, rows: list[TableRow] | None = None) -> Block:
    return stack(
        heading(wording.PDF_ADHERENCE_TITLE),
        table_block(
            wording.PDF_ADHERENCE_HEADER,
            wording.pdf_adherence_rows(report) if rows is None else rows,
            (3.4, 1.2, 0.65, 1.01, 1.01),
            # The catalog's names fit on a line; a curator's very long one is cut short.
            first_column_lines=1,
        ),
    )


def _adherence_that_fits(report: Report, height: float) -> Block:
    """Adherence per exercise, in the height left; a catalog too long to fit is cut short
    with a row that says how many exercises are left out (the app lists them all)."""
    rows = wording.pdf_adherence_rows(report)
    block = _adherence(report, rows)
    *exercises, total = rows
    while block.height > height and exercises:
        exercises.pop()
        left_out = len(rows) - 1 - len(exercises)
        more = TableRow(wording.pdf_more_exercises(left_out))
        block = _adherence(report, [*exercises, more, total])
    return block


# Each list of the medicines and factors block keeps to this many lines; the app lists all.
LIST_LINES = 4


def _item(text: str, width: float, x: float) -> Block:
    """One item of a list: at most two lines, the second cut short with an ellipsis."""
    lines = wrap(text, width, BODY)
    if len(lines) > 2:
        lines = shorten(lines, 2, width)

    def draw(fig: "Figure", top: float) -> None:
        fig.text(
            page_x(x),
            page_y(top),
            "\n".join(lines),
            fontsize=BODY,
            va="top",
            linespacing=LINE,
            parse_math=False,
        )

    return Block(len(lines) * line_height(BODY), draw)


def _list(title: str, lines: list[str], width: float, x: float, keep: int, none: str) -> Block:
    """A bold title and the items, at most ``keep`` (the last then says how many more the
    app lists)."""
    shown = lines if len(lines) <= keep else [*lines[: keep - 1], pdf_more(len(lines) - keep + 1)]
    return stack(
        text_block(title, weight="bold", width=width, x=x, gap=0.02),
        *(_item(line, width, x) for line in shown or [none]),
    )


def _medicines_and_factors(report: Report, keep: int = LIST_LINES) -> Block:
    """The medicine changes of the range beside the days each factor was ticked."""
    half = (PAGE_WIDTH - 2 * MARGIN_X - 0.2) / 2
    medicines = _list(
        PDF_MEDICINES_TITLE,
        [medicine_sentence(e) for e in report.medicine_events],
        half,
        MARGIN_X,
        keep,
        pdf_none("medicines"),
    )
    factors = _list(
        PDF_FACTORS_TITLE,
        factor_day_lines(report),
        half,
        MARGIN_X + half + 0.2,
        keep,
        pdf_none("factors"),
    )
    return beside(medicines, factors, gap=0.1)


def _footer() -> Block:
    """The boxed note on method and limitations, its paragraphs side by side."""
    width = PAGE_WIDTH - 2 * MARGIN_X
    column = (width - 0.45) / 2
    first, second = (
        text_block(paragraph, width=column, x=MARGIN_X + 0.15 + i * (column + 0.15), gap=0)
        for i, paragraph in enumerate(wording.PDF_METHOD)
    )
    inner = stack(
        text_block(wording.PDF_METHOD_TITLE, weight="bold", x=MARGIN_X + 0.15),
        beside(first, second, gap=0),
    )
    pad = 0.1

    def draw(fig: "Figure", top: float) -> None:
        from matplotlib.patches import Rectangle

        fig.add_artist(
            Rectangle(
                (page_x(MARGIN_X), page_y(top - inner.height - 2 * pad)),
                page_x(width),
                page_y(inner.height + 2 * pad),
                fill=False,
                edgecolor="black",
                linewidth=0.8,
                transform=fig.transFigure,
            )
        )
        inner.draw(fig, top - pad)

    return Block(inner.height + 2 * pad, draw)


def doctor_figure(
    report: Report,
    patient: str,
    generated: datetime.date,
    *,
    born: datetime.date | None = None,
    experiment: Sequence[Estimate] | None = None,
    peg: Sequence[PegScore] | None = None,
) -> "Figure":
    from matplotlib.figure import Figure

    fig = Figure(figsize=(PAGE_WIDTH, PAGE_HEIGHT), dpi=DPI, layout=None)
    header = _header(report, patient, generated, born)
    if peg is None:
        areas = _area_table(report, (0.8, 0.8, 3.0, 1.0))
    else:
        # The PEG chart beside the table: the page has no height to spare for it.
        areas = beside(
            _area_table(report, (0.55, 0.55, 2.2, 0.75)), _peg(peg, MARGIN_X + 4.45, 2.82)
        )
    evidence = _evidence(report, experiment)
    footer = _footer()
    room = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - header.height - footer.height - 0.15
    # The medicine changes' labels take up to two lines above the panels.
    least = MIN_TREND_HEIGHT + (2 * BODY * LINE_HEIGHT / 72 if report.medicine_events else 0)
    # The medicines and factors keep as many lines as the page has room for, down to one
    # each, before the adherence table gives up rows.
    smallest_adherence = _adherence(report, wording.pdf_adherence_rows(report)[-1:]).height
    for keep in range(LIST_LINES, 0, -1):
        medicines = _medicines_and_factors(report, keep)
        spare = room - least - areas.height - evidence.height - smallest_adherence
        if medicines.height <= spare:
            break
    adherence = _adherence_that_fits(
        report, room - least - medicines.height - areas.height - evidence.height
    )
    below = [medicines, areas, evidence, adherence]
    trend = _trend(report, max(least, room - sum(b.height for b in below)))

    top = PAGE_HEIGHT - MARGIN_TOP
    for block in (header, trend, *below):
        block.draw(fig, top)
        top -= block.height
    footer.draw(fig, MARGIN_BOTTOM + footer.height)
    return fig


def doctor_pdf(report: Report, patient: str, generated: datetime.date, **details: Any) -> bytes:
    """The page of ``doctor_figure`` (``details``: born, experiment, peg) as a PDF file."""
    load_matplotlib()
    from matplotlib.backends.backend_pdf import PdfPages

    page = doctor_figure(report, patient, generated, **details)
    buffer = io.BytesIO()
    metadata = {"Title": wording.pdf_document_title(patient), "CreationDate": None}
    with PdfPages(buffer, metadata=metadata) as pdf:
        pdf.savefig(page)
    return buffer.getvalue()


# The trend as the clinician's web page shows it: the doctor's page's own drawing, at its
# print sizes, cut out of an A4 figure, at twice the density for sharp screens.
WEB_TREND_HEIGHT = 3.2  # inches


def doctor_trend_png(report: Report) -> bytes:
    load_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

    fig = Figure(figsize=(PAGE_WIDTH, PAGE_HEIGHT), dpi=DPI, layout=None)
    top = PAGE_HEIGHT - MARGIN_TOP
    block = _trend(report, WEB_TREND_HEIGHT)
    block.draw(fig, top)
    box = Bbox([[0.2, top - block.height], [PAGE_WIDTH - 0.2, top + 0.1]])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI * 2, bbox_inches=box, metadata={"Software": None})
    return buffer.getvalue()
