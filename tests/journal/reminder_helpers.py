"""Shared by the reminder tests: a person with confirmed address and reminders on, and mail
backends that fail or go slowly."""

import datetime
import time
import zoneinfo

from django.core.mail.backends.locmem import EmailBackend

from accounts.models import EVERY_DAY, profile_of
from tests.factories import make_user


def make_reminded(
    username: str,
    zone: str = "Europe/London",
    at: datetime.time = datetime.time(20, 0),
    days: int = EVERY_DAY,
    email: str | None = None,
) -> object:
    user = make_user(username, email=email or f"{username}@example.org")
    profile = profile_of(user)
    profile.time_zone = zone
    profile.reminders_enabled = True
    profile.reminder_time = at
    profile.reminder_days = days
    profile.save()
    profile.confirm_email(user.email)
    return user


def at(zone: str, *args: int) -> datetime.datetime:
    """A moment given on a zone's wall clock, e.g. at("Pacific/Auckland", 2026, 11, 25, 20)."""
    return datetime.datetime(*args, tzinfo=zoneinfo.ZoneInfo(zone))


def utc(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


class FailingBackend(EmailBackend):
    """Refuses any address that starts with "broken", like an SMTP server would."""

    def send_messages(self, messages: list) -> int:
        for message in messages:
            if any(address.startswith("broken") for address in message.to):
                raise ConnectionError("550 mailbox unavailable")
        return super().send_messages(messages)


class SlowBackend(EmailBackend):
    """Takes a few milliseconds a message, so that two runs started together overlap."""

    def send_messages(self, messages: list) -> int:
        time.sleep(0.005 * len(messages))
        return super().send_messages(messages)
