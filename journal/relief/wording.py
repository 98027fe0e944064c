"""The sentences of "Does it help almost at once?" on the Reports page."""

from footcare.vocabulary import counted
from journal.analysis.relief import MIN_EACH, Comparison, Description

CAVEATS = (
    "Expecting relief can lower a rating by itself, and a rest cannot be disguised as "
    "exercise, so not even the comparison can rule that out.",
    "Pain that is bad when you start tends to ease anyway, whatever you do: that is why "
    "the routine is compared with rest sessions chosen by chance, and why a change during "
    "the routine alone proves nothing.",
)


def _points(value: float) -> str:
    return f"{value:+.1f}".replace("-", "−")


def sentences(
    area: str,
    comparison: Comparison | None,
    routine: Description | None,
    later: Description | None,
) -> list[str]:
    said = []
    if comparison is not None and comparison.routine and comparison.rest:
        r, s = comparison.routine, comparison.rest
        said.append(
            f"In your comparison, {area} pain changed by {_points(r.mean_change)} points on "
            f"average during the routine ({counted(r.sessions, 'session')}) and by "
            f"{_points(s.mean_change)} while resting ({counted(s.sessions, 'session')})."
        )
        if comparison.low is None or comparison.high is None:
            said.append(
                f"An interval needs at least {MIN_EACH} rated sessions of each kind, so "
                "there is no answer yet."
            )
        else:
            interval = (
                f"The difference is {_points(comparison.difference)} points (95% interval "
                f"{_points(comparison.low)} to {_points(comparison.high)})"
            )
            verdict = {
                "more": ": pain eased more during the routine than during rest.",
                "less": ": pain eased less during the routine than during rest.",
                "unclear": ", which includes no difference: these sessions cannot tell the "
                "routine's change from rest's.",
            }[comparison.verdict]
            said.append(interval + verdict)
    elif routine is not None:
        said.append(
            f"Over {counted(routine.sessions, 'session')}, your {area} pain was "
            f"{routine.mean_before:.1f} on average just before the routine and "
            f"{routine.mean_after:.1f} just after ({_points(routine.mean_change)} points)."
        )
        said.append(
            "This only describes what happened, with no verdict: without rest sessions to "
            "compare with, it cannot say whether the routine made the difference."
        )
    if later is not None:
        said.append(
            f"Thirty minutes on ({counted(later.sessions, 'session')}), it was "
            f"{later.mean_after:.1f} on average, against {later.mean_before:.1f} just after."
        )
    return said
