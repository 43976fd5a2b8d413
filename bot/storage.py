"""aiogram FSM storage kept in the bot's database, so forms survive restarts.

Writes made while one update is handled are buffered and flushed in one transaction when the
update is done (``FsmFlushMiddleware``), or at once when the storage is used outside an update.
A process-local read cache avoids a query per update; it is correct while one process owns the
database storage (the embedded default). Several workers use aiogram's RedisStorage instead
(``SealedRedisStorage`` below).

At rest, form data is sealed (``FsmSeal``): the JSON of the data and the moment it was written,
encrypted with the key of the tables (Fernet, ``DATA_KEY``). A half-filled form holds a document
number or a phone, so neither the database files nor a Redis dump may carry it in the clear.
A form nobody touched for ``FORM_TTL_DAYS`` is expired: its data is replaced by a marker
(``take_expired`` tells the member once, the next time they write) by the sweep that runs from
the middleware at most hourly, or at the member's next message, whichever comes first.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.db import Database
from domain.models import FsmRecord, utcnow
from domain.privacy import DataCipher

_batch: ContextVar[dict | None] = ContextVar("fsm_batch", default=None)

DAY = 86_400.0
TOMBSTONE_KEEP = 365 * DAY  # how long "your form expired" is remembered for someone who never returns


@dataclass(frozen=True, slots=True)
class Sealed:
    """What a stored blob holds: the data, when it was written, and whether it is an expiry marker."""

    data: dict
    stamp: float
    expired: bool = False


class FsmSeal:
    """Encrypts FSM data at rest with the tables' key, stamped with the time it was written."""

    def __init__(self, cipher: DataCipher, ttl_days: float = 30, clock=time.time):
        self.cipher = cipher
        self.ttl = ttl_days * DAY if ttl_days else None  # 0 = forms never expire
        self.clock = clock

    def seal(self, data: dict, expired: bool = False) -> str:
        body = {"d": data, "t": round(self.clock(), 3)}
        if expired:
            body["x"] = 1
        return self.cipher.encrypt(json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str))

    def open(self, blob: str | bytes | None) -> Sealed:
        if blob is None:
            return Sealed({}, self.clock())
        if isinstance(blob, bytes):
            blob = blob.decode("utf-8")
        if blob.lstrip().startswith("{"):
            # written before form data was sealed: read it, it is sealed at the next write / sweep
            return Sealed(json.loads(blob), self.clock(), False)
        body = json.loads(self.cipher.decrypt(blob))
        return Sealed(body.get("d") or {}, float(body.get("t") or 0), bool(body.get("x")))

    @staticmethod
    def is_legacy(blob: str | bytes | None) -> bool:
        if isinstance(blob, bytes):
            blob = blob.decode("utf-8", "replace")
        return bool(blob) and blob.lstrip().startswith("{")

    def stale(self, sealed: Sealed) -> bool:
        return self.ttl is not None and not sealed.expired and self.clock() - sealed.stamp > self.ttl


def seal_for(settings) -> FsmSeal:
    return FsmSeal(DataCipher(settings.resolved_data_key()), settings.form_ttl_days)


def key_to_str(key: StorageKey) -> str:
    parts = [str(key.bot_id), str(key.chat_id), str(key.user_id)]
    if key.thread_id:
        parts.append(f"t{key.thread_id}")
    if key.business_connection_id:
        parts.append(f"b{key.business_connection_id}")
    parts.append(key.destiny)
    return ":".join(parts)


