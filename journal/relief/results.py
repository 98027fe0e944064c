"""What Reports say about the ratings around the routine: gathered in one query."""

from collections import Counter
from dataclasses import dataclass

from exercises.models import Exercise
from footcare.vocabulary import AREA_LABELS
from journal.analysis.relief import Comparison, Description, Ratings, compare, describe
from journal.models import ReliefSession
from journal.models.relief import SessionKind

from . import wording


@dataclass(frozen=True)
class ReliefReport:
    area: str  # the area label the sentences are about
    comparison: Comparison | None  # from the sessions of a comparison, with rest among them
    routine: Description | None  # every routine session of that area, for description only
    later: Description | None  # the 30-minute ratings, as a description
    routines: list[tuple[str, int]]  # which routine was followed, and how many times
    sentences: list[str]
    caveats: list[str]


def relief_report(user: object) -> ReliefReport | None:
    sessions = list(
        ReliefSession.objects.for_user(user)
        .filter(after__isnull=False)
        .only("kind", "area", "comparison_id", "routine", "before", "after", "later")
    )
    if not sessions:
        return None
    area = sessions[0].area  # the newest session's
    sessions = [s for s in sessions if s.area == area]
    compared = [s for s in sessions if s.comparison_id is not None]
    routine = [s for s in sessions if s.kind == SessionKind.ROUTINE]
    comparison = None
    if any(s.kind == SessionKind.REST for s in compared):
        comparison = compare(
            [Ratings(s.before, s.after) for s in compared if s.kind == SessionKind.ROUTINE],
            [Ratings(s.before, s.after) for s in compared if s.kind == SessionKind.REST],
        )
    later = describe(Ratings(s.after, s.later) for s in sessions if s.later is not None)
    names = dict(Exercise.objects.values_list("slug", "name"))
    followed = Counter(s.routine for s in routine)
    routines = [
        (", then ".join(names.get(slug, slug) for slug in key.split(",") if slug) or "—", count)
        for key, count in followed.most_common()
    ]
    label = AREA_LABELS[area].lower()
    description = describe(Ratings(s.before, s.after) for s in routine)
    return ReliefReport(
        area=label,
        comparison=comparison,
        routine=description,
        later=later,
        routines=routines,
        sentences=wording.sentences(label, comparison, description, later),
        caveats=list(wording.CAVEATS),
    )
