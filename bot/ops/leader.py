"""Exactly one scheduler: the scheduler role, guarded by a PostgreSQL advisory lock.

Every process that may run reminders (``unionbot scheduler``, and webhook/polling processes with
EMBEDDED_SCHEDULER=true) runs ``SchedulerRole``. On PostgreSQL it opens ONE dedicated connection
and calls ``pg_try_advisory_lock(key)``:

* the holder starts the scheduler (``bot.scheduler.start_scheduler(bot, db, settings)``) and
  checks its connection every ``heartbeat`` seconds; if the check fails it stops the scheduler at
  once and becomes a standby again;
* a standby retries every ``retry`` seconds. A session-level advisory lock belongs to the
  connection, so when the holder dies (killed, crashed, host gone) PostgreSQL releases it as soon
  as the connection closes and a standby takes over within about ``retry`` seconds. For a holder
  whose host vanishes without closing the socket, the connection asks the server for TCP
  keepalives (5 s idle, 2 s interval, 3 probes), so the server drops it after ~11 s.

On SQLite (one process by construction) the role simply runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib
import inspect
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.engine import make_url

from bot.ops import metrics

log = logging.getLogger(__name__)

DEFAULT_ENTRY = "bot.scheduler:start_scheduler"


def lock_key(name: str = "unionbot:scheduler") -> int:
    """A stable signed 64-bit advisory lock key for a role name."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def asyncpg_dsn(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class AdvisoryLock:
    """A session-level ``pg_try_advisory_lock`` on a dedicated asyncpg connection."""

    def __init__(self, database_url: str, key: int, connect_timeout: float = 5.0):
        self.dsn = asyncpg_dsn(database_url)
        self.key = key
        self.connect_timeout = connect_timeout
        self.conn = None

    async def try_acquire(self) -> bool:
        import asyncpg

        if self.conn is None or self.conn.is_closed():
            self.conn = await asyncpg.connect(
                self.dsn, timeout=self.connect_timeout,
                server_settings={
                    "application_name": f"unionbot-scheduler-{os.getpid()}",
                    "tcp_keepalives_idle": "5", "tcp_keepalives_interval": "2", "tcp_keepalives_count": "3",
                },
            )
        got = await self.conn.fetchval("SELECT pg_try_advisory_lock($1)", self.key)
        return bool(got)

    async def alive(self, timeout: float) -> bool:
        """Heartbeat: the lock is ours as long as this connection answers."""
        if self.conn is None or self.conn.is_closed():
            return False
        try:
            held = await asyncio.wait_for(
                self.conn.fetchval(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                    "AND granted AND ((classid::bigint << 32) | objid::bigint) = $1", self.key,
                ),
                timeout,
            )
        except Exception:
            return False
        return bool(held)

    async def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is None or conn.is_closed():
            return
        try:
            await asyncio.wait_for(conn.fetchval("SELECT pg_advisory_unlock($1)", self.key), 2)
            await asyncio.wait_for(conn.close(), 2)
        except Exception:
            conn.terminate()


StartFn = Callable[..., Awaitable[Any]]


def load_entry(entry: str = DEFAULT_ENTRY) -> StartFn:
    """``module:function`` (a module that is not there is an error, not a switched-off feature)."""
    module_name, _, attr = entry.partition(":")
    return getattr(importlib.import_module(module_name), attr or "start_scheduler")


async def stop_handle(handle: Any) -> None:
    """Stop what a start function returned: an APScheduler scheduler, a task, or an object with
    ``stop``/``close``/``shutdown`` (sync or async)."""
    if handle is None:
        return
    if isinstance(handle, asyncio.Task):
        handle.cancel()
        try:
            await handle
        except (asyncio.CancelledError, Exception):
            pass
        return
    for name in ("shutdown", "stop", "close"):
        fn = getattr(handle, name, None)
        if fn is None:
            continue
        try:
            result = fn(wait=False) if name == "shutdown" and "wait" in inspect.signature(fn).parameters else fn()
        except Exception:
            log.exception("scheduler %s failed", name)
            return
        if inspect.isawaitable(result):
            await result
        return


