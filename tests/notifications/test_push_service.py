"""The stand-in itself: it must refuse what a real push service refuses, or the push tests
would prove nothing."""

import time

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from pywebpush import WebPusher, WebPushException, webpush

from notifications import vapid

from .pushservice import (
    PushServiceStandIn,
    b64url_decode,
    b64url_encode,
    decrypt_aes128gcm,
    public_bytes,
)


def send(subscription: object, private_key: str, **claims: object) -> object:
    return webpush(
        subscription.info(),
        data="hello",
        vapid_private_key=private_key,
        vapid_claims={"sub": "mailto:admin@example.org", **claims},
        timeout=5,
    )


def test_its_decryption_matches_the_example_of_rfc_8291() -> None:
    receiver = ec.derive_private_key(
        int.from_bytes(b64url_decode("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94"), "big"),
        ec.SECP256R1(),
    )
    assert b64url_encode(public_bytes(receiver.public_key())) == (
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
    )
    body = b64url_decode(
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocI"
        "nmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWG"
        "NWQexSgSxsj_Qulcy4a-fN"
    )
    assert (
        decrypt_aes128gcm(body, receiver, b64url_decode("BTBZMqHH6r4Tts7J_aSIgg"))
        == b"When I grow up, I want to be a watermelon"
    )


def test_it_reads_back_what_pywebpush_encrypted_for_the_subscription() -> None:
    with PushServiceStandIn(expected_public_key=vapid.public_key()) as service:
        response = send(service.subscribe(), settings.VAPID_PRIVATE_KEY)
        assert response.status_code == 201
        (delivery,) = service.deliveries
        assert delivery.plaintext == b"hello"
        assert delivery.claims["aud"] == service.origin


def test_it_refuses_another_key_a_forged_signature_a_wrong_audience_and_an_old_token() -> None:
    with PushServiceStandIn(expected_public_key=vapid.public_key()) as service:
        subscription = service.subscribe()
        with pytest.raises(WebPushException) as other_key:
            send(subscription, vapid.generate_private_key())
        assert other_key.value.response.status_code == 403
        with pytest.raises(WebPushException) as wrong_audience:
            send(subscription, settings.VAPID_PRIVATE_KEY, aud="https://fcm.googleapis.com")
        assert wrong_audience.value.response.status_code == 403
        from py_vapid import Vapid

        signer = Vapid.from_string(settings.VAPID_PRIVATE_KEY)
        old = signer.sign(
            {"sub": "mailto:a@example.org", "aud": service.origin, "exp": int(time.time()) - 1}
        )
        assert WebPusher(subscription.info()).send("x", old, ttl=60, timeout=5).status_code == 403
        token = old["Authorization"].split("t=")[1].split(",")[0]
        stranger = vapid.public_key_of(vapid.generate_private_key())
        forged = {"Authorization": f"vapid t={token},k={stranger}"}
        assert (
            WebPusher(subscription.info()).send("x", forged, ttl=60, timeout=5).status_code == 401
        )
        assert service.deliveries == []


def test_it_answers_404_for_an_unknown_and_410_for_a_gone_subscription() -> None:
    with PushServiceStandIn() as service:
        gone, unknown = service.subscribe(), service.subscribe()
        service.mark_gone(gone)
        del service.subscriptions[unknown.token]
        for subscription, status in ((gone, 410), (unknown, 404)):
            with pytest.raises(WebPushException) as error:
                send(subscription, settings.VAPID_PRIVATE_KEY)
            assert error.value.response.status_code == status


def test_a_payload_encrypted_for_another_subscription_does_not_decrypt() -> None:
    with PushServiceStandIn() as service:
        mine, other = service.subscribe(), service.subscribe()
        info = {**mine.info(), "endpoint": other.endpoint}
        with pytest.raises(WebPushException) as error:
            webpush(
                info,
                data="x",
                vapid_private_key=settings.VAPID_PRIVATE_KEY,
                vapid_claims={"sub": "mailto:a@example.org"},
                timeout=5,
            )
        assert error.value.response.status_code == 400
