"""Today offers the weekly check-in until this week's is saved or the person says "not this
week"; that answer is kept in the session for the week."""

import datetime

from django.http import HttpRequest

from journal.models import monday_of

PEG_DISMISSED = "peg_dismissed_week"


def peg_dismissed(request: HttpRequest, today: datetime.date) -> bool:
    return request.session.get(PEG_DISMISSED) == monday_of(today).isoformat()


def dismiss_peg(request: HttpRequest, today: datetime.date) -> None:
    request.session[PEG_DISMISSED] = monday_of(today).isoformat()
