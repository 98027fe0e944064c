"""A push service stand-in on a loopback port, for tests.

It plays both ends a real push service joins: it hands out subscriptions (a P-256 key pair and
an auth secret per subscription, as a browser makes them) and accepts messages for them the
way RFC 8030 describes, checking what a real service checks:

- the VAPID token (RFC 8292): `Authorization: vapid t=<JWT>, k=<public key>`; the JWT is ES256
  signed by k, its `aud` is this service's origin, `exp` is in the future and at most 24 h
  away, `sub` is a mailto: or https: contact;
- the payload (RFC 8291 / RFC 8188 `aes128gcm`): decrypted with the subscription's private key
  and auth secret, so the sender's real encryption runs;

and answers 201 Created, or 404/410 for endpoints it does not know or was told are gone,
400/401/403 for a bad request, token or key.
"""

import base64
import dataclasses
import hashlib
import hmac
import json
import os
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAX_TOKEN_LIFETIME = 24 * 60 * 60


def b64url_decode(text: str | bytes) -> bytes:
    if isinstance(text, str):
        text = text.encode()
    return base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_bytes(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def hmac_sha256(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def verify_vapid(authorization: str, origin: str, now: float) -> dict:
    """The claims of a valid RFC 8292 token, or Refused."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise Refused(401, f"expected the vapid scheme, got {scheme!r}")
    parts = {}
    for item in params.split(","):
        name, _, value = item.strip().partition("=")
        parts[name] = value
    if "t" not in parts or "k" not in parts:
        raise Refused(401, "the vapid authorization needs t= and k=")
    try:
        key = ec.EllipticCurvePublicKey.from_encoded_point(
            ec.SECP256R1(), b64url_decode(parts["k"])
        )
    except ValueError as error:
        raise Refused(401, f"k is not a P-256 public key: {error}") from None
    try:
        header_b64, claims_b64, signature_b64 = parts["t"].split(".")
        header = json.loads(b64url_decode(header_b64))
        claims = json.loads(b64url_decode(claims_b64))
        raw = b64url_decode(signature_b64)
    except ValueError:
        raise Refused(401, "t is not a JWT") from None
    if header.get("alg") != "ES256" or len(raw) != 64:
        raise Refused(401, "the JWT must be ES256 with a 64-byte signature")
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    try:
        key.verify(
            encode_dss_signature(r, s),
            f"{header_b64}.{claims_b64}".encode(),
            ec.ECDSA(hashes.SHA256()),
        )
    except InvalidSignature:
        raise Refused(401, "the JWT signature does not match k") from None
    if claims.get("aud") != origin:
        raise Refused(403, f"aud is {claims.get('aud')!r}, not this service's {origin!r}")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp <= now:
        raise Refused(403, "the token has expired")
    if exp > now + MAX_TOKEN_LIFETIME:
        raise Refused(403, "exp is more than 24 hours away")
    sub = str(claims.get("sub", ""))
    if not sub.startswith(("mailto:", "https:")):
        raise Refused(403, "sub must be a mailto: or https: contact")
    return claims


def decrypt_aes128gcm(
    body: bytes, private_key: ec.EllipticCurvePrivateKey, auth_secret: bytes
) -> bytes:
    """RFC 8291 section 3.4 key derivation over the RFC 8188 record format."""
    if len(body) < 21:
        raise Refused(400, "the body is shorter than the aes128gcm header")
    salt = body[:16]
    (record_size,) = struct.unpack("!I", body[16:20])
    id_length = body[20]
    sender_public = body[21 : 21 + id_length]
    records = body[21 + id_length :]
    if id_length != 65:
        raise Refused(400, "the keyid must be the sender's 65-byte public key")
    if record_size < 18:
        raise Refused(400, "the record size is too small")
    try:
        sender_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), sender_public)
    except ValueError:
        raise Refused(400, "the keyid is not a P-256 public key") from None
    shared = private_key.exchange(ec.ECDH(), sender_key)
    receiver_public = public_bytes(private_key.public_key())
    # HKDF with SHA-256 written out: every output is at most one block long.
    prk_key = hmac_sha256(auth_secret, shared)
    ikm = hmac_sha256(prk_key, b"WebPush: info\x00" + receiver_public + sender_public + b"\x01")
    prk = hmac_sha256(salt, ikm)
    cek = hmac_sha256(prk, b"Content-Encoding: aes128gcm\x00\x01")[:16]
    base_nonce = hmac_sha256(prk, b"Content-Encoding: nonce\x00\x01")[:12]
    plain = b""
    chunks = [records[i : i + record_size] for i in range(0, len(records), record_size)]
    if not chunks:
        raise Refused(400, "no records")
    for index, chunk in enumerate(chunks):
        nonce = (int.from_bytes(base_nonce, "big") ^ index).to_bytes(12, "big")
        try:
            padded = AESGCM(cek).decrypt(nonce, chunk, None)
        except InvalidTag:
            raise Refused(
                400, "the payload does not decrypt with this subscription's keys"
            ) from None
        stripped = padded.rstrip(b"\x00")
        last = index == len(chunks) - 1
        if not stripped or stripped[-1] != (2 if last else 1):
            raise Refused(400, "bad padding delimiter")
        plain += stripped[:-1]
    return plain


@dataclasses.dataclass
class Subscription:
    """What a browser's PushManager.subscribe() would hold, with its private half."""

    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    def info(self) -> dict:
        """The JSON that PushSubscription.toJSON() gives the page."""
        return {
            "endpoint": self.endpoint,
            "keys": {
                "p256dh": b64url_encode(public_bytes(self.private_key.public_key())),
                "auth": b64url_encode(self.auth_secret),
            },
        }


@dataclasses.dataclass
class Delivery:
    token: str
    plaintext: bytes
    headers: dict
    claims: dict


class PushServiceStandIn:
    def __init__(self, expected_public_key: str | None = None) -> None:
        # With a key, messages signed by any other VAPID key are refused (403), as a real
        # service does for a subscription made with applicationServerKey.
        self.expected_public_key = expected_public_key
        self.subscriptions: dict[str, Subscription] = {}
        self.gone: set[str] = set()
        self.deliveries: list[Delivery] = []
        self.refusals: list[tuple[int, str]] = []
        # The next this-many messages are answered 503, as a push service under load does.
        self.failing = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "PushServiceStandIn":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def subscribe(self) -> Subscription:
        token = b64url_encode(hashlib.sha256(str(time.time_ns()).encode()).digest()[:12])
        subscription = Subscription(
            token=token,
            endpoint=f"{self.origin}/push/{token}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth_secret=os.urandom(16),
        )
        self.subscriptions[token] = subscription
        return subscription

    def mark_gone(self, subscription: Subscription) -> None:
        self.gone.add(subscription.token)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                try:
                    status = service._receive(self)
                except Refused as refused:
                    with service._lock:
                        service.refusals.append((refused.status, refused.reason))
                    self.send_response(refused.status)
                    body = refused.reason.encode()
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_response(status)
                self.send_header("Location", f"{service.origin}/message/{len(service.deliveries)}")
                self.send_header("Content-Length", "0")
                self.end_headers()

        return Handler

    def _receive(self, request: BaseHTTPRequestHandler) -> int:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length)
        with self._lock:
            if self.failing:
                self.failing -= 1
                raise Refused(503, "overloaded, try again later")
        token = request.path.removeprefix("/push/")
        if token in self.gone:
            raise Refused(410, "this subscription has expired or was unsubscribed")
        subscription = self.subscriptions.get(token)
        if not request.path.startswith("/push/") or subscription is None:
            raise Refused(404, "no such subscription")
        if "TTL" not in request.headers:
            raise Refused(400, "the TTL header is required (RFC 8030 section 5.2)")
        claims = verify_vapid(request.headers.get("Authorization", ""), self.origin, time.time())
        key = request.headers["Authorization"].split("k=", 1)[1].split(",")[0].strip()
        if self.expected_public_key and key != self.expected_public_key:
            raise Refused(
                403, "signed with another key than the subscription's applicationServerKey"
            )
        plaintext = b""
        if body:
            if request.headers.get("Content-Encoding") != "aes128gcm":
                raise Refused(415, "only aes128gcm is accepted")
            plaintext = decrypt_aes128gcm(body, subscription.private_key, subscription.auth_secret)
        with self._lock:
            self.deliveries.append(
                Delivery(
                    token, plaintext, {k.lower(): v for k, v in request.headers.items()}, claims
                )
            )
        return 201
