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

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import HttpRequest

from footcare import keys
from footcare.proxy import client_ip
from journal.models import Entry, ShareLink, share_token_hash

SIGNER_SALT = "journal.share"
TOKEN_BYTES = 32
# A person may keep this many working links, and make this many in an hour: each link lets
# a stranger ask for drawings that the owner pays for.
MAX_LIVE_LINKS = 20
LINKS_PER_HOUR = 10
# More misses than this from one address within the window and that address waits.
GUESS_LIMIT = 20
GUESS_WINDOW_SECONDS = 15 * 60


class TooManyLinks(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
    """Save a new link and return it with its signed token, which is shown only once.

    Raises TooManyLinks past the person's limits. The owner's row is locked while counting
    (PostgreSQL; SQLite's IMMEDIATE transactions queue writers anyway), so two requests at
    once cannot both take the last place.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).exists()
        mine = ShareLink.objects.for_user(user)
        counts = mine.aggregate(
            live=Count("pk", filter=Q(revoked_at__isnull=True, expires_at__gt=now)),
            recent=Count("pk", filter=Q(created_at__gt=now - datetime.timedelta(hours=1))),
        )
        if counts["live"] >= MAX_LIVE_LINKS:
            raise TooManyLinks(
                f"You have {MAX_LIVE_LINKS} links that still work, the most at one time. "
                "End one you no longer need on “Your links”, then make this one."
            )
        if counts["recent"] >= LINKS_PER_HOUR:
            raise TooManyLinks(
                f"You have made {LINKS_PER_HOUR} links in the last hour, the most we allow. "
                "Please make this one a little later."
            )
        link = mine.create(
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


def end_link(link: ShareLink, now: datetime.datetime) -> None:
    if link.revoked_at is None:
        ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=now)
        link.revoked_at = now


def end_every_link(user: AbstractBaseUser, now: datetime.datetime) -> int:
    return ShareLink.objects.for_user(user).live(now).update(revoked_at=now)


def qr_svg(url: str) -> str:
    """The link as a QR code, an SVG that scales with its box (dark on white, as scanners
    need even in dark mode)."""
    import segno

    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, dark="#000", light="#fff", border=4, omitsize=True)
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code of the link" ', 1)


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
    # A deactivated account shares nothing, whatever its links say.
    return link if link.is_live(now) and link.user.is_active else None


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
