"""The person's settings ("settings"): the name and date of birth printed on the doctor's
report, the time zone and the reminder choices. The email address is not in the backup: it
is the account's identity and is confirmed by mail, never by a file."""

import datetime
import unicodedata
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser

from accounts.models import (
    DISPLAY_NAME_MAX_LENGTH,
    EARLIEST_BIRTH_DATE,
    WEEKDAYS,
    Profile,
    ReminderBy,
    day_mask,
    known_time_zones,
    mask_days,
    profile_of,
)
from journal.transfer.backup import BackupPart, Change, Preview, ReadContext, Reading
from journal.transfer.rows import Bad, Problem, json_date, short
from journal.transfer.store import ImportCounts


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise Bad("write it as a text")
    if len(value) > DISPLAY_NAME_MAX_LENGTH:
        raise Bad(f"at most {DISPLAY_NAME_MAX_LENGTH} characters")
    # Line breaks and direction overrides would reorder or split the doctor's page.
    if any(unicodedata.category(char) in {"Cc", "Cf"} for char in value):
        raise Bad("it contains a control or formatting character")
    return value


def _birth(value: object) -> datetime.date | None:
    if value is None:
        return None
    born = json_date(value, "write it as YYYY-MM-DD, or null")
    if born < EARLIEST_BIRTH_DATE:
        raise Bad("it must be between 1900 and today")
    return born


def _zone(value: object) -> str:
    if value not in known_time_zones():
        raise Bad(f"“{short(str(value))}” is not a time zone we know")
    return value  # type: ignore[return-value]


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise Bad("write true or false")
    return value


def _time(value: object) -> datetime.time:
    try:
        if not isinstance(value, str) or len(value) != 5:
            raise ValueError
        return datetime.time.fromisoformat(value)
    except ValueError as error:
        raise Bad("write it as HH:MM") from error


def _reminder_by(value: object) -> str:
    if value not in ReminderBy.values:
        raise Bad(f"write one of {', '.join(ReminderBy.values)}")
    return value  # type: ignore[return-value]


def _days(value: object) -> int:
    if not isinstance(value, list) or any(day not in WEEKDAYS for day in value):
        raise Bad(f"a list of days such as [{', '.join(WEEKDAYS[:2])}]")
    return day_mask({WEEKDAYS.index(day) for day in value})


# Field -> (label, read from the file, write to the file, show in the preview). A setting
# added to the profile is one line here.
FIELDS: dict[
    str, tuple[str, Callable[[object], object], Callable[[object], object], Callable[[object], str]]
] = {
    "display_name": ("Your name", _name, str, lambda v: f"“{v}”" if v else "(none)"),
    "date_of_birth": (
        "Date of birth",
        _birth,
        lambda d: None if d is None else d.isoformat(),
        lambda d: f"{d:%-d %B %Y}" if d else "(none)",
    ),
    "time_zone": ("Time zone", _zone, str, str),
    "reminders_enabled": ("Reminders", _flag, bool, lambda v: "on" if v else "off"),
    "reminder_time": ("Reminder time", _time, lambda t: f"{t:%H:%M}", lambda t: f"{t:%H:%M}"),
    "reminder_days": (
        "Reminder days",
        _days,
        lambda mask: [WEEKDAYS[d] for d in mask_days(mask)],
        lambda mask: ", ".join(WEEKDAYS[d][:3] for d in mask_days(mask)) or "none",
    ),
    "reminder_by": ("Reminders by", _reminder_by, str, lambda v: ReminderBy(v).label),
}
# Left empty in the account, these are filled from the file even with "keep mine": a new
# account has no name or date of birth of its own to keep.
FILLABLE = ("display_name", "date_of_birth")


def _blank(value: object) -> bool:
    return value in ("", None)


class SettingsPart(BackupPart, key="settings", noun="settings", item="Setting", order=40):
    def dump(self, user: AbstractBaseUser) -> object:
        profile = profile_of(user)
        return {name: write(getattr(profile, name)) for name, (_l, _r, write, _s) in FIELDS.items()}

    def read(self, value: object, context: ReadContext) -> Reading:
        if value is None:
            return Reading({})
        if not isinstance(value, dict):
            return Reading({}, [Problem(0, "“settings” must be an object {…}.")])
        problems = []
        unknown = sorted(str(key) for key in value.keys() - FIELDS.keys())
        if unknown:
            problems.append(Problem(0, f"Unknown setting {', '.join(unknown)}."))
        found: dict[str, object] = {}
        for name, (label, read, _write, _show) in FIELDS.items():
            if name not in value:
                continue  # a setting an older file lacks stays as it is
            try:
                found[name] = read(value[name])
            except Bad as bad:
                problems.append(Problem(0, f"{label}: {bad}."))
        born = found.get("date_of_birth")
        if isinstance(born, datetime.date) and born > context.today:
            problems.append(Problem(0, "Date of birth: it must be between 1900 and today."))
        if found.get("reminders_enabled") and not found.get("reminder_days"):
            problems.append(Problem(0, "Reminders are on but no day is chosen."))
        return Reading(found, problems)

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        values: dict[str, object] = found  # type: ignore[assignment]
        profile = profile_of(user)
        preview = Preview()
        for name, value in values.items():
            label, _read, _write, show = FIELDS[name]
            have = getattr(profile, name)
            if have == value:
                preview.unchanged += 1
            elif name in FILLABLE and _blank(have):
                preview.new.append(f"{label}: {show(value)}")
            else:
                preview.changed.append(Change(label, show(have), show(value)))
        return preview

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        values: dict[str, object] = found  # type: ignore[assignment]
        profile = profile_of(user)
        added = {
            name: value
            for name, value in values.items()
            if name in FILLABLE and _blank(getattr(profile, name)) and not _blank(value)
        }
        changed = {
            name: value
            for name, value in values.items()
            if name not in added and getattr(profile, name) != value
        }
        update = {**added, **changed} if replace else added
        if update:
            Profile.objects.filter(user=user).update(**update)
            for name, value in update.items():
                setattr(profile, name, value)
        return ImportCounts(
            added=len(added),
            replaced=len(changed) if replace else 0,
            kept=0 if replace else len(changed),
        )

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        profile = profile_of(user)
        reminder = (
            f"; your reminder email at {profile.reminder_time:%H:%M}"
            if profile.reminders_enabled
            else ""
        )
        return [
            f"Your account “{user.get_username()}” and its settings (name, date of birth, "
            f"email address, time zone, reminder choices){reminder}"
        ]


PART = SettingsPart()
