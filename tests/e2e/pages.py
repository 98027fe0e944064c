"""Every main page of the app, in one place.

The accessibility check, the console check and the screenshots run over this list: when you
add a page to the app, add a line here.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.tokens import email_undo_token, unsubscribe_token
from exercises.models import Exercise
from footcare.names import name_key
from journal.models import (
    Entry,
    Factor,
    Medicine,
    MedicineEvent,
    PegCheckIn,
    PendingImport,
    monday_of,
)
from tests.factories import make_entries, make_entry, make_share_link, make_user


@dataclass
class World:
    """A journal with some history, for the pages that show one."""

    user: object
    exercise: Exercise
    past_entry: Entry
    share_url: str = ""
    share_pk: int = 0
    pending_import: str = ""
    medicine: Medicine | None = None


def make_world() -> World:
    call_command("load_catalog", stdout=io.StringIO())
    user = make_user("alice")
    today = timezone.localdate()
    make_entries(user, today - datetime.timedelta(days=3), 40)
    exercises = list(Exercise.objects.order_by("order"))
    past = make_entry(
        user,
        today - datetime.timedelta(days=1),
        back=6,
        hip=3,
        note="Long walk, stiff knee in the evening.",
        exercises=exercises[:3],
    )
    for weeks_ago in range(1, 6):
        PegCheckIn.objects.create(
            user=user,
            week=monday_of(today) - datetime.timedelta(weeks=weeks_ago),
            pain=6 - weeks_ago % 3,
            enjoyment=None if weeks_ago == 3 else 5,
            activity=4,
        )
    shared_from = today - datetime.timedelta(days=60)
    link, token = make_share_link(user, shared_from, today, include_notes=True, label="Dr Patel")
    past.factors.set(Factor.objects.listed(user)[1:2])
    medicine = Medicine.objects.create(user=user, name="Naproxen", key=name_key("Naproxen"))
    MedicineEvent.objects.create(
        medicine=medicine, day=today - datetime.timedelta(days=20), kind="started", dose="250 mg"
    )
    return World(
        user=user,
        exercise=exercises[2],
        past_entry=past,
        share_url=reverse("share:page", args=[token]),
        share_pk=link.pk,
        pending_import=PendingImport.objects.hold(
            user, "journal.csv", IMPORT_FILE.format(day=past.day).encode(), timezone.now()
        ).key,
        medicine=medicine,
    )


# One day that differs from the journal and one that is new: the preview shows both kinds.
IMPORT_FILE = (
    "date,back,hip,knee,exercises,note\n{day},9,,2,Toe presses,edited in a spreadsheet\n"
    "2020-01-02,4,4,4,,an old day\n"
)


def last_month() -> str:
    return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[World], str]
    logged_in: bool = True


MAIN_PAGES = [
    Page("home", lambda w: reverse("home"), logged_in=False),
    Page("login", lambda w: reverse("login"), logged_in=False),
    Page("signup", lambda w: reverse("accounts:signup"), logged_in=False),
    Page("exercises", lambda w: reverse("exercises:list"), logged_in=False),
    Page("exercise", lambda w: w.exercise.get_absolute_url(), logged_in=False),
    Page("today", lambda w: reverse("journal:today")),
    Page("past-day", lambda w: reverse("journal:day", args=[w.past_entry.day])),
    Page("history", lambda w: reverse("journal:history")),
    Page("history-last-month", lambda w: reverse("journal:history") + "?month=" + last_month()),
    Page("offline-copy-of-today", lambda w: reverse("journal:offline_shell")),
    Page("entry", lambda w: w.past_entry.get_absolute_url()),
    Page("reports", lambda w: reverse("journal:reports")),
    Page("routine", lambda w: reverse("journal:routine")),
    Page("my-routine", lambda w: reverse("journal:my_routine")),
    Page("relief-comparison", lambda w: reverse("journal:relief_comparison")),
    Page("peg-check-in", lambda w: reverse("journal:peg")),
    Page("share-new", lambda w: reverse("journal:share_new")),
    Page("share-links", lambda w: reverse("journal:share_links")),
    Page("share-end", lambda w: reverse("journal:share_end", args=[w.share_pk])),
    Page("share-end-all", lambda w: reverse("journal:share_end_all")),
    Page("shared-report", lambda w: w.share_url, logged_in=False),
    Page("experiments", lambda w: reverse("journal:experiments")),
    Page("experiment-start", lambda w: reverse("journal:experiment_start")),
    Page("factors", lambda w: reverse("journal:factors")),
    Page("medicines", lambda w: reverse("journal:medicines")),
    Page("medicine", lambda w: reverse("journal:medicine", args=[w.medicine.pk])),
    Page("medicine-delete", lambda w: reverse("journal:medicine_delete", args=[w.medicine.pk])),
    Page("your-data", lambda w: reverse("yourdata:data")),
    Page("import", lambda w: reverse("yourdata:import")),
    Page("import-preview", lambda w: reverse("yourdata:import_preview", args=[w.pending_import])),
    Page("delete-account", lambda w: reverse("yourdata:delete")),
    Page("password-change", lambda w: reverse("password_change")),
    Page("password-reset", lambda w: reverse("password_reset"), logged_in=False),
    Page("account", lambda w: reverse("accounts:settings")),
    Page(
        "undo-email-change",
        lambda w: reverse(
            "accounts:undo_email_change",
            args=[email_undo_token(w.user, "alice@example.org", "someone@example.org")],
        ),
        logged_in=False,
    ),
    Page(
        "unsubscribe",
        lambda w: reverse("accounts:unsubscribe", args=[unsubscribe_token(w.user.pk)]),
        logged_in=False,
    ),
]