class SchedulerRole:
    """Runs the scheduler while (and only while) this process holds the role."""

    def __init__(self, bot, db, settings, entry: str | StartFn = DEFAULT_ENTRY, retry: float = 1.0,
                 heartbeat: float = 2.0, key: int | None = None, start_backoff: float = 30.0):
        self.bot = bot
        self.db = db
        self.settings = settings
        self.entry = entry
        self.retry = retry
        self.heartbeat = heartbeat
        self.start_backoff = start_backoff
        self._start_failed = False
        self.key = key if key is not None else lock_key()
        self.stop_event = asyncio.Event()
        self.leader = asyncio.Event()  # set while this process runs the scheduler
        self.terms = 0  # how many times this process became the leader
        self.handle: Any = None
        self.lock: AdvisoryLock | None = None

    def _start_fn(self) -> StartFn:
        return load_entry(self.entry) if isinstance(self.entry, str) else self.entry

    async def _start(self) -> None:
        start = self._start_fn()
        self.terms += 1
        self.leader.set()
        metrics.SCHEDULER_LEADER.set(1)
        self.handle = await start(self.bot, self.db, self.settings)
        log.info("scheduler started (pid %s)", os.getpid())

    async def _stop(self) -> None:
        handle, self.handle = self.handle, None
        if self.leader.is_set():
            await stop_handle(handle)
            log.info("scheduler stopped (pid %s)", os.getpid())
        self.leader.clear()
        metrics.SCHEDULER_LEADER.set(0)

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.stop_event.wait(), seconds)
        except TimeoutError:
            pass

    async def run(self) -> None:
        if self.db.is_sqlite:
            try:
                await self._start()
            except Exception:  # the bot keeps answering; the log says reminders are not running
                log.exception("the scheduler failed to start")
            try:
                await self.stop_event.wait()
            finally:
                await self._stop()
            return
        lock = self.lock = AdvisoryLock(self.db.url, self.key)
        announced = False
        try:
            while not self.stop_event.is_set():
                try:
                    got = await lock.try_acquire()
                except Exception as exc:
                    log.warning("scheduler lock: database unreachable (%s); retrying", type(exc).__name__)
                    await lock.close()
                    await self._sleep(self.retry)
                    continue
                if not got:
                    if not announced:
                        log.info("scheduler standby (pid %s): another process holds the role", os.getpid())
                        announced = True
                    await self._sleep(self.retry)
                    continue
                announced = False
                log.info("scheduler role acquired (pid %s)", os.getpid())
                failed = False
                try:
                    try:
                        await self._start()
                    except Exception:
                        log.exception("the scheduler failed to start; releasing the role, retrying in %s s",
                                      self.start_backoff)
                        failed = self._start_failed = True
                    while not failed and not self.stop_event.is_set():
                        await self._sleep(self.heartbeat)
                        if self.stop_event.is_set():
                            break
                        if not await lock.alive(timeout=max(1.0, self.heartbeat)):
                            log.error("scheduler lock lost (database connection failed); standing by")
                            failed = True  # back off: a standby with a working connection goes first
                            break
                finally:
                    await self._stop()
                    await lock.close()
                if failed:
                    await self._sleep(self.start_backoff if self._start_failed else max(5 * self.retry, self.heartbeat))
                    self._start_failed = False
        finally:
            await lock.close()

    def stop(self) -> None:
        self.stop_event.set()


def start_role_task(bot, db, settings, **kwargs) -> tuple[SchedulerRole, asyncio.Task]:
    """Run the role in the background of a webhook/polling process (EMBEDDED_SCHEDULER)."""
    role = SchedulerRole(bot, db, settings, **kwargs)
    task = asyncio.create_task(role.run(), name="scheduler-role")
    return role, task


async def stop_role_task(role: SchedulerRole, task: asyncio.Task, timeout: float = 10.0) -> None:
    role.stop()
    try:
        await asyncio.wait_for(task, timeout)
    except TimeoutError:
        task.cancel()
    except Exception:
        log.exception("scheduler role ended with an error")


async def upgrade_locked(db, timeout: float = 300.0) -> None:
    """``db.upgrade()``, serialised across processes on PostgreSQL (workers starting together
    would otherwise race to create the same tables). On SQLite: a plain upgrade."""
    if db.is_sqlite:
        await db.upgrade()
        return
    import asyncpg

    key = lock_key("unionbot:migrations")
    conn = await asyncpg.connect(asyncpg_dsn(db.url), timeout=10)
    try:
        await asyncio.wait_for(conn.execute("SELECT pg_advisory_lock($1)", key), timeout)
        try:
            await db.upgrade()
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", key)
    finally:
        await conn.close()
