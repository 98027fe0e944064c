"""The drawings as production serves them: collectstatic, DEBUG off, gunicorn.

The shipped drawings must resolve to the hashed names that collectstatic wrote (WhiteNoise
serves them), and a curator's upload, kept in the database, must be served by the app with
its type and its own locked-down policy. Uses the benchmark's settings module, which is the
production settings with a temporary STATIC_ROOT.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("production")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="perf_site.settings",
        PYTHONPATH=os.pathsep.join([str(BASE_DIR), str(BASE_DIR / "scripts")]),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_PROXY_SSL_HEADER="",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        DJANGO_CACHE_URL=f"file://{workdir / 'cache'}",
        PERF_STATIC_ROOT=str(workdir / "static"),
    )
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    run = {"cwd": BASE_DIR, "env": env, "check": True, "capture_output": True}
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_catalog"]):
        subprocess.run([*manage, *command], **run)  # noqa: S603 - fixed arguments
    subprocess.run([*manage, "shell", "-c", UPLOAD], **run)  # noqa: S603
    port = free_port()
    log = (workdir / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "footcare.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                get(base + "/exercises/")
                break
            except OSError:
                if gunicorn.poll() is not None:
                    pytest.fail((workdir / "gunicorn.log").read_text())
                time.sleep(0.1)
        yield base
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=10)
        log.close()


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
