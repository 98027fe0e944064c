from typing import Any

from django.conf import settings
from django.core import checks

from . import vapid


@checks.register()
def vapid_key_is_valid(**kwargs: Any) -> list[checks.CheckMessage]:
    if not settings.VAPID_PRIVATE_KEY:
        return []
    try:
        vapid.private_key_from(settings.VAPID_PRIVATE_KEY)
    except ValueError as error:
        return [
            checks.Error(
                f"DJANGO_VAPID_PRIVATE_KEY is not a VAPID private key: {error}.",
                hint="Make one with `python manage.py generate_vapid_keys`.",
                id="notifications.E001",
            )
        ]
    return []
