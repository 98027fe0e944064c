"""Account mail that the worker prepares itself, so that the request reveals nothing."""

from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from notifications.mail import queue_mail


@task()
def send_password_reset(email: str, domain: str, use_https: bool) -> int:
    """Mail a reset link to each active account whose confirmed address is `email`; returns
    how many (0 for an address that is no confirmed account: nothing is sent)."""
    from .forms import ConfirmedAddressPasswordResetForm

    users = list(ConfirmedAddressPasswordResetForm().get_users(email))
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
