"""Tokens stay out of gunicorn's access log (the project's gunicorn.conf.py names the logger).

The database keeps only a share token's hash; a log line with the whole address would undo
that, and a confirmation or reset link in a log is a way into the account.
"""

import datetime
import time

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.tokens import confirmation_token, email_undo_token, unsubscribe_token
from footcare.logmask import HIDDEN, mask_secrets
from tests.factories import make_entries, make_share_link, make_user

from .routes import all_routes
from .servers import Client

SECRET_PARAMS = {"token", "uidb64"}


def log_lines(site: object) -> list[str]:
    path = site.gunicorn.access_log
    return path.read_text().splitlines() if path.exists() else []


def new_log_lines(site: object, start: int, count: int) -> str:
    # A worker writes its line after it has sent the answer: wait for the last one.
    deadline = time.monotonic() + 30
    while len(lines := log_lines(site)[start:]) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return "\n".join(lines)


@pytest.mark.django_db(transaction=True)
def test_the_access_log_hides_the_tokens_of_links(live_server) -> None:
    user = make_user("alice", email="alice@example.org")
    today = timezone.localdate()
    make_entries(user, today, 5)
    _link, share = make_share_link(
        user, today - datetime.timedelta(days=4), today, days=7, label="GP"
    )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset = default_token_generator.make_token(user)
    undo = email_undo_token(user, "alice@example.org", "new@example.org")
    secrets = [
        share,
        confirmation_token(user, "alice@example.org"),
        unsubscribe_token(user.pk),
        uid,
        reset,
        undo,
    ]
    client = Client(live_server.url)
    start = len(log_lines(live_server))
    page = f"/shared/{share}/"
    assert client.get(page).status == 200
    # The page's own files are asked for with the page's address as the referrer.
    client.get("/manifest.webmanifest", headers={"Referer": live_server.url + page})
    for path in (
        f"/shared/{share}/report.pdf",
        f"/accounts/confirm-email/{secrets[1]}/",
        f"/accounts/unsubscribe/{secrets[2]}/",
        f"/accounts/reset/{uid}/{reset}/",
        f"/accounts/email/undo/{undo}/",
    ):
        assert client.get(path).status < 500
    log = new_log_lines(live_server, start, count=8)
    assert [secret for secret in secrets if secret in log] == []
    assert f'"GET /shared/{HIDDEN}/ HTTP/1.1" 200' in log
    assert f"/accounts/reset/{HIDDEN}/{HIDDEN}/" in log


@pytest.mark.django_db(transaction=True)
def test_the_apps_own_log_hides_the_token_of_a_link_it_cannot_find(live_server) -> None:
    dead = "revoked-or-mistyped-token-4f7a"
    assert Client(live_server.url).get(f"/shared/{dead}/").status == 404
    deadline = time.monotonic() + 30
    while "Not Found: /shared/" not in (log := live_server.gunicorn.log_text()):
        assert time.monotonic() < deadline, "no 'Not Found' line in the server's log"
        time.sleep(0.05)
    assert dead not in log
    assert f"Not Found: /shared/{HIDDEN}/" in log


def test_every_address_with_a_token_in_its_path_is_masked() -> None:
    routes = [route for route in all_routes() if SECRET_PARAMS & set(route.params)]
    assert routes, "the URLconf has no address with a token"
    shown = []
    for route in routes:
        values = {name: f"SECRET{n}x" for n, name in enumerate(route.params)}
        masked = mask_secrets(route.path(values))
        shown += [
            f"{route.key} ({route.route}): add it to footcare/logmask.py's SECRET_IN_PATH"
            for name in SECRET_PARAMS & set(route.params)
            if values[name] in masked
        ]
    assert shown == []


def test_masking_leaves_every_other_address_as_it_is() -> None:
    for path in ("/journal/today/", "/static/css/footcare.css", "/accounts/login/?next=/"):
        assert mask_secrets(path) == path
