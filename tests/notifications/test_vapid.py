import io

import pytest
from django.core.management import call_command

from notifications import checks, vapid


def test_the_command_prints_a_key_whose_public_half_the_pages_get(settings) -> None:
    out = io.StringIO()
    call_command("generate_vapid_keys", stdout=out)
    line = out.getvalue().splitlines()[0]
    name, private = line.split("=", 1)
    assert name == "DJANGO_VAPID_PRIVATE_KEY"
    settings.VAPID_PRIVATE_KEY = private
    public = vapid.public_key()
    assert len(public) == 87  # base64url of a 65-byte uncompressed P-256 point
    assert public in out.getvalue()
    assert checks.vapid_key_is_valid() == []


@pytest.mark.parametrize("key", ["not-a-key", "AAAA", "é" * 43])
def test_a_damaged_key_stops_the_start_with_a_hint(settings, key) -> None:
    settings.VAPID_PRIVATE_KEY = key
    (error,) = checks.vapid_key_is_valid()
    assert error.id == "notifications.E001"
    assert "generate_vapid_keys" in error.hint


def test_without_a_key_no_notifications_are_offered(settings, alice) -> None:
    settings.VAPID_PRIVATE_KEY = ""
    assert vapid.public_key() == ""
    page = alice.get("/accounts/settings/").text
    assert "data-push-panel" not in page
    assert "Remind me by" not in page
