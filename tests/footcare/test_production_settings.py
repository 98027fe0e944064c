"""Production settings: the real start is checked in a fresh process (DEBUG off, no test
settings); each environment rule is checked in-process through footcare/env.py."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from footcare import env

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ALLOWED_HOSTS": "journal.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://journal.example.org",
}


def manage(*args: str, **env_vars: str) -> subprocess.CompletedProcess:
    # Start from this environment without any DJANGO_ setting (nor the tests' own settings
    # module), so a developer's DJANGO_DEBUG=true cannot make the production checks pass.
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "FOOTCARE_")) and k != "DJANGO_SETTINGS_MODULE"
    }
    return subprocess.run(  # noqa: S603 - fixed arguments written in this file
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env_vars},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_check_deploy_without_a_warning_in_production() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key() -> None:
    result = manage("check", **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_missing_secret_key() -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        env.secret_key({}, debug=False)


@pytest.mark.parametrize(
    "weak_key", ["short", "django-insecure-" + "x" * 60], ids=["too short", "django-insecure"]
)
def test_it_refuses_to_start_in_production_with_a_weak_secret_key(weak_key) -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is too weak"):
        env.secret_key({"DJANGO_SECRET_KEY": weak_key}, debug=False)


def test_a_strong_key_is_used_as_given_and_debug_gets_a_development_key() -> None:
    key = secrets.token_urlsafe(50)
    assert env.secret_key({"DJANGO_SECRET_KEY": key}, debug=False) == key
    assert env.secret_key({}, debug=True) == env.DEV_ONLY_KEY


def test_it_warns_when_production_turns_the_https_redirect_off(settings) -> None:
    turned_off = env.env_bool(
        "DJANGO_SECURE_SSL_REDIRECT", True, {"DJANGO_SECURE_SSL_REDIRECT": "false"}
    )
    settings.SECURE_SSL_REDIRECT = turned_off
    assert "security.W008" in {check.id for check in run_checks(include_deployment_checks=True)}


def test_it_redirects_to_https_unless_the_proxy_header_says_https(settings) -> None:
    # Production's HTTPS settings as an empty environment gives them.
    production: dict[str, str] = {}
    settings.SECURE_PROXY_SSL_HEADER = env.secure_proxy_ssl_header(production, production=True)
    settings.SECURE_SSL_REDIRECT = env.env_bool("DJANGO_SECURE_SSL_REDIRECT", True, production)
    settings.SECURE_HSTS_SECONDS = env.hsts_seconds(production, production=True)
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    url = "/journal/today/"
    plain = Client().get(url, headers={"X-Forwarded-Proto": "http"})
    secure = Client().get(url, headers={"X-Forwarded-Proto": "https"})
    assert (plain.status_code, plain["Location"]) == (301, "https://testserver/journal/today/")
    assert secure.status_code == 302
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.parametrize(
    ("proxy_header", "expected"),
    [
        (None, (1, ("HTTP_X_FORWARDED_PROTO", "https"))),
        ("", (0, None)),
        ("X-Scheme: https", (1, ("HTTP_X_SCHEME", "https"))),
    ],
    ids=["default", "no proxy", "another header"],
)
def test_production_trusts_the_proxy_it_takes_https_from(proxy_header, expected) -> None:
    environ = {} if proxy_header is None else {"DJANGO_SECURE_PROXY_SSL_HEADER": proxy_header}
    header = env.secure_proxy_ssl_header(environ, production=True)
    assert (env.trusted_proxy_count(environ, header), header) == expected


def test_production_refuses_a_malformed_proxy_header_setting() -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECURE_PROXY_SSL_HEADER must look like"):
        env.secure_proxy_ssl_header(
            {"DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}, production=True
        )


def test_production_keeps_hashed_static_names_and_debug_the_plain_finders() -> None:
    assert env.static_storage(debug=False) == "footcare.storage.StaticFilesStorage"
    assert env.static_storage(debug=True).endswith("StaticFilesStorage")
    assert env.static_storage(debug=True) != env.static_storage(debug=False)


def test_collectstatic_writes_where_the_environment_says_or_beside_the_code(tmp_path) -> None:
    assert env.static_root({"DJANGO_STATIC_ROOT": str(tmp_path)}, BASE_DIR) == tmp_path
    assert env.static_root({}, BASE_DIR) == BASE_DIR / "staticfiles"


def test_mail_links_use_the_first_allowed_host_over_https_in_production() -> None:
    hosts = ["journal.example.org"]
    assert env.site_url({}, debug=False, allowed_hosts=hosts) == "https://journal.example.org"
    assert env.site_url({}, debug=True, allowed_hosts=hosts) == "http://127.0.0.1:8000"
    given = {"DJANGO_SITE_URL": "https://example.org/"}
    assert env.site_url(given, debug=False, allowed_hosts=hosts) == "https://example.org"


def test_mail_refuses_starttls_and_implicit_tls_at_once() -> None:
    both = {"DJANGO_EMAIL_USE_TLS": "true", "DJANGO_EMAIL_USE_SSL": "true"}
    with pytest.raises(ImproperlyConfigured, match="Set only one of DJANGO_EMAIL_USE_TLS"):
        env.email_encryption(both)
    assert env.email_encryption({"DJANGO_EMAIL_USE_SSL": "yes"}) == (False, True)
