"""Rate limits shared by every worker through Redis (atomic Lua token buckets), with per-process
fallbacks for the single-process default.

* Incoming, per user: ``RedisThrottlingMiddleware`` — the same rule and the same single polite
  notice as ``bot.middlewares.ThrottlingMiddleware``, but the bucket lives in Redis, so a user
  whose updates are spread over several workers is still held to THROTTLE_RATE / THROTTLE_BURST.
* Outgoing, global: ``OutgoingRateLimit`` — an aiogram request middleware that keeps all sends
  of the bot under OUTGOING_RATE messages per second (Telegram's ceiling is about 30/s). With Redis
  the budget is shared by every worker and the scheduler; a 429 answer (retry_after) pauses all of
  them for the time Telegram asked (bot/retry.py retries the call), and is counted in
  ``unionbot_telegram_429_total``.

Both buckets use Redis server time (``TIME``), so clock differences between hosts do not matter.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

from bot.ops import metrics
from bot.middlewares import ThrottlingMiddleware

log = logging.getLogger(__name__)

PREFIX = "unionbot:rl"

# Per-user bucket. KEYS[1] bucket hash. ARGV: rate (tokens/s), burst.
# Returns {allowed, notify}. Same rule as ThrottlingMiddleware.allow.
USER_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts', 'notified')
local tokens = tonumber(b[1])
local ts = tonumber(b[2])
local notified = tonumber(b[3]) or 0
if tokens == nil then
  tokens = burst
  ts = now
end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local allowed = 0
local notify = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
  if tokens >= burst / 2 then notified = 0 end
else
  if notified == 0 then notify = 1 end
  notified = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now), 'notified', notified)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 60000)
return {allowed, notify}
"""

# Global outgoing budget by reservation. KEYS[1] bucket hash, KEYS[2] pause key (set on 429).
# ARGV: rate, burst. Takes one token, letting the balance go negative; returns the milliseconds
# the caller must wait before sending (0 = send now). One round trip per message, no retry loop.
OUTGOING_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1])
local ts = tonumber(b[2])
if tokens == nil then
  tokens = burst
  ts = now
end
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate) - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 3600000)
local wait = 0
if tokens < 0 then wait = math.ceil(-tokens / rate * 1000) end
local pause = redis.call('PTTL', KEYS[2])
if pause > wait then wait = pause end
return wait
"""


class LocalBucket:
    """Per-process reservation bucket: the same arithmetic as OUTGOING_LUA."""

    def __init__(self, rate: float, burst: float, clock=time.monotonic):
        self.rate = rate
        self.burst = float(burst)
        self.clock = clock
        self.tokens = float(burst)
        self.ts = clock()
        self.pause_until = 0.0

    def reserve(self) -> float:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + max(0.0, now - self.ts) * self.rate) - 1.0
        self.ts = now
        wait = -self.tokens / self.rate if self.tokens < 0 else 0.0
        return max(wait, self.pause_until - now)

    def pause(self, seconds: float) -> None:
        self.pause_until = max(self.pause_until, self.clock() + seconds)


class RedisThrottlingMiddleware(ThrottlingMiddleware):
    """Per-user flood control with the bucket in Redis (shared by all workers).

    If Redis does not answer, the per-process bucket decides (fail open to the local rule,
    never to dropping everybody)."""

    def __init__(self, translator, redis, rate: float = 3.0, burst: int = 8, prefix: str = PREFIX):
        super().__init__(translator, rate, burst)
        self.redis = redis
        self.prefix = prefix
        self._script = redis.register_script(USER_BUCKET_LUA)

    async def allow_shared(self, user_id: int) -> tuple[bool, bool]:
        try:
            allowed, notify = await self._script(keys=[f"{self.prefix}:user:{user_id}"], args=[self.rate, self.burst])
        except Exception as exc:  # Redis away: the local bucket keeps the same rule in this process
            log.warning("shared throttle unavailable (%s); using the per-process bucket", type(exc).__name__)
            return self.allow(user_id)
        return bool(int(allowed)), bool(int(notify))

    async def decide(self, user_id: int) -> tuple[bool, bool]:
        allowed, notify = await self.allow_shared(user_id)
        if not allowed:
            metrics.THROTTLED.inc()
        return allowed, notify


class CountingThrottlingMiddleware(ThrottlingMiddleware):
    """The per-process default, plus the throttled counter."""

    def allow(self, user_id: int) -> tuple[bool, bool]:
        allowed, notify = super().allow(user_id)
        if not allowed:
            metrics.THROTTLED.inc()
        return allowed, notify


def build_throttling(settings, translator, storage=None, redis=None):
    """The per-user throttling middleware for this process: Redis-backed when REDIS_URL is set."""
    if not settings.redis_url:
        return CountingThrottlingMiddleware(translator, settings.throttle_rate, settings.throttle_burst)
    if redis is None:
        redis = shared_redis(settings, storage)
    return RedisThrottlingMiddleware(translator, redis, settings.throttle_rate, settings.throttle_burst)


def shared_redis(settings, storage=None):
    """The Redis client of this process: the FSM storage's own client when it is a RedisStorage."""
    redis = getattr(storage, "redis", None)
    if redis is not None:
        return redis
    from redis.asyncio import Redis

    return Redis.from_url(settings.redis_url)


