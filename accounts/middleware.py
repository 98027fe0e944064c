from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import profile_of


def time_zone_middleware(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Make the person's own zone current, so that timezone.localdate() is their journal day
    everywhere (Today, the future-day rule, streaks, the routine, the reports); visitors get
    the deployment's TIME_ZONE."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            timezone.activate(profile_of(request.user).zone)
        else:
            timezone.deactivate()
        try:
            return get_response(request)
        finally:
            # Threads serve many people: never leave one person's zone behind.
            timezone.deactivate()

    return middleware
