"""Undoing an address change the owner did not make.

Whoever changed the address was signed in and typed the account's password, so putting the
address back is not enough: every session ends and the password stops working until the
owner chooses a new one (on the page this leads to, which the undo link's mailbox earns).
Other apps undo what such a visitor could have done with the account (the journal ends the
share links made since) by listening to ``email_change_undone``.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .erase import end_every_session
from .models import profile_of
from .tokens import EmailChange

# Sent with user= and since= (when the change was asked for), inside the undo's transaction.
email_change_undone = Signal()


def undo_change(user: AbstractBaseUser, change: EmailChange, now: datetime.datetime) -> str:
    """Put the old address back and shut the account until a new password is chosen; the
    address of the page where the owner chooses it."""
    with transaction.atomic():
        profile_of(user).restore_email(change.old, now)
        # An unusable password also changes the session hash: every session, on every
        # device, is refused at its next request whatever the session store still holds.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        end_every_session(user)
        email_change_undone.send(sender=type(user), user=user, since=change.asked_at)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)])
