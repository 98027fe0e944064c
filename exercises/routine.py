"""The guided routine as a list of timed phases, built from the catalog's own timings.

The routine page's JavaScript only walks through this plan. Every figure a curator can edit
in the admin (hold, rest, repetitions, time allowed) becomes phases here, where it is tested.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from .models import Drawing, Exercise

# Time to get into position (shoes off, pen on the floor, scarf round the bedpost); it is
# taken from the exercise's own allowance so that the routine keeps the catalog's total.
PREPARE_SECONDS = 10
# "A few seconds" where the source gives no figure, as for walking on tiptoe.
CUE_SECONDS = 5

# Words for the two halves of a cycle. An exercise a curator adds later gets the defaults.
DEFAULT_WORDS = ("Hold", "Relax")
WORDS = {
    "walking-on-your-toes": ("Walk on tiptoe", "Down on the pads of your feet, relax"),
    "toe-gripping": ("Lift the pen and hold", "Put it down, relax your toes"),
    "toe-presses": ("Press your toes into the floor", "Release"),
    "flexing-the-small-foot-muscles": ("Pull against the scarf and hold", "Relax"),
}
# Exercises done in parts rather than in cycles: the time is shared out evenly.
PARTS = {
    "ankle-circles": (
        "First foot: circle one way",
        "First foot: circle the other way",
        "Other foot: circle one way",
        "Other foot: circle the other way",
    ),
}


@dataclass(frozen=True)
class Phase:
    label: str
    seconds: int
    kind: str  # "prepare", "work" or "rest": the page plays a different tone for each
    drawing: int = 0  # which of the exercise's drawings to show: an index into ``drawings``


@dataclass(frozen=True)
class Picture:
    url: str
    alt: str
    caption: str


@dataclass(frozen=True)
class RoutineStep:
    id: int
    name: str
    summary: str
    steps: list[str]
    url: str
    timing: str
    safety: list[tuple[str, str]]
    phases: list[Phase]
    drawings: list[Picture]

    @property
    def seconds(self) -> int:
        return sum(phase.seconds for phase in self.phases)


def split_evenly(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def cycle_count(exercise: Exercise, cycle_seconds: int, available: int) -> int:
    fit = max(1, available // cycle_seconds)
    low, high = exercise.repetitions_min, exercise.repetitions_max
    if low is None and high is None:
        return fit
    # Within the source's range, as many as the time allows, and never fewer than its least.
    low = low or high
    high = high or low
    return max(low, min(high, fit))


def step_for(exercise: Exercise, drawings: Sequence[Drawing] = ()) -> RoutineStep:
    """The exercise's timed phases; ``drawings`` are its pictures in phase order (1, 2)."""
    # With two pictures: the hold shows the first and the rest the second; parts go round
    # one way, then the other. Getting ready shows where the person starts from.
    second = 1 if len(drawings) > 1 else 0
    available = max(0, exercise.duration_seconds - PREPARE_SECONDS)
    if exercise.slug in PARTS:
        prepare = Phase("Get ready", PREPARE_SECONDS, "prepare", 0)
        labels = PARTS[exercise.slug]
        seconds = split_evenly(available, len(labels))
        work = [
            Phase(label, s, "work", second if index % 2 else 0)
            for index, (label, s) in enumerate(zip(labels, seconds, strict=True))
        ]
        timing = f"{len(labels)} parts of about {seconds[0]} seconds each"
    else:
        prepare = Phase("Get ready", PREPARE_SECONDS, "prepare", second)
        hold = exercise.hold_seconds or CUE_SECONDS
        rest = exercise.rest_seconds or hold
        count = cycle_count(exercise, hold + rest, available)
        hold_word, rest_word = WORDS.get(exercise.slug, DEFAULT_WORDS)
        work = []
        for number in range(1, count + 1):
            work.append(Phase(f"{hold_word} ({number} of {count})", hold, "work", 0))
            work.append(Phase(rest_word, rest, "rest", second))
        timing = f"{hold} seconds on, {rest} seconds off, {count} times"
    phases = [prepare, *work]
    total = sum(phase.seconds for phase in phases)
    return RoutineStep(
        id=exercise.pk,
        name=exercise.name,
        summary=exercise.summary,
        steps=exercise.steps,
        url=exercise.get_absolute_url(),
        safety=exercise.safety,
        timing=f"{PREPARE_SECONDS} seconds to get ready, then {timing}: {format_seconds(total)}.",
        phases=phases,
        drawings=[Picture(d.url, d.alt_text, d.caption) for d in drawings],
    )


def format_seconds(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def build_plan(exercises: Iterable[Exercise]) -> dict[str, object]:
    """The plan handed to the page as JSON, in the order the exercises are given (fetch them
    ``with_drawings()`` to save a query per exercise)."""
    steps = [step_for(exercise, list(exercise.drawings.all())) for exercise in exercises]
    total = sum(step.seconds for step in steps)
    return {
        "total_seconds": total,
        "total_display": format_seconds(total),
        "exercises": [{**asdict(step), "seconds": step.seconds} for step in steps],
    }
