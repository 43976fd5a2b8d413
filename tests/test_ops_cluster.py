"""Two webhook workers sharing only PostgreSQL and Redis: one user's form answers spread over
both workers, sequentially and concurrently, complete in order; duplicates are dropped; the
FSM really lives in Redis; /healthz and /metrics. Skipped (saying so) without PostgreSQL/Redis."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiogram import Bot
from aiogram.types import Update
from aiohttp.test_utils import TestClient, TestServer
from redis.asyncio import Redis
from sqlmodel import select

from bot.ops import metrics
from bot.run.app import App, build_bot, build_dispatcher
from bot.ops.cluster import UpdateGate
from bot.db import Database
from bot.dev.devapi import LocalBotApi
from bot.run.runner import make_webhook_app
from bot.settings import load_settings
from domain.models import Unit
from tests.ops_support import UNIT_FORM_PROMPTS, message_update, next_update_id, unit_form

TOKEN = "123456:TEST-cluster_token"
SECRET = "cluster-Secret_1"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
BOT_ID = 123456


@dataclass
class Worker:
    app: App
    bot: Bot
    db: Database
    client: TestClient


class Replies:
    """What the bot sent, per chat, in the order the fake Bot API received it."""

    def __init__(self):
        self.by_chat: dict[int, list[str]] = {}
        self.api = LocalBotApi(on_send=self.record)

    def record(self, method: str, params: dict) -> None:
        if method == "sendMessage":
            self.by_chat.setdefault(int(params["chat_id"]), []).append(params.get("text", ""))


def cluster_settings(pg_url, redis_url, api_url, admin_ids, tmp_path, **extra):
    values = dict(database_url=pg_url, redis_url=redis_url, bot_token=TOKEN, telegram_api_url=api_url,
                  webhook_secret=SECRET, admin_ids=admin_ids, data_key="k", data_dir=tmp_path,
                  throttle_rate=1000.0, throttle_burst=1000)
    values.update(extra)
    return load_settings(**values)


@asynccontextmanager
async def workers(settings, count: int = 2):
    """``count`` workers as separate as processes can be in one test: own engine, own Redis
    clients, own Dispatcher and Bot, own HTTP server."""
    first = Database(settings.database_url)
    await first.upgrade()
    await first.dispose()
    out: list[Worker] = []
    try:
        for _ in range(count):
            db = Database(settings.database_url)
            app = build_dispatcher(settings, db)
            bot = build_bot(settings)
            client = TestClient(TestServer(make_webhook_app(app, bot)))
            await client.start_server()
            out.append(Worker(app, bot, db, client))
        yield out
    finally:
        for w in out:
            await w.client.close()
            await w.db.dispose()


@asynccontextmanager
async def fake_api():
    replies = Replies()
    await replies.api.start()
    try:
        yield replies
    finally:
        await replies.api.stop()


def expected_prompts(app: App) -> list[str]:
    return [app.translator.t("zh", key) for key in UNIT_FORM_PROMPTS[:-2]]


async def check_units(db_url: str, users: list[tuple[int, int]]) -> None:
    db = Database(db_url)
    try:
        async with db.session() as session:
            units = {u.name: u for u in (await session.exec(select(Unit))).all()}
    finally:
        await db.dispose()
    assert len(units) == len(users)
    for uid, i in users:
        _, name, _level, uscc, code, district, _ok = unit_form(uid, i)
        unit = units[name]
        assert (unit.uscc, unit.enroll_code, unit.district, unit.level) == (uscc, code, district, "district")


def assert_form_replies(replies: Replies, app: App, uid: int, i: int) -> None:
    got = replies.by_chat.get(uid, [])
    steps = len(UNIT_FORM_PROMPTS)
    assert got[:steps - 2] == expected_prompts(app), got
    assert len(got) == steps and all(unit_form(uid, i)[1] in text for text in got[-2:])


async def test_form_answers_alternating_between_two_dispatchers_complete_in_order(pg_url, redis_url, tmp_path):
    async with fake_api() as replies:
        users = [(9101, 1), (9102, 2), (9103, 3)]
        settings = cluster_settings(pg_url, redis_url, replies.api.url, ",".join(str(u) for u, _ in users), tmp_path)
        async with workers(settings) as (a, b):
            redis = Redis.from_url(redis_url)
            try:
                step = 0
                for k in range(len(UNIT_FORM_PROMPTS)):  # step k of every user, each step to the other worker than before
                    for uid, i in users:
                        w = (a, b)[step % 2]
                        step += 1
                        update = Update.model_validate(message_update(next_update_id(), uid, unit_form(uid, i)[k]),
                                                       context={"bot": w.bot})
                        await w.app.dispatcher.feed_update(w.bot, update)
                        if k == 2:  # mid-form the state is in Redis, not in the database
                            keys = [key async for key in redis.scan_iter(f"fsm:{BOT_ID}:{uid}:{uid}:*")]
                            assert keys, "the FSM state must live in Redis"
            finally:
                await redis.aclose()
            for uid, i in users:
                assert_form_replies(replies, a.app, uid, i)
            await check_units(pg_url, users)


async def wait_registered(redis: Redis, uid: int, update_id: int) -> None:
    base = f"unionbot:gate:{BOT_ID}:{uid}:{uid}"
    for _ in range(10_000):
        if await redis.zscore(base + ":q", str(update_id)) is not None:
            return
        if int(await redis.get(base + ":last") or 0) >= update_id:
            return
        await asyncio.sleep(0.001)
    raise AssertionError(f"update {update_id} never reached a worker")


async def test_concurrent_delivery_to_two_workers_keeps_each_users_order(pg_url, redis_url, tmp_path):
    """Each answer is posted as soon as the previous one has been RECEIVED (registered) by a
    worker, not handled: a user's answers run on both workers at once, and many users at once."""
    async with fake_api() as replies:
        users = [(9200 + n, 100 + n) for n in range(24)]
        settings = cluster_settings(pg_url, redis_url, replies.api.url, ",".join(str(u) for u, _ in users), tmp_path)
        waits_before = metrics.GATE_WAITS._value.get()
        async with workers(settings) as ws:
            redis = Redis.from_url(redis_url)

            async def one_user(uid: int, i: int) -> list[int]:
                posts = []
                for k, text in enumerate(unit_form(uid, i)):
                    update_id = next_update_id()
                    client = ws[(k + i) % 2].client
                    posts.append(asyncio.create_task(
                        client.post("/webhook", json=message_update(update_id, uid, text), headers=HEADERS)))
                    await wait_registered(redis, uid, update_id)
                return [(await p).status for p in posts]

            try:
                statuses = await asyncio.gather(*(one_user(uid, i) for uid, i in users))
            finally:
                await redis.aclose()
            assert all(s == 200 for row in statuses for s in row)
            for uid, i in users:
                assert_form_replies(replies, ws[0].app, uid, i)
            await check_units(pg_url, users)
        assert metrics.GATE_WAITS._value.get() > waits_before, "answers of one user should have overlapped"


