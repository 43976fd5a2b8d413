"""The webhook server of a worker: ordered per-chat delivery across workers, duplicate update
drop, /healthz, /metrics, request ids, and a graceful stop that finishes in-flight updates.

Ordering. aiogram's Redis event isolation is a lock: it keeps two updates of one chat from
running at the same time on two workers, but a lock is not a queue — when update 2 waits on
worker B while update 1 still runs on worker A, nothing in the lock makes 2 wait for 1 if 2 got
there first. So each worker, on receipt and BEFORE answering the HTTP request, registers the update
id in a per-chat sorted set in Redis and handles it only when it is the lowest id registered for
that chat (``UpdateGate``; one Lua call to enter, one to leave). Telegram sends the next update of
a chat only after the previous one was answered, so every update is registered before its
successors and they are handled in update-id order, whichever worker gets them. An entry left by
a worker that died expires after ``stale`` seconds, so a chat never stays blocked.

Handling is synchronous (the HTTP answer comes after the handler), so an update whose worker dies
mid-way is redelivered by Telegram. Since a chat's updates are handled in increasing id order, the
gate keeps one number per chat, the highest id handled (for an hour after the chat's last update),
and drops a redelivered update at or below it: memory grows with active chats, not with updates.

Without REDIS_URL (one process) the gate is off and the same server runs as before.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.dispatcher.middlewares.user_context import UserContextMiddleware
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.ops import metrics

log = logging.getLogger(__name__)

GATE_PREFIX = "unionbot:gate"

# KEYS[1] pending zset of the chat, KEYS[2] deadlines hash of the chat, KEYS[3] the highest update
# id of the chat already handled. ARGV[1] update id, ARGV[2] stale ms, ARGV[3] 1 = register
# (enter), 0 = only check. Returns -1 already handled, -2 in flight on another worker, 0 wait, 1 go.
GATE_LUA = """
local id = ARGV[1]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[3] == '1' then
  local last = tonumber(redis.call('GET', KEYS[3]))
  if last ~= nil and tonumber(id) <= last then return -1 end
  local deadline = tonumber(redis.call('HGET', KEYS[2], id))
  if deadline ~= nil and deadline > now then return -2 end
  redis.call('ZADD', KEYS[1], tonumber(id), id)
  redis.call('HSET', KEYS[2], id, now + tonumber(ARGV[2]))
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
  redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]) * 2)
end
for i = 1, 1000 do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if head == nil then return 1 end
  if head == id then return 1 end
  local deadline = tonumber(redis.call('HGET', KEYS[2], head))
  if deadline ~= nil and deadline > now then return 0 end
  redis.call('ZREM', KEYS[1], head)
  redis.call('HDEL', KEYS[2], head)
end
return 0
"""

# KEYS as above. ARGV[1] update id, ARGV[2] ttl s of the chat's "handled up to" mark.
LEAVE_LUA = """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
local last = tonumber(redis.call('GET', KEYS[3]))
if last == nil or tonumber(ARGV[1]) > last then
  redis.call('SET', KEYS[3], ARGV[1], 'EX', tonumber(ARGV[2]))
else
  redis.call('EXPIRE', KEYS[3], tonumber(ARGV[2]))
