"""How much mail a request may cause: per account, per destination address and per client
address, each at most so many messages in any 60 minutes.

Sign-up confirmations, new links, address changes and password resets all count, whether or
not the address belongs to an account, so the answer never tells who has one. The slots live
in the database (``MailSlot``), so every app server sees the same count whatever the cache.
"""

import datetime
import ipaddress

from django.contrib.auth.models import AbstractBaseUser
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from footcare.proxy import client_ip

from .models import MailSlot

WINDOW = datetime.timedelta(hours=1)
PER_ACCOUNT = 3
PER_ADDRESS = 3
# A household, a clinic's Wi-Fi or a mobile network shares one address: a little more room.
PER_CLIENT = 10

MAIL_LIMIT_MESSAGE = (
    "Nothing was sent: we send at most 3 emails an hour to one address or for one account, "
    f"and {PER_CLIENT} an hour from one network, to keep anyone from flooding a mailbox. "
    "Please try again in an hour."
)


class _Full(Exception):
    pass


def client_network(request: HttpRequest) -> str:
    """The client's address; for IPv6 its /64, which one subscriber usually holds whole."""
    address = client_ip(request) or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _scope(kind: str, value: str) -> str:
    return salted_hmac("accounts.mail-limit", f"{kind}:{value}").hexdigest()


def scopes(
    request: HttpRequest, to: str | None, user: AbstractBaseUser | None
) -> list[tuple[str, int]]:
    found = [(_scope("client", client_network(request)), PER_CLIENT)]
    if user is not None and user.pk is not None:
        found.append((_scope("account", str(user.pk)), PER_ACCOUNT))
    if to:
        found.append((_scope("address", to.strip().lower()), PER_ADDRESS))
    return found


def claim_mail(
    request: HttpRequest, *, to: str | None, user: AbstractBaseUser | None = None
) -> bool:
    """Take one message's room in every scope, or in none: False when any scope is full."""
    now = timezone.now()
    _forget_old_slots(now)
    try:
        with transaction.atomic():
            for scope, limit in scopes(request, to, user):
                if not _claim(scope, limit, now):
                    raise _Full
    except _Full:
        return False
    return True


def _forget_old_slots(now: datetime.datetime) -> None:
    # Best effort, outside the claim: an old slot is free anyway, and two servers deleting
    # the same rows at once must not fail a request (PostgreSQL may call it a deadlock).
    try:
        with transaction.atomic():
            MailSlot.objects.filter(used_at__lte=now - WINDOW).delete()
    except DatabaseError:
        pass


def _claim(scope: str, limit: int, now: datetime.datetime) -> bool:
    free_before = now - WINDOW
    used = dict(MailSlot.objects.filter(scope=scope).values_list("slot", "used_at"))
    for slot in range(limit):
        if slot not in used:
            try:
                with transaction.atomic():
                    MailSlot.objects.create(scope=scope, slot=slot, used_at=now)
                return True
            except IntegrityError:  # another server took this slot meanwhile
                continue
        # Conditional: of two servers reusing the same free slot, one updates a row.
        elif used[slot] <= free_before and MailSlot.objects.filter(
            scope=scope, slot=slot, used_at__lte=free_before
        ).update(used_at=now):
            return True
    return False
