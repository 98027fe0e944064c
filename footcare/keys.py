"""Every cache key of the site, built in one place.

Each cache's ``KEY_PREFIX`` is the release (``settings.RELEASE``), so no key here needs a
code version: a new release reads nothing an old one cached. What a key must name besides
is everything its value depends on: the person, their data version (``journal.version``),
the catalog's version, the date where "today" is printed, the page's name.

Two caches: ``default`` is shared by the workers (and servers) of a deployment and holds
what is costly or must be seen by all (reports, charts, PDFs, counters, the catalog's
version); ``pages`` is each worker's own memory, for rendered fragments and small lookups.
Templates receive a fragment's key from their context (never build one): each
``{% cache %}`` tag names its fragment and ONE key from here.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.forms import BoundField
from django.http import HttpRequest

# How long a rendered fragment or a worker's lookup is kept: its key changes with whatever
# it shows, so this only bounds the memory of an idle worker.
FRAGMENT_SECONDS = 24 * 3600


def _join(*parts: object) -> str:
    return ":".join(str(part) for part in parts)


# --- the shared cache: a person's reports, charts and PDFs, and the limits


def report_namespace(user_pk: object) -> str:
    """The random namespace every cached report file of a person lives under."""
    return _join("report-ns", user_pk)


def report_index(user_pk: object, namespace: str) -> str:
    """The list of a person's cached keys, so deleting the account deletes them."""
    return _join("report-keys", user_pk, namespace)


def report_file(
    user_pk: object,
    namespace: str,
    period: tuple[str, datetime.date, datetime.date],
    version: str,
    name: str,
) -> str:
    """One computed report, chart or PDF of a person's range at a data version.

    ``period`` is (choice, start, end): "last 90 days" and a custom range of the same dates
    differ in their wording.
    """
    choice, start, end = period
    return _join("report", user_pk, namespace, choice, start, end, version, name)


def drawings(user_pk: object, minute: int) -> str:
    """The count of charts and PDFs drawn for a person in one clock minute."""
    return _join("report-draws", user_pk, minute)


def share_misses(address: str) -> str:
    """Unknown share links asked for from one address (the guessing limit)."""
    return _join("share-miss", address)


CATALOG_VERSION = "exercises:catalog-version"


def etag(key: str) -> str:
    """An HTTP ETag for what is cached under ``key``, new with every release."""
    return f'"{hashlib.sha256(_join(settings.RELEASE, key).encode()).hexdigest()[:32]}"'


def fragment(name: str, key: str) -> str:
    """The cache key Django's ``{% cache %}`` tag stores fragment ``name`` under."""
    return make_template_fragment_key(name, [key])


# --- each worker's memory: lookups


def day_state(user_pk: object, day: datetime.date, is_today: bool, version: str) -> str:
    return _join("day-state", user_pk, day, is_today, version)


def routine_plan(catalog_version: str, routine: str = "all") -> str:
    """The routine's plan: "all" the active exercises, or a person's choice ("4-2")."""
    return _join("routine:plan", catalog_version, routine)


def active_exercises(catalog_version: str) -> str:
    return _join("exercises:active", catalog_version)


# --- each worker's memory: the one key each {% cache %} fragment is stored under


def day_page(
    user_pk: object,
    day: datetime.date,
    today: datetime.date,
    version: str,
    catalog_version: str,
) -> str:
    """A day's form as a GET shows it, its fields filled in (never a CSRF token). The date
    matters too: the form's limits depend on it."""
    return _join(user_pk, day, today, version, catalog_version)


def rating_field(field: BoundField) -> str:
    """One rating row: the same HTML for the same field, value and errors."""
    errors = "|".join(str(error) for error in field.errors)
    return _join(field.html_name, field.auto_id, field.label, field.value(), errors)


def history_month(
    user_pk: object, version: str, month: datetime.date, today: datetime.date, bad: bool
) -> str:
    return _join(user_pk, version, month, today, bad)


def history_list(user_pk: object, version: str, catalog_version: str, page: str | None) -> str:
    return _join(user_pk, version, catalog_version, page)


def catalog_page(catalog_version: str, *variant: object) -> str:
    """A page of the exercise catalog (the same for everyone), or one of its variants."""
    return _join(catalog_version, *variant)


def nav(request: HttpRequest) -> str:
    """The top bar: the page it marks, and who is signed in (the admin link is staff's)."""
    user = request.user
    return _join(_view_name(request), user.is_authenticated, user.get_username(), user.is_staff)


def same_for_everyone() -> str:
    """A fragment that is the same on every page and for everyone (the fragment's name tells
    them apart); it changes only with a release."""
    return "same"


def _view_name(request: HttpRequest) -> str:
    match = request.resolver_match
    return match.view_name if match else ""
