"""Turning notifications on and off for a device: stored per person, several devices, each
removed by its owner only, all removed with the account."""

import json

import pytest
from django.test import Client

from notifications.models import PushSubscription

pytestmark = pytest.mark.django_db

KEYS = {"p256dh": "B" + "x" * 86, "auth": "a" * 22}
FCM = "https://fcm.googleapis.com/fcm/send/"


def post_json(client: Client, url: str, data: object) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def add(client: Client, endpoint: str) -> object:
    return post_json(client, "/notifications/devices/", {"endpoint": endpoint, "keys": KEYS})


def test_each_phone_of_a_person_is_kept_and_removing_one_keeps_the_other(alice, user) -> None:
    assert add(alice, FCM + "phone").status_code == 201
    response = add(alice, FCM + "tablet")
    assert response.json() == {"devices": 2}
    response = post_json(alice, "/notifications/devices/remove/", {"endpoint": FCM + "phone"})
    assert response.json() == {"devices": 1}
    assert [s.endpoint for s in PushSubscription.objects.filter(user=user)] == [FCM + "tablet"]


def test_a_phone_subscribed_again_is_stored_once(alice) -> None:
    add(alice, FCM + "phone")
    add(alice, FCM + "phone")
    assert PushSubscription.objects.count() == 1


def test_nobody_can_remove_another_persons_device(alice, client_of, outsider) -> None:
    add(alice, FCM + "phone")
    mallory = client_of(outsider)
    response = post_json(mallory, "/notifications/devices/remove/", {"endpoint": FCM + "phone"})
    assert response.status_code == 404
    assert PushSubscription.objects.count() == 1


def test_a_shared_phone_goes_to_the_person_who_turned_it_on_last(
    alice, client_of, outsider
) -> None:
    add(alice, FCM + "shared")
    add(client_of(outsider), FCM + "shared")
    assert PushSubscription.objects.get().user == outsider


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b"\xff\xfe",
        json.dumps({"endpoint": FCM + "x"}).encode(),
        json.dumps({"endpoint": FCM + "x", "keys": {"p256dh": "short", "auth": "a" * 22}}).encode(),
        json.dumps({"endpoint": "https://evil.example.org/x", "keys": KEYS}).encode(),
        json.dumps({"endpoint": "http://fcm.googleapis.com/x", "keys": KEYS}).encode(),
        json.dumps({"endpoint": FCM + "x" * 2000, "keys": KEYS}).encode(),
        b"{" + b" " * 5000 + b"}",
    ],
    ids=[
        "garbage",
        "list",
        "encoding",
        "no keys",
        "short key",
        "other host",
        "http",
        "long",
        "huge",
    ],
)
def test_a_bad_subscription_is_refused_with_a_message_and_nothing_stored(alice, body) -> None:
    response = alice.post("/notifications/devices/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert not PushSubscription.objects.exists()


def test_only_a_signed_in_person_can_add_a_device(client) -> None:
    response = add(client, FCM + "phone")
    assert response.status_code == 302
    assert not PushSubscription.objects.exists()


def test_the_page_needs_its_csrf_token(user) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert add(strict, FCM + "phone").status_code == 403


def test_turning_notifications_off_everywhere_removes_every_device(alice, user) -> None:
    add(alice, FCM + "phone")
    add(alice, FCM + "tablet")
    response = alice.post("/notifications/devices/remove-all/")
    assert response.status_code == 302
    assert not PushSubscription.objects.filter(user=user).exists()


def test_deleting_the_account_removes_its_devices(alice, user) -> None:
    add(alice, FCM + "phone")
    user.delete()
    assert not PushSubscription.objects.exists()


def test_the_settings_page_offers_this_phone_with_the_public_key(alice) -> None:
    from notifications import vapid

    page = alice.get("/accounts/settings/").text
    assert "Remind me on this phone" in page
    assert f'data-key="{vapid.public_key()}"' in page
