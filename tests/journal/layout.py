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

from journal.analysis.factors import MedicineEventRow
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
# Medicines with the longest names the list allows (80 characters).
LONG_MEDICINES = [
    (base + " " + "modified-release tablets taken with food").ljust(80, ".")[:80]
    for base in ("Naproxen sodium", "Amitriptyline hydrochloride", "Co-codamol effervescent")
]


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
    return build_report(
        rows,
        LONGEST_NAMES,
        start,
        END,
        END,
        f"Over the last {days} days",
        medicine_events=crowded_medicines(start, days),
    )


def crowded_medicines(start: datetime.date, days: int) -> list[MedicineEventRow]:
    """Changes of three long-named medicines all through the range, with a crowd of them on
    consecutive days at its end (where a label must run left of its line) and at its start."""
    first, second, third = LONG_MEDICINES
    steps = [
        (first, "started", "500 mg", "twice a day"),
        (second, "started", "10 mg", "at night"),
        (first, "dose_changed", "750 mg modified-release", "twice a day with food"),
        (third, "started", "30/500 mg", "up to four times a day"),
        (second, "stopped", "", ""),
        (first, "stopped", "", ""),
        (third, "dose_changed", "8/500 mg", "when needed"),
        (second, "started", "25 mg", "at night"),
    ]
    spread = max(1, (days - 8) // len(steps))
    events = [
        MedicineEventRow(
            name, start + datetime.timedelta(days=min(i * spread, days - 1)), kind, dose, often
        )
        for i, (name, kind, dose, often) in enumerate(steps)
    ]
    # Three more on the last three days and two on the first two: the crowded edges.
    events += [
        MedicineEventRow(
            third, END - datetime.timedelta(days=n), "dose_changed", f"{n} tablets", ""
        )
        for n in (2, 1, 0)
    ]
    events += [
        MedicineEventRow(second, start + datetime.timedelta(days=n), "dose_changed", f"{n} mg", "")
        for n in (0, 1)
    ]
    return events


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
