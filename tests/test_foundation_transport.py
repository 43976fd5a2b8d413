"""Polling over real HTTP against a local fake Bot API server; the webhook's secret token check;
the console chat as a subprocess with piped stdin; configuration errors in one line."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from bot.run.app import build_bot, build_dispatcher
from bot.db import Database
from bot.run.runner import make_webhook_app
from bot.settings import load_settings
from tests.fake_bot_api import FakeBotApi, start_update

TOKEN = "123456:TEST-token_for-local"
ROOT = Path(__file__).resolve().parents[1]
UNIONBOT = Path(sys.executable).parent / "unionbot"


def _settings(tmp_path, **extra):
    base = dict(database_url=f"sqlite+aiosqlite:///{tmp_path / 't.db'}", bot_token=TOKEN, data_key="k",
                redis_url=None, data_dir=tmp_path)
    base.update(extra)
    return load_settings(**base)


async def test_long_polling_over_http_answers_start(tmp_path):
    api = FakeBotApi([start_update(1, 555, "/start")])
    url = await api.start()
    settings = _settings(tmp_path, telegram_api_url=url)
    db = Database(settings.database_url)
    await db.upgrade()
    app = build_dispatcher(settings, db)
    bot = build_bot(settings)
    polling = asyncio.create_task(app.dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        await asyncio.wait_for(api.got_message.wait(), timeout=10)
    finally:
        await app.dispatcher.stop_polling()
        await asyncio.wait_for(polling, timeout=10)
        await bot.session.close()
        await db.dispose()
        await api.stop()
    assert int(api.sent[0]["chat_id"]) == 555
    assert "工会服务助手" in api.sent[0]["text"]
    assert "inline_keyboard" in json.dumps(api.sent[0]["reply_markup"])
    assert any(m == "getUpdates" for m, _ in api.requests)


async def test_webhook_requires_the_secret_token(tmp_path):
    api = FakeBotApi()
    url = await api.start()
    settings = _settings(tmp_path, telegram_api_url=url, webhook_secret="s3cret-Token_1")
    db = Database(settings.database_url)
    await db.upgrade()
    app = build_dispatcher(settings, db)
    bot = build_bot(settings)
    client = TestClient(TestServer(make_webhook_app(app, bot)))
    await client.start_server()
    try:
        body = start_update(7, 556, "/start")
        no_secret = await client.post("/webhook", json=body)
        assert no_secret.status == 401
        wrong = await client.post("/webhook", json=body, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
        assert wrong.status == 401
        assert api.sent == []
        ok = await client.post("/webhook", json=body, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"})
        assert ok.status == 200
        for _ in range(100):
            if api.sent:
                break
            await asyncio.sleep(0.05)
        assert api.sent and int(api.sent[0]["chat_id"]) == 556
        health = await client.get("/healthz")
        assert health.status == 200 and (await health.json())["database"] == "ok"
    finally:
        await client.close()
        await bot.session.close()
        await db.dispose()
        await api.stop()


def _cli(args, tmp_path, stdin="", env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "ADMIN_", "REDIS_", "WEBHOOK_"))}
    env.update(env_extra or {})
    return subprocess.run([str(UNIONBOT), *args], input=stdin, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)


def test_console_chat_greets_in_chinese_and_english(tmp_path):
    zh = _cli(["chat"], tmp_path, "/start\n")
    assert zh.returncode == 0, zh.stderr
    assert "您好，我是工会服务助手" in zh.stdout
    assert "[1] 🙋 我是会员（申请会员服务卡）" in zh.stdout and "[2] 🧾 我是工会经办人" in zh.stdout
    assert (tmp_path / "data" / "unionbot.db").exists()
    en = _cli(["chat", "--lang", "en"], tmp_path, "/start\n")
    assert "Hello, I am the Union Service Assistant" in en.stdout
    assert "[2] 🧾 I'm a union clerk" in en.stdout


def test_console_chat_presses_buttons_by_number_and_switches_users(tmp_path):
    out = _cli(["chat", "--user-id", "3"], tmp_path, "/start\n2\n/as 4\n/start\n1\n")
    assert "you (3): 2" in out.stdout and "经办人工作台" in out.stdout
    assert "[now user 4]" in out.stdout and "会员服务菜单" in out.stdout


def test_malformed_setting_fails_with_one_clear_line(tmp_path):
    bad = _cli(["db", "upgrade"], tmp_path, env_extra={"ADMIN_IDS": "alice,bob"})
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == [
        "configuration error: ADMIN_IDS: must be Telegram user ids separated by commas, e.g. 123,456"
    ]
    no_token = _cli(["run"], tmp_path)
    assert no_token.returncode == 2 and no_token.stderr.strip().startswith("configuration error: BOT_TOKEN")
    bad_db = _cli(["db", "upgrade"], tmp_path, env_extra={"DATABASE_URL": "mysql://x"})
    assert bad_db.returncode == 2 and "DATABASE_URL" in bad_db.stderr


def test_db_upgrade_and_unit_cli(tmp_path):
    from alembic.script import ScriptDirectory

    from bot.db import Database

    heads = ScriptDirectory.from_config(Database("sqlite+aiosqlite:///:memory:").alembic_config()).get_heads()
    up = _cli(["db", "upgrade"], tmp_path)
    assert up.returncode == 0
    assert up.stdout.strip() == "database at revision(s): " + ", ".join(sorted(heads))
    made = _cli(["unit", "create", "--name", "长宁区某某公司工会", "--uscc", "91350100M000100Y43", "--json"], tmp_path)
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout)
    assert data["invite"].startswith("https://t.me/unionbot_local_bot?start=c")
    bad = _cli(["unit", "create", "--name", "另一个工会", "--uscc", "91350100M000100Y44"], tmp_path)
    assert bad.returncode == 1 and "uscc.checksum" in bad.stderr
