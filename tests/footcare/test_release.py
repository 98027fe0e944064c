"""Every cache key starts with the release: a deployment that changes any code, template or
script never reads what the old one cached."""

from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from footcare import env


def a_tree(root: Path) -> Path:
    (root / "journal").mkdir(parents=True)
    (root / "journal" / "views.py").write_text("def page(): ...\n")
    (root / "templates" / "journal").mkdir(parents=True)
    (root / "templates" / "journal" / "reports.html").write_text("<p>report</p>\n")
    return root


def test_the_release_named_by_the_deployment_wins(tmp_path) -> None:
    assert env.release_id({"FOOTCARE_RELEASE": "2026.12.1"}, a_tree(tmp_path)) == "2026.12.1"


def test_an_edited_template_gives_a_new_release(tmp_path) -> None:
    root = a_tree(tmp_path)
    before = env.release_id({}, root)
    (root / "templates" / "journal" / "reports.html").write_text("<p>changed</p>\n")
    assert env.release_id({}, root) != before


def test_a_renamed_template_gives_a_new_release(tmp_path) -> None:
    root = a_tree(tmp_path)
    before = env.release_id({}, root)
    page = root / "templates" / "journal" / "reports.html"
    page.rename(root / "templates" / "journal" / "report_page.html")
    assert env.release_id({}, root) != before


def test_a_new_file_deep_in_the_tree_gives_a_new_release(tmp_path) -> None:
    root = a_tree(tmp_path)
    before = env.release_id({}, root)
    (root / "journal" / "reports" / "wording").mkdir(parents=True)
    (root / "journal" / "reports" / "wording" / "page.py").write_text("TITLE = 'x'\n")
    assert env.release_id({}, root) != before


def test_the_same_tree_gives_the_same_release_on_every_server(tmp_path) -> None:
    root = a_tree(tmp_path)
    assert env.release_id({}, root) == env.release_id({}, root)


def test_what_one_release_cached_is_not_read_by_the_next() -> None:
    caches["default"].set("report:1", "drawn by this release")
    # The same memory as the default cache (same location), read by another release.
    next_release = LocMemCache("", {"KEY_PREFIX": "the-next-release"})
    assert caches["default"].get("report:1") == "drawn by this release"
    assert next_release.get("report:1") is None
    assert settings.CACHES["pages"]["KEY_PREFIX"] == settings.RELEASE
