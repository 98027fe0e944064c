"""Secrets some addresses carry, kept out of every log.

A share link, an email confirmation, an unsubscribe link and a password reset each carry
their token in the path; the database keeps only a hash of a share token, so a log line
with the whole path would undo that. gunicorn's access log (footcare/accesslog.py) and
Django's own log lines ("Not Found: /shared/…", "Internal Server Error: …") write `[hidden]`
in place of those path segments.
"""

import logging
import re

HIDDEN = "[hidden]"
# Every route with a secret in its path: a test enumerates the URLconf and fails for a new
# route whose `token` or `uidb64` this misses. The README's nginx snippet masks the same.
SECRET_IN_PATH = re.compile(
    r"(?P<prefix>/(?:shared|accounts/confirm-email|accounts/email/undo|accounts/unsubscribe)/)[^/?#\s\"']+"
    r"|(?P<reset>/accounts/reset/)[^/?#\s\"']+/[^/?#\s\"']+"
)


def mask_secrets(text: str) -> str:
    """``text`` with every secret path segment replaced by [hidden]."""
    return SECRET_IN_PATH.sub(_hidden, text)


def _hidden(match: re.Match[str]) -> str:
    if match.group("reset"):
        return f"{match.group('reset')}{HIDDEN}/{HIDDEN}"
    return f"{match.group('prefix')}{HIDDEN}"


class MaskSecrets(logging.Filter):
    """A logging filter: the record's message, with its arguments put in, masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/" in message:
            record.msg, record.args = mask_secrets(message), None
        return True