end
return 1
"""


UPDATE_HANDLER = web.AppKey("update_handler", object)  # the webhook handler, for shutdown and tests


class UpdateGate:
    """Per-chat, update-id-ordered admission shared by every worker through Redis."""

    def __init__(self, redis, bot_id: int, stale: float = 60.0, done_ttl: int = 3600, prefix: str = GATE_PREFIX):
        self.redis = redis
        self.bot_id = bot_id
        self.stale_ms = int(stale * 1000)
        self.stale = stale
        self.done_ttl = done_ttl
        self.prefix = prefix
        self._gate = redis.register_script(GATE_LUA)
        self._leave = redis.register_script(LEAVE_LUA)

    def keys(self, chat_key: str) -> list[str]:
        base = f"{self.prefix}:{self.bot_id}:{chat_key}"
        return [base + ":q", base + ":d", base + ":last"]

    async def enter(self, chat_key: str, update_id: int) -> int:
        """Register the update; -1/-2 = duplicate (drop), 0 = queued behind earlier ids, 1 = go."""
        return int(await self._gate(keys=self.keys(chat_key), args=[update_id, self.stale_ms, 1]))

    async def wait_turn(self, chat_key: str, update_id: int) -> bool:
        """Wait until every earlier registered update of the chat is done. False after ``stale`` s."""
        keys = self.keys(chat_key)
        deadline = time.monotonic() + self.stale
        pause = 0.002
        while time.monotonic() < deadline:
            await asyncio.sleep(pause)
            if int(await self._gate(keys=keys, args=[update_id, self.stale_ms, 0])) == 1:
                return True
            pause = min(pause * 2, 0.025)
        return False

    async def leave(self, chat_key: str, update_id: int) -> None:
        await self._leave(keys=self.keys(chat_key), args=[update_id, self.done_ttl])


def chat_key(update: Update) -> str | None:
    ctx = UserContextMiddleware.resolve_event_context(update)
    if ctx.chat_id is None and ctx.user_id is None:
        return None
    return f"{ctx.chat_id}:{ctx.user_id}"


class ClusterRequestHandler(SimpleRequestHandler):
    """Handles each update before answering; ordered through ``UpdateGate`` when one is given;
    tracks in-flight requests so a stop finishes them before the bot session is closed."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, gate: UpdateGate | None = None,
                 shutdown_timeout: float = 25.0, **kwargs: Any):
        super().__init__(dispatcher=dispatcher, bot=bot, handle_in_background=False, **kwargs)
        self.gate = gate
        self.shutdown_timeout = shutdown_timeout
        self.in_flight = 0
        self.closing = False
        self._idle = asyncio.Event()
        self._idle.set()

    async def handle(self, request: web.Request) -> web.Response:
        if self.closing:
            return web.Response(status=503, text="shutting down")
        bot = await self.resolve_bot(request)
        if not self.verify_secret(request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), bot):
            return web.Response(body="Unauthorized", status=401)
        try:
            update = Update.model_validate(await request.json(loads=bot.session.json_loads), context={"bot": bot})
        except (ValueError, json.JSONDecodeError):
            return web.Response(status=400, text="not a Telegram update")
        metrics.request_id.set(request.headers.get("X-Request-Id") or metrics.new_request_id())
        metrics.current_update_id.set(update.update_id)
        self.in_flight += 1
        self._idle.clear()
        try:
            return await self._handle_update(bot, update)
        finally:
            self.in_flight -= 1
            if self.in_flight == 0:
                self._idle.set()

    async def _handle_update(self, bot: Bot, update: Update) -> web.Response:
        key = chat_key(update) if self.gate is not None else None
        if key is None:
            result = await self.dispatcher.feed_webhook_update(bot, update, **self.data)
            return web.Response(body=self._build_response_writer(bot=bot, result=result))
        status = await self.gate.enter(key, update.update_id)
        if status < 0:
            metrics.DUPLICATES.inc()
            log.info("update delivered again; dropped")
            return web.json_response({})
        if status == 0:
            metrics.GATE_WAITS.inc()
        if status == 0 and not await self.gate.wait_turn(key, update.update_id):
            log.warning("earlier update of this chat still pending after %s s; handling anyway", self.gate.stale)
        try:
            result = await self.dispatcher.feed_webhook_update(bot, update, **self.data)
        finally:
            await self.gate.leave(key, update.update_id)
        return web.Response(body=self._build_response_writer(bot=bot, result=result))

    async def drain(self) -> None:
        """Stop taking updates; wait (at most ``shutdown_timeout``) for the ones being handled."""
        self.closing = True
        if self.in_flight:
            log.info("stopping: finishing %s update(s) in flight", self.in_flight)
        try:
            await asyncio.wait_for(self._idle.wait(), self.shutdown_timeout)
        except TimeoutError:
            log.error("stopping: %s update(s) still running after %s s", self.in_flight, self.shutdown_timeout)

    async def close(self) -> None:
        await self.drain()
        await super().close()


async def health(app, redis=None) -> tuple[int, dict]:
    """(HTTP status, body): 200 when the database (and Redis, when configured) answer."""
    from sqlalchemy import text

    body: dict[str, str] = {}
    ok = True
    try:
        async with app.db.engine.connect() as conn:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), 5)
        body["database"] = "ok"
    except Exception:
        body["database"] = "down"
        ok = False
    if redis is not None:
        try:
            await asyncio.wait_for(redis.ping(), 5)
            body["redis"] = "ok"
        except Exception:
            body["redis"] = "down"
            ok = False
    return (200 if ok else 503), body


def make_webhook_app(app, bot: Bot, redis=None) -> web.Application:
    """The worker's aiohttp application: POST webhook path, GET /healthz, and GET /metrics when
    METRICS_TOKEN is set and METRICS_PORT is not (bot/ops/metrics.py)."""
    settings = app.settings
    if redis is None and settings.redis_url:
        from bot.ops.ratelimit import shared_redis

        redis = shared_redis(settings, app.storage)
    gate = UpdateGate(redis, bot.id) if redis is not None else None
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    web_app = web.Application()
    handler = ClusterRequestHandler(app.dispatcher, bot, gate=gate, secret_token=secret,
                                    shutdown_timeout=settings.shutdown_timeout)
    handler.register(web_app, path=settings.webhook_path)
    web_app[UPDATE_HANDLER] = handler
    app.extras["update_handler"] = handler

    async def healthz(_request: web.Request) -> web.Response:
        status, body = await health(app, redis)
        if handler.closing:
            status, body["worker"] = 503, "stopping"
        return web.json_response(body, status=status)

    web_app.router.add_get("/healthz", healthz)
    if metrics.metrics_on_webhook_port(settings):  # else on METRICS_PORT (bot/run/runner.py), or not at all
        web_app.router.add_get("/metrics", metrics.metrics_view(settings))
    setup_application(web_app, app.dispatcher, bot=bot)
    return web_app


async def wait_for_stop_signal() -> None:
    """Return on SIGTERM or SIGINT (then the caller stops gracefully)."""
    import signal

    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not the main thread / not Unix
            pass
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError):
                pass


def redis_client(url: str, max_connections: int = 64, wait: float = 30.0):
    """A Redis client whose pool WAITS for a free connection when all are busy (redis-py's default
    pool raises "Too many connections" past 100, which a worker under load reaches)."""
    from redis.asyncio import BlockingConnectionPool, Redis

    return Redis(connection_pool=BlockingConnectionPool.from_url(url, max_connections=max_connections, timeout=wait))


def redis_storage(settings):
    """aiogram's RedisStorage, data sealed (bot/storage.build_storage, same keys), on a waiting pool."""
    from bot.storage import seal_for, sealed_redis_storage

    return sealed_redis_storage(redis_client(settings.redis_url), seal_for(settings))
