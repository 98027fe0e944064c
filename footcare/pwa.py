"""The installable app: web app manifest, service worker, and the key that ties drafts to a person.

The service worker's code is `static/js/sw.js`; it is served from the site's root so that its
scope covers every page, with the list of static files to keep for offline use put in front.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_safe

THEME_COLOUR = "#0a2c75"
BACKGROUND_COLOUR = "#ffffff"
ICONS = [
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-maskable-192.png", "192x192", "maskable"),
    ("icons/icon-maskable-512.png", "512x512", "maskable"),
]
# Static files the offline copy of a day page needs; everything else is kept on first use.
PRECACHE = [
    "vendor/bootstrap-5.3.8/bootstrap.min.css",
    "vendor/bootstrap-5.3.8/bootstrap.bundle.min.js",
    "css/footcare.css",
    "js/pwa.js",
    "js/theme.js",
    "js/day.js",
    "js/same-as-yesterday.js",
    *(icon for icon, _size, _purpose in ICONS),
]


def manifest_data() -> dict[str, object]:
    return {
        "name": "Footcare Journal",
        "short_name": "Footcare",
        "description": "A daily diary of back, hip and knee pain and foot exercises.",
        "id": "/",
        "start_url": reverse("journal:today"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "lang": "en-GB",
        "icons": [
            {"src": static(path), "sizes": size, "type": "image/png", "purpose": purpose}
            for path, size, purpose in ICONS
        ],
    }


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(manifest_data(), content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def service_worker_source() -> str:
    path = finders.find("js/sw.js")
    with open(path, encoding="utf-8") as source:
        code = source.read()
    urls = [static(name) for name in PRECACHE]
    # The folder of every static file, from the setting: `static("")` would ask the production
    # storage's manifest for a file named "" and fail (a 500 on every request for the worker).
    config = {
        "precache": urls,
        "static": settings.STATIC_URL,
        "shell": reverse("journal:offline_shell"),
        # A tapped reminder opens Today; its notification shows the app's icon.
        "today": reverse("journal:today"),
        "icon": static(ICONS[0][0]),
    }
    # A new static file or a changed worker gives a new version, which makes browsers
    # install the new worker and drop the old caches.
    config["version"] = hashlib.sha256((json.dumps(config) + code).encode()).hexdigest()[:12]
    return f"self.FOOTCARE = {json.dumps(config)};\n{code}"


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(service_worker_source(), content_type="text/javascript")
    # Browsers check for a new worker on each visit; never let a cache keep an old one.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


def offline_user_key(request: HttpRequest) -> dict[str, object]:
    """Context processor: an opaque key per person, so that drafts kept on a shared phone are
    only ever shown to, and sent by, the person who typed them."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "offline_user_key": salted_hmac(
            "footcare.offline-drafts", str(user.pk), secret=settings.SECRET_KEY
        ).hexdigest()[:20]
    }
