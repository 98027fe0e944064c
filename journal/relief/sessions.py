from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from exercises.routine import step_for
from footcare.vocabulary import AREA_LABELS, AREAS
from journal.models import ReliefComparison, ReliefSession, RoutineChoice
from journal.models.relief import KIND_OF_LETTER, SessionKind


def start_session(user: object, before: int, area: str | None) -> ReliefSession:
    """Store the rating before a session; in a comparison, the schedule says only now
    whether this session is the routine or a rest."""
    exercises = RoutineChoice.objects.routine_of(user)
    with transaction.atomic():
        comparison = ReliefComparison.objects.for_user(user).running().select_for_update().first()
        position = comparison.sessions.count() if comparison else None
        if comparison and position >= len(comparison.schedule):
            comparison.ended_at = timezone.now()
            comparison.save(update_fields=["ended_at"])
            comparison = position = None
        return ReliefSession.objects.create(
            user=user,
            kind=KIND_OF_LETTER[comparison.schedule[position]]
            if comparison
            else SessionKind.ROUTINE,
            area=comparison.area if comparison else (area or AREAS[0]),
            comparison=comparison,
            position=position,
            routine=",".join(exercise.slug for exercise in exercises),
            seconds=sum(step_for(exercise).seconds for exercise in exercises),
            before=before,
        )


@dataclass(frozen=True)
class RoutineRelief:
    """What the routine page shows about the ratings: one query each, whatever the history."""

    area: str  # the area to rate, unless a comparison fixes it
    comparison: ReliefComparison | None
    session: ReliefSession | None  # the routine session under way, rated before
    later: ReliefSession | None  # a session whose 30-minute rating is due

    @property
    def area_label(self) -> str:
        return AREA_LABELS[self.comparison.area if self.comparison else self.area]


def routine_relief(user: object, session_id: str | None) -> RoutineRelief:
    mine = ReliefSession.objects.for_user(user)
    last = mine.order_by("-before_at").only("area").first()
    comparison = (
        ReliefComparison.objects.for_user(user).running().annotate(done=Count("sessions")).first()
    )
    session = None
    if session_id and session_id.isdigit() and len(session_id) < 19:
        session = mine.filter(pk=session_id, kind=SessionKind.ROUTINE, after__isnull=True).first()
    later = mine.later_due(timezone.now()).first()
    return RoutineRelief(last.area if last else AREAS[0], comparison, session, later)
