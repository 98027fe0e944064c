"""The journal's models, one module per feature; all keep the app label ``journal``."""

from journal.models.checkin import PegCheckIn, PegCheckInQuerySet, monday_of
from journal.models.entry import Entry, EntryQuerySet, pain_field
from journal.models.experiment import Experiment, ExperimentAlreadyOpen, ExperimentQuerySet
from journal.models.factors import Factor, FactorQuerySet
from journal.models.medicines import (
    Medicine,
    MedicineEvent,
    MedicineEventQuerySet,
    MedicineQuerySet,
)
from journal.models.pending_import import PendingImport
from journal.models.relief import ReliefComparison, ReliefSession
from journal.models.routine import RoutineChoice, RoutineChoiceQuerySet
from journal.models.sharing import SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS, ShareLink, share_token_hash

__all__ = [
    "SHARE_DEFAULT_DAYS",
    "SHARE_MAX_DAYS",
    "Entry",
    "EntryQuerySet",
    "Experiment",
    "ExperimentAlreadyOpen",
    "ExperimentQuerySet",
    "Factor",
    "FactorQuerySet",
    "Medicine",
    "MedicineEvent",
    "MedicineEventQuerySet",
    "MedicineQuerySet",
    "PegCheckIn",
    "PegCheckInQuerySet",
    "PendingImport",
    "ReliefComparison",
    "ReliefSession",
    "RoutineChoice",
    "RoutineChoiceQuerySet",
    "ShareLink",
    "monday_of",
    "pain_field",
    "share_token_hash",
]
