"""The test suite's settings: the site's one settings module, read with the environment
below, plus the few choices only a test run makes (named at the end).

The environment is a valid production one (DEBUG off, a strong key), so the settings'
production branches run here too; only HTTPS is off, because the test client and the
browser tests talk plain http://localhost.
"""

import os
import tempfile
from pathlib import Path

os.environ.update(
    {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "tests-only-key-5b1f0c7e2a9d4e68b3f1a0c2d4e6f8a1b3c5d7e9",
        # Each test run is one process: local memory is the shared cache.
        "DJANGO_CACHE_URL": "locmem://",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "false",
        "DJANGO_SECURE_HSTS_PRELOAD": "false",
        "DJANGO_SITE_URL": "http://127.0.0.1:8000",
        # A key for the tests only: the push tests check signatures made with it.
        "DJANGO_VAPID_PRIVATE_KEY": "CQlGL4w0HEkuWYsRTkpOJt5T66RL6b62B-QloRxHq8g",
        "DJANGO_VAPID_SUBJECT": "mailto:admin@example.org",
        # Not hashed from the tree: every test run is one release.
        "FOOTCARE_RELEASE": "tests",
    }
)

from footcare.settings import *  # noqa: F403 - the site's settings, then the tests' own

# Plain http://localhost: a secure-only cookie would never come back.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Static files from the finders: the hashed manifest exists only after collectstatic.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": env.static_storage(debug=True)}}  # noqa: F405
WHITENOISE_USE_FINDERS = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One connection per request, as Django's test runner expects. Threads share Django's
    # in-memory test database through table locks that ignore the timeout ("database table
    # is locked"); a file per run locks like production, so the concurrent-save tests
    # measure the real thing.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"footcare-test-{os.getpid()}.sqlite3")
    }

# The push-service stand-in of the tests listens on the loopback address.
PUSH_SERVICE_HOSTS = [*PUSH_SERVICE_HOSTS, "127.0.0.1"]  # noqa: F405