async def test_a_later_update_waits_for_an_earlier_one_still_on_another_worker(pg_url, redis_url, tmp_path):
    async with fake_api() as replies:
        settings = cluster_settings(pg_url, redis_url, replies.api.url, "9301", tmp_path)
        async with workers(settings) as (a, b):
            redis = Redis.from_url(redis_url)
            gate = UpdateGate(redis, BOT_ID)
            try:
                first, second = next_update_id(), next_update_id()
                # worker A has received update `first` of this chat and is still handling it
                assert await gate.enter("9301:9301", first) == 1
                waits = metrics.GATE_WAITS._value.get()
                later = asyncio.create_task(
                    b.client.post("/webhook", json=message_update(second, 9301, "/start"), headers=HEADERS))
                while metrics.GATE_WAITS._value.get() == waits:
                    await asyncio.sleep(0.005)
                assert not later.done() and replies.by_chat.get(9301) is None
                await gate.leave("9301:9301", first)
                assert (await later).status == 200
                assert replies.by_chat[9301] and "工会服务助手" in replies.by_chat[9301][0]
            finally:
                await redis.aclose()


async def test_gate_forgets_an_entry_of_a_dead_worker(redis_url):
    redis = Redis.from_url(redis_url)
    try:
        gate = UpdateGate(redis, BOT_ID, stale=0.2)
        assert await gate.enter("1:1", 10) == 1  # a worker registers 10, then dies
        assert await gate.enter("1:1", 11) == 0
        assert await gate.wait_turn("1:1", 11) is True
        await gate.leave("1:1", 11)
        assert await gate.enter("1:1", 11) == -1  # handled: a redelivery is dropped
        assert await gate.enter("1:1", 12) == 1 and await gate.enter("2:2", 5) == 1  # others go on
    finally:
        await redis.aclose()


