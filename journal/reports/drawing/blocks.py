"""A page of text blocks drawn on a matplotlib ``Figure``: type measured with the Agg
renderer, text wrapped to a width in inches, tables as texts in columns of known widths,
and blocks stacked from the top or set beside each other. The doctor's page is built from
these; a block knows its height before it is drawn, so the page can give the trend whatever
height is left."""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journal.reports.wording.common import TableRow

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PAGE_WIDTH, PAGE_HEIGHT = 8.27, 11.69  # A4 in inches
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 0.5, 0.45, 0.4
BODY = 9.0  # points: the smallest type on the page
HEADING = 10.5
LINE = 1.3  # line height as a multiple of the type size
MIN_TREND_HEIGHT = 2.4
GREY = "#555555"


def points(inches: float) -> float:
    return inches * 72


def line_height(size: float) -> float:
    return size * LINE / 72


@functools.cache
def renderer() -> object:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # at 72 dpi a pixel is a point


@functools.lru_cache(maxsize=8192)
def text_width(text: str, size: float, weight: str) -> float:
    """A text's width in points. Cached: the page's words recur on every report."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=size, weight=weight)
    return renderer().get_text_width_height_descent(text, prop, ismath=False)[0]


def wrap(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """Lines of at most ``width`` inches, measured with the font the page is drawn in.

    A line's width is the sum of its words' and spaces' widths (each measured once and
    cached), with 2% to spare for the kerning between them.
    """
    limit = points(width) / 1.02
    space = text_width("a a", size, weight) - text_width("aa", size, weight)
    lines: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = text_width(word, size, weight)
        if lines and used + space + word_width <= limit:
            lines[-1] = f"{lines[-1]} {word}"
            used += space + word_width
            continue
        # A word wider than the column (a name without spaces) is broken where it must be.
        while len(word) > 1 and text_width(word, size, weight) > limit:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], size, weight) > limit:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
        used = text_width(word, size, weight)
    return lines or [""]


def shorten(lines: list[str], keep: int, width: float) -> list[str]:
    last = f"{lines[keep - 1]} {lines[keep]}"
    while len(last) > 1 and text_width(last + "…", BODY, "normal") > points(width) / 1.02:
        last = last[:-1]
    return [*lines[: keep - 1], last.rstrip(" .") + "…"]


@dataclass
class Block:
    height: float  # inches
    draw: Callable[["Figure", float], None]  # given the block's top, in inches from the bottom


def page_x(inches: float) -> float:
    return inches / PAGE_WIDTH


def page_y(inches: float) -> float:
    return inches / PAGE_HEIGHT


def text_block(
    text: str,
    *,
    size: float = BODY,
    weight: str = "normal",
    width: float = PAGE_WIDTH - 2 * MARGIN_X,
    x: float = MARGIN_X,
    colour: str = "black",
    gap: float = 0.04,
) -> Block:
    lines = wrap(text, width, size, weight)

    def draw(fig: "Figure", top: float) -> None:
        fig.text(
            page_x(x),
            page_y(top),
            "\n".join(lines),
            fontsize=size,
            fontweight=weight,
            va="top",
            linespacing=LINE,
            color=colour,
            parse_math=False,
        )

    return Block(len(lines) * line_height(size) + gap, draw)


def table_block(
    header: Sequence[str],
    rows: Sequence[TableRow],
    widths: Sequence[float],
    *,
    x: float = MARGIN_X,
    first_column_lines: int = 3,
) -> Block:
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
            wrap(cell, width - 0.12, BODY, weight(index, row))
            for cell, width in zip(row, cell_widths(row), strict=True)
        ]
        for index, row in enumerate(table)
    ]
    for index, row in enumerate(cells):
        if index and len(table[index]) > 1 and len(row[0]) > first_column_lines:
            row[0] = shorten(row[0], first_column_lines, widths[0] - 0.12)
    heights = [max(len(c) for c in row) * line_height(BODY) + pad for row in cells]

    def draw(fig: "Figure", top: float) -> None:
        from matplotlib.lines import Line2D

        y = top
        for index, (row, lines_by_cell, height) in enumerate(
            zip(table, cells, heights, strict=True)
        ):
            left = x
            for lines, width in zip(lines_by_cell, cell_widths(row), strict=True):
                fig.text(
                    page_x(left),
                    page_y(y - pad / 2),
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
                    [page_x(x), page_x(x + sum(widths))],
                    [page_y(y), page_y(y)],
                    color="black" if index == 0 else "#bbbbbb",
                    linewidth=0.8 if index == 0 else 0.4,
                )
            )

    return Block(sum(heights) + 0.1, draw)


def heading(text: str) -> Block:
    return text_block(text, size=HEADING, weight="bold", gap=0.06)


def stack(*blocks: Block) -> Block:
    def draw(fig: "Figure", top: float) -> None:
        for block in blocks:
            block.draw(fig, top)
            top -= block.height

    return Block(sum(b.height for b in blocks), draw)


def beside(left: Block, right: Block, gap: float = 0.12) -> Block:
    def draw(fig: "Figure", top: float) -> None:
        left.draw(fig, top)
        right.draw(fig, top)

    return Block(max(left.height, right.height) + gap, draw)


def blank(height: float) -> Block:
    return Block(height, lambda fig, top: None)
