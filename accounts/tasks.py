"""Account mail that the worker prepares itself, so that the request reveals nothing."""

from collections.abc import Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.db.models import F
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from notifications.mail import queue_mail


def users_to_reset(email: str) -> Iterator[AbstractBaseUser]:
    """The active accounts whose confirmed address is `email`. Unusable passwords too:
    undoing an address change switches the password off until the owner chooses a new one,
    which is done through a reset."""
    return iter(
        get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True, profile__confirmed_email=F("email")
        )
    )


@task()
def send_password_reset(email: str, domain: str, use_https: bool) -> int:
    """Mail a reset link to each active account whose confirmed address is `email`; returns
    how many (0 for an address that is no confirmed account: nothing is sent)."""
    users = list(users_to_reset(email))
    for user in users:
        context = {
            "email": user.email,
            "domain": domain,
            "site_name": domain,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "user": user,
            "token": default_token_generator.make_token(user),
            "protocol": "https" if use_https else "http",
        }
        subject = render_to_string("registration/password_reset_subject.txt", context)
        queue_mail(
            kind="password_reset",
            user=user,
            to=user.email,
            subject="".join(subject.splitlines()),
            text=render_to_string("registration/password_reset_email.html", context),
        )
    return len(users)
