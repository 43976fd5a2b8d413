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


# --- redaction of ID and phone numbers in free text ----------------------------------------
#
# One function for every place that must not keep or show a number someone typed: log lines
# (``[ID]`` / ``[PHONE]`` tags), stored questions and feedback, exports (masked like the bot's
# messages, ``3101**********123X`` / ``138****5678``). Numbers are found in any spelling people
# type: full-width digits, spaces, hyphens, dots or full-width spaces between the digit groups
# (``138 1234 5678``, ``138-1234-5678``, ``310115 19900307 123x``), a ``+86`` / ``0086`` prefix.
# Ordinary numbers (dates, amounts, years, counts) have too few digits or the wrong shape to be
# taken for one.

import re  # noqa: E402
from dataclasses import dataclass  # noqa: E402

# Full-width digits, letters, space and hyphen become their ASCII twins one character for one,
# so a match on the translated copy has the same offsets in the original text.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH = str.maketrans(_WIDTH)

# digit groups joined by at most 3 separator characters (space, hyphens and dashes, dots, middle
# dots, brackets); a final X/x (the ID check character) may follow the last group.
_SEP = r"[\s\-\u2010-\u2015\u2212.\u00b7\u30fb()\uff08\uff09]{1,3}"
_RUN = re.compile(rf"(?<![0-9])[0-9]+(?:{_SEP}[0-9]+)*(?:(?:{_SEP})?[Xx](?![A-Za-z0-9]))?(?![0-9])")
_GROUP = re.compile(r"[0-9]+|[Xx]")
_DOC = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}[0-9]{6,9}(?![A-Za-z0-9])")  # passports, HK/Macau permits
_MAX_GROUPS = 9


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    kind: str  # "id", "phone" or "doc"
    value: str  # digits only (upper-case X), e.g. "13812345678"


def _plausible_date(y: str, m: str, d: str) -> bool:
    return 1 <= int(m) <= 12 and 1 <= int(d) <= 31 and (len(y) == 2 or y[:2] in ("18", "19", "20"))


def _classify(digits: str, sizes: list[int]) -> tuple[str, str] | None:
    """("id" | "phone", the number) when *digits* (groups of *sizes*) is an ID or phone number."""
    n = len(digits)
    if n in (17, 18) and digits[0] != "0" and digits[:17].isdigit() and (n == 17 or digits[17] in "0123456789X"):
        # 18 characters, or 17 when the check character was left off; the birth date must be one
        if _plausible_date(digits[6:10], digits[10:12], digits[12:14]):
            return "id", digits
    if n == 15 and digits.isdigit() and digits[0] != "0" and _plausible_date(digits[6:8], digits[8:10], digits[10:12]):
        return "id", digits  # first-generation 15-digit ID
    if not digits.isdigit():
        return None
    for prefix in ("0086", "86", ""):
        rest = digits[len(prefix):]
        if digits.startswith(prefix) and len(rest) == 11 and rest[0] == "1" and rest[1] in "3456789":
            if not prefix or sizes[0] >= len(prefix):
                return "phone", rest
    # landline: area code 0xx / 0xxx and a 7-8 digit number, written together or as 021 6350 5704
    if digits[0] == "0" and digits[1:2] != "0" and 10 <= n <= 12 and (len(sizes) == 1 or sizes[0] in (3, 4)):
        if len(sizes) == 1 or 7 <= n - sizes[0] <= 8:
            return "phone", digits
    return None


def find_personal_numbers(text: str) -> list[Found]:
    """Every ID number, phone number and passport-like document number in *text*, in order."""
    flat = text.translate(_WIDTH)
    found: list[Found] = []
    for run in _RUN.finditer(flat):
        groups = [(m.start() + run.start(), m.end() + run.start(), m.group().upper())
                  for m in _GROUP.finditer(run.group())]
        i = 0
        while i < len(groups):
            for j in range(min(len(groups), i + _MAX_GROUPS) - 1, i - 1, -1):
                part = groups[i:j + 1]
                hit = _classify("".join(g[2] for g in part), [len(g[2]) for g in part])
                if hit:
                    found.append(Found(part[0][0], part[-1][1], hit[0], hit[1]))
                    i = j + 1
                    break
            else:
                i += 1
    for m in _DOC.finditer(flat):
        if not any(f.start < m.end() and m.start() < f.end for f in found):
            found.append(Found(m.start(), m.end(), "doc", m.group()))
    return sorted(found, key=lambda f: f.start)


_TAGS = {"id": "[ID]", "phone": "[PHONE]", "doc": "[DOC]"}


def _masked(f: Found) -> str:
    from domain.identity import mask_id, mask_phone

    return mask_phone(f.value) if f.kind == "phone" else mask_id(f.value)


def redact(text: str, style: str = "mask") -> str:
    """*text* with every ID and phone number hidden.

    ``style="mask"`` writes them as the bot's messages do (``3101**********123X``,
    ``138****5678``); ``style="tag"`` replaces them with ``[ID]``, ``[PHONE]``, ``[DOC]`` (logs).
    """
    if not text:
        return text
    found = find_personal_numbers(text)
    if not found:
        return text
    out, last = [], 0
    for f in found:
        out.append(text[last:f.start])
        out.append(_TAGS[f.kind] if style == "tag" else _masked(f))
        last = f.end
    out.append(text[last:])
    return "".join(out)


def redact_tree(value, style: str = "mask"):
    """The same over every string of a JSON-like structure (exports)."""
    if isinstance(value, str):
        return redact(value, style)
    if isinstance(value, dict):
        return {k: redact_tree(v, style) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_tree(v, style) for v in value]
    return value


# --- signed, expiring confirmations (e.g. /forget) -------------------------------------------

import secrets as _secrets  # noqa: E402
import time as _time  # noqa: E402

CONFIRM_TTL = 300.0  # seconds a confirmation button stays valid


def _now() -> float:
    return _time.time()


class Confirmations:
    """A confirmation the server issues and keeps (in the person's FSM data): the button carries
    only its nonce. ``check`` accepts it once, for the same person and purpose, within the TTL;
    the HMAC (key derived from DATA_KEY) makes a stored token that was altered or moved useless."""

    def __init__(self, secret: str, ttl: float = CONFIRM_TTL):
        self._key = _derive(secret, b"confirm")
        self.ttl = ttl

    def _sign(self, purpose: str, user_id: int, issued: int, nonce: str) -> str:
        msg = f"{purpose}:{user_id}:{issued}:{nonce}".encode()
        return hmac.new(self._key, msg, hashlib.sha256).hexdigest()[:32]

    def issue(self, purpose: str, user_id: int) -> str:
        issued, nonce = int(_now()), _secrets.token_urlsafe(9)
        return f"{issued}.{nonce}.{self._sign(purpose, user_id, issued, nonce)}"

    @staticmethod
    def nonce(token: str) -> str:
        return token.split(".")[1]

    def check(self, token: str | None, purpose: str, user_id: int, nonce: str | None) -> bool:
        """True when *token* (the one kept for the person) is theirs, for *purpose*, fresh, and the
        button pressed carries its nonce."""
        if not token or not nonce:
            return False
        try:
            issued_s, kept_nonce, sig = token.split(".")
            issued = int(issued_s)
        except ValueError:
            return False
        if not hmac.compare_digest(sig, self._sign(purpose, user_id, issued, kept_nonce)):
            return False
        if not hmac.compare_digest(kept_nonce.encode(), nonce.encode()):
            return False
        return 0 <= _now() - issued <= self.ttl
