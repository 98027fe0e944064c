"""What the experiment's pages say: what it asks, each day's assignment, and its result.

Written for the person who runs it (second person), never overstated: the verdict follows
the p-value (the interval, which inverts the same test, always agrees with it), uses the
Reports' ladder ("clearly", "probably", "can't tell yet"), and says what chance protects and
what it does not: the person knows each day's assignment and rates their own pain, and the
result is about them, over these weeks.
"""

import math

from journal.analysis.experiment import AreaResult, AsDone, ExperimentAdherence, ExperimentResult
from journal.analysis.nextday import Rung
from journal.analysis.randomisation import RandomisationResult

EXPERIMENT_ASKS = (
    "On practise days, do your whole routine. On rest days, do no exercises at all. Rate "
    "your pain every day, especially the area you choose, and tick what you did. Chance "
    "chooses the days: half of every two weeks are practise days."
)
EXPERIMENT_WHY = (
    "Comparing days you chose to practise with days you did not cannot tell whether the "
    "exercises help: people practise more on bad days, in streaks, or while pain is easing "
    "anyway. When chance chooses the days, your habits and how the pain was going cannot "
    "decide which days get the exercises. It is still not blind: you know each day's "
    "assignment and rate your own pain, so what you expect can colour the ratings."
)
EXPERIMENT_ONLY_TODAY = (
    "You see each day's assignment on that day only, so you cannot plan around it. You rate "
    "the next day knowing it, so what you expect can still colour that rating."
)
EXPERIMENT_ALREADY_OPEN = (
    "You already have an experiment running. Finish or stop it before starting another."
)
EXPERIMENT_STOP_WARNING = (
    "Stopping ends the experiment today. Its result will say it is incomplete, and you "
    "cannot restart it."
)
EXPERIMENT_AS_DONE_CAPTION = (
    "Observational: by what you actually did, days with your whole routine against days with "
    "no exercise (days with part of it are left out). You chose when to follow the plan, so "
    "this comparison is not protected by chance and has no interval."
)
EXPERIMENT_SECONDARY_CAPTION = (
    "The other areas, by the same plan. You chose your main area at the start; the others "
    "count only when it shows a difference, and need stronger evidence, so that three areas "
    "do not make a chance difference three times as likely."
)
EXPERIMENT_METHOD = (
    "The result is the effect of the plan: each day's assignment is paired with the pain you "
    "rated the next day, whatever you actually did that day (so it is smaller when days go "
    "off plan). The p-value and the 95% interval come from re-drawing the schedule the way "
    "the app drew it, so they need no assumption about how pain goes from day to day. They "
    "assume that the plan shifts next-day pain by about the same amount on every day, that "
    "a practise day acts mainly on the next day, and that whether a day is rated does not "
    "depend on its assignment (days without a rating the next day are left out). The words "
    "follow the p-value: “clearly” at or below 0.005, “probably” at or below 0.05 (for the "
    "other areas, less)."
)


def assignment_name(practise: bool) -> str:
    return "Practise" if practise else "Rest day"


def assignment_heading(practise: bool) -> str:
    return "Practise day" if practise else "Rest day"


def assignment_instruction(practise: bool) -> str:
    if practise:
        return "do the routine today"
    return "no exercises today"


def experiment_day_text(day_number: int, days: int) -> str:
    """Where a running experiment stands, e.g. "Experiment: day 9 of 42"."""
    if day_number < 1:
        return "Experiment: starts tomorrow" if day_number == 0 else "Experiment: not started"
    return f"Experiment: day {day_number} of {days}"


REST_DAY_WARNING = "Today is a rest day in your experiment."
REST_DAY_ANYWAY = (
    "Doing the routine today counts as not following the plan; the result still counts the "
    "day as a rest day, which keeps it fair."
)
REST_DAY_SAVED = "Today is a rest day in your experiment, so this counts as not following the plan."
START_TODAY_HELP = (
    "Start today only if you have not exercised yet today: the first day may be a rest day."
)
START_TODAY_REFUSED = (
    "Today cannot be the first day: you have already exercised today, and the first day may "
    "be a rest day. Start tomorrow."
)


def _points(value: float) -> str:
    shown = f"{abs(value):.1f}"
    if shown == "0.0":
        shown = f"{abs(value):.2f}" if round(abs(value), 2) else "less than 0.01"
    return f"{shown} point{'' if shown == '1.0' else 's'}"


def _direction(value: float) -> str:
    return "lower" if value < 0 else "higher"


def _interval_span(low: float, high: float) -> str:
    """The interval in the words of its direction, without minus signs; a tiny one gets two
    decimals, never "0.0 to 0.0"."""
    if high < 0 or low > 0:
        near, far = (-high, -low) if high < 0 else (low, high)
        decimals = 1 if round(near, 1) > 0 else 2
        return f"{near:.{decimals}f} to {far:.{decimals}f} points {_direction(high)}"
    return f"from {_points(low)} lower to {_points(high)} higher"


def p_value_text(p: float) -> str:
    """Rounded up to three decimals, so a claim (p <= 0.05) never prints above 0.050 and a
    p-value above 0.05 never prints as 0.050."""
    return "p < 0.001" if p < 0.001 else f"p = {math.ceil(p * 1000 - 1e-9) / 1000:.3f}"


def randomisation_text(test: RandomisationResult) -> str:
    p = p_value_text(test.p_value)
    if test.exact:
        return f"Randomisation test: {p}, over all {test.schedules:,} schedules the design allows."
    return (
        f"Randomisation test: {p}, against {test.schedules - 1:,} schedules re-drawn the same way."
    )


