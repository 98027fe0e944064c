"""Settings for Footcare Journal, read from the environment.

Defaults are for a laptop: SQLite next to the code, DEBUG off unless DJANGO_DEBUG says so.
Production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and usually DATABASE_URL; the
README lists every variable.
"""

import datetime
import os
from pathlib import Path

import dj_database_url

from footcare import env

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.env_bool("DJANGO_DEBUG", False)
# Production means DEBUG off: the HTTPS-only flags below default to on.
PRODUCTION = not DEBUG
SECRET_KEY = env.secret_key(os.environ, debug=DEBUG)

ALLOWED_HOSTS = env.env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env.env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

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
    "notifications",
    # The task queue (Django 6.0's tasks framework, backported) with its database backend:
    # the worker (`manage.py worker`) sends mail and notifications and runs the reminders.
    "django_tasks",
    "django_tasks_db",
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
                "notifications.context_processors.push",
                "footcare.context_processors.vocabulary_and_keys",
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
    # 8 ms under load here, five bare requests' worth: each sync worker keeps its own.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
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
STATIC_ROOT = env.static_root(os.environ, BASE_DIR)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": env.static_storage(debug=DEBUG)},
}

WHITENOISE_USE_FINDERS = DEBUG

# --- Caches: the shared one that DJANGO_CACHE_URL names (see env.default_cache), and each
# worker's own memory for rendered page fragments. Every key starts with the release, so a
# new release never reads what an old one cached; footcare/keys.py builds every key.
RELEASE = env.release_id(os.environ, BASE_DIR)
CACHES = {
    "default": env.default_cache(os.environ.get("DJANGO_CACHE_URL", ""), BASE_DIR),
    "pages": env.pages_cache(debug=DEBUG),
}
for _cache in CACHES.values():
    _cache["KEY_PREFIX"] = RELEASE
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
EMAIL_USE_TLS, EMAIL_USE_SSL = env.email_encryption(os.environ)
# A mail server that hangs must not hold a reminder run (or a page) for ever.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Footcare Journal <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in mail sent outside a request (the reminders) need the site's address.
SITE_URL = env.site_url(os.environ, debug=DEBUG, allowed_hosts=ALLOWED_HOSTS)
# A confirmation link for a new email address works this long.
EMAIL_CONFIRMATION_MAX_AGE = datetime.timedelta(days=3)
# The notice to the old address of an address change carries an undo link this long.
EMAIL_UNDO_MAX_AGE = datetime.timedelta(days=7)
# --- end of the mail block

# --- The task queue: tasks are rows in the site's own database (SQLite or PostgreSQL), so a
# request queues its mail in its own transaction and any number of workers share the work.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Web Push: without a key the site offers no notifications (make one with
# `manage.py generate_vapid_keys`). The subject tells push services whom to contact.
VAPID_PRIVATE_KEY = os.environ.get("DJANGO_VAPID_PRIVATE_KEY", "").strip()
VAPID_SUBJECT = env.vapid_subject(os.environ, DEFAULT_FROM_EMAIL)
# The push services the worker may send to (the browsers' own); a subscription naming any
# other host is refused, so that nobody can aim the server at an address of their choosing.
PUSH_SERVICE_HOSTS = env.env_list(
    "DJANGO_PUSH_SERVICE_HOSTS",
    "fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,"
    "web.push.apple.com,notify.windows.com",
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A token in a path ("Not Found: /shared/…") is written as [hidden]: footcare/logmask.py.
    "filters": {"mask_secrets": {"()": "footcare.logmask.MaskSecrets"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}


# --- Hardening -----------------------------------------------------------------------------
# The proxy that terminates TLS must set (and overwrite) this header; trust it only then.
SECURE_PROXY_SSL_HEADER = env.secure_proxy_ssl_header(os.environ, production=PRODUCTION)
SECURE_SSL_REDIRECT = env.env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = env.hsts_seconds(os.environ, production=PRODUCTION)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env.env_bool("DJANGO_SECURE_HSTS_PRELOAD", PRODUCTION)
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
TRUSTED_PROXY_COUNT = env.trusted_proxy_count(os.environ, SECURE_PROXY_SSL_HEADER)
# X-Forwarded-For is believed only from these peers, so a client that reaches gunicorn
# directly cannot name its own address. The README's nginx runs on the same machine.
TRUSTED_PROXIES = env.ip_networks("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1")
AXES_CLIENT_IP_CALLABLE = "footcare.proxy.client_ip"
