"""The doctor's report: one A4 page, drawn with ``matplotlib.figure.Figure`` like the charts."""

import datetime
import io
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import wording
from .analysis import Report, weekly_means
from .charts import DPI, LITERAL, draw_trend

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def _table(
    ax: "Axes",
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
) -> None:
    ax.axis("off")
    ax.set_title(title, loc="left", fontsize=9, fontweight="bold", **LITERAL)
    if not rows:
        ax.text(0, 0.8, wording.PDF_EMPTY_TABLE, fontsize=8, transform=ax.transAxes, **LITERAL)
        return
    table = ax.table(
        cellText=rows, colLabels=header, colWidths=widths, loc="upper left", cellLoc="left"
    )
    for cell in table.get_celld().values():
        cell.get_text().set_parse_math(False)  # exercise names are the curator's words
    table.auto_set_font_size(False)
    table.set_fontsize(7)
    table.scale(1, 1.15)


def doctor_pdf(report: Report, patient: str, generated: datetime.date) -> bytes:
    """One A4 page a clinician can read in a minute."""
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    page = Figure(figsize=(8.27, 11.69), dpi=DPI, layout=None)
    page.text(0.06, 0.965, wording.pdf_title(patient), fontsize=13, fontweight="bold", **LITERAL)
    page.text(0.06, 0.945, wording.pdf_subtitle(report, generated), fontsize=8, **LITERAL)

    # The same trend chart as on the page, drawn as vectors at the top.
    draw_trend(page.add_axes((0.1, 0.64, 0.85, 0.25)), report)

    weeks = weekly_means(report.rows)[-wording.PDF_WEEKS :]
    _table(
        page.add_axes((0.06, 0.43, 0.4, 0.18)),
        wording.PDF_WEEKLY_TITLE,
        wording.PDF_WEEKLY_HEADER,
        wording.weekly_rows(weeks),
        [0.32, 0.17, 0.17, 0.17, 0.17],
    )
    _table(
        page.add_axes((0.54, 0.43, 0.4, 0.18)),
        wording.PDF_ADHERENCE_TITLE,
        wording.PDF_ADHERENCE_HEADER,
        wording.pdf_adherence_rows(report),
        [0.6, 0.22, 0.18],
    )
    page.text(0.54, 0.42, wording.pdf_streak_line(report), fontsize=8, **LITERAL)

    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 125, subsequent_indent="   ")) or " "
        for line in wording.pdf_summary_lines(report)
    )
    page.text(0.06, 0.39, wrapped, fontsize=7, va="top", linespacing=1.35, **LITERAL)

    buffer = io.BytesIO()
    with PdfPages(
        buffer, metadata={"Title": f"Footcare report for {patient}", "CreationDate": None}
    ) as pdf:
        pdf.savefig(page)
    return buffer.getvalue()
