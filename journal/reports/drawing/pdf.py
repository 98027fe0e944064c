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
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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

from .markers import LINE_HEIGHT
from .style import DPI, Style, load_matplotlib
from .trend import draw_trend

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PAGE_WIDTH, PAGE_HEIGHT = 8.27, 11.69  # A4 in inches
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 0.5, 0.45, 0.4
BODY = 9.0  # points: the smallest type on the page
HEADING = 10.5
LINE = 1.3  # line height as a multiple of the type size
MIN_TREND_HEIGHT = 2.4
GREY = "#555555"

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


def _points(inches: float) -> float:
    return inches * 72


def _line_height(size: float) -> float:
    return size * LINE / 72


@functools.cache
def _renderer() -> object:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # at 72 dpi a pixel is a point


@functools.lru_cache(maxsize=8192)
def _width(text: str, size: float, weight: str) -> float:
    """A text's width in points. Cached: the page's words recur on every report."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight=weight)
    return _renderer().get_text_width_height_descent(text, prop, ismath=False)[0]


def _wrap(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """Lines of at most ``width`` inches, measured with the font the page is drawn in.

    A line's width is the sum of its words' and spaces' widths (each measured once and
    cached), with 2% to spare for the kerning between them.
    """
    limit = _points(width) / 1.02
    space = _width("a a", size, weight) - _width("aa", size, weight)
    lines: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = _width(word, size, weight)
        if lines and used + space + word_width <= limit:
            lines[-1] = f"{lines[-1]} {word}"
            used += space + word_width
            continue
        # A word wider than the column (a name without spaces) is broken where it must be.
        while len(word) > 1 and _width(word, size, weight) > limit:
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], size, weight) > limit:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
        used = _width(word, size, weight)
    return lines or [""]


def _cut(lines: list[str], keep: int, width: float) -> list[str]:
    last = f"{lines[keep - 1]} {lines[keep]}"
    while len(last) > 1 and _width(last + "…", BODY, "normal") > _points(width) / 1.02:
        last = last[:-1]
    return [*lines[: keep - 1], last.rstrip(" .") + "…"]


@dataclass
class _Block:
    height: float  # inches
    draw: Callable[["Figure", float], None]  # given the block's top, in inches from the bottom


def _x(inches: float) -> float:
    return inches / PAGE_WIDTH


def _y(inches: float) -> float:
    return inches / PAGE_HEIGHT


def _text_block(
    text: str,
    *,
    size: float = BODY,
    weight: str = "normal",
    width: float = PAGE_WIDTH - 2 * MARGIN_X,
    x: float = MARGIN_X,
    colour: str = "black",
    gap: float = 0.04,
) -> _Block:
    lines = _wrap(text, width, size, weight)

    def draw(fig: "Figure", top: float) -> None:
        fig.text(
            _x(x),
            _y(top),
            "\n".join(lines),
            fontsize=size,
            fontweight=weight,
            va="top",
            linespacing=LINE,
            color=colour,
            parse_math=False,
        )

    return _Block(len(lines) * _line_height(size) + gap, draw)


def _table_block(
    header: Sequence[str],
    rows: Sequence[TableRow],
    widths: Sequence[float],
    *,
    x: float = MARGIN_X,
    first_column_lines: int = 3,
) -> _Block:
    """A table of texts: a bold header, a rule, and rows as tall as their longest cell.

    A row of one cell spans the table and is set in bold: it names the rows under it. The
    first column's cells are cut to ``first_column_lines``, with an ellipsis.
    """
    pad = 0.035
    table = [header, *(row.cells for row in rows)]

    def cell_widths(row: Sequence[str]) -> Sequence[float]:
        return widths if len(row) > 1 else [sum(widths)]

    def weight(index: int, row: Sequence[str]) -> str:
        return "bold" if index == 0 or len(row) == 1 else "normal"

    cells = [
        [
            _wrap(cell, width - 0.12, BODY, weight(index, row))
            for cell, width in zip(row, cell_widths(row), strict=True)
        ]
        for index, row in enumerate(table)
    ]
    for index, row in enumerate(cells):
        if index and len(table[index]) > 1 and len(row[0]) > first_column_lines:
            row[0] = _cut(row[0], first_column_lines, widths[0] - 0.12)
    heights = [max(len(c) for c in row) * _line_height(BODY) + pad for row in cells]

    def draw(fig: "Figure", top: float) -> None:
        from matplotlib.lines import Line2D

        y = top
        for index, (row, lines_by_cell, height) in enumerate(
            zip(table, cells, heights, strict=True)
        ):
            left = x
            for lines, width in zip(lines_by_cell, cell_widths(row), strict=True):
                fig.text(
                    _x(left),
                    _y(y - pad / 2),
                    "\n".join(lines),
                    fontsize=BODY,
                    fontweight=weight(index, row),
                    va="top",
                    linespacing=LINE,
                    parse_math=False,
                )
                left += width
            y -= height
            fig.add_artist(
                Line2D(
                    [_x(x), _x(x + sum(widths))],
                    [_y(y), _y(y)],
                    color="black" if index == 0 else "#bbbbbb",
                    linewidth=0.8 if index == 0 else 0.4,
                )
            )

    return _Block(sum(heights) + 0.1, draw)


def _heading(text: str) -> _Block:
    return _text_block(text, size=HEADING, weight="bold", gap=0.06)


def _stack(*blocks: _Block) -> _Block:
    def draw(fig: "Figure", top: float) -> None:
        for block in blocks:
            block.draw(fig, top)
            top -= block.height

    return _Block(sum(b.height for b in blocks), draw)


def _beside(left: _Block, right: _Block, gap: float = 0.12) -> _Block:
    def draw(fig: "Figure", top: float) -> None:
        left.draw(fig, top)
        right.draw(fig, top)

    return _Block(max(left.height, right.height) + gap, draw)


def _space(height: float) -> _Block:
    return _Block(height, lambda fig, top: None)


def _header(
    report: Report, patient: str, generated: datetime.date, born: datetime.date | None
) -> _Block:
    return _stack(
        _text_block(wording.PDF_TITLE, size=14, weight="bold", gap=0.08),
        _text_block(patient, size=12, weight="bold", gap=0.06),
        _text_block(wording.pdf_details(report, generated, born)),
        _text_block(wording.PDF_SCALE, gap=0.14),
    )


def _trend(report: Report, height: float) -> _Block:
    legend = trend_legend(report.trend, weekly_means=True)
    title_height = _line_height(HEADING) + 0.06

    def draw(fig: "Figure", top: float) -> None:
        fig.text(
            _x(MARGIN_X),
            _y(top),
            wording.PDF_TREND_TITLE,
            fontsize=HEADING,
            fontweight="bold",
            va="top",
        )
        if report.rows:
            # On the heading's line, right-aligned: a line of the page saved for the trend.
            fig.text(
                _x(PAGE_WIDTH - MARGIN_X),
                _y(top - 0.02),
                legend,
                fontsize=BODY,
                ha="right",
                va="top",
                color=GREY,
            )
        # Room above the panels for the heading and the legend; below for two lines of date
        # labels.
        box = {
            "left": _x(MARGIN_X + 0.35),
            "right": _x(PAGE_WIDTH - MARGIN_X - 0.05),
            "top": _y(top - title_height - 0.04),
            "bottom": _y(top - height + 0.42),
        }
        draw_trend(fig, report, PRINT, box, weekly_means=True)

    return _Block(height, draw)


def _area_table(report: Report, widths: Sequence[float]) -> _Block:
    return _stack(
        _heading(wording.PDF_AREAS_TITLE),
        _table_block(wording.PDF_AREAS_HEADER, wording.pdf_area_rows(report), widths),
    )


def _peg(peg: Sequence[PegScore], x: float, width: float) -> _Block:
    height = 1.35

    def draw(fig: "Figure", top: float) -> None:
        import numpy as np

        fig.text(
            _x(x), _y(top), wording.PDF_PEG_TITLE, fontsize=HEADING, fontweight="bold", va="top"
        )
        latest = wording.latest_peg(list(peg))
        # The latest score and its week as numbers, in a small table right of the chart.
        numbers = 0.0 if latest is None else 0.95
        ax = fig.add_axes(
            (_x(x + 0.3), _y(top - height + 0.3), _x(width - 0.4 - numbers), _y(height - 0.72))
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
                fig.text(_x(left), _y(top - offset), text, va="top", **{"fontsize": BODY, **style})
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

    return _Block(height, draw)


def _evidence(report: Report, experiment: Sequence[Estimate] | None) -> _Block:
    """Next-day pain after exercise and other days: a randomised result first, if any."""
    rows: list[TableRow] = []
    if experiment is not None:
        rows.append(TableRow(wording.PDF_EXPERIMENT_ROWS))
        rows += [wording.pdf_evidence_row(e) for e in experiment]
        rows.append(TableRow(wording.PDF_OBSERVED_ROWS))
    rows += [wording.pdf_evidence_row(e) for e in observed_estimates(report)]
    return _stack(
        _heading(wording.PDF_EVIDENCE_TITLE),
        _table_block(wording.PDF_EVIDENCE_HEADER, rows, (0.6, 0.75, 0.7, 1.6, 3.62)),
    )


def _adherence(report: Report, rows: list[TableRow] | None = None) -> _Block:
    return _stack(
        _heading(wording.PDF_ADHERENCE_TITLE),
        _table_block(
            wording.PDF_ADHERENCE_HEADER,
            wording.pdf_adherence_rows(report) if rows is None else rows,
            (3.4, 1.2, 0.65, 1.01, 1.01),
            # The catalog's names fit on a line; a curator's very long one is cut short.
            first_column_lines=1,
        ),
    )


def _adherence_that_fits(report: Report, height: float) -> _Block:
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


def _item(text: str, width: float, x: float) -> _Block:
    """One item of a list: at most two lines, the second cut short with an ellipsis."""
    lines = _wrap(text, width, BODY)
    if len(lines) > 2:
        lines = _cut(lines, 2, width)

    def draw(fig: "Figure", top: float) -> None:
        fig.text(
            _x(x),
            _y(top),
            "\n".join(lines),
            fontsize=BODY,
            va="top",
            linespacing=LINE,
            parse_math=False,
        )

    return _Block(len(lines) * _line_height(BODY), draw)


def _list(title: str, lines: list[str], width: float, x: float, keep: int, none: str) -> _Block:
    """A bold title and the items, at most ``keep`` (the last then says how many more the
    app lists)."""
    shown = lines if len(lines) <= keep else [*lines[: keep - 1], pdf_more(len(lines) - keep + 1)]
    return _stack(
        _text_block(title, weight="bold", width=width, x=x, gap=0.02),
        *(_item(line, width, x) for line in shown or [none]),
    )


def _medicines_and_factors(report: Report, keep: int = LIST_LINES) -> _Block:
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
    return _beside(medicines, factors, gap=0.1)


def _footer() -> _Block:
    """The boxed note on method and limitations, its paragraphs side by side."""
    width = PAGE_WIDTH - 2 * MARGIN_X
    column = (width - 0.45) / 2
    first, second = (
        _text_block(paragraph, width=column, x=MARGIN_X + 0.15 + i * (column + 0.15), gap=0)
        for i, paragraph in enumerate(wording.PDF_METHOD)
    )
    inner = _stack(
        _text_block(wording.PDF_METHOD_TITLE, weight="bold", x=MARGIN_X + 0.15),
        _beside(first, second, gap=0),
    )
    pad = 0.1

    def draw(fig: "Figure", top: float) -> None:
        from matplotlib.patches import Rectangle

        fig.add_artist(
            Rectangle(
                (_x(MARGIN_X), _y(top - inner.height - 2 * pad)),
                _x(width),
                _y(inner.height + 2 * pad),
                fill=False,
                edgecolor="black",
                linewidth=0.8,
                transform=fig.transFigure,
            )
        )
        inner.draw(fig, top - pad)

    return _Block(inner.height + 2 * pad, draw)


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
        areas = _beside(
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
