"""Migrations and FSM storage on SQLite and PostgreSQL; RedisStorage when Redis is there."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import domain.all_models  # noqa: F401
from bot.db import Database
from bot.settings import load_settings
from bot.storage import DatabaseStorage, FsmSeal
from bot.dev.testing import BotHarness
from domain.privacy import DataCipher


class Form(StatesGroup):
    a = State()
    b = State()


KEY = StorageKey(bot_id=42, chat_id=5, user_id=5)
SEAL = FsmSeal(DataCipher("k"))


async def test_migrations_match_the_models(db_url):
    db = Database(db_url)
    try:
        await db.upgrade()
        async with db.engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}), SQLModel.metadata)
            )
        assert diff == [], f"migrations and models differ: {diff}"
    finally:
        await db.dispose()


async def test_database_storage_round_trip_and_survives_a_new_instance(db_url):
    db = Database(db_url)
    await db.upgrade()
    try:
        storage = DatabaseStorage(db, SEAL)
        assert await storage.get_state(KEY) is None and await storage.get_data(KEY) == {}
        await storage.set_state(KEY, Form.a)
        await storage.set_data(KEY, {"name": "张三·李", "n": 3})
        await storage.update_data(KEY, {"n": 4})
        fresh = DatabaseStorage(db, SEAL)  # another process: empty cache
        assert await fresh.get_state(KEY) == "Form:a"
        assert await fresh.get_data(KEY) == {"name": "张三·李", "n": 4}
        # batching: nothing is written until the batch ends, then once
        token = storage.begin_batch()
        await storage.set_state(KEY, Form.b)
        assert await DatabaseStorage(db, SEAL).get_state(KEY) == "Form:a"
        await storage.end_batch(token)
        assert await DatabaseStorage(db, SEAL).get_state(KEY) == "Form:b"
        # clearing removes the row
        await storage.set_state(KEY, None)
        await storage.set_data(KEY, {})
        assert await DatabaseStorage(db, SEAL).get_state(KEY) is None
        assert await DatabaseStorage(db, SEAL).get_data(KEY) == {}
    finally:
        await db.dispose()


async def test_form_survives_restart_on_postgresql(pg_url, tmp_path):
    settings = load_settings(database_url=pg_url, admin_ids="1", data_key="k", throttle_rate=1000,
                             throttle_burst=1000, redis_url=None, data_dir=tmp_path)
    async with BotHarness.create(settings=settings) as first:
        await first.send(1, "/newunit")
        await first.send(1, "徐汇区某某有限公司工会")
        await first.send(1, "区局")  # the level, typed
    async with BotHarness.create(settings=settings) as second:
        out = await second.send(1, "91350100M000100Y43")
        assert "参保编码" in out[0].text


async def test_redis_storage_when_redis_url_is_set(redis_url, tmp_path):
    from aiogram.fsm.storage.redis import RedisStorage

    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'r.db'}", admin_ids="1", data_key="k",
                             throttle_rate=1000, throttle_burst=1000, redis_url=redis_url, data_dir=tmp_path)
    async with BotHarness.create(settings=settings) as first:
        assert isinstance(first.app.storage, RedisStorage)
        await first.send(1, "/newunit")
        await first.send(1, "静安区某某有限公司工会")
        await first.send(1, "区局")  # the level, typed
    async with BotHarness.create(settings=settings) as second:
        out = await second.send(1, "91350100M000100Y43")
        assert "参保编码" in out[0].text
