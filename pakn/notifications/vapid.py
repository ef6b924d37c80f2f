"""The site's VAPID key for web push: made, and its public half read, with py-vapid (the key
library pywebpush uses). Kept free of Django so that settings can make a key at start-up."""

import base64

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def vapid_private_key_new() -> str:
    """A new private key: base64url of the raw P-256 number, as WEBPUSH_VAPID_PRIVATE_KEY
    takes it."""
    vapid = Vapid()
    vapid.generate_keys()
    return _b64url(vapid.private_key.private_numbers().private_value.to_bytes(32, "big"))


def vapid_public_key(private_key: str) -> str:
    """The public key browsers subscribe with (applicationServerKey), base64url of the
    uncompressed point."""
    public = Vapid.from_string(private_key).public_key
    return _b64url(
        public.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )
