"""Reading the environment into settings: plain functions, so every branch (production's
above all) is tested in-process with a dictionary for an environment.

``footcare/settings.py`` calls these with ``os.environ``; nothing here reads Django's
settings or imports a model.
"""

import hashlib
import ipaddress
import os
from collections.abc import Mapping
from email.utils import parseaddr
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

Environ = Mapping[str, str]

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool = False, environ: Environ | None = None) -> bool:
    """A yes/no variable; anything but a known spelling stops the start.

    Reading "flase" as false would quietly turn off a protection such as the HTTPS redirect.
    """
    value = (os.environ if environ is None else environ).get(name)
    if value is None or value.strip() == "":
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not understood: write true or false "
        "(1/0, yes/no and on/off work too), or leave it unset for the default."
    )


def env_list(name: str, default: str = "", environ: Environ | None = None) -> list[str]:
    value = (os.environ if environ is None else environ).get(name, default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- the secret key

DEV_ONLY_KEY = "django-insecure-footcare-dev-only-never-use-in-production"


def secret_key(environ: Environ, *, debug: bool) -> str:
    """DJANGO_SECRET_KEY; with DEBUG off a missing or weak key stops the start.

    A missing key with DEBUG off means a misconfigured production, which must not start with
    a guessable key.
    """
    key = environ.get("DJANGO_SECRET_KEY", "")
    if not key:
        if debug:
            return DEV_ONLY_KEY
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=true for local development."
        )
    if not debug and (key.startswith("django-insecure") or len(key) < 40):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is too weak for production: use at least 40 random characters."
        )
    return key


# --- the caches


def default_cache(url: str, base_dir: Path) -> dict[str, object]:
    """The shared cache (charts, PDFs, reports, sessions, counters) that DJANGO_CACHE_URL names.

    Local memory is per gunicorn worker, so a chart drawn by one worker would be drawn again
    by the next: the default is a file-based cache every worker on the machine shares.
      file:///var/cache/footcare   a directory shared by the workers (default: var/cache)
      locmem://                    per process, for a single worker
      redis://host:6379/0          a Redis server shared by several machines
    """
    url = url.strip()
    if url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("file://") or not url:
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": url.removeprefix("file://") or str(base_dir / "var" / "cache"),
            # Charts are small; the file cache culls a third of its files past MAX_ENTRIES.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL={url!r} is not understood: use file:///path, locmem:// or "
        "redis://host:port/db."
    )


def pages_cache(*, debug: bool) -> dict[str, object]:
    """Rendered page fragments, each under a key that names every version it depends on, so
    nothing needs invalidating and a worker's own memory is the fastest place for them. A
    restart empties it. Under DEBUG they are not kept: templates are read afresh on every
    request there, and an edited template must show at once rather than after a day."""
    return {
        "BACKEND": "django.core.cache.backends."
        + ("dummy.DummyCache" if debug else "locmem.LocMemCache"),
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    }


# Folders of the tree that hold no code the site runs (or that the site writes itself).
NOT_CODE = frozenset(
    {".git", ".venv", "venv", "node_modules", "staticfiles", "var", "tests", "docs", "scripts"}
)
CODE_SUFFIXES = frozenset({".py", ".html", ".txt", ".js", ".css", ".json"})


