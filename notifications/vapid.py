"""The site's VAPID key pair (RFC 8292): push services accept a notification only when it is
signed by the key the browser subscribed with. Only the private key is configured
(DJANGO_VAPID_PRIVATE_KEY, base64url of the raw 32-byte P-256 scalar); the public key that
pages pass to `pushManager.subscribe()` is derived from it."""

import base64
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def private_key_from(text: str) -> ec.EllipticCurvePrivateKey:
    """ValueError unless `text` is base64url of a 32-byte P-256 private scalar."""
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if len(raw) != 32:
        raise ValueError("a VAPID private key is 32 bytes, base64url-encoded (43 characters)")
    return ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())


def generate_private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def public_key_of(private_text: str) -> str:
    public = private_key_from(private_text).public_key()
    return b64url(
        public.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


def configured() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY)


@lru_cache(maxsize=4)
def _public_key(private_text: str) -> str:
    return public_key_of(private_text)


def public_key() -> str:
    """The applicationServerKey for pages; empty when push is not configured."""
    return _public_key(settings.VAPID_PRIVATE_KEY) if configured() else ""
