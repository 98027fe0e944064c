"""Daily reminders: who is due now, and the message they get.

A person is due when, on their own clock, today is one of their reminder days, their
reminder time has passed, they have not logged today and were not reminded today, and they
can be reached: by email at a confirmed address, or by a notification on a phone they
turned on. The decision is one query per batch and is recorded (``reminded_on``) in the same
transaction, so runs that overlap (two workers) send each reminder once.

The worker runs `send_due_reminders` every minute (`journal.reminders.tasks.tick`); the
`send_reminders` command runs it from cron or a systemd timer instead.
"""

import datetime
import logging
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Case, DateField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.models import Profile, ReminderBy
from accounts.tokens import unsubscribe_token
from journal.models import Entry, Experiment
from notifications import mail as outgoing_mail
from notifications import push
from notifications.models import OutgoingMail, OutgoingPush, PushSubscription, Status

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# The streak in the message counts back at most this far, so that a batch reads a bounded
# number of days whatever the length of the journals.
STREAK_LOOKBACK_DAYS = 100


@dataclass(frozen=True)
class LocalClock:
    """What a zone's wall clock says at the moment of the run."""

    zone_name: str
    day: datetime.date
    time: datetime.time


@dataclass
class RunResult:
    sent: int = 0
    failed: int = 0
    batches: int = 0


def local_clocks(zone_names: Iterable[str], now: datetime.datetime) -> dict[str, LocalClock]:
    clocks = {}
    for name in zone_names:
        try:
            zone = zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        local = now.astimezone(zone)
        clocks[name] = LocalClock(name, local.date(), local.time().replace(microsecond=0))
    return clocks


def due_filter(clocks: Iterable[LocalClock]) -> Q:
    """Profiles due a reminder, given each zone's wall clock now.

    Comparing the reminder time with the wall clock makes the summer-time changes behave:
    a time that does not exist that day (01:30 in London on the day clocks go forward) has
    "passed" at the first moment after the gap, and a time that happens twice (the day they
    go back) is due at its first occurrence; reminded_on stops the second.
    """
    by_day: dict[datetime.date, list[LocalClock]] = defaultdict(list)
    for clock in clocks:
        by_day[clock.day].append(clock)
    per_day = [
        Q(GreaterThan(F("reminder_days").bitand(1 << day.weekday()), 0))
        & (Q(reminded_on__isnull=True) | Q(reminded_on__lt=day))
        & ~Exists(Entry.objects.filter(user_id=OuterRef("user_id"), day=day))
        & reduce(or_, (Q(time_zone=c.zone_name, reminder_time__lte=c.time) for c in same_day))
        for day, same_day in by_day.items()
    ]
    by_email = Q(
        reminder_by__in=[ReminderBy.EMAIL, ReminderBy.BOTH], confirmed_email=F("user__email")
    ) & ~Q(confirmed_email="")
    by_push = Q(reminder_by__in=[ReminderBy.PUSH, ReminderBy.BOTH]) & Exists(
        PushSubscription.objects.filter(user_id=OuterRef("user_id"))
    )
    return (
        Q(reminders_enabled=True, user__is_active=True)
        & (by_email | by_push)
        & reduce(or_, per_day)
    )


def send_due_reminders(
    now: datetime.datetime | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    among: QuerySet | None = None,
) -> RunResult:
    """``among`` narrows the run to some profiles: the benchmark must not mark real people
    as reminded."""
    now = now or timezone.now()
    profiles = Profile.objects.all() if among is None else among
    zone_names = (
        profiles.filter(reminders_enabled=True)
        .order_by()
        .values_list("time_zone", flat=True)
        .distinct()
    )
    clocks = local_clocks(zone_names, now)
    result = RunResult()
    if not clocks:
        return result
    due = profiles.filter(due_filter(clocks.values())).select_related("user").order_by("user_id")
    links = Links.build()
    after = 0
    while batch := _claim(due.filter(user_id__gt=after), clocks, batch_size):
        after = batch[-1].user_id
        sent, failed = _send(batch, clocks, links)
        result.batches += 1
        result.sent += sent
        result.failed += failed
    return result


