"""Mail sent because of a request: address confirmations, the notice of an address change.

Every such message goes through ``send_limited_mail`` (the limits, then the transport);
``deliver`` is the one place a message leaves the app, through the task queue.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse

from notifications.mail import queue_mail

from .limits import claim_mail
from .tokens import confirmation_token, email_undo_token


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    # Mail sent outside a request (the reminders) has only the configured site address.
    return request.build_absolute_uri(path) if request else f"{settings.SITE_URL}{path}"


def send_limited_mail(
    request: HttpRequest,
    *,
    kind: str,
    to: str,
    subject: str,
    text: str,
    user: AbstractBaseUser | None = None,
) -> bool:
    """Send one message if the limits allow it; False (nothing sent) when they do not."""
    if not claim_mail(request, to=to, user=user):
        return False
    deliver(kind=kind, to=to, subject=subject, text=text, user=user)
    return True


def deliver(
    *, kind: str, to: str, subject: str, text: str, user: AbstractBaseUser | None = None
) -> None:
    """The transport: the task queue, which sends after the request and retries. Only for mail
    already within its limits, or that must never be held back (the notice to the old address
    of an account whose address is being changed)."""
    queue_mail(to=to, subject=subject, text=text, kind=kind, user=user)


def confirmation_message(
    user: AbstractBaseUser, address: str, request: HttpRequest
) -> tuple[str, str]:
    link = absolute_url(
        reverse("accounts:confirm_email", args=[confirmation_token(user, address)]), request
    )
    days = settings.EMAIL_CONFIRMATION_MAX_AGE.days
    return (
        "Footcare Journal: confirm your email address",
        f"Hello,\n\n"
        f"Please confirm that {address} is your address by opening this link within "
        f"{days} days and pressing the button there:\n\n{link}\n\n"
        "Once it is confirmed, we can send you a link to choose a new password if you forget "
        "yours, and your daily reminders if you turn them on.\n\n"
        "If you did not add this address to a Footcare Journal account, ignore this message; "
        "nothing happens without the link.\n",
    )


def send_confirmation(user: AbstractBaseUser, address: str, request: HttpRequest) -> bool:
    subject, text = confirmation_message(user, address, request)
    return send_limited_mail(
        request, kind="confirmation", to=address, subject=subject, text=text, user=user
    )


def send_change_notice(user: AbstractBaseUser, old: str, new: str, request: HttpRequest) -> None:
    """Tell the confirmed address that it is being replaced, with a link that undoes it."""
    link = absolute_url(
        reverse("accounts:undo_email_change", args=[email_undo_token(user, old, new)]), request
    )
    days = settings.EMAIL_UNDO_MAX_AGE.days
    change = f"to {new}" if new else "removed"
    deliver(
        kind="email_undo",
        to=old,
        subject="Footcare Journal: your email address is being changed",
        text=f"Hello,\n\n"
        f"Someone signed in to your Footcare Journal account asked for its email address to "
        f"be {'changed ' if new else ''}{change}. Until the new address is confirmed, password "
        f"reset links still come here.\n\n"
        f"If it was you, there is nothing to do.\n\n"
        f"If it was not you, open this link within {days} days: it puts {old} back, signs "
        f"everyone out of the account, ends the share links made since, and asks you to "
        f"choose a new password (whoever did this knew yours):\n\n{link}\n",
        user=user,
    )
