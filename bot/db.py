"""Async database engine and sessions (SQLite + aiosqlite by default, PostgreSQL + asyncpg)."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sqlite3
import weakref
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.util import await_only
from sqlalchemy.util.concurrency import in_greenlet
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session
from sqlmodel import Session as SQLModelSession
from sqlmodel.ext.asyncio.session import AsyncSession

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"
_REVISION = re.compile(r"^revision(?:\s*:[^=]+)?\s*=\s*[\"']([^\"']+)[\"']", re.M)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(.+)$", re.M)


def script_heads() -> set[str] | None:
    """The migration heads, read from the ``revision`` / ``down_revision`` lines of
    ``migrations/versions`` without importing Alembic (0.5-1 s of imports); None when a file does not
    read that way, and Alembic decides."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(source), _DOWN.search(source)
        if rev is None or down is None:
            return None
        revisions.add(rev.group(1))
        parents |= set(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return revisions - parents or None


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


class WriteTurns:
    """SQLite lets one connection write at a time. The writers of this process (handlers' sessions,
    the fan-outs' delivery log, pushes, the FSM storage's direct thread) take turns here, on the event
    loop, from the first write of a transaction to its end, instead of meeting each other in SQLite's
    busy handler: there a write waits in its driver thread while the transaction holding the lock may
    be waiting for a slow Bot API call (a handler answers before the middleware commits), and gives
    up after the busy timeout with 'database is locked'; and while it waits, the loop thread can block
    on that connection's mutex (garbage collection of one of its cursors) and stall everything.

    The busy timeout still covers the writers this process does not see (the CLI, another process,
    APScheduler's job store). A task that already holds the turn on another connection (a nested
    session) does not wait for itself: SQLite decides, as before. PostgreSQL has no turns."""

    TAG = "unionbot_write_turn"  # in a connection record's info while that connection holds the turn
    WAIT_S = 30.0  # the longest a write waits for its turn before it gives up ('database is locked')

    def __init__(self):
        self._loops: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # loop -> [lock, holder task]

    def _state(self) -> list:
        loop = asyncio.get_running_loop()
        state = self._loops.get(loop)
        if state is None:
            state = self._loops[loop] = [asyncio.Lock(), None]
        return state

    async def acquire(self) -> tuple | None:
        """Wait for the turn; returns the token to release, or None when this task holds it already."""
        state = self._state()
        task = asyncio.current_task()
        if task is not None and state[1] is task:
            return None
        try:
            async with asyncio.timeout(self.WAIT_S):
                await state[0].acquire()
        except TimeoutError:
            raise sqlite3.OperationalError(f"database is locked (waited {self.WAIT_S:.0f} s for a write turn)") from None
        state[1] = task
        return (asyncio.get_running_loop(), state)

    def held(self) -> bool:
        """Whether a writer of this loop holds the turn now."""
        return self._state()[0].locked()

    @staticmethod
    def release(token: tuple) -> None:
        loop, state = token

        def free() -> None:
            state[1] = None
            state[0].release()

        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            free()
        elif not loop.is_closed():  # a connection given back from another thread (garbage collection)
            loop.call_soon_threadsafe(free)

    @contextlib.asynccontextmanager
    async def turn(self):
        """One write outside the async engine (the FSM storage's direct thread) in its turn."""
        token = await self.acquire()
        try:
            yield
        finally:
            if token is not None:
                self.release(token)

    # --- the async engine's connections --------------------------------------------------------
    _WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"})

    @classmethod
    def _writes(cls, statement: str) -> bool:
        words = statement.lstrip().split(None, 1)
        first = words[0].upper() if words else ""
        if first == "WITH":  # a CTE in front of a write
            return any(w in statement.upper() for w in ("INSERT ", "UPDATE ", "DELETE "))
        return first in cls._WRITES

    def attach(self, sync_engine) -> None:
        event.listen(sync_engine, "before_cursor_execute", self._before_execute)
        event.listen(sync_engine, "commit", self._end)
        event.listen(sync_engine, "rollback", self._end)
        event.listen(sync_engine.pool, "checkin", self._checkin)

    def _before_execute(self, conn, _cursor, statement, _params, _context, _many) -> None:
        if self.TAG in conn.info or not self._writes(statement) or not in_greenlet():
            return
        token = await_only(self.acquire())
        if token is not None:
            conn.info[self.TAG] = token

    def _end(self, conn) -> None:
        # fired just before the driver's COMMIT / ROLLBACK: a writer woken now may meet the lock for
        # the moment that takes, in SQLite's busy handler, while this one finishes without the loop
        token = conn.info.pop(self.TAG, None)
        if token is not None:
            self.release(token)

    def _checkin(self, _dbapi_conn, record) -> None:
        token = record.info.pop(self.TAG, None)  # returned to the pool without a commit or rollback
        if token is not None:
            self.release(token)


def sync_url(url: str) -> str:
    """The same database for synchronous drivers (APScheduler's job store)."""
    u = make_url(url)
    if u.drivername.startswith("sqlite"):
        return u.set(drivername="sqlite").render_as_string(hide_password=False)
    return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


class TrackedSession(SQLModelSession):
    """Session that remembers whether it wrote anything, and which users' rows it touched."""


def _mark_flush(session: Session, _ctx) -> None:
    session.info["writes"] = True
    from domain.models import User

    touched = session.info.setdefault("user_ids", set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, User):
            touched.add(obj.id)


def _mark_execute(state) -> None:
    if not state.is_select:
        state.session.info["writes"] = True
        state.session.info["bulk"] = True


def _outbox_committed(session: Session) -> None:
    # outbox rows (domain/outbox.py) became durable: the session's owner starts their delivery
    if session.info.pop("outbox", False):
        session.info["outbox_committed"] = True


def _outbox_rolled_back(session: Session) -> None:
    session.info.pop("outbox", None)  # the rows went with the transaction: nothing to deliver


event.listen(TrackedSession, "after_flush", _mark_flush)
event.listen(TrackedSession, "after_commit", _outbox_committed)
event.listen(TrackedSession, "after_rollback", _outbox_rolled_back)
event.listen(TrackedSession, "do_orm_execute", _mark_execute)


class UserRowCache:
    """Process-local cache of user rows for the embedded SQLite default (one process owns the file).

    Entries are dropped when a session flushes a change to that user (before and after commit),
    and the whole cache when a bulk UPDATE/DELETE statement runs.
    """

    def __init__(self, max_size: int = 50_000):
        self.rows: dict[int, dict] = {}
        self.max_size = max_size

    def get(self, user_id: int) -> dict | None:
        return self.rows.get(user_id)

    def put(self, user_id: int, row: dict) -> None:
        if len(self.rows) >= self.max_size:
            self.rows.clear()
        self.rows[user_id] = row

    def drop(self, user_id: int) -> None:
        """A write made outside the update path (the console's /as, a CLI): read the row again."""
        self.rows.pop(user_id, None)

    def forget(self, session: Session) -> None:
        if session.info.get("bulk"):
            self.rows.clear()
        for user_id in session.info.get("user_ids", ()):
            self.rows.pop(user_id, None)


class SqliteDirect:
    """A dedicated thread with its own sqlite3 connection for the per-update hot path.

    Through aiosqlite every statement (BEGIN, INSERT, COMMIT, pool reset) is a thread hop; here a
    whole read, or a whole write transaction, is one hop. Writes wait for SQLite's lock in this
    thread, never on the event loop, so they cannot deadlock with the async engine's transactions.
    """

    def __init__(self, path: str):
        self.path = path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-direct")
        self._conn: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            _sqlite_pragmas(conn, None)
            self._conn = conn
        return self._conn

    def _call(self, fn, args):
        return fn(self._connection(), *args)

    async def run(self, fn, *args):
        """Run ``fn(connection, *args)`` in the database thread."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._call, fn, args)

    def close(self) -> None:
        def _close():
            if self._conn is not None:
                self._conn.close()
                self._conn = None

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)


class Database:
    """Owns the engine; hands out sessions; runs migrations."""

    def __init__(self, url: str, echo: bool = False):
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.drivername.startswith("sqlite")
        kwargs: dict = {"echo": echo}
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        # SQLite: one writer at a time, and this process's writers take turns (WriteTurns)
        self.write_turns: WriteTurns | None = WriteTurns() if self.is_sqlite else None
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            self.write_turns.attach(self.engine.sync_engine)
        self.sessionmaker = async_sessionmaker(
            self.engine, class_=AsyncSession, sync_session_class=TrackedSession, expire_on_commit=False
        )
        file_db = self.is_sqlite and parsed.database not in (None, "", ":memory:")
        self.direct: SqliteDirect | None = SqliteDirect(parsed.database) if file_db else None
        self.user_cache: UserRowCache | None = UserRowCache() if file_db else None
        from domain.models import utcnow

        self.opened_at = utcnow()

    def orphaned_before(self):
        """Work claimed before this moment belongs to no live process, or None when that cannot be
        known. SQLite is one bot process by construction (bot/ops/leader.py): whatever a delivery or a
        broadcast was left holding before this process opened the database, a process that is gone
        held it, and it is taken over at once instead of after the stale times. On PostgreSQL
        several processes send, so the stale times decide."""
        return self.opened_at if self.is_sqlite else None

    def session(self) -> AsyncSession:
        return self.sessionmaker()

    def write_turn(self):
        """A write made outside the async engine (``direct``) waits for its turn; nothing on PostgreSQL."""
        return self.write_turns.turn() if self.write_turns is not None else contextlib.nullcontext()

    def alembic_config(self) -> Config:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        return cfg

    async def upgrade(self, revision: str = "heads") -> None:
        """Apply migrations (every feature branch head). A database already at every head (each start
        after the first) is left as it is without loading Alembic."""
        if revision == "heads" and await self._at_heads():
            return
        from alembic import command

        cfg = self.alembic_config()

        def run(connection) -> None:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

        async with self.engine.begin() as conn:
            await conn.run_sync(run)

    async def _at_heads(self) -> bool:
        heads = script_heads()
        if not heads:
            return False
        try:
            async with self.engine.connect() as conn:
                rows = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
        except Exception:  # noqa: BLE001 - no version table yet (a new database): Alembic creates it
            return False
        return set(rows) == heads

    async def current_heads(self) -> set[str]:
        from alembic.runtime.migration import MigrationContext

        async with self.engine.connect() as conn:
            return await conn.run_sync(lambda c: set(MigrationContext.configure(c).get_current_heads()))

    async def dispose(self) -> None:
        if self.direct is not None:
            self.direct.close()
            self.direct = None
        await self.engine.dispose()