def _claim(due: QuerySet, clocks: dict[str, LocalClock], size: int) -> list[Profile]:
    """Choose a batch and record it as reminded today, in one transaction.

    On PostgreSQL the rows are locked and rows another run has locked are skipped, so
    two runs share the work. SQLite starts the transaction with BEGIN IMMEDIATE (see the
    settings): a second run waits for the first to commit, then no longer finds the batch.
    """
    with transaction.atomic():
        features = connection.features
        if features.has_select_for_update_skip_locked and features.has_select_for_update_of:
            due = due.select_for_update(skip_locked=True, of=("self",))
        batch = list(due[:size])
        if batch:
            by_day: dict[datetime.date, list[int]] = defaultdict(list)
            for profile in batch:
                by_day[clocks[profile.time_zone].day].append(profile.user_id)
            Profile.objects.filter(user_id__in=[p.user_id for p in batch]).update(
                reminded_on=Case(
                    *(When(user_id__in=ids, then=Value(day)) for day, ids in by_day.items()),
                    output_field=DateField(),
                )
            )
    return batch


def _send(batch: list[Profile], clocks: dict[str, LocalClock], links: "Links") -> tuple[int, int]:
    """Queue the batch's mail and notifications as outbox rows, then send the mail here (this
    runs in the worker already); the notifications go to their own task, since push services
    answer more slowly than a mail server. Returns the mail (sent, failed); a failed message
    is retried by the outbox with back-off."""
    today_of = {p.user_id: clocks[p.time_zone].day for p in batch}
    by_email = [p for p in batch if ReminderBy(p.reminder_by).by_email and p.email_confirmed]
    streaks = journal_streaks({p.user_id: today_of[p.user_id] for p in by_email})
    mail_rows = []
    # Claimed by this run as they are made (no UPDATE each); see notifications.outbox.
    claimed_at = timezone.now()
    for profile in by_email:
        message = reminder_message(profile, streaks.get(profile.user_id, 0), links)
        mail_rows.append(
            OutgoingMail(
                kind=REMINDER,
                user_id=profile.user_id,
                to=message.to[0],
                subject=message.subject,
                text=message.body,
                html=message.alternatives[0][0],
                headers=message.extra_headers,
                context={"day": today_of[profile.user_id].isoformat()},
                status=Status.SENDING,
                claimed_at=claimed_at,
                attempts=1,
            )
        )
    mail_rows = OutgoingMail.objects.bulk_create(mail_rows)
    _queue_notifications([p for p in batch if ReminderBy(p.reminder_by).by_push], today_of, links)
    return outgoing_mail.deliver(mail_rows, claimed=True)


REMINDER = "reminder"
NOTIFICATION_TITLE = "Time to log today's pain"
ASSIGNMENT_WORDS = {"P": "Practice day", "R": "Rest day"}


def _queue_notifications(
    profiles: list[Profile], today_of: dict[int, datetime.date], links: "Links"
) -> None:
    if not profiles:
        return
    subscriptions = PushSubscription.objects.filter(
        user_id__in=[p.user_id for p in profiles]
    ).values_list("pk", "user_id")
    if not subscriptions:
        return
    days = today_of.values()
    experiments = Experiment.objects.filter(
        user_id__in=[p.user_id for p in profiles], start__lte=max(days), end__gte=min(days)
    ).exclude(stopped_on__lt=min(days))
    assignment = {}
    for experiment in experiments:
        letter = experiment.assignment(today_of[experiment.user_id])
        if letter:
            assignment[experiment.user_id] = letter
    rows = OutgoingPush.objects.bulk_create(
        OutgoingPush(
            subscription_id=subscription_id,
            kind=REMINDER,
            # Shown on a locked screen: nothing from the journal, only the nudge and, in an
            # experiment, what today is.
            title=NOTIFICATION_TITLE,
            body=ASSIGNMENT_WORDS.get(assignment.get(user_id, ""), ""),
            url=links.today_path,
            tag="daily-reminder",
            context={"day": today_of[user_id].isoformat()},
        )
        for subscription_id, user_id in subscriptions
    )
    push.enqueue_delivery([row.pk for row in rows])


