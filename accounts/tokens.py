"""Signed tokens for links in mail: confirming an address, and stopping the reminders."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing

CONFIRM_SALT = "accounts.confirm-email"
UNSUBSCRIBE_SALT = "accounts.unsubscribe"


class LinkExpired(Exception):
    pass


class LinkBroken(Exception):
    pass


def confirmation_token(user: AbstractBaseUser) -> str:
    # The address is signed in: a link for an old address cannot confirm a new one.
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"u": user.pk, "e": user.email})


def read_confirmation_token(token: str) -> tuple[int, str]:
    max_age = settings.EMAIL_CONFIRMATION_MAX_AGE
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError) as error:
        raise LinkBroken from error
    if not isinstance(value, dict) or not isinstance(value.get("u"), int):
        raise LinkBroken
    return value["u"], str(value.get("e", ""))


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
