"""Rate limits: per-user flood control and the global outgoing ceiling, shared through Redis
(atomic Lua buckets) between workers; per-process buckets without Redis."""

from __future__ import annotations

import json

import pytest
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import AnswerCallbackQuery
from redis.asyncio import Redis

from bot.db import Database
from bot.dev.testing import BotHarness, FakeTelegramSession
from bot.ops import metrics
from bot.ops.ratelimit import (
    CountingThrottlingMiddleware,
    LocalBucket,
    OutgoingRateLimit,
    RedisThrottlingMiddleware,
    build_throttling,
)
from bot.run.app import build_dispatcher
from bot.settings import load_settings
from ui.i18n import get_translator


async def test_a_user_is_throttled_across_workers_with_one_notice(redis_url):
    redis = Redis.from_url(redis_url)
    try:
        translator = get_translator()
        # two workers, each with its own middleware instance: burst 4, 0.01 token/s refill
        w1 = RedisThrottlingMiddleware(translator, redis, rate=0.01, burst=4)
        w2 = RedisThrottlingMiddleware(translator, redis, rate=0.01, burst=4)
        results = [await (w1 if i % 2 else w2).allow_shared(7001) for i in range(7)]
        assert [a for a, _ in results] == [True] * 4 + [False] * 3
        assert [n for _, n in results] == [False] * 4 + [True, False, False]  # one notice, then silence
        assert (await w1.allow_shared(7002))[0] is True  # another user has their own bucket
    finally:
        await redis.aclose()


async def test_flooding_through_two_dispatchers_is_held_to_one_budget(pg_url, redis_url, tmp_path):
    settings = load_settings(database_url=pg_url, redis_url=redis_url, data_key="k", data_dir=tmp_path,
                             throttle_rate=0.01, throttle_burst=3, bot_token=None)
    db = Database(pg_url)
    await db.upgrade()
    try:
        async with BotHarness.create(settings=settings, db=db) as h1, BotHarness.create(settings=settings, db=db) as h2:
            assert any(isinstance(m, RedisThrottlingMiddleware) for m in h1.dp.update.outer_middleware._middlewares)
            for i in range(6):
                await (h1 if i % 2 else h2).send(7101, "/help")
            answered = len(h1.session.sent_to(7101)) + len(h2.session.sent_to(7101))
            notice = get_translator().t("zh", "throttle-notice")
            texts = h1.replies(7101) + h2.replies(7101)
            assert texts.count(notice) == 1
            assert answered == 3 + 1  # three answered, one notice, the rest dropped
    finally:
        await db.dispose()


def test_without_redis_the_per_process_bucket_is_used(tmp_path):
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", redis_url=None)
    assert isinstance(build_throttling(settings, get_translator()), CountingThrottlingMiddleware)


def test_local_outgoing_bucket_paces_and_pauses():
    now = [100.0]
    bucket = LocalBucket(rate=10, burst=2, clock=lambda: now[0])
    waits = [bucket.reserve() for _ in range(5)]
    assert waits == pytest.approx([0, 0, 0.1, 0.2, 0.3])
    now[0] += 1.0  # a second later the debt is paid and the burst refilled
    assert bucket.reserve() == 0
    bucket.pause(5)
    assert bucket.reserve() == pytest.approx(5)


async def test_outgoing_budget_is_shared_by_workers_and_a_429_pauses_them_all(redis_url):
    redis = Redis.from_url(redis_url)
    try:
        a = OutgoingRateLimit(rate=10, burst=2, redis=redis, key="test:out")
        b = OutgoingRateLimit(rate=10, burst=2, redis=redis, key="test:out")
        waits = [await (a if i % 2 else b).reserve() for i in range(20)]
        # 20 messages at 10/s from two workers: the last must wait about 1.8 s, in steps of 0.1 s
        assert waits[:2] == [0, 0]
        assert waits == sorted(waits)
        assert 1.6 <= waits[-1] <= 1.85

        session = FakeTelegramSession(fail={"sendMessage": [{"error_code": 429, "description": "Too Many Requests",
                                                             "parameters": {"retry_after": 30}}]})
        c = OutgoingRateLimit(rate=1000, burst=1000, redis=redis, key="test:out2")
        d = OutgoingRateLimit(rate=1000, burst=1000, redis=redis, key="test:out2")
        from bot.run.app import build_bot

        bot = build_bot(load_settings(redis_url=None), session=session, retry_after=False)
        bot.session.middleware(c)
        before = metrics.TELEGRAM_429.labels(method="sendMessage")._value.get()
        with pytest.raises(TelegramRetryAfter):
            await bot.send_message(1, "hi")
        assert metrics.TELEGRAM_429.labels(method="sendMessage")._value.get() == before + 1
        assert 29 <= await d.reserve() <= 30  # the other worker waits the time Telegram asked for
        # calls that are not messages are not held back
        await bot(AnswerCallbackQuery(callback_query_id="1"))
        assert [c.method for c in session.calls] == ["sendMessage", "answerCallbackQuery"]
    finally:
        await redis.aclose()


async def test_redis_down_falls_back_to_the_local_rule():
    redis = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    try:
        mw = RedisThrottlingMiddleware(get_translator(), redis, rate=0.01, burst=1)
        assert (await mw.allow_shared(1))[0] is True
        assert (await mw.allow_shared(1))[0] is False
        out = OutgoingRateLimit(rate=10, burst=1, redis=redis)
        assert await out.reserve() == 0
        assert await out.reserve() == pytest.approx(0.1, abs=0.02)
    finally:
        await redis.aclose()


def test_dispatcher_without_redis_builds(tmp_path):
    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'y.db'}", redis_url=None)
    app = build_dispatcher(settings, Database(settings.database_url))
    names = [type(m).__name__ for m in app.dispatcher.update.outer_middleware._middlewares]
    assert "MetricsMiddleware" in names and "CountingThrottlingMiddleware" in names
    assert json.dumps(names)
