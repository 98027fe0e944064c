"""The account profile: the name on the doctor's report, the email address and its
confirmation, the person's time zone and their daily reminder."""

import datetime
import zoneinfo
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from footcare.vocabulary import AREA_CHOICES, AREAS, EARLIEST_DAY

DISPLAY_NAME_MAX_LENGTH = 80
TIME_ZONE_MAX_LENGTH = 64
DEFAULT_REMINDER_TIME = datetime.time(20, 0)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Days of the week as a bit mask, Monday = 1, Sunday = 64: one column, filterable in SQL
# with a bitwise AND by the reminder query.
EVERY_DAY = 0b111_1111
# A date of birth is no earlier than the journal's first day.
EARLIEST_BIRTH_DATE = EARLIEST_DAY


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(name: str) -> None:
    if name not in known_time_zones():
        raise ValidationError(
            "“%(name)s” is not a time zone we know. Choose one from the list, "
            "for example Europe/London or America/New_York.",
            code="unknown_time_zone",
            params={"name": name},
        )


def default_time_zone() -> str:
    return settings.TIME_ZONE


def day_mask(weekdays: "list[int] | set[int]") -> int:
    """Weekday numbers (Monday 0 .. Sunday 6) -> the stored bit mask."""
    mask = 0
    for weekday in weekdays:
        mask |= 1 << weekday
    return mask


def mask_days(mask: int) -> list[int]:
    return [weekday for weekday in range(7) if mask & (1 << weekday)]


