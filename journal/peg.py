"""The PEG, a three-item pain scale: its questions, anchors and citation in one place.

Krebs EE, Lorenz KA, Bair MJ, et al. Development and initial validation of the PEG, a
three-item scale assessing pain intensity and interference. J Gen Intern Med.
2009;24(6):733-738. doi:10.1007/s11606-009-0981-1

The score is the mean of the three items (0 to 10). We found no published rule for an
unanswered item, so this app computes no score for a week with any item left empty rather
than guessing it: an empty item is "not answered", never 0.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PegItem:
    field: str
    letter: str
    question: str
    low: str
    high: str


ITEMS: tuple[PegItem, ...] = (
    PegItem(
        "pain",
        "P",
        "What number best describes your pain on average in the past week?",
        "No pain",
        "Pain as bad as you can imagine",
    ),
    PegItem(
        "enjoyment",
        "E",
        "What number best describes how, during the past week, pain has interfered with "
        "your enjoyment of life?",
        "Does not interfere",
        "Completely interferes",
    ),
    PegItem(
        "activity",
        "G",
        "What number best describes how, during the past week, pain has interfered with "
        "your general activity?",
        "Does not interfere",
        "Completely interferes",
    ),
)

CITATION = (
    "Krebs EE, Lorenz KA, Bair MJ, Damush TM, Wu J, Sutherland JM, Asch SM, Kroenke K. "
    "Development and initial validation of the PEG, a three-item scale assessing pain "
    "intensity and interference. J Gen Intern Med. 2009;24(6):733–738."
)
DOI_URL = "https://doi.org/10.1007/s11606-009-0981-1"
