"""Mail sent from the account pages: the link that confirms an address."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse

from notifications.mail import queue_mail

from .tokens import confirmation_token


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    # Mail sent outside a request (the reminders) has only the configured site address.
    return request.build_absolute_uri(path) if request else f"{settings.SITE_URL}{path}"


def send_confirmation(user: AbstractBaseUser, request: HttpRequest | None = None) -> None:
    link = absolute_url(reverse("accounts:confirm_email", args=[confirmation_token(user)]), request)
    days = settings.EMAIL_CONFIRMATION_MAX_AGE.days
    queue_mail(
        kind="confirmation",
        user=user,
        to=user.email,
        subject="Footcare Journal: confirm your email address",
        text=f"Hello {user.get_username()},\n\n"
        f"Please confirm that {user.email} is your address by opening this link within "
        f"{days} days:\n\n{link}\n\n"
        "Once it is confirmed, we can send you a link to choose a new password if you forget "
        "yours, and your daily reminders if you turn them on.\n\n"
        "If you did not add this address to a Footcare Journal account, ignore this message; "
        "nothing happens without the link.\n",
    )
