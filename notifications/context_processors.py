from django.http import HttpRequest

from . import vapid


def push(request: HttpRequest) -> dict[str, object]:
    """The applicationServerKey for "Remind me on this phone"; empty without VAPID keys."""
    if not request.user.is_authenticated:
        return {}
    return {"push_key": vapid.public_key()}
