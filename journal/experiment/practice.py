"""Where the experiment meets the day: has the person practised already, and what the
running experiment says about today."""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from journal.analysis.experiment import PRACTISE
from journal.models import Entry, Experiment, ReliefSession
from journal.models.relief import SessionKind

from . import wording


def practised_on(user: AbstractBaseUser, day: datetime.date) -> bool:
    """Whether ``day`` already has exercises ticked, or a pain rating made just after the
    routine: an experiment cannot start on it, since its first day may be a rest day."""
    ticked = Entry.exercises.through.objects.filter(entry__user=user, entry__day=day)
    # The rating after a routine, in the current (the person's) time zone's day.
    rated_after = ReliefSession.objects.for_user(user).filter(
        kind=SessionKind.ROUTINE, after__isnull=False, after_at__date=day
    )
    return ticked.exists() or rated_after.exists()


def experiment_now(user: AbstractBaseUser, today: datetime.date) -> dict[str, object] | None:
    """The running experiment as the routine, Reports and Today's links show it (one query):
    where it stands ("Experiment: day 9 of 42") and whether today is a rest day in it.
    None when no experiment is running (one starting tomorrow is running)."""
    experiment = Experiment.objects.for_user(user).running(today).first()
    if experiment is None:
        return None
    assignment = experiment.assignment(today)
    return {
        "url": experiment.get_absolute_url(),
        "day_text": wording.experiment_day_text(experiment.day_number(today), experiment.days),
        "rest_today": assignment is not None and assignment != PRACTISE,
    }