def still_wanted(row: OutgoingMail | OutgoingPush) -> str | None:
    """A reminder retried later is dropped once its day is logged, or over."""
    user_id = row.user_id if isinstance(row, OutgoingMail) else row.subscription.user_id
    day = datetime.date.fromisoformat(row.context["day"])
    if Entry.objects.filter(user_id=user_id, day=day).exists():
        return "the day was logged in the meantime"
    zone = Profile.objects.filter(user_id=user_id).values_list("time_zone", flat=True).first()
    if zone and local_clocks([zone], timezone.now())[zone].day != day:
        return "the day is over"
    return None


def journal_streaks(today_of: dict[int, datetime.date]) -> dict[int, int]:
    """Days logged in a row up to yesterday, per user (today is not logged: that is why
    they get a reminder). One query for the whole batch."""
    if not today_of:
        return {}
    earliest = min(today_of.values()) - datetime.timedelta(days=STREAK_LOOKBACK_DAYS)
    logged: dict[int, set[datetime.date]] = defaultdict(set)
    rows = Entry.objects.filter(
        user_id__in=list(today_of), day__gte=earliest, day__lt=max(today_of.values())
    ).values_list("user_id", "day")
    for user_id, day in rows:
        logged[user_id].add(day)
    streaks = {}
    for user_id, today in today_of.items():
        days, run = logged[user_id], 0
        day = today - datetime.timedelta(days=1)
        while day in days and run < STREAK_LOOKBACK_DAYS:
            run += 1
            day -= datetime.timedelta(days=1)
        streaks[user_id] = run
    return streaks


def streak_line(streak: int) -> str:
    if streak >= STREAK_LOOKBACK_DAYS:
        return f"You have logged every day for more than {STREAK_LOOKBACK_DAYS} days."
    if streak == 0:
        return "Log today to start a new streak."
    days = "day" if streak == 1 else "days"
    return f"You have logged {streak} {days} in a row; today makes it {streak + 1}."


@dataclass(frozen=True)
class Links:
    """The addresses in every reminder, worked out once per run (reverse() is slow)."""

    today: str
    today_path: str
    settings: str
    stop_prefix: str

    @classmethod
    def build(cls) -> "Links":
        site = settings.SITE_URL
        marker = "TOKEN"
        stop = reverse("accounts:unsubscribe", args=[marker])
        return cls(
            today=f"{site}{reverse('journal:today')}",
            today_path=reverse("journal:today"),
            settings=f"{site}{reverse('accounts:settings')}",
            stop_prefix=f"{site}{stop.removesuffix(marker + '/')}",
        )

    def stop(self, profile: Profile) -> str:
        token = unsubscribe_token(profile.user_id, profile.unsubscribe_generation)
        return f"{self.stop_prefix}{token}/"


def reminder_message(
    profile: Profile, streak: int, links: "Links | None" = None
) -> EmailMultiAlternatives:
    """The reminder: no health data beyond "you haven't logged today"."""
    links = links or Links.build()
    user = profile.user
    name = profile.display_name.strip() or user.get_username()
    stop_url = links.stop(profile)
    line = streak_line(streak)
    text = (
        f"Hello {name},\n\n"
        "You haven't logged today in your Footcare Journal yet. It takes a minute:\n"
        f"{links.today}\n\n"
        f"{line}\n\n"
        f"Change the time or the days: {links.settings}\n"
        f"Stop these reminders: {stop_url}\n"
    )
    html = format_html(
        "<p>Hello {},</p>"
        "<p>You haven't logged today in your Footcare Journal yet. It takes a minute.</p>"
        '<p><a href="{}">Log today</a></p>'
        "<p>{}</p>"
        '<p><a href="{}">Change the time or the days</a> · '
        '<a href="{}">Stop these reminders</a></p>',
        name,
        links.today,
        line,
        links.settings,
        stop_url,
    )
    message = EmailMultiAlternatives(
        "Footcare Journal: you haven't logged today",
        text,
        to=[user.email],
        headers={
            # RFC 8058: the mail program's own Unsubscribe button POSTs to this address.
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
