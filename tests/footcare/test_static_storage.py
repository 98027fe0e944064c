import json

import pytest

from footcare.storage import StaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings) -> StaticFilesStorage:
    settings.STATIC_URL = "/static/"
    manifest = {"version": "1.1", "hash": "x", "paths": {"css/site.css": "css/site.0a1b2c.css"}}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_it_gives_the_hashed_url_from_the_manifest_every_time(storage) -> None:
    assert storage.url("css/site.css") == "/static/css/site.0a1b2c.css"
    assert storage.url("css/site.css") == "/static/css/site.0a1b2c.css"


def test_a_file_missing_from_the_manifest_is_refused_every_time(storage) -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