class ReminderBy(models.TextChoices):
    EMAIL = "email", "Email"
    PUSH = "push", "A notification on my phone"
    BOTH = "both", "Both"

    @property
    def by_email(self) -> bool:
        return self in (ReminderBy.EMAIL, ReminderBy.BOTH)

    @property
    def by_push(self) -> bool:
        return self in (ReminderBy.PUSH, ReminderBy.BOTH)


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
    )
    display_name = models.CharField(
        "Your name",
        max_length=DISPLAY_NAME_MAX_LENGTH,
        blank=True,
        help_text="Printed on your doctor's report instead of your username.",
    )
    date_of_birth = models.DateField(
        "Date of birth",
        null=True,
        blank=True,
        help_text="Optional. Printed on your doctor's report if you add it.",
    )
    # The address itself is User.email, which Django's password reset and admin use. This is
    # the address the person proved they read; the current address is confirmed only while
    # the two are equal, so any change of User.email, from any page, unconfirms it.
    confirmed_email = models.EmailField(blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    # A new address asked for while the current one is confirmed waits here until its own
    # link is opened: resets and reminders keep going to the confirmed address meanwhile, so
    # a borrowed session cannot move the account's recovery to another mailbox.
    pending_email = models.EmailField(blank=True)
    pending_email_since = models.DateTimeField(null=True, blank=True)
    email_prompt_dismissed = models.BooleanField(default=False)
    time_zone = models.CharField(
        "Time zone",
        max_length=TIME_ZONE_MAX_LENGTH,
        default=default_time_zone,
        validators=[validate_time_zone],
    )
    reminders_enabled = models.BooleanField("Remind me", default=False)
    # Raised each time reminders are turned on: a link to stop them, from a reminder sent
    # before, then stops nothing (a forwarded old mail cannot turn them off again).
    unsubscribe_generation = models.PositiveIntegerField(default=0, editable=False)
    reminder_by = models.CharField(
        "Remind me by",
        max_length=5,
        choices=ReminderBy.choices,
        default=ReminderBy.EMAIL,
    )
    reminder_time = models.TimeField("Reminder time", default=DEFAULT_REMINDER_TIME)
    reminder_days = models.PositiveSmallIntegerField("Reminder days", default=EVERY_DAY)
    # The person's own local date of the last reminder; recorded in the same transaction as
    # the decision to send, so that no run sends it twice.
    reminded_on = models.DateField(null=True, blank=True)
    # The area the Reports decide first; empty: the area rated most in the range.
    main_area = models.CharField(
        "Main area",
        max_length=8,
        blank=True,
        choices=AREA_CHOICES,
        help_text=(
            "The Reports judge this area first; the others need stronger evidence. Leave it "
            "empty to use the area you rate most."
        ),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reminder_days__gte=0, reminder_days__lte=EVERY_DAY),
                name="accounts_profile_reminder_days_are_a_week",
            ),
            models.CheckConstraint(
                condition=models.Q(reminders_enabled=False) | models.Q(reminder_days__gt=0),
                name="accounts_profile_reminders_need_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_birth__isnull=True)
                | models.Q(date_of_birth__gte=EARLIEST_BIRTH_DATE),
                name="accounts_profile_birth_after_1900",
            ),
            models.CheckConstraint(
                condition=models.Q(reminder_by__in=ReminderBy.values),
                name="accounts_profile_reminder_by_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(time_zone=""),
                name="accounts_profile_time_zone_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(main_area="") | models.Q(main_area__in=AREAS),
                name="accounts_profile_main_area_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(pending_email="") | models.Q(pending_email_since__isnull=False),
                name="accounts_profile_pending_email_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def email_confirmed(self) -> bool:
        return bool(self.confirmed_email) and self.confirmed_email == self.user.email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            # A zone removed from a later tzdata release: the deployment's default.
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def reminder_weekdays(self) -> list[int]:
        return mask_days(self.reminder_days)

    @property
    def wanted_email(self) -> str:
        """The address the person last asked for: a pending one, else the account's."""
        return self.pending_email or self.user.email

    def confirm_email(self, address: str) -> None:
        """The person proved they read ``address``: it becomes the account's, confirmed."""
        user = self.user
        if address == self.pending_email and address != user.email:
            user.email = address
            user.save(update_fields=["email"])
        self._confirmed(address, timezone.now())

    def change_email(self, new: str, now: datetime.datetime) -> None:
        """Ask for ``new`` as the account's address.

        A confirmed address stays the account's (and gets the resets) until the new one is
        confirmed; without a confirmed address there is nothing to keep, so it changes now.
        Removing the address takes effect at once: there is nothing to confirm.
        """
        user = self.user
        if self.email_confirmed and new and new != user.email:
            self.pending_email, self.pending_email_since = new, now
        else:
            self.pending_email, self.pending_email_since = "", None
            if new != user.email:
                user.email = new
                user.save(update_fields=["email"])
        self.save(update_fields=["pending_email", "pending_email_since"])

    def restore_email(self, address: str, now: datetime.datetime) -> None:
        """Put back a confirmed ``address`` (undoing a change the owner did not make)."""
        user = self.user
        user.email = address
        user.save(update_fields=["email"])
        self._confirmed(address, now)

    def _confirmed(self, address: str, at: datetime.datetime) -> None:
        """``address`` is the confirmed one from ``at``, and no change is pending."""
        self.confirmed_email, self.email_confirmed_at = address, at
        self.pending_email, self.pending_email_since = "", None
        self.save(
            update_fields=[
                "confirmed_email",
                "email_confirmed_at",
                "pending_email",
                "pending_email_since",
            ]
        )


class MailSlot(models.Model):
    """One message sent within the last hour for a scope (an account, a destination address,
    a client address). A scope has at most its limit of slots, and a slot is free again an
    hour after it was used: at most that many messages in any 60 minutes.

    Kept in the database so that every app server counts the same mail, and the scope is a
    keyed hash, so the table never holds an address.
    """

    scope = models.CharField(max_length=64)
    slot = models.PositiveSmallIntegerField()
    used_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "slot"], name="accounts_mailslot_one_row_per_scope_and_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"mail slot {self.slot} of {self.scope[:8]}… used at {self.used_at:%H:%M}"


def profile_of(user: AbstractBaseUser) -> Profile:
    """The person's profile, created with the defaults for accounts older than profiles.

    The login backend loads it with the user (one query); this makes up for sessions
    made before that, and for users created without a profile (bulk imports).
    """
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _created = Profile.objects.get_or_create(user=user)
        user.profile = profile
        return profile


def display_name(user: AbstractBaseUser) -> str:
    """The name printed on the doctor's report: the one the person chose, else their
    full name, else the username."""
    chosen = profile_of(user).display_name.strip()
    if chosen:
        return chosen
    full = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender: type, instance: AbstractBaseUser, created: bool, **kwargs: Any) -> None:
    # Every new account gets its profile at once, so pages load it with the user.
    if created and not kwargs.get("raw"):
        Profile.objects.get_or_create(user=instance)
