"""A real SMTP server for the browser tests: aiosmtpd on a free port of 127.0.0.1."""

import email
import re
import socket
import threading
import time
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from tests.queue import worker_in_background


class Inbox:
    """Collects what the server receives; the tests wait for a message like a person does."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, subject: str, timeout: float = 15) -> EmailMessage:
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for message in self.messages:
                    if to in message["To"] and subject in message["Subject"]:
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    subjects = [(m["To"], m["Subject"]) for m in self.messages]
                    raise AssertionError(f"No mail to {to} about {subject!r}; got {subjects}")
                self._arrived.wait(left)


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message: EmailMessage, path_pattern: str) -> str:
    found = re.search(rf"https?://[^/\s]+{path_pattern}", text_of(message))
    assert found, f"no link like {path_pattern} in:\n{text_of(message)}"
    return found.group(0)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(name="smtp_inbox")
def smtp_inbox_fixture(settings: object, live_server: object) -> Iterator[Inbox]:
    """Start the server, and point this test's live server at it (only this test's)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.SITE_URL = live_server.url
    try:
        with worker_in_background():
            yield inbox
    finally:
        controller.stop()
