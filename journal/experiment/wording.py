"""What the experiment's pages say: what it asks, each day's assignment, and its result.

Written for the person who runs it (second person), never overstated: an interval that
includes no difference says the data cannot tell.
"""

from journal.analysis.experiment import AreaResult, AsDone, ExperimentAdherence, ExperimentResult
from journal.analysis.stats import RandomisationResult

EXPERIMENT_ASKS = (
    "On practise days, do the routine (all the foot exercises). On rest days, do no "
    "exercises at all. Rate your pain every day, especially the area you choose, and tick "
    "what you did. Chance chooses the days: half of every two weeks are practise days."
)
EXPERIMENT_WHY = (
    "Comparing days you chose to practise with days you did not cannot tell whether the "
    "exercises help: people practise more on bad days, in streaks, or while pain is easing "
    "anyway. When chance chooses the days, nothing but the exercises differs between them."
)
EXPERIMENT_ONLY_TODAY = "You see each day's assignment on that day only, so it cannot sway you."
EXPERIMENT_ALREADY_OPEN = (
    "You already have an experiment running. Finish or stop it before starting another."
)
EXPERIMENT_STOP_WARNING = (
    "Stopping ends the experiment today. Its result will say it is incomplete, and you "
    "cannot restart it."
)
EXPERIMENT_AS_DONE_CAPTION = (
    "Secondary and observational: by what you actually did. You chose when to follow the "
    "schedule, so this comparison is not protected by chance and has no interval."
)
EXPERIMENT_SECONDARY_CAPTION = (
    "Secondary: the other areas, by the same schedule. You did not choose them in advance, so "
    "read a clear result here as a hint to test, not as a finding."
)
EXPERIMENT_METHOD = (
    "Each day's assignment is paired with the pain you rated the next day, whatever you "
    "actually did (days without a rating the next day are left out). The 95% interval and "
    "the p-value come from re-drawing the schedule the way the app drew it: they assume "
    "nothing about how pain goes from day to day, only that the exercises shift next-day "
    "pain by the same amount on every day."
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
    return f"{shown} point{'' if shown == '1.0' else 's'}"


def _direction(value: float) -> str:
    return "lower" if value < 0 else "higher"


def _interval_span(low: float, high: float) -> str:
    """The interval in the words of its direction, without minus signs."""
    if high < 0:
        return f"{-high:.1f} to {-low:.1f} points lower"
    if low > 0:
        return f"{low:.1f} to {high:.1f} points higher"
    return f"from {_points(low)} lower to {_points(high)} higher"


def p_value_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


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


def experiment_area_text(area: AreaResult, area_label: str, lead: str = "") -> str:
    """One area's comparison by the schedule, with its interval and n, never overstated."""
    sentence = _experiment_area_sentence(area, area_label, lead)
    return sentence[0].upper() + sentence[1:]


def _experiment_area_sentence(area: AreaResult, area_label: str, lead: str) -> str:
    test = area.test
    if test is None:
        return _too_few(area, area_label)
    days = f"{test.n_treated} and {test.n_control} days"
    label = area_label.lower()
    if test.low is None or test.high is None:
        return (
            f"{lead}{label} pain was {_points(test.difference)} {_direction(test.difference)} "
            f"the day after practise days ({days}), but the data are too few to bound the "
            "difference: they cannot tell whether the exercises changed it."
        )
    if abs(test.difference) < 0.05:
        head = f"{lead}{label} pain was the same the day after practise and rest days"
    else:
        head = (
            f"{lead}{label} pain was {_points(test.difference)} {_direction(test.difference)} "
            "the day after practise days"
        )
    if area.includes_zero:
        return (
            f"{head}, but the data fit anything {_interval_span(test.low, test.high)} "
            f"(95% interval; {days}), including no difference: they cannot tell whether the "
            f"exercises changed your {label} pain."
        )
    return f"{head} (95% interval {_interval_span(test.low, test.high)}; {days})."


def experiment_verdict(result: ExperimentResult, area_label: str) -> str:
    """The plain verdict on the primary area: what the data support, and no more."""
    primary = result.primary
    lead = (
        f"In your {result.weeks}-week experiment, " if result.status == "complete" else "So far, "
    )
    sentence = experiment_area_text(primary, area_label, lead)
    if primary.test is None or primary.includes_zero:
        return sentence
    label = area_label.lower()
    helped = primary.test.difference < 0
    effect = "the exercises helped you" if helped else f"the exercises made your {label} pain worse"
    if result.status == "complete":
        advice = "" if helped else " Talk to your clinician about it."
        why = (
            f" Because chance chose the days, this is good evidence that {effect} over these "
            f"weeks.{advice}"
        )
    elif result.status == "stopped":
        why = (
            " Because the experiment was stopped early, this is weaker evidence than planned, "
            "and it can mislead if you stopped because of how it was going."
        )
    else:
        why = " This is an interim look: it is not yet evidence either way."
    return sentence + why


def as_done_text(result: AsDone, area_label: str) -> str:
    label = area_label.lower()
    if result.difference is None:
        return (
            f"By what you actually did: not enough days yet to compare {label} pain after "
            "days with and without exercises."
        )
    if abs(result.difference) < 0.05:
        comparison = "the same"
    else:
        comparison = f"{_points(result.difference)} {_direction(result.difference)}"
    return (
        f"By what you actually did: {label} pain the day after days with exercises was "
        f"{comparison} than after days without ({result.practised_n} and "
        f"{result.rested_n} days). This is an association, not evidence that the exercises "
        "caused it."
    )


def experiment_adherence_text(adherence: ExperimentAdherence) -> str:
    def share(done: int, of: int, what: str) -> str:
        return f"{what} on {done} of {of} {'day' if of == 1 else 'days'}"

    if adherence.practise_days + adherence.rest_days == 0:
        return "No days of the experiment have passed yet."
    text = (
        f"You {share(adherence.practised, adherence.practise_days, 'practised')} assigned to "
        f"practise and {share(adherence.rested, adherence.rest_days, 'rested')} assigned to "
        "rest"
    )
    if adherence.not_logged:
        day_word = "day was" if adherence.not_logged == 1 else "days were"
        text += f"; {adherence.not_logged} {day_word} not logged"
    return text + "."
