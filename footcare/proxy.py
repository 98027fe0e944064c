"""Which address a request came from, for the login lockout."""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def valid_address(text: str | None) -> str | None:
    """``text`` as a normalised IP address, or None when it is not one.

    Proxies write "unknown", "ip:port" or worse; axes stores the address in an inet column
    on PostgreSQL, where anything else makes the login a 500.
    """
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


def from_trusted_proxy(peer: str | None) -> bool:
    if peer is None:
        return False
    address = ipaddress.ip_address(peer)
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str | None:
    """The address a login attempt came from, as the nearest trusted proxy saw it.

    X-Forwarded-For is read only when the socket's peer is one of DJANGO_TRUSTED_PROXIES
    (gunicorn may be reachable directly), and then only the entry DJANGO_TRUSTED_PROXY_COUNT
    from the right: entries left of it are whatever the client wrote. Anything missing or
    malformed falls back to the socket's peer.
    """
    peer = valid_address(request.META.get("REMOTE_ADDR"))
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0 or not from_trusted_proxy(peer):
        return peer
    header = request.headers.get("X-Forwarded-For", "")
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    client = valid_address(forwarded[-count]) if len(forwarded) >= count else None
    if client is None:
        # Everyone then shares the proxy's address, so a lockout pauses a username for all.
        logger.warning(
            "The proxy at %s sent no usable X-Forwarded-For (%r); counting the request as "
            "coming from the proxy. Set the header as the README's nginx snippet does.",
            peer,
            header[:100],
        )
        return peer
    return client
