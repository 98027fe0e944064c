"""The guided routine as a list of timed phases, built from the catalog's own timings.

The routine page's JavaScript only walks through this plan. Every figure a curator can edit
in the admin (hold, rest, repetitions, time allowed) becomes phases here, where it is tested.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace

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


# Which of an exercise's instruction steps each phase is about, so that the routine can mark
# the step being done beside the clock: for getting ready, a hold and a rest, or for each part.
# An exercise not listed here (or whose steps a curator shortened) gets DEFAULT_STEPS,
# each index clamped to its last step.
DEFAULT_STEPS = {"prepare": 0, "work": 1, "rest": 2}
STEP_OF: dict[str, dict[str, int] | tuple[int, ...]] = {
    # Stand with room to walk; rise onto your tiptoes and walk; lower and relax.
    "walking-on-your-toes": {"prepare": 0, "work": 1, "rest": 2},
    # Lift one foot (getting ready), then one part per step: one way, the other way, other foot.
    "ankle-circles": (0, 1, 2, 3, 3),
    # Shoes off, pen on the floor (ready); curl your toes round it and lift; lower and relax.
    "toe-gripping": {"prepare": 1, "work": 2, "rest": 4},
    # Feet flat, knees bent (ready); grip the floor; release.
    "toe-presses": {"prepare": 0, "work": 1, "rest": 3},
    # Tie the scarf and loop it round your foot (ready); pull against it; hold, then relax.
    "flexing-the-small-foot-muscles": {"prepare": 2, "work": 3, "rest": 4},
}


@dataclass(frozen=True)
class Phase:
    label: str
    seconds: int
    kind: str  # "prepare", "work" or "rest": the page plays a different tone for each
    drawing: int = 0  # which of the exercise's drawings to show: an index into ``drawings``
    step: int = 0  # which of the exercise's steps it is about: an index into ``steps``


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
    phases = _with_steps(exercise, [prepare, *work])
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


def _with_steps(exercise: Exercise, phases: list[Phase]) -> list[Phase]:
    """Each phase with the index of the instruction step it is about (see STEP_OF)."""
    last = max(0, len(exercise.steps) - 1)
    mapping = STEP_OF.get(exercise.slug, DEFAULT_STEPS)
    if isinstance(mapping, tuple):
        indexes = [mapping[min(number, len(mapping) - 1)] for number in range(len(phases))]
    else:
        indexes = [mapping.get(phase.kind, 0) for phase in phases]
    return [
        replace(phase, step=min(index, last)) for phase, index in zip(phases, indexes, strict=True)
    ]


def format_seconds(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def safety_summary(steps: Iterable[RoutineStep]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every safety text of the routine once, under its heading, for reading before the
    first exercise of the day: (heading, [(who it is for, text)]). A text shared by every
    exercise is said once for all of them ("" for who), else once per exercise."""
    steps = list(steps)
    headings: dict[str, list[tuple[str, str]]] = {}
    for step in steps:
        for heading, text in step.safety:
            headings.setdefault(heading, []).append((step.name, text))
    summary = []
    for heading, said in headings.items():
        texts = {text for _name, text in said}
        if len(texts) == 1 and len(said) == len(steps) > 1:
            summary.append((heading, [("", said[0][1])]))
        else:
            summary.append((heading, said))
    return summary


def build_plan(exercises: Iterable[Exercise]) -> dict[str, object]:
    """The plan handed to the page as JSON, in the order the exercises are given (fetch them
    ``with_drawings()`` to save a query per exercise)."""
    steps = [step_for(exercise, list(exercise.drawings.all())) for exercise in exercises]
    total = sum(step.seconds for step in steps)
    return {
        "total_seconds": total,
        "total_display": format_seconds(total),
        "exercises": [{**asdict(step), "seconds": step.seconds} for step in steps],
        "safety": safety_summary(steps),
    }