async def test_a_redelivered_update_is_handled_once(pg_url, redis_url, tmp_path):
    async with fake_api() as replies:
        settings = cluster_settings(pg_url, redis_url, replies.api.url, "", tmp_path)
        async with workers(settings) as (a, b):
            body = message_update(next_update_id(), 9401, "/start")
            dup_before = metrics.DUPLICATES._value.get()
            assert (await a.client.post("/webhook", json=body, headers=HEADERS)).status == 200
            assert (await b.client.post("/webhook", json=body, headers=HEADERS)).status == 200
            assert len(replies.by_chat[9401]) == 1
            assert metrics.DUPLICATES._value.get() == dup_before + 1


async def test_healthz_and_metrics(pg_url, redis_url, tmp_path):
    async with fake_api() as replies:
        settings = cluster_settings(pg_url, redis_url, replies.api.url, "", tmp_path, metrics_token="m-token")
        async with workers(settings, count=1) as (w,):
            health = await w.client.get("/healthz")
            assert health.status == 200 and await health.json() == {"database": "ok", "redis": "ok"}
            await w.client.post("/webhook", json=message_update(next_update_id(), 9501, "/start"), headers=HEADERS)
            metrics.reminder_sent("deadline")
            metrics.reminder_failed("deadline", "blocked")
            metrics.telegram_429("sendMessage")
            for wrong in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "m-token"}):
                refused = await w.client.get("/metrics", headers=wrong)
                assert refused.status == 401 and "unionbot_" not in await refused.text()
            page = await w.client.get("/metrics", headers={"Authorization": "Bearer m-token"})
            text = await page.text()
            assert page.status == 200 and page.headers["Content-Type"].startswith("text/plain")
            for needle in ('unionbot_updates_total{event="message"}', "unionbot_handler_seconds_bucket",
                           'unionbot_reminders_sent_total{kind="deadline"}',
                           'unionbot_reminders_failed_total{kind="deadline",reason="blocked"}',
                           'unionbot_telegram_429_total{method="sendMessage"}', "unionbot_update_errors_total",
                           "unionbot_scheduler_leader"):
                assert needle in text, needle

        broken_redis = cluster_settings(pg_url, "redis://127.0.0.1:1/0", replies.api.url, "", tmp_path)
        async with workers(broken_redis, count=1) as (w,):
            health = await w.client.get("/healthz")
            assert health.status == 503 and await health.json() == {"database": "ok", "redis": "down"}


async def test_aiogram_redis_isolation_excludes_across_two_dispatchers(pg_url, redis_url, tmp_path):
    """Without the webhook gate (polling, direct feeding) aiogram's Redis lock still keeps two
    workers from handling one chat at the same time."""
    from aiogram.fsm.storage.base import StorageKey
    from aiogram.fsm.storage.redis import RedisEventIsolation

    settings = cluster_settings(pg_url, redis_url, None, "", tmp_path)
    dbs = [Database(pg_url) for _ in range(2)]
    apps = [build_dispatcher(settings, db) for db in dbs]
    try:
        isolations = [app.dispatcher.fsm.events_isolation for app in apps]
        assert all(isinstance(i, RedisEventIsolation) for i in isolations)
        assert isolations[0].redis is not isolations[1].redis  # separate clients, as in two processes
        key = StorageKey(bot_id=BOT_ID, chat_id=77, user_id=77)
        log: list[str] = []

        async def work(n: int) -> None:
            async with isolations[n % 2].lock(key):
                log.append(f"in{n}")
                await asyncio.sleep(0.02)
                log.append(f"out{n}")

        await asyncio.gather(*(work(n) for n in range(6)))
        assert len(log) == 12
        assert all(log[i][:2] == "in" and log[i + 1] == "out" + log[i][2:] for i in range(0, 12, 2)), log
    finally:
        for app in apps:
            await app.storage.close()
        for db in dbs:
            await db.dispose()