class DatabaseStorage(BaseStorage):
    """Cache entries are (state, data, stamp, expired); rows hold the state and the sealed data."""

    def __init__(self, db: Database, seal: FsmSeal, cache_size: int = 10_000):
        self.db = db
        self.seal = seal
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple] = OrderedDict()
        table = FsmRecord.__table__
        self._insert = sqlite_insert(table) if db.is_sqlite else pg_insert(table)
        self._last_sweep = seal.clock()  # the first sweep an hour after start

    # -- cache ---------------------------------------------------------------
    async def _load(self, k: str) -> tuple:
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
        if row:
            opened = self.seal.open(row["data"] if self.db.direct is not None else row.data)
            value = (row["state"] if self.db.direct is not None else row.state, opened.data, opened.stamp,
                     opened.expired)
        else:
            value = (None, {}, self.seal.clock(), False)
        self._remember(k, value)
        return value

    def _remember(self, k: str, value: tuple) -> None:
        self._cache[k] = value
        self._cache.move_to_end(k)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    async def _write(self, k: str, state: str | None, data: dict, expired: bool = False) -> None:
        value = (state, data, self.seal.clock(), expired)
        self._remember(k, value)
        batch = _batch.get()
        if batch is not None:
            batch[k] = value
        else:
            await self._persist({k: value})

    def _row(self, value: tuple) -> tuple[str | None, str | None]:
        """(state, sealed data) to store, or (None, None) when the row is to be deleted."""
        state, data, _stamp, expired = value
        if state is None and not data and not expired:
            return None, None
        return state, self.seal.seal(data, expired=expired)

    async def _persist(self, items: dict[str, tuple]) -> None:
        if not items:
            return
        if self.db.direct is not None:
            rows = [(k, *self._row(value)) for k, value in items.items()]
            async with self.db.write_turn():  # in turn with this process's other writers (bot/db.py)
                await self.db.direct.run(_sqlite_persist, rows, _sqlite_time(utcnow()))
            return
        table = FsmRecord.__table__
        now = utcnow()
        async with self.db.engine.begin() as conn:
            for k, value in items.items():
                state, blob = self._row(value)
                if blob is None:
                    await conn.execute(table.delete().where(table.c.key == k))
                    continue
                stmt = self._insert.values(key=k, state=state, data=blob, updated_at=now)
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
        _, data, _, _ = await self._load(k)
        value = state.state if isinstance(state, State) else state
        await self._write(k, value, data)

    async def get_state(self, key: StorageKey) -> str | None:
        return (await self._load(key_to_str(key)))[0]

    async def set_data(self, key: StorageKey, data: dict[str, Any]) -> None:
        if not isinstance(data, dict):
            raise TypeError("FSM data must be a dict")
        k = key_to_str(key)
        state = (await self._load(k))[0]
        # JSON round trip: stored data must be JSON-serialisable, and callers must not share the dict.
        await self._write(k, state, json.loads(json.dumps(data, ensure_ascii=False, default=str)))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return dict((await self._load(key_to_str(key)))[1])

    async def close(self) -> None:
        self._cache.clear()

    # -- expiry ----------------------------------------------------------------
    async def take_expired(self, key: StorageKey) -> bool:
        """True once when this key's form expired (now or by an earlier sweep): the form is gone."""
        k = key_to_str(key)
        state, data, stamp, expired = await self._load(k)
        if expired or (state is not None or data) and self.seal.stale(Sealed(data, stamp)):
            await self._write(k, None, {})
            return expired or state is not None  # data kept outside a form (a question) lapses quietly
        return False

    def sweep_due(self) -> bool:
        return self.seal.ttl is not None and self.seal.clock() - self._last_sweep >= 3600

    async def sweep(self) -> int:
        """Replace every form untouched for the TTL by an expiry marker; seal rows written in the
        clear by an older version; drop markers older than a year. Returns how many expired.
        Only rows whose ``updated_at`` is old enough (or that are in the clear) are read."""
        from datetime import UTC, datetime

        now = self.seal.clock()
        self._last_sweep = now
        if self.seal.ttl is None:
            return 0
        table = FsmRecord.__table__
        cutoff = datetime.fromtimestamp(now - self.seal.ttl, UTC)
        expired = 0
        async with self.db.engine.begin() as conn:
            rows = (await conn.execute(
                table.select().where((table.c.updated_at < cutoff) | table.c.data.like("{%")))).all()
            for row in rows:
                opened = self.seal.open(row.data)
                if opened.expired:
                    if now - opened.stamp <= TOMBSTONE_KEEP:
                        continue
                    new = None
                elif self.seal.stale(opened):
                    # a form becomes a marker (the member is told); data outside a form just goes
                    new = (None, self.seal.seal({}, expired=True)) if row.state is not None else None
                    expired += row.state is not None
                elif self.seal.is_legacy(row.data):
                    new = (row.state, self.seal.seal(opened.data))
                else:
                    continue
                same = (table.c.key == row.key) & (table.c.data == row.data)  # unless written meanwhile
                if new is None:
                    await conn.execute(table.delete().where(same))
                else:
                    await conn.execute(table.update().where(same).values(state=new[0], data=new[1]))
                self._cache.pop(row.key, None)
        return expired


def _sqlite_time(moment) -> str:
    # The format SQLAlchemy's SQLite DateTime type writes (UTC, no offset).
    return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _sqlite_load(conn, key: str):
    return conn.execute("SELECT state, data FROM fsm_state WHERE key = ?", (key,)).fetchone()


_UPSERT = (
    "INSERT INTO fsm_state (key, state, data, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET state = excluded.state, data = excluded.data, updated_at = excluded.updated_at"
)


