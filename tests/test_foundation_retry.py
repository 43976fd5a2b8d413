"""429 answers are retried after retry_after, a capped number of times."""

from __future__ import annotations

import pytest
from aiogram.exceptions import TelegramRetryAfter

from bot.run.app import build_bot
from bot.retry import RetryAfterMiddleware
from bot.settings import load_settings
from bot.dev.testing import FakeTelegramSession

FLOOD = {"error_code": 429, "description": "Too Many Requests: retry after 3", "parameters": {"retry_after": 3}}


def _bot(session, tmp_path):
    return build_bot(load_settings(data_dir=tmp_path, redis_url=None), session=session)


async def test_retry_after_is_honoured(tmp_path):
    slept = []

    async def fake_sleep(seconds):
        slept.append(seconds)

    session = FakeTelegramSession(fail={"sendMessage": [dict(FLOOD), dict(FLOOD)]})
    bot = _bot(session, tmp_path)
    bot.session.middleware.unregister(bot.session.middleware[-1])  # swap in a clock we control
    bot.session.middleware(RetryAfterMiddleware(max_retries=3, sleep=fake_sleep))
    msg = await bot.send_message(1, "hi")
    assert msg.text == "hi"
    assert slept == [3, 3]
    assert [c.method for c in session.calls] == ["sendMessage"] * 3


async def test_retries_are_capped(tmp_path):
    async def fake_sleep(seconds):
        return None

    session = FakeTelegramSession(fail={"sendMessage": [dict(FLOOD) for _ in range(10)]})
    bot = _bot(session, tmp_path)
    bot.session.middleware.unregister(bot.session.middleware[-1])
    bot.session.middleware(RetryAfterMiddleware(max_retries=2, sleep=fake_sleep))
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(1, "hi")
    assert len(session.calls) == 3