def code_fingerprint(base_dir: Path) -> str:
    """A hash of every source, template, script and style file under ``base_dir``.

    Found by walking the tree, so a renamed or new file counts as well as an edited one.
    """
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(base_dir):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if name not in NOT_CODE and not name.startswith(".") and name != "__pycache__"
        )
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix in CODE_SUFFIXES:
                digest.update(str(path.relative_to(base_dir)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def release_id(environ: Environ, base_dir: Path) -> str:
    """The deployment's release: FOOTCARE_RELEASE (a git commit, a version), else a hash of
    the code, worked out once at start.

    It prefixes every cache key, so a release never reads what another release cached (an
    old report, a page fragment drawn by old templates, a pickled class that changed). Two
    app servers of one release must agree on it: set FOOTCARE_RELEASE where their trees
    could differ.
    """
    return environ.get("FOOTCARE_RELEASE", "").strip() or code_fingerprint(base_dir)


# --- static files


def static_root(environ: Environ, base_dir: Path) -> Path:
    """Where collectstatic writes and WhiteNoise reads: DJANGO_STATIC_ROOT, else staticfiles/."""
    return Path(environ.get("DJANGO_STATIC_ROOT", "").strip() or base_dir / "staticfiles")


def static_storage(*, debug: bool) -> str:
    """Hashed names from collectstatic's manifest in production; the plain finders locally."""
    if debug:
        return "django.contrib.staticfiles.storage.StaticFilesStorage"
    return "footcare.storage.StaticFilesStorage"


# --- HTTPS behind a proxy


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """``"X-Forwarded-Proto: https"`` -> ``("HTTP_X_FORWARDED_PROTO", "https")``."""
    if not value.strip():
        return None
    name, _, expected = value.partition(":")
    if not name.strip() or not expected.strip():
        raise ImproperlyConfigured(
            "DJANGO_SECURE_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto: https', "
            "or be empty when no proxy sits in front of the app."
        )
    return "HTTP_" + name.strip().upper().replace("-", "_"), expected.strip()


def secure_proxy_ssl_header(environ: Environ, *, production: bool) -> tuple[str, str] | None:
    # The proxy that terminates TLS must set (and overwrite) this header; trust it only then.
    default = "X-Forwarded-Proto: https" if production else ""
    return proxy_ssl_header(environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", default))


def trusted_proxy_count(environ: Environ, proxy_header: tuple[str, str] | None) -> int:
    # Behind N reverse proxies the client's address is the Nth from the right in
    # X-Forwarded-For. The proxy that sets the HTTPS header is one; without it, the socket's
    # peer is the client.
    return int(environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1" if proxy_header else "0"))


def hsts_seconds(environ: Environ, *, production: bool) -> int:
    return int(environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600 if production else 0)))


def ip_networks(
    name: str, default: str, environ: Environ | None = None
) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [
            ipaddress.ip_network(item, strict=False) for item in env_list(name, default, environ)
        ]
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must list IP addresses or networks separated by commas ({error})."
        ) from error


def site_url(environ: Environ, *, debug: bool, allowed_hosts: list[str]) -> str:
    """The site's address for links in mail sent outside a request (the reminders)."""
    url = environ.get("DJANGO_SITE_URL", "").strip()
    return (url or ("http://127.0.0.1:8000" if debug else f"https://{allowed_hosts[0]}")).rstrip(
        "/"
    )


def email_encryption(environ: Environ) -> tuple[bool, bool]:
    """(DJANGO_EMAIL_USE_TLS, DJANGO_EMAIL_USE_SSL); both at once stops the start."""
    use_tls = env_bool("DJANGO_EMAIL_USE_TLS", False, environ)
    use_ssl = env_bool("DJANGO_EMAIL_USE_SSL", False, environ)
    if use_tls and use_ssl:
        raise ImproperlyConfigured(
            "Set only one of DJANGO_EMAIL_USE_TLS (STARTTLS, usually port 587) and "
            "DJANGO_EMAIL_USE_SSL (implicit TLS, usually port 465)."
        )
    return use_tls, use_ssl


def vapid_subject(environ: Environ, from_email: str) -> str:
    """Whom a push service contacts about our notifications: DJANGO_VAPID_SUBJECT (a mailto:
    or https: address), else the sender address of the site's mail."""
    subject = environ.get("DJANGO_VAPID_SUBJECT", "").strip()
    if subject:
        if not subject.startswith(("mailto:", "https://")):
            raise ImproperlyConfigured(
                "DJANGO_VAPID_SUBJECT must be a mailto: or https:// address, "
                f"for example mailto:admin@example.org (got {subject!r})."
            )
        return subject
    return f"mailto:{parseaddr(from_email)[1] or 'admin@localhost'}"
