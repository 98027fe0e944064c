"""The words on the charts: titles, axis and legend texts, labels (also on the PDF's chart)."""

from journal.analysis.nextday import AreaFit
from journal.analysis.report import Adherence, ExerciseAdherence, Trend

from .common import days, share_text, smooth_label

TITLES = {
    "trend": "Pain over time (0 = none, 10 = worst imaginable)",
    "practice": (
        "Next-day pain: after your whole routine minus after no exercise, allowing for how the "
        "pain was going (95% intervals)"
    ),
    "adherence": "Exercises done per logged day",
}
PRACTICE_AXIS = "Points of pain next day\n(below 0: less pain\nafter the routine)"
PHONE_TREND_TITLE = "Pain over time (0 = none, 10 = worst)"


def estimate_label(fit: AreaFit) -> str:
    return f"n={fit.runs}"


def trend_legend(trend: Trend, *, weekly_means: bool = False) -> str:
    thin = "weekly means" if trend.weekly else "each rating"
    thick = "weekly mean" if weekly_means else smooth_label(trend)
    return f"thin: {thin}; thick: {thick}; gap: not rated"


def strip_title(trend: Trend, most: int, *, narrow: bool = False) -> str:
    """What the practice strip's height means, and how a day not logged looks."""
    per = "logged day, weekly mean" if trend.weekly else "logged day"
    return f"Exercises done per {per} (0–{most}){chr(10) if narrow else '; '}hatched: not logged"


def streak_title(result: Adherence) -> str:
    streaks = result.any_exercise.streaks
    return f"Practice streak: current {days(streaks.current)}, longest {days(streaks.longest)}"


def adherence_label(exercise: ExerciseAdherence) -> str:
    return f"{exercise.name} ({share_text(exercise)})"


def adherence_label_tail(shortened: str, exercise: ExerciseAdherence) -> str:
    """The second line of a long name cut short beside the grid; the table has it whole."""
    return f"{shortened} ({share_text(exercise)})"
