import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

STOP_SECONDS = 15


class Command(BaseCommand):
    help = (
        "For `make run`: Django's development server and, beside it, the worker that sends "
        "mail and notifications and the reminders. Ctrl-C stops both."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # The development server's reloaded child: the worker already runs beside its
            # parent, which outlives every reload.
            call_command("runserver", addrport)
            return
        # Its own process group: with DEBUG the worker reloads itself on code changes through
        # a parent process, and stopping the group stops both.
        # `kill` (SIGTERM) stops everything like Ctrl-C: the interrupt makes the development
        # server's reloader end its child, and the finally below ends the worker.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, sys.argv[0], "worker"], start_new_session=True
        )
        try:
            call_command("runserver", addrport)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop(worker)

    def stop(self, worker: subprocess.Popen) -> None:
        """SIGTERM to the worker's group, then wait until all of it has gone: the reloading
        parent exits at once, the worker itself after the task at hand."""
        try:
            os.killpg(worker.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_SECONDS
        while time.monotonic() < deadline:
            worker.poll()
            try:
                os.killpg(worker.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        os.killpg(worker.pid, signal.SIGKILL)
