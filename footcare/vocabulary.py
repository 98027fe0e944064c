"""The journal's shared vocabulary, declared once: the areas a person rates, the 0 to 10 scale,
the journal's first day, the note's length and the weekly PEG check-in's questions.

No Django here: models, forms, the analysis, the charts, the import and export all read these
names; templates get them as ``vocab`` (``footcare.context_processors.vocabulary``) and
scripts from data attributes the templates write.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Area:
    key: str  # the column, the form field and the JSON/CSV key
    label: str  # what a person reads


# The three areas, in the order every page, chart, table and file lists them.
AREA_LIST: tuple[Area, ...] = (Area("back", "Back"), Area("hip", "Hip"), Area("knee", "Knee"))
AREAS: tuple[str, ...] = tuple(area.key for area in AREA_LIST)
AREA_LABELS: dict[str, str] = {area.key: area.label for area in AREA_LIST}
AREA_CHOICES: list[tuple[str, str]] = [(area.key, area.label) for area in AREA_LIST]

# The pain scale (and the PEG's): whole numbers, 0 = no pain, 10 = worst imaginable. An
# empty rating is "not rated", never 0.
PAIN_MIN = 0
PAIN_MAX = 10
SCALE: tuple[int, ...] = tuple(range(PAIN_MIN, PAIN_MAX + 1))

# No diary day is older than this; year 1 made "the day before" overflow into a 500. A date
# of birth starts no earlier either.
EARLIEST_DAY = datetime.date(1900, 1, 1)

NOTE_MAX_LENGTH = 2000


def before_the_journal(day: datetime.date) -> bool:
    """Is ``day`` earlier than any day the journal can hold?"""
    return day < EARLIEST_DAY


# --- the weekly PEG check-in (Krebs et al. 2009)
#
# Krebs EE, Lorenz KA, Bair MJ, et al. Development and initial validation of the PEG, a
# three-item scale assessing pain intensity and interference. J Gen Intern Med.
# 2009;24(6):733-738. doi:10.1007/s11606-009-0981-1
#
# The score is the mean of the three items (0 to 10). We found no published rule for an
# unanswered item, so this app computes no score for a week with any item left empty rather
# than guessing it: an empty item is "not answered", never 0.


@dataclass(frozen=True)
class PegQuestion:
    field: str
    letter: str
    question: str
    low: str
    high: str


PEG_QUESTIONS: tuple[PegQuestion, ...] = (
    PegQuestion(
        "pain",
        "P",
        "What number best describes your pain on average in the past week?",
        "No pain",
        "Pain as bad as you can imagine",
    ),
    PegQuestion(
        "enjoyment",
        "E",
        "What number best describes how, during the past week, pain has interfered with "
        "your enjoyment of life?",
        "Does not interfere",
        "Completely interferes",
    ),
    PegQuestion(
        "activity",
        "G",
        "What number best describes how, during the past week, pain has interfered with "
        "your general activity?",
        "Does not interfere",
        "Completely interferes",
    ),
)
PEG_ITEMS: tuple[str, ...] = tuple(question.field for question in PEG_QUESTIONS)

PEG_CITATION = (
    "Krebs EE, Lorenz KA, Bair MJ, Damush TM, Wu J, Sutherland JM, Asch SM, Kroenke K. "
    "Development and initial validation of the PEG, a three-item scale assessing pain "
    "intensity and interference. J Gen Intern Med. 2009;24(6):733–738."
)
PEG_DOI_URL = "https://doi.org/10.1007/s11606-009-0981-1"


# --- factors of the day and medicines (#23)
#
# Ready-made factors every person starts with (they can hide any of them); the key is what
# the database and the JSON backup store, the label what a person reads. A person adds
# their own, up to OWN_FACTORS_MAX shown at once.


@dataclass(frozen=True)
class ReadyFactor:
    key: str
    label: str


READY_FACTORS: tuple[ReadyFactor, ...] = (
    ReadyFactor("pain_medicine", "Took pain medicine"),
    ReadyFactor("slept_badly", "Slept badly"),
    ReadyFactor("long_day_on_feet", "A long day on my feet"),
    ReadyFactor("stressful_day", "A stressful day"),
    ReadyFactor("flare_up", "A flare-up"),
)
READY_FACTOR_KEYS: tuple[str, ...] = tuple(factor.key for factor in READY_FACTORS)
FACTOR_NAME_MAX_LENGTH = 40
# Joins a day's factors in the CSV export, so no factor's name may hold it.
FACTOR_SEPARATOR = ";"
OWN_FACTORS_MAX = 12
# Removed factors stay on the days that record them; this bounds how many a person keeps.
OWN_FACTORS_EVER_MAX = 100

MEDICINE_NAME_MAX_LENGTH = 80
DOSE_MAX_LENGTH = 60
HOW_OFTEN_MAX_LENGTH = 60
MEDICINES_MAX = 50
EVENTS_PER_MEDICINE_MAX = 200


@dataclass(frozen=True)
class MedicineEventKind:
    key: str  # stored, and written in the CSV and JSON files
    label: str  # "Started", as a person reads it in a list
    verb: str  # "started", in a sentence: "naproxen started on 3 Nov"


MEDICINE_EVENTS: tuple[MedicineEventKind, ...] = (
    MedicineEventKind("started", "Started", "started"),
    MedicineEventKind("dose_changed", "Dose changed", "dose changed"),
    MedicineEventKind("stopped", "Stopped", "stopped"),
)
MEDICINE_EVENT_KEYS: tuple[str, ...] = tuple(kind.key for kind in MEDICINE_EVENTS)
MEDICINE_EVENT_LABELS: dict[str, str] = {kind.key: kind.label for kind in MEDICINE_EVENTS}
MEDICINE_EVENT_VERBS: dict[str, str] = {kind.key: kind.verb for kind in MEDICINE_EVENTS}


def counted(n: int, noun: str) -> str:
    """The count with its noun, "1 day" or "3 days": every noun the journal counts takes
    a plain "s"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"
