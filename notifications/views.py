"""The page's side of "Remind me on this phone": store or remove this browser's push
subscription for the person signed in."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from .models import ENDPOINT_MAX_LENGTH, PushSubscription

MAX_BODY_BYTES = 4096


def _problem(text: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": text}, status=status)


def push_service_allowed(endpoint: str) -> bool:
    """Only the push services of the browsers people use: the worker POSTs to this address,
    so any other would let a visitor aim the server at a host of their choosing."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    known = any(
        host == allowed or host.endswith("." + allowed) for allowed in settings.PUSH_SERVICE_HOSTS
    )
    loopback = host in {"127.0.0.1", "localhost"}
    return known and (parts.scheme == "https" or (loopback and parts.scheme == "http"))


def _read(request: HttpRequest) -> dict | None:
    if len(request.body) > MAX_BODY_BYTES:
        return None
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@login_required
@require_POST
def add_device(request: HttpRequest) -> HttpResponse:
    data = _read(request)
    if data is None:
        return _problem("Send this browser's subscription as JSON.")
    endpoint = data.get("endpoint")
    keys = data.get("keys")
    if not isinstance(endpoint, str) or not isinstance(keys, dict):
        return _problem("The subscription needs an endpoint and keys.")
    p256dh, auth = keys.get("p256dh"), keys.get("auth")
    if not (
        isinstance(p256dh, str)
        and 80 <= len(p256dh) <= 100
        and isinstance(auth, str)
        and 16 <= len(auth) <= 50
    ):
        return _problem("The subscription's keys are not those of a browser.")
    if len(endpoint) > ENDPOINT_MAX_LENGTH or not push_service_allowed(endpoint):
        return _problem("This browser's push service is not one we send to.")
    with transaction.atomic():
        PushSubscription.objects.update_or_create(
            endpoint=endpoint, defaults={"user": request.user, "p256dh": p256dh, "auth": auth}
        )
    return JsonResponse(
        {"devices": PushSubscription.objects.filter(user=request.user).count()}, status=201
    )


@login_required
@require_POST
def remove_device(request: HttpRequest) -> HttpResponse:
    data = _read(request)
    endpoint = data.get("endpoint") if data else None
    if not isinstance(endpoint, str):
        return _problem("Say which subscription to remove.")
    deleted, _ = PushSubscription.objects.filter(user=request.user, endpoint=endpoint).delete()
    if not deleted:
        return _problem("No such device on your account.", status=404)
    return JsonResponse({"devices": PushSubscription.objects.filter(user=request.user).count()})


@login_required
@require_POST
def remove_all_devices(request: HttpRequest) -> HttpResponse:
    PushSubscription.objects.filter(user=request.user).delete()
    messages.success(request, "Notifications are off on all your devices.")
    return redirect("accounts:settings")
