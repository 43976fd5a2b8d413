"""aiogram FSM storage kept in the bot's database, so forms survive restarts.

Writes made while one update is handled are buffered and flushed in one transaction when the
update is done (``FsmFlushMiddleware``), or at once when the storage is used outside an update.
A process-local read cache avoids a query per update; it is correct while one process owns the
database storage (the embedded default). Several workers use aiogram's RedisStorage instead.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from contextvars import ContextVar
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.db import Database
from domain.models import FsmRecord, utcnow

_batch: ContextVar[dict | None] = ContextVar("fsm_batch", default=None)


def key_to_str(key: StorageKey) -> str:
    parts = [str(key.bot_id), str(key.chat_id), str(key.user_id)]
    if key.thread_id:
        parts.append(f"t{key.thread_id}")
    if key.business_connection_id:
        parts.append(f"b{key.business_connection_id}")
    parts.append(key.destiny)
    return ":".join(parts)


class DatabaseStorage(BaseStorage):
    def __init__(self, db: Database, cache_size: int = 10_000):
        self.db = db
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple[str | None, dict]] = OrderedDict()
        table = FsmRecord.__table__
        self._insert = sqlite_insert(table) if db.is_sqlite else pg_insert(table)

    # -- cache ---------------------------------------------------------------
    async def _load(self, k: str) -> tuple[str | None, dict]:
        hit = self._cache.get(k)
        if hit is not None:
            self._cache.move_to_end(k)
            return hit
        if self.db.direct is not None:
            row = await self.db.direct.run(_sqlite_load, k)
        else:
            async with self.db.engine.connect() as conn:
                row = (
                    await conn.execute(
                        FsmRecord.__table__.select().where(FsmRecord.__table__.c.key == k)
                    )
                ).first()
        value = (row["state"] if self.db.direct is not None else row.state,
                 json.loads(row["data"] if self.db.direct is not None else row.data)) if row else (None, {})
        self._remember(k, value)
        return value

    def _remember(self, k: str, value: tuple[str | None, dict]) -> None:
        self._cache[k] = value
        self._cache.move_to_end(k)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def _write(self, k: str, value: tuple[str | None, dict]) -> None:
        self._remember(k, value)
        batch = _batch.get()
        if batch is not None:
            batch[k] = value
        else:
            await self._persist({k: value})

    async def _persist(self, items: dict[str, tuple[str | None, dict]]) -> None:
        if not items:
            return
        if self.db.direct is not None:
            rows = [(k, state, json.dumps(data, ensure_ascii=False)) for k, (state, data) in items.items()]
            await self.db.direct.run(_sqlite_persist, rows, _sqlite_time(utcnow()))
            return
        table = FsmRecord.__table__
        now = utcnow()
        async with self.db.engine.begin() as conn:
            for k, (state, data) in items.items():
                if state is None and not data:
                    await conn.execute(table.delete().where(table.c.key == k))
                    continue
                stmt = self._insert.values(key=k, state=state, data=json.dumps(data, ensure_ascii=False), updated_at=now)
                stmt = stmt.on_conflict_do_update(
                    index_elements=[table.c.key],
                    set_={"state": stmt.excluded.state, "data": stmt.excluded.data, "updated_at": stmt.excluded.updated_at},
                )
                await conn.execute(stmt)

    # -- batching (one transaction per update) -------------------------------
    def begin_batch(self):
        return _batch.set({})

    async def end_batch(self, token) -> None:
        items = _batch.get() or {}
        _batch.reset(token)
        await self._persist(items)

    # -- BaseStorage ---------------------------------------------------------
    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        k = key_to_str(key)
        _, data = await self._load(k)
        value = state.state if isinstance(state, State) else state
        await self._write(k, (value, data))

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._load(key_to_str(key)))[0]

    async def set_data(self, key: StorageKey, data: dict[str, Any]) -> None:
        if not isinstance(data, dict):
            raise TypeError("FSM data must be a dict")
        k = key_to_str(key)
        state, _ = await self._load(k)
        # JSON round trip: stored data must be JSON-serialisable, and callers must not share the dict.
        await self._write(k, (state, json.loads(json.dumps(data, ensure_ascii=False, default=str))))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._load(key_to_str(key)))[1])

    async def close(self) -> None:
        self._cache.clear()


def _sqlite_time(moment) -> str:
    # The format SQLAlchemy's SQLite DateTime type writes (UTC, no offset).
    return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _sqlite_load(conn, key: str):
    return conn.execute("SELECT state, data FROM fsm_state WHERE key = ?", (key,)).fetchone()


_UPSERT = (
    "INSERT INTO fsm_state (key, state, data, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET state = excluded.state, data = excluded.data, updated_at = excluded.updated_at"
)


def _sqlite_persist(conn, rows: list[tuple[str, str | None, str]], now: str) -> None:
    if len(rows) == 1:  # the usual case: one statement is its own transaction (autocommit)
        key, state, data = rows[0]
        if state is None and data == "{}":
            conn.execute("DELETE FROM fsm_state WHERE key = ?", (key,))
        else:
            conn.execute(_UPSERT, (key, state, data, now))
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for key, state, data in rows:
            if state is None and data == "{}":
                conn.execute("DELETE FROM fsm_state WHERE key = ?", (key,))
            else:
                conn.execute(_UPSERT, (key, state, data, now))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def build_storage(settings, db: Database) -> BaseStorage:
    """RedisStorage when REDIS_URL is set (several workers), else the database storage."""
    if settings.redis_url:
        from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage

        return RedisStorage.from_url(
            settings.redis_url, key_builder=DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        )
    return DatabaseStorage(db)
