from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from footcare import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        ("", "FileBasedCache"),
        ("file:///tmp/footcare-test-cache", "FileBasedCache"),
        ("locmem://", "LocMemCache"),
        ("redis://127.0.0.1:6379/0", "RedisCache"),
    ],
)
def test_the_cache_is_chosen_by_an_environment_variable(cache_url, backend) -> None:
    assert env.default_cache(cache_url, ROOT)["BACKEND"].rsplit(".", 1)[-1] == backend


def test_an_unknown_cache_url_stops_the_app_with_a_message() -> None:
    with pytest.raises(ImproperlyConfigured, match="DJANGO_CACHE_URL='memcached://x' is not"):
        env.default_cache("memcached://x", ROOT)


def test_page_fragments_are_not_kept_under_debug_so_an_edited_template_shows() -> None:
    for debug, backend in ((True, "DummyCache"), (False, "LocMemCache")):
        assert env.pages_cache(debug=debug)["BACKEND"].rsplit(".", 1)[-1] == backend
