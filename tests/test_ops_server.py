"""The worker's server: a stop finishes the updates in flight, JSON logs carry request ids and no
personal data, and `unionbot cluster` runs the whole shape (workers, scheduler, load balancer)."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import asyncpg
from aiohttp.test_utils import TestServer
from sqlalchemy.engine import make_url

from bot.run.app import build_bot, build_dispatcher
from bot.db import Database
from bot.dev.devapi import LocalBotApi
from bot.logging_setup import setup_logging
from bot.ops.metrics import install_request_ids
from bot.run.runner import make_webhook_app
from bot.settings import load_settings
from tests.ops_support import free_port_block, message_update, next_update_id

ROOT = Path(__file__).resolve().parents[1]
UNIONBOT = Path(sys.executable).parent / "unionbot"
TOKEN = "123456:TEST-server_token"
SECRET = "server-Secret_1"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}


class HeldApi(LocalBotApi):
    """A Bot API that holds sendMessage until released: the update stays in flight."""

    def __init__(self):
        super().__init__()
        self.arrived = asyncio.Event()
        self.release = asyncio.Event()

    async def handle(self, request):
        if request.match_info["method"] == "sendMessage":
            self.arrived.set()
            await self.release.wait()
        return await super().handle(request)


def _settings(tmp_path, api_url, **extra):
    values = dict(database_url=f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", bot_token=TOKEN, telegram_api_url=api_url,
                  webhook_secret=SECRET, data_key="k", data_dir=tmp_path, redis_url=None)
    values.update(extra)
    return load_settings(**values)


async def test_stopping_a_worker_finishes_the_update_in_flight(tmp_path):
    api = HeldApi()
    await api.start()
    settings = _settings(tmp_path, api.url, shutdown_timeout=20)
    db = Database(settings.database_url)
    await db.upgrade()
    app = build_dispatcher(settings, db)
    bot = build_bot(settings)
    server = TestServer(make_webhook_app(app, bot))
    await server.start_server()
    handler = app.extras["update_handler"]
    client = aiohttp.ClientSession()
    try:
        post = asyncio.create_task(client.post(server.make_url("/webhook"), json=message_update(next_update_id(), 601, "/start"),
                                               headers=HEADERS))
        await api.arrived.wait()  # the handler is sending its answer
        stopping = asyncio.create_task(server.close())
        while not handler.closing:
            await asyncio.sleep(0.005)
        # a request that still reaches the worker now is refused with 503 (the balancer retries elsewhere)
        late = await handler.handle(make_mocked_webhook_request())
        assert late.status == 503
        assert not stopping.done() and not post.done()  # the stop waits for the update
        api.release.set()
        resp = await post
        assert resp.status == 200
        await stopping
        assert [int(p["chat_id"]) for m, p in api.sent if m == "sendMessage"] == [601]
    finally:
        api.release.set()
        await client.close()
        await db.dispose()
        await api.stop()


def make_mocked_webhook_request():
    from aiohttp.test_utils import make_mocked_request

    return make_mocked_request("POST", "/webhook", headers=HEADERS)


async def test_json_logs_have_request_ids_and_no_personal_data(tmp_path):
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    stream = io.StringIO()
    api = LocalBotApi()
    await api.start()
    settings = _settings(tmp_path, api.url)
    db = Database(settings.database_url)
    await db.upgrade()
    app = build_dispatcher(settings, db)
    bot = build_bot(settings)
    server = TestServer(make_webhook_app(app, bot))
    await server.start_server()
    try:
        setup_logging("INFO", json_logs=True, stream=stream)
        install_request_ids()
        async with aiohttp.ClientSession() as client:
            body = message_update(next_update_id(), 918273645, "我的身份证号 310101199001011234，手机 13812345678")
            resp = await client.post(server.make_url("/webhook"), json=body,
                                     headers={**HEADERS, "X-Request-Id": "req-0a1b2c"})
            assert resp.status == 200
    finally:
        await server.close()
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        await db.dispose()
        await api.stop()
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.startswith("{")]
    access = [x for x in lines if x["logger"] == "unionbot.access"]
    assert access and access[0]["request_id"] == "req-0a1b2c" and access[0]["update_id"] == body["update_id"]
    assert "event=message" in access[0]["message"]
    text = stream.getvalue()
    assert "310101199001011234" not in text and "13812345678" not in text and "918273645" not in text


def _pg_dsn(pg_url: str) -> str:
    return make_url(pg_url).set(drivername="postgresql").render_as_string(False)


async def test_unionbot_cluster_runs_workers_scheduler_and_balancer(pg_url, redis_url, tmp_path):
    ready = tmp_path / "ready"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "REDIS_", "WEBHOOK_", "TELEGRAM_"))}
    env.update(DATABASE_URL=pg_url, REDIS_URL=redis_url, WEBHOOK_SECRET=SECRET, LOG_JSON="true")
    port = free_port_block(13)  # the balancer, the workers, the schedulers (port + 3, + 4) and the metrics ports (port + 11, + 12)
    log = tmp_path / "cluster.log"
    # its own process group: if the test fails, the launcher AND its workers are stopped together
    with log.open("w") as out:  # the launcher has its own copy of the file
        proc = subprocess.Popen([str(UNIONBOT), "cluster", "--port", str(port), "--ready-file", str(ready)],
                                cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        for _ in range(1200):
            if ready.exists() or proc.poll() is not None:
                break
            await asyncio.sleep(0.1)
        assert ready.exists(), log.read_text()[-3000:]
        lb = ready.read_text()
        async with aiohttp.ClientSession() as client:
            async with client.get(lb + "/healthz") as resp:
                assert resp.status == 200 and await resp.json() == {"database": "ok", "redis": "ok"}
            for uid in (701, 702, 703, 704):
                async with client.post(lb + "/webhook", json=message_update(next_update_id(), uid, "/start"),
                                       headers=HEADERS) as resp:
                    assert resp.status == 200
            role = None
            for _ in range(600):  # the scheduler takes the role within a second or two of starting
                try:
                    async with client.get(f"http://127.0.0.1:{port + 3}/healthz") as resp:
                        assert resp.status == 200
                        role = (await resp.json())["scheduler"]
                except aiohttp.ClientConnectionError:  # under load its port may not be listening yet
                    role = None
                if role == "leader":
                    break
                await asyncio.sleep(0.1)
            assert role == "leader"
            async with client.get(f"http://127.0.0.1:{port + 3}/metrics") as resp:
                assert "unionbot_scheduler_leader 1.0" in await resp.text()
            async with client.get(lb + "/lb/status") as resp:
                status = await resp.json()
            assert sorted(status["served"].values()) != [0, 4] and sum(status["served"].values()) >= 4
        conn = await asyncpg.connect(_pg_dsn(pg_url))
        try:
            assert await conn.fetchval("SELECT count(*) FROM users WHERE id IN (701, 702, 703, 704)") == 4
            assert await conn.fetchval("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'unionbot-scheduler-%' "
                                       "AND datname = current_database()") == 1
        finally:
            await conn.close()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        out = log.read_text()
        assert "cluster: stopped" in out and "Traceback" not in out
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=45)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
