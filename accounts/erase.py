"""Deleting an account so that nothing of the person is left behind."""

from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import transaction


def erase_person(user: AbstractBaseUser) -> None:
    """Delete the account, its sessions and its login records; deleting the user deletes the
    rest (the apps that keep the person's data listen for the user's deletion)."""
    username = user.get_username()
    with transaction.atomic():
        end_every_session(user)
        # The lockout's records keep the username, the address and the browser.
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=username).delete()
        # CASCADE removes the entries, and with them their exercise rows.
        user.delete()


def end_every_session(user: AbstractBaseUser) -> None:
    """Delete the person's sessions on every device, expired or not.

    Sessions do not record their user in a column, so each is decoded: a scan of the
    session table, acceptable for a rare action (about 20 µs a session).
    """
    user_id = str(user.pk)
    mine = [
        session.session_key
        for session in Session.objects.iterator(chunk_size=2000)
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]
    # Through the session engine's own store: a cached session lives in the cache as well as
    # in the table, and deleting the row alone left it there until it expired.
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in mine:
        store(session_key).delete(session_key)