# --- outgoing -------------------------------------------------------------------------

# Methods that deliver a message to a chat: these count against Telegram's global ceiling.
LIMITED_METHODS = frozenset({
    "sendMessage", "sendDocument", "sendPhoto", "sendVideo", "sendAudio", "sendVoice", "sendAnimation",
    "sendSticker", "sendMediaGroup", "sendLocation", "sendContact", "sendPoll", "copyMessage",
    "copyMessages", "forwardMessage", "forwardMessages",
})


class OutgoingRateLimit(BaseRequestMiddleware):
    """aiogram session middleware: global messages/second ceiling, shared through Redis if given.

    Install with ``install_outgoing_limit(bot, settings, redis)``; it sits inside the foundation's
    ``RetryAfterMiddleware`` (bot/retry.py), which retries 429 answers. Here a 429 is counted and
    pauses every sender (all workers and the scheduler, when shared) for ``retry_after`` seconds,
    so the retry and everybody else's next messages wait the time Telegram asked for."""

    def __init__(self, rate: float = 25.0, burst: int = 25, redis=None, key: str = f"{PREFIX}:outgoing",
                 max_wait: float = 60.0):
        self.rate = float(rate)
        self.burst = float(burst)
        self.redis = redis
        self.key = key
        self.pause_key = key + ":pause"
        self.max_wait = max_wait
        self.local = LocalBucket(rate or 1.0, burst)
        self._script = redis.register_script(OUTGOING_LUA) if redis is not None else None

    async def reserve(self) -> float:
        """Seconds to wait before the next send (the token is already taken)."""
        if self._script is not None:
            try:
                ms = await self._script(keys=[self.key, self.pause_key], args=[self.rate, self.burst])
                return int(ms) / 1000.0
            except Exception as exc:
                log.warning("shared outgoing limit unavailable (%s); using the per-process bucket", type(exc).__name__)
        return self.local.reserve()

    async def pause(self, seconds: float) -> None:
        self.local.pause(seconds)
        if self.redis is not None:
            try:
                await self.redis.set(self.pause_key, "1", px=max(1, int(seconds * 1000)))
            except Exception:
                log.warning("could not share the 429 pause through Redis")

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]) -> Any:
        name = method.__api_method__
        if name in LIMITED_METHODS and self.rate > 0:
            wait = min(await self.reserve(), self.max_wait)
            metrics.OUTGOING_WAIT.observe(wait)
            if wait > 0:
                await asyncio.sleep(wait)
        try:
            return await make_request(bot, method)
        except TelegramRetryAfter as exc:
            metrics.telegram_429(name)
            await self.pause(exc.retry_after)
            raise
        except TelegramAPIError:
            metrics.TELEGRAM_ERRORS.labels(method=name).inc()
            raise


def install_outgoing_limit(bot: Bot, settings, redis=None) -> OutgoingRateLimit:
    """Put the global outgoing ceiling on this bot's session (shared when ``redis`` is given).
    OUTGOING_RATE=0 turns the pacing off (429 answers are still counted and shared).

    The burst is a fifth of a second's worth: Telegram counts a rolling second, and a bucket lets
    through its burst plus ``rate`` per second, so at the default 25/s at most 5 + 25 = 30 messages
    fall in any one second (a full second's burst would allow 50 and meet 429s under load)."""
    rate = settings.outgoing_rate
    limiter = OutgoingRateLimit(rate, max(1, int(rate / 5)), redis=redis)
    bot.session.middleware(limiter)
    return limiter