def _sqlite_persist(conn, rows: list[tuple[str, str | None, str | None]], now: str) -> None:
    # data None = the key has no state and no data: delete its row
    if len(rows) == 1:  # the usual case: one statement is its own transaction (autocommit)
        key, state, data = rows[0]
        if data is None:
            conn.execute("DELETE FROM fsm_state WHERE key = ?", (key,))
        else:
            conn.execute(_UPSERT, (key, state, data, now))
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for key, state, data in rows:
            if data is None:
                conn.execute("DELETE FROM fsm_state WHERE key = ?", (key,))
            else:
                conn.execute(_UPSERT, (key, state, data, now))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class SealedRedisStorage:
    """Mixin over aiogram's RedisStorage: the data key holds the sealed data (encrypted, stamped).

    The state key stays as aiogram writes it (a state name is not personal). Data written in the
    clear by an older version is read and sealed at the next write or sweep."""

    seal: FsmSeal

    async def set_data(self, key: StorageKey, data: dict[str, Any]) -> None:
        # Empty data is written too (sealed, small) so that a form's stamp is there from its first
        # step. Every data key expires a day after the form TTL in any case (the sweep or the next
        # message turn it into a marker first, normally).
        await self.redis.set(self.key_builder.build(key, "data"),
                             self.seal.seal(json.loads(json.dumps(data, default=str))), ex=self.data_ttl)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        opened = self.seal.open(await self.redis.get(self.key_builder.build(key, "data")))
        return {} if opened.expired else dict(opened.data)

    async def take_expired(self, key: StorageKey) -> bool:
        data_key = self.key_builder.build(key, "data")
        blob = await self.redis.get(data_key)
        if blob is None:
            return False
        opened = self.seal.open(blob)
        if opened.expired or self.seal.stale(opened):
            state_key = self.key_builder.build(key, "state")
            state = None if opened.expired else await self.redis.get(state_key)
            await self.redis.delete(data_key, state_key)
            return opened.expired or state is not None  # data outside a form lapses quietly
        return False

    def sweep_due(self) -> bool:
        return self.seal.ttl is not None and self.seal.clock() - self._last_sweep >= 3600

    async def sweep(self) -> int:
        """As DatabaseStorage.sweep, over the data keys (SCAN); a key written meanwhile is left."""
        from redis.exceptions import WatchError

        self._last_sweep = self.seal.clock()
        if self.seal.ttl is None:
            return 0
        expired = 0
        async for raw_key in self.redis.scan_iter(match=f"{self.key_builder.prefix}:*:data", count=500):
            blob = await self.redis.get(raw_key)
            if blob is None:
                continue
            opened = self.seal.open(blob)
            if opened.expired:
                continue
            state_key = raw_key[:-4] + (b"state" if isinstance(raw_key, bytes) else "state")
            tomb = self.seal.stale(opened)
            if tomb and not await self.redis.exists(state_key):
                new, ttl, tomb = None, None, False  # data outside a form: just goes
            elif tomb:
                new, ttl = self.seal.seal({}, expired=True), int(TOMBSTONE_KEEP)
            elif self.seal.is_legacy(blob):
                new, ttl = self.seal.seal(opened.data), self.data_ttl
            else:
                continue
            async with self.redis.pipeline(transaction=True) as pipe:
                try:
                    await pipe.watch(raw_key)
                    if await pipe.get(raw_key) != blob:
                        continue
                    pipe.multi()
                    if new is None:
                        pipe.delete(raw_key)
                    else:
                        pipe.set(raw_key, new, ex=ttl)
                    if tomb:
                        pipe.delete(state_key)
                    await pipe.execute()
                    expired += tomb
                except WatchError:  # the member wrote in between: leave it
                    continue
        return expired


def sealed_redis_storage(redis, seal: FsmSeal):
    """aiogram's RedisStorage with the data sealed (same keys as before)."""
    from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisStorage

    cls = type("SealedRedis", (SealedRedisStorage, RedisStorage), {})
    storage = cls(redis=redis, key_builder=DefaultKeyBuilder(with_bot_id=True, with_destiny=True),
                  state_ttl=int(seal.ttl + DAY) if seal.ttl else None,
                  data_ttl=int(seal.ttl + DAY) if seal.ttl else None)
    storage.seal = seal
    storage._last_sweep = seal.clock()
    return storage


def build_storage(settings, db: Database) -> BaseStorage:
    """Sealed RedisStorage when REDIS_URL is set (several workers), else the database storage."""
    if settings.redis_url:
        from redis.asyncio import Redis

        return sealed_redis_storage(Redis.from_url(settings.redis_url), seal_for(settings))
    return DatabaseStorage(db, seal_for(settings))
