import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW_BACKEND = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1])"
)


def settings_outside_pytest(cache_url: str | None) -> subprocess.CompletedProcess:
    # pytest itself always gets the local-memory cache, so ask a fresh interpreter.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "footcare.settings", "DJANGO_DEBUG": "true"}
    env.pop("DJANGO_CACHE_URL", None)
    if cache_url is not None:
        env["DJANGO_CACHE_URL"] = cache_url
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", SHOW_BACKEND], capture_output=True, text=True, cwd=ROOT, env=env
    )


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        (None, "FileBasedCache"),
        ("file:///tmp/footcare-test-cache", "FileBasedCache"),
        ("locmem://", "LocMemCache"),
        ("redis://127.0.0.1:6379/0", "RedisCache"),
    ],
)
def test_the_cache_is_chosen_by_an_environment_variable(cache_url, backend) -> None:
    assert settings_outside_pytest(cache_url).stdout.strip() == backend


def test_an_unknown_cache_url_stops_the_app_with_a_message() -> None:
    result = settings_outside_pytest("memcached://x")
    assert result.returncode != 0
    assert "DJANGO_CACHE_URL='memcached://x' is not understood" in result.stderr


def test_page_fragments_are_not_kept_under_debug_so_an_edited_template_shows() -> None:
    snippet = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['pages']['BACKEND'].rsplit('.', 1)[-1])"
    )
    for debug, backend in (("true", "DummyCache"), ("false", "LocMemCache")):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "footcare.settings",
            "DJANGO_DEBUG": debug,
            "DJANGO_SECRET_KEY": "x" * 50,
        }
        result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
            [sys.executable, "-c", snippet], capture_output=True, text=True, cwd=ROOT, env=env
        )
        assert result.stdout.strip() == backend, result.stderr
