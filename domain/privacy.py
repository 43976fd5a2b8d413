"""Encryption at rest and keyed look-up hashes for personal data.

Document numbers and phone numbers are stored as Fernet tokens (AES-128-CBC +
HMAC, from the ``cryptography`` package) and, for equality look-ups, as an
HMAC-SHA256 of the normalised value. Both keys are derived from one secret
(``DATA_KEY`` in settings) with HKDF, so rotating the secret is one setting.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _derive(secret: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"unionbot-v1", info=info).derive(
        secret.encode("utf-8")
    )


class DataCipher:
    """Encrypts/decrypts personal fields and computes keyed look-up hashes."""

    def __init__(self, secret: str):
        if not secret:
            raise ValueError("an encryption secret is required")
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(secret, b"fernet")))
        self._hmac_key = _derive(secret, b"lookup")

    def encrypt(self, value: str | None) -> str | None:
        if value is None:
            return None
        return self._fernet.encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str | None) -> str | None:
        if token is None:
            return None
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken as exc:  # wrong key or tampered data
            raise ValueError("cannot decrypt a stored field (wrong DATA_KEY?)") from exc

    def lookup_hash(self, value: str) -> str:
        """Stable keyed hash of a normalised value, for equality look-ups."""
        return hmac.new(self._hmac_key, value.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()
