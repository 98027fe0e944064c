"""Where every text of a figure lands, after one draw: for the layout and type-size tests.

Matplotlib knows a text's extent only after a draw. Recording the texts from inside
``Text.draw`` gives exactly the ones drawn (tick labels outside the view, empty labels and
hidden texts are skipped by matplotlib itself) in the same single draw.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock

from journal.analysis.report import Report, build_report
from journal.analysis.rows import DayRow
from journal.demo import demo_days

END = datetime.date(2026, 11, 25)
# Exercise names as long as the catalog allows (80 characters), and a 60-character patient.
LONGEST_NAMES = [
    (base + " " + "with slow controlled breathing and a long pause").ljust(80, ".")[:80]
    for base in (
        "Walking on your toes",
        "Ankle circles",
        "Toe gripping",
        "Toe presses",
        "Flexing the small muscles of the foot",
    )
]
LONG_PATIENT = "Maximilian Alexander Featherstonehaugh-Cholmondeley-Worthing"[:60].ljust(60, "e")
RANGES = (7, 30, 90, 365, 3650)


@dataclass(frozen=True)
class Placed:
    text: str
    size: float  # points
    box: object  # matplotlib Bbox in display pixels


def long_report(days: int, *, journal_days: int | None = None) -> Report:
    """A realistic journal of ``journal_days`` (default: the whole range) in a range of ``days``."""
    orders = list(range(1, len(LONGEST_NAMES) + 1))
    rows = [
        DayRow(d.day, d.ratings, frozenset(LONGEST_NAMES[o - 1] for o in d.exercise_orders))
        for d in demo_days(END, journal_days or days, exercise_orders=orders)
    ]
    start = END - datetime.timedelta(days=days - 1)
    return build_report(rows, LONGEST_NAMES, start, END, END, f"Over the last {days} days")


@contextmanager
def recording() -> Iterator[list[tuple[object, object]]]:
    from matplotlib.text import Text

    drawn: list[tuple[object, object]] = []
    original = Text.draw

    def draw(self: Text, renderer: object) -> None:
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append((self, self.get_window_extent(renderer)))

    with mock.patch.object(Text, "draw", draw):
        yield drawn


def place_texts(fig: object) -> list[Placed]:
    """Draw the figure once with Agg and return every drawn text with its extent."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    with recording() as drawn:
        canvas.draw()
    return [Placed(text.get_text(), text.get_fontsize(), box) for text, box in drawn]


def layout_problems(fig: object, placed: list[Placed]) -> list[str]:
    """Texts that stick out of the figure or overlap another text (by more than a pixel)."""
    width, height = fig.bbox.width, fig.bbox.height
    problems = []
    for p in placed:
        b = p.box
        if b.x0 < -1 or b.y0 < -1 or b.x1 > width + 1 or b.y1 > height + 1:
            problems.append(f"outside the figure: {p.text!r} at {b.bounds}")
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            overlap_x = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
            overlap_y = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
            if overlap_x > 1 and overlap_y > 1:
                problems.append(f"overlap: {a.text!r} and {b.text!r}")
    return problems
