"""Telegram's initData: checked with aiogram's ``safe_parse_webapp_init_data`` (HMAC-SHA256 keyed
with HMAC("WebAppData", bot token) over the sorted data-check-string) and its age (``auth_date``).
``sign`` builds the same signed string: the local ``unionbot web --dev-user`` session and the tests."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

from aiogram.utils.web_app import WebAppInitData, safe_parse_webapp_init_data

MAX_AGE = 24 * 3600  # seconds: Telegram signs initData when the Mini App opens; older is refused


class AuthError(Exception):
    """Why initData is refused: missing, bad (tampered, not Telegram's), or expired."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def verify(token: str, init_data: str | None, now: float | None = None, max_age: float = MAX_AGE) -> WebAppInitData:
    if not init_data:
        raise AuthError("missing")
    try:
        data = safe_parse_webapp_init_data(token, init_data)
    except ValueError:
        raise AuthError("bad") from None
    if data.user is None:
        raise AuthError("bad")
    age = (time.time() if now is None else now) - data.auth_date.timestamp()
    if age > max_age or age < -300:  # a little clock skew is allowed, a date in the future is not
        raise AuthError("expired")
    return data


def sign(token: str, user_id: int, lang: str | None = None, auth_date: float | None = None,
         first_name: str = "Dev") -> str:
    """A signed initData string for ``user_id``, as Telegram would send it."""
    user = {"id": user_id, "first_name": first_name}
    if lang:
        user["language_code"] = lang
    fields = {"auth_date": str(int(time.time() if auth_date is None else auth_date)), "query_id": "local",
              "user": json.dumps(user, separators=(",", ":"), ensure_ascii=False)}
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)
