"""The drawings as production serves them: collectstatic, DEBUG off, gunicorn.

The shipped drawings must resolve to the hashed names that collectstatic wrote (WhiteNoise
serves them), and a curator's upload, kept in the database, must be served by the app with
its type and its own locked-down policy. Uses the benchmark's settings module, which is the
production settings with a temporary STATIC_ROOT.
"""

import re
import urllib.request
from collections.abc import Iterator

import pytest

from tests.production.servers import benchmark_environment, manage, start_gunicorn

UPLOAD = """
import io
from PIL import Image
from exercises.models import Drawing
from exercises.uploads import check_upload
out = io.BytesIO()
Image.new("RGB", (64, 40), "white").save(out, "PNG")
checked = check_upload("press.png", out.getvalue())
drawing = Drawing.objects.get(exercise__slug="toe-presses", phase=1)
drawing.replace_with(checked.content, checked.content_type)
drawing.save()
"""


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    # A cold worker answers its first request after loading the app (seconds on a busy machine).
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("production")
    env = benchmark_environment(workdir)
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["load_catalog"],
        ["shell", "-c", UPLOAD],
    ):
        result = manage(env, *command)
        assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    gunicorn = start_gunicorn(env, workdir, workers=1)
    try:
        yield gunicorn.url
    finally:
        gunicorn.stop()


def test_the_shipped_drawings_are_served_under_their_hashed_names(server) -> None:
    status, _headers, page = get(server + "/exercises/")
    assert status == 200
    urls = re.findall(r'src="(/static/exercises/drawings/[^"]+\.svg)"', page.decode())
    assert len(urls) == 4  # the fifth exercise's first drawing is the upload below
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.svg$", url), url
        status, headers, body = get(server + url)
        assert (status, headers["Content-Type"]) == (200, "image/svg+xml")
        assert body.startswith(b"<svg")


def test_a_curators_upload_is_served_by_the_app_with_its_type_and_a_locked_policy(
    server,
) -> None:
    page = get(server + "/exercises/toe-presses/")[2].decode()
    (url,) = re.findall(r'src="(/exercises/drawings/\d+-[0-9a-f]{16}\.png)"', page)
    status, headers, body = get(server + url)
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert body.startswith(b"\x89PNG")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in headers["Cache-Control"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "sandbox" in headers["Content-Security-Policy"]
