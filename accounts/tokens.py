"""Signed tokens for links in mail: confirming an address, undoing an address change, and
stopping the reminders."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.utils import timezone

CONFIRM_SALT = "accounts.confirm-email"
UNSUBSCRIBE_SALT = "accounts.unsubscribe"
UNDO_SALT = "accounts.email-undo"


class LinkExpired(Exception):
    pass


class LinkBroken(Exception):
    pass


def confirmation_token(user: AbstractBaseUser, address: str) -> str:
    # The address is signed in: a link for an old address cannot confirm a new one.
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"u": user.pk, "e": address})


def read_confirmation_token(token: str) -> tuple[int, str]:
    value = _unsign(CONFIRM_SALT, token, settings.EMAIL_CONFIRMATION_MAX_AGE)
    if not isinstance(value.get("u"), int):
        raise LinkBroken
    return value["u"], str(value.get("e", ""))


@dataclass(frozen=True)
class EmailChange:
    user_pk: int
    old: str
    new: str
    asked_at: datetime.datetime


def email_undo_token(user: AbstractBaseUser, old: str, new: str) -> str:
    value = {"u": user.pk, "o": old, "n": new, "t": timezone.now().isoformat()}
    return signing.TimestampSigner(salt=UNDO_SALT).sign_object(value)


def read_email_undo_token(token: str) -> EmailChange:
    value = _unsign(UNDO_SALT, token, settings.EMAIL_UNDO_MAX_AGE)
    try:
        return EmailChange(
            int(value["u"]),
            str(value["o"]),
            str(value["n"]),
            datetime.datetime.fromisoformat(value["t"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise LinkBroken from error


def _unsign(salt: str, token: str, max_age: datetime.timedelta) -> dict:
    try:
        value = signing.TimestampSigner(salt=salt).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError) as error:
        raise LinkBroken from error
    if not isinstance(value, dict):
        raise LinkBroken
    return value


def unsubscribe_token(user_pk: int, generation: int = 0) -> str:
    # No expiry: a reminder read months later must still stop the reminders, until they are
    # turned on again (the generation). Links from before generations existed read as 0.
    value = str(user_pk) if generation == 0 else f"{user_pk}.{generation}"
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(value)


def read_unsubscribe_token(token: str) -> tuple[int, int]:
    """(the person's id, the generation of their reminders the link was sent in)."""
    try:
        user_pk, _, generation = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token).partition(".")
        return int(user_pk), int(generation or 0)
    except (signing.BadSignature, ValueError) as error:
        raise LinkBroken from error
