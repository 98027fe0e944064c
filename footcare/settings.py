"""Settings for Footcare Journal, read from the environment.

Defaults are for a laptop: SQLite next to the code, DEBUG off unless DJANGO_DEBUG says so.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and usually DATABASE_URL; the
README lists every variable.
"""

import datetime
import ipaddress
import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no variable; anything but a known spelling stops the start.

    Reading "flase" as false would quietly turn off a protection such as the HTTPS redirect.
    """
    value = os.environ.get(name)
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


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# pytest imports settings itself; everywhere else a missing key with DEBUG off means a
# misconfigured production, which must not start with a guessable key.
TESTING = "pytest" in sys.modules
_DEV_ONLY_KEY = "django-insecure-footcare-dev-only-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = _DEV_ONLY_KEY
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=true for local development."
        )
elif not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 40):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use at least 40 random characters."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "accounts",
    "exercises",
    "journal",
    # --- hardening
    "csp",
    "axes",
]

MIDDLEWARE = [
    # First: refuses an oversized Cookie header before sessions or CSRF parse it.
    "footcare.middleware.cookie_size_guard",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Needs request.user; marks every personal page "private, no-store".
    "footcare.middleware.private_pages_no_store",
    # The person's own time zone: timezone.localdate() is their journal day from here on.
    "accounts.middleware.time_zone_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # --- hardening
    "csp.middleware.CSPMiddleware",
    # axes wants to be last: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "footcare.urls"
WSGI_APPLICATION = "footcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "footcare.pwa.offline_user_key",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Measured here: with DEFERRED transactions concurrent saves of one day failed with
    # "database is locked"; IMMEDIATE makes writers queue instead (see shared NOTES.md).
    # Opening a SQLite connection (Django registers its functions, the PRAGMAs run) cost
    # 8 ms under load here, five bare requests' worth: each sync worker keeps its own. Tests
    # keep one per request, as Django's test runner expects.
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    if TESTING:
        # Threads share Django's in-memory test database through table locks that ignore
        # the timeout ("database table is locked"); a file per run locks like production,
        # so the concurrent-save tests measure the real thing.
        DATABASES["default"]["TEST"] = {
            "NAME": str(Path(tempfile.gettempdir()) / f"footcare-test-{os.getpid()}.sqlite3")
        }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = [
    # Argon2id at OWASP's minimum; reads and upgrades hashes made with Django's defaults.
    "footcare.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "journal:today"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
# A journal day is a calendar day where the person lives; one zone per deployment for now.
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "footcare.storage.StaticFilesStorage"
        )
    },
}

WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Cache (rendered report charts and PDFs). Local memory is per gunicorn worker, so a
# chart drawn by one worker would be drawn again by the next: outside tests the default is
# a file-based cache every worker on the machine shares. DJANGO_CACHE_URL chooses another:
#   file:///var/cache/footcare   a directory shared by the workers (default: var/cache)
#   locmem://                    per process, for a single worker
#   redis://host:6379/0          a Redis server shared by several machines
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
if TESTING or CACHE_URL == "locmem://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL.startswith("file://") or not CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": CACHE_URL.removeprefix("file://") or str(BASE_DIR / "var" / "cache"),
            # Charts are small; the file cache culls a third of its files past MAX_ENTRIES.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
else:
    raise ImproperlyConfigured(
        f"DJANGO_CACHE_URL={CACHE_URL!r} is not understood: use file:///path, locmem:// or "
        "redis://host:port/db."
    )
# Rendered page bodies, each under a key that names every version it depends on (the
# person's data version, the catalog's, the code's), so nothing needs invalidating and a
# worker's own memory is the fastest place for them. A restart empties it. Under DEBUG they
# are not kept: templates are read afresh on every request there, and an edited template
# must show at once rather than after a day.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends."
    + ("dummy.DummyCache" if DEBUG and not TESTING else "locmem.LocMemCache"),
    "LOCATION": "pages",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
# --- end of the cache block

# A session is read on every logged-in request: from the cache above (one file read, or one
# Redis round trip), falling back to the database, which still holds every session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Mail: confirmation links, password resets and daily reminders. Locally they are printed
# to the console; naming an SMTP host switches to SMTP unless DJANGO_EMAIL_BACKEND says otherwise.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "").strip()
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set only one of DJANGO_EMAIL_USE_TLS (STARTTLS, usually port 587) and "
        "DJANGO_EMAIL_USE_SSL (implicit TLS, usually port 465)."
    )
# A mail server that hangs must not hold a reminder run (or a page) for ever.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Footcare Journal <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in mail sent outside a request (the reminders) need the site's address.
SITE_URL = (
    os.environ.get("DJANGO_SITE_URL", "").strip()
    or ("http://127.0.0.1:8000" if DEBUG or TESTING else f"https://{ALLOWED_HOSTS[0]}")
).rstrip("/")
# A confirmation link for a new email address works this long.
EMAIL_CONFIRMATION_MAX_AGE = datetime.timedelta(days=3)
# --- end of the mail block

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}


# --- Hardening -----------------------------------------------------------------------------
# Production means DEBUG off outside pytest. The test client and the browser tests talk plain
# http://localhost, so the HTTPS-only flags stay off under pytest.
PRODUCTION = not DEBUG and not TESTING


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


# The proxy that terminates TLS must set (and overwrite) this header; trust it only then.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(
    os.environ.get(
        "DJANGO_SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https" if PRODUCTION else ""
    )
)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600 if PRODUCTION else 0))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# No 'unsafe-inline' anywhere: scripts and styles come from static files only. Bootstrap's CSS
# draws its icons from data: SVGs. The admin of Django 5.2 runs under this policy as it is.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        # The service worker (/sw.js) and the web app manifest come from the app itself.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend that loads the profile with the user; ModelBackend stays so that sessions
    # made before it keep working.
    "accounts.backends.ProfileBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
# Without a cool-off axes locks out until an admin steps in, which lets anyone lock anyone out.
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# Username and address together: guessing alice's password from one place does not lock
# alice out everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind N reverse proxies the client's address is the Nth from the right in X-Forwarded-For.
# The proxy that sets the HTTPS header above is one; without it, the socket's peer is the client.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "1" if SECURE_PROXY_SSL_HEADER else "0")
)


def ip_networks(name: str, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name, default)]
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must list IP addresses or networks separated by commas ({error})."
        ) from error


# X-Forwarded-For is believed only from these peers, so a client that reaches gunicorn
# directly cannot name its own address. The README's nginx runs on the same machine.
TRUSTED_PROXIES = ip_networks("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")
AXES_CLIENT_IP_CALLABLE = "footcare.proxy.client_ip"
