"""The worker as production runs it (its own process, `python manage.py worker`, production
settings, SMTP), and `make run`'s server with the worker beside it."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from notifications.mail import queue_mail
from notifications.models import OutgoingMail
from tests.e2e.smtp import Inbox, free_port, text_of

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SECRET = "process-test-key-6c1e0b9a7d4f2e8c5a3b1d9f7e5c3a1b8d6f4e2c"


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def production_environment(**extra: str) -> dict[str, str]:
    """What a systemd unit's EnvironmentFile gives the worker: the site's own settings module
    with DEBUG off, never the tests' settings."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FOOTCARE_", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="footcare.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=SECRET,
        DATABASE_URL=database_url(),
        DJANGO_LOG_LEVEL="INFO",
    )
    environment.update(extra)
    return environment


def stop(process: subprocess.Popen, output: IO[str], sig: int = signal.SIGTERM) -> int:
    os.killpg(process.pid, sig)
    try:
        return process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"still running 60 s after the signal:\n{read(output)}") from None


def read(output: IO[str]) -> str:
    """All the process wrote; the file is closed after it (each test reads it once)."""
    with output:
        output.seek(0)
        return output.read()


def test_the_worker_started_as_production_does_sends_queued_mail_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    queue_mail(kind="test", to="alice@example.org", subject="Hello from the queue", text="Hi")
    # Into a file, not a pipe: a pipe nobody reads until the end fills up, and a process that
    # writes to a full pipe never gets to stop.
    log = (tmp_path / "worker.log").open("w+")
    # As the README's systemd unit starts it.
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--interval", "0.2"],
        cwd=ROOT,
        env=production_environment(DJANGO_EMAIL_HOST="127.0.0.1", DJANGO_EMAIL_PORT=str(smtp.port)),
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        message = inbox.wait_for("alice@example.org", "Hello from the queue", timeout=60)
        assert text_of(message).strip() == "Hi"
    finally:
        status = stop(worker, log)
        output = read(log)
        smtp.stop()
    assert status == 0, output
    assert "Started the every-minute tasks" in output
    assert "shutting down gracefully" in output


def wait_for_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def pids(*pgrep_args: str) -> list[int]:
    found = subprocess.run(  # noqa: S603
        ["/usr/bin/pgrep", *pgrep_args], capture_output=True, text=True, check=False
    )
    return [int(pid) for pid in found.stdout.split()]


@pytest.fixture
def as_in_a_terminal() -> Iterator[None]:
    # A shell ignores Ctrl-C for what it starts in the background (`nohup … &`, some CI
    # runners), and the ignoring is inherited: the server would never see the SIGINT this
    # test sends. In a terminal it is not ignored, so the tests start the server like that.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_make_runs_server_and_worker_start_together_and_both_stop_on_ctrl_c(
    tmp_path: Path, as_in_a_terminal: None
) -> None:
    port = free_port()
    row = queue_mail(kind="test", to="bob@example.org", subject="Printed by the worker", text="Hi")
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "serve", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=production_environment(
            DJANGO_DEBUG="true",
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/accounts/login/")
        workers = pids("-P", str(server.pid), "-f", "manage.py worker")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and OutgoingMail.objects.get(pk=row.pk).status != "sent":
            time.sleep(0.2)
    finally:
        # Ctrl-C in a terminal: SIGINT to the foreground process group.
        status = stop(server, log, signal.SIGINT)
        output = read(log)
    assert status == 0, output
    assert len(workers) == 1, output
    assert "Subject: Printed by the worker" in output
    groups = f"{server.pid},{workers[0]}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and pids("-g", groups):
        time.sleep(0.2)
    left = subprocess.run(  # noqa: S603
        ["/usr/bin/ps", "-o", "pid,ppid,pgid,stat,cmd", "-g", groups],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert pids("-g", groups) == [], f"still running:\n{left}"


@pytest.mark.skipif(not Path("/usr/bin/make").exists(), reason="needs make")
def test_make_run_on_another_port_gives_the_mail_that_port() -> None:
    planned = subprocess.run(
        ["/usr/bin/make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DJANGO_SITE_URL=${DJANGO_SITE_URL:-http://127.0.0.1:8123}" in planned
    assert "manage.py serve 127.0.0.1:8123" in planned
