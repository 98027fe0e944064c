"""Read-only links for a clinician: making them, finding them, and slowing down guessing.

A link's address carries a random token signed with the site's key; the database keeps
only the token's SHA-256. A presented token is checked in three steps, each answering
"no such link" the same way: the signature (a tampered or made-up token stops here,
without touching the database), the hash lookup, and a constant-time comparison of the
stored hash. Changing DJANGO_SECRET_KEY therefore ends every link.
"""

import datetime
import hmac
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest

from footcare import keys
from footcare.proxy import client_ip
from journal.models import Entry, ShareLink, share_token_hash

SIGNER_SALT = "journal.share"
TOKEN_BYTES = 32
# More misses than this from one address within the window and that address waits.
GUESS_LIMIT = 20
GUESS_WINDOW_SECONDS = 15 * 60


def create_link(
    user: AbstractBaseUser,
    *,
    start: datetime.date,
    end: datetime.date,
    days: int,
    include_notes: bool,
    label: str,
    now: datetime.datetime,
) -> tuple[ShareLink, str]:
    """Save a new link and return it with its signed token, which is shown only once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink.objects.create(
        user=user,
        token_hash=share_token_hash(token),
        label=label,
        start=start,
        end=end,
        include_notes=include_notes,
        created_at=now,
        expires_at=now + datetime.timedelta(days=days),
    )
    return link, signing.Signer(salt=SIGNER_SALT).sign(token)


def find_live_link(presented: str, now: datetime.datetime) -> ShareLink | None:
    """The live link for a presented token; None for a bad, unknown, expired or revoked one."""
    try:
        token = signing.Signer(salt=SIGNER_SALT).unsign(presented)
    except signing.BadSignature:
        return None
    digest = share_token_hash(token)
    link = ShareLink.objects.filter(token_hash=digest).select_related("user__profile").first()
    # The lookup matched on the hash already; comparing again in constant time keeps the
    # rule visible here whatever the database's own comparison does.
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        return None
    return link if link.is_live(now) else None


def shared_notes(link: ShareLink) -> list[tuple[datetime.date, str]]:
    """The notes of the link's days, oldest first; none unless the person ticked them."""
    if not link.include_notes:
        return []
    notes = Entry.objects.for_user(link.user).between(link.start, link.end).exclude(note="")
    return list(notes.order_by("day").values_list("day", "note"))


def record_view(link: ShareLink, now: datetime.datetime) -> None:
    # One UPDATE with F(): two clinicians opening the link at once both count.
    ShareLink.objects.filter(pk=link.pk).update(views=F("views") + 1, last_viewed_at=now)


def _guess_key(request: HttpRequest) -> str:
    return keys.share_misses(client_ip(request) or "unknown")


def guessing_blocked(request: HttpRequest) -> bool:
    return cache.get(_guess_key(request), 0) >= GUESS_LIMIT


def record_miss(request: HttpRequest) -> None:
    key = _guess_key(request)
    # add() starts the window on the first miss; incr() never extends it.
    if not cache.add(key, 1, GUESS_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, GUESS_WINDOW_SECONDS)
