from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The address a login attempt came from, as the nearest trusted proxy saw it.

    With no proxy (``DJANGO_TRUSTED_PROXY_COUNT=0``) that is the socket's peer. Entries left
    of the trusted ones in X-Forwarded-For are whatever the client wrote, so never use them.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
