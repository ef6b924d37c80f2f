"""Secrets kept for a short while and given back once (officers' one-time passwords between
their creation and the download): sealed with cryptography's Fernet, a well-kept
authenticated cipher, under a key derived from SECRET_KEY and the purpose, so that a copy of
the database alone opens nothing."""

import base64

from cryptography.fernet import Fernet, InvalidToken
from django.utils.crypto import salted_hmac


class SealBroken(Exception):
    """The sealed text cannot be opened (SECRET_KEY changed, or the text was altered)."""


def _fernet(purpose: str) -> Fernet:
    digest = salted_hmac(f"pakn.core.sealing.{purpose}", "fernet-key", algorithm="sha256")
    return Fernet(base64.urlsafe_b64encode(digest.digest()))


def secret_seal(*, purpose: str, secret: str) -> str:
    return _fernet(purpose).encrypt(secret.encode()).decode()


def secret_unseal(*, purpose: str, sealed: str) -> str:
    try:
        return _fernet(purpose).decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise SealBroken(purpose) from None