def experiment_status_text(result: ExperimentResult) -> str:
    if result.status == "stopped":
        return (
            f"Stopped early after {result.days_counted} of {result.days_planned} days, so "
            "this result is incomplete."
        )
    if result.status == "interim" and result.days_counted == 0:
        return "The experiment has not started yet."
    if result.status == "interim":
        return (
            f"Interim result after {result.days_counted} of {result.days_planned} days. "
            "Results part-way through swing more than the final one: wait for the end "
            "before deciding."
        )
    return f"Complete: all {result.days_planned} days."


def _too_few(area: AreaResult, area_label: str) -> str:
    needs = []
    if area.practise_days_needed:
        needs.append(f"{area.practise_days_needed} more after practise days")
    if area.rest_days_needed:
        needs.append(f"{area.rest_days_needed} more after rest days")
    return (
        f"Not enough {area_label.lower()} ratings yet for a result: it needs the next day "
        f"rated on {' and '.join(needs)}."
    )


LADDER = {
    Rung.CLEARLY_LOWER: "clearly lower",
    Rung.PROBABLY_LOWER: "probably lower",
    Rung.PROBABLY_HIGHER: "probably higher",
    Rung.CLEARLY_HIGHER: "clearly higher",
}


def experiment_area_text(area: AreaResult, area_label: str, rung: Rung, lead: str = "") -> str:
    """One area's comparison by the plan, with its interval and n, never overstated."""
    sentence = _experiment_area_sentence(area, area_label, rung, lead)
    return sentence[0].upper() + sentence[1:]


def _experiment_area_sentence(area: AreaResult, area_label: str, rung: Rung, lead: str) -> str:
    test = area.test
    if test is None:
        return _too_few(area, area_label)
    days = f"{test.n_treated} and {test.n_control} days"
    label = area_label.lower()
    p = p_value_text(test.p_value)
    if rung in LADDER:
        interval = (
            f"95% interval {_interval_span(test.low, test.high)}"
            if test.low is not None and test.high is not None
            else "no bounded interval"
        )
        return (
            f"{lead}{label} pain was {LADDER[rung]} the day after practise days than after "
            f"rest days: {_points(test.difference)} {_direction(test.difference)} "
            f"({interval}; {p}; {days})."
        )
    if abs(test.difference) < 0.05:
        head = f"{lead}{label} pain was about the same the day after practise and rest days"
    else:
        head = (
            f"{lead}{label} pain was {_points(test.difference)} {_direction(test.difference)} "
            "the day after practise days"
        )
    if test.low is None or test.high is None:
        return f"{head} ({p}; {days}), but there are too few days to bound it: can't tell yet."
    return (
        f"{head} (95% interval {_interval_span(test.low, test.high)}; {p}; {days}), but the "
        "data cannot tell this from no difference: can't tell yet."
    )


def experiment_verdict(result: ExperimentResult, area_label: str) -> str:
    """The plain verdict on the primary area: what the data support, and no more."""
    primary = result.primary
    lead = (
        f"In your {result.weeks}-week experiment, " if result.status == "complete" else "So far, "
    )
    rung = result.rung(primary.area)
    sentence = experiment_area_text(primary, area_label, rung, lead)
    if primary.test is None or rung not in LADDER:
        return sentence
    if result.status == "complete":
        why = (
            " Chance chose the days, so your habits and how the pain was going cannot explain "
            "this. You knew the plan and rated your own pain, so expecting a change may be part "
            "of it. It is about you, over these weeks."
        )
        if primary.test.difference > 0:
            why += " Talk to your clinician about it."
    elif result.status == "stopped":
        why = (
            " The experiment was stopped early, so this is weaker than planned, and it can "
            "mislead if you stopped because of how it was going."
        )
    else:
        why = " This is an interim look: wait for the end before reading anything into it."
    return sentence + why


def as_done_text(result: AsDone, area_label: str) -> str:
    label = area_label.lower()
    if result.difference is None:
        return (
            f"By what you actually did: not enough days yet to compare {label} pain after "
            "days with your whole routine and days with no exercise."
        )
    if abs(result.difference) < 0.05:
        comparison = "about the same as"
    else:
        comparison = f"{_points(result.difference)} {_direction(result.difference)} than"
    part = f"; {result.part_n} with part of it left out" if result.part_n else ""
    return (
        f"By what you actually did: {label} pain the day after days with your whole routine "
        f"was {comparison} after days with no exercise ({result.practised_n} and "
        f"{result.rested_n} days{part}). This shows what went together, not what the "
        "exercises caused."
    )


def experiment_adherence_text(adherence: ExperimentAdherence) -> str:
    """What was done, in the Reports' words: the whole routine, part of it, or nothing."""

    def of(done: int, total: int) -> str:
        return f"{done} of {total} {'day' if total == 1 else 'days'}"

    if adherence.practise_days + adherence.rest_days == 0:
        return "No days of the experiment have passed yet."
    text = (
        f"Your whole routine on {of(adherence.practised, adherence.practise_days)} assigned to "
        f"practise"
    )
    if adherence.practise_part:
        text += f" (part of it on {adherence.practise_part})"
    text += f"; no exercise on {of(adherence.rested, adherence.rest_days)} assigned to rest"
    if adherence.rest_part:
        text += f" (part of the routine on {adherence.rest_part})"
    if adherence.not_logged:
        day_word = "day was" if adherence.not_logged == 1 else "days were"
        text += f"; {adherence.not_logged} {day_word} not logged"
    return text + "."
