"""Production settings, checked the way production starts: a fresh process, DEBUG off."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ALLOWED_HOSTS": "journal.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://journal.example.org",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Start from this environment without any DJANGO_ setting, so a developer's
    # DJANGO_DEBUG=true cannot make the production checks pass.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(  # noqa: S603 - fixed arguments written in this file
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    return manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        **{**PRODUCTION_ENV, **env},
    )


def test_it_passes_check_deploy_without_a_warning_in_production() -> None:
    result = check_deploy()
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key() -> None:
    result = manage("check", **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    "weak_key", ["short", "django-insecure-" + "x" * 60], ids=["too short", "django-insecure"]
)
def test_it_refuses_to_start_in_production_with_a_weak_secret_key(weak_key) -> None:
    result = manage("check", DJANGO_SECRET_KEY=weak_key, **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak" in result.stderr


def test_it_warns_when_production_turns_the_https_redirect_off() -> None:
    result = check_deploy(DJANGO_SECURE_SSL_REDIRECT="false")
    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_it_redirects_to_https_unless_the_proxy_header_says_https() -> None:
    # A page that renders no static files: production's manifest is built by collectstatic.
    probe = (
        "from django.test import Client; c = Client(); url = '/journal/today/';"
        "plain = c.get(url, headers={'X-Forwarded-Proto': 'http'});"
        "secure = c.get(url, headers={'X-Forwarded-Proto': 'https'});"
        "print(plain.status_code, plain['Location'], secure.status_code,"
        " secure['Strict-Transport-Security'])"
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "301",
        "https://testserver/journal/today/",
        "302",
        "max-age=31536000;",
        "includeSubDomains;",
        "preload",
    ]


@pytest.mark.parametrize(
    ("proxy_header", "expected"),
    [
        (None, "1 ('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("", "0 None"),
        ("X-Scheme: https", "1 ('HTTP_X_SCHEME', 'https')"),
    ],
    ids=["default", "no proxy", "another header"],
)
def test_production_trusts_the_proxy_it_takes_https_from(proxy_header, expected) -> None:
    env = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), **PRODUCTION_ENV}
    if proxy_header is not None:
        env["DJANGO_SECURE_PROXY_SSL_HEADER"] = proxy_header
    probe = (
        "from django.conf import settings as s;"
        "print(s.TRUSTED_PROXY_COUNT, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = manage("shell", "--no-imports", "-c", probe, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_production_refuses_a_malformed_proxy_header_setting() -> None:
    result = manage(
        "check",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        **PRODUCTION_ENV,
    )
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must look like" in result.stderr
