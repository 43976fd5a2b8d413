"""Exactly one scheduler: the PostgreSQL advisory-lock role, in process and as real processes
(kill -9 the holder: the standby takes over; no reminder lost or doubled). On SQLite the role
simply runs."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from bot.db import Database
from bot.ops.leader import SchedulerRole, lock_key, upgrade_locked
from bot.settings import load_settings
from tests.ops_support import JOB_DDL

ROOT = Path(__file__).resolve().parents[1]
UNIONBOT = Path(sys.executable).parent / "unionbot"
TOKEN = "123456:TEST-scheduler_token"


class Recorder:
    """A start function that records what the role does with it."""

    def __init__(self):
        self.started = 0
        self.stopped = 0

    async def __call__(self, bot, db, settings):
        self.started += 1
        recorder = self

        class Handle:
            def shutdown(self, wait=True):
                recorder.stopped += 1

        return Handle()


async def wait_for(predicate, what: str, limit: float = 30.0):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while loop.time() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"gave up waiting: {what}")


async def test_on_sqlite_the_role_simply_runs(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    rec = Recorder()
    role = SchedulerRole(None, db, None, entry=rec)
    task = asyncio.create_task(role.run())
    await wait_for(role.leader.is_set, "leader on SQLite")
    assert rec.started == 1
    role.stop()
    await task
    assert rec.stopped == 1 and not role.leader.is_set()
    await db.dispose()


async def test_one_leader_the_other_takes_over_when_it_stops_or_loses_its_connection(pg_url):
    dbs = [Database(pg_url) for _ in range(2)]
    recs = [Recorder(), Recorder()]
    key = lock_key("test:scheduler")
    roles = [SchedulerRole(None, db, None, entry=rec, retry=0.05, heartbeat=0.1, key=key) for db, rec in zip(dbs, recs)]
    tasks = [asyncio.create_task(r.run()) for r in roles]
    try:
        await wait_for(lambda: any(r.leader.is_set() for r in roles), "a leader")
        await asyncio.sleep(0.3)  # the standby has retried several times meanwhile
        assert sum(r.leader.is_set() for r in roles) == 1
        first = 0 if roles[0].leader.is_set() else 1
        other = 1 - first

        # 1. the holder's database connection is killed: it stops its scheduler, the other takes over
        server_pid = roles[first].lock.conn.get_server_pid()
        admin = await asyncpg.connect(make_url(pg_url).set(drivername="postgresql").render_as_string(False))
        await admin.execute("SELECT pg_terminate_backend($1)", server_pid)
        await admin.close()
        await wait_for(lambda: roles[other].leader.is_set(), "takeover after connection loss")
        await wait_for(lambda: recs[first].stopped == 1, "old holder stops its scheduler")
        assert recs[other].started == 1

        # 2. the new holder stops cleanly: the first one (a standby again) takes over
        roles[other].stop()
        await tasks[other]
        await wait_for(lambda: recs[first].started == 2, "takeover after a clean stop")
        assert recs[other].stopped == 1
    finally:
        for r in roles:
            r.stop()
        await asyncio.gather(*tasks, return_exceptions=True)
        for db in dbs:
            await db.dispose()


async def test_workers_starting_together_migrate_once(pg_url):
    dbs = [Database(pg_url) for _ in range(3)]
    try:
        await asyncio.gather(*(upgrade_locked(db) for db in dbs))
        from alembic.script import ScriptDirectory

        heads = set(ScriptDirectory.from_config(dbs[0].alembic_config()).get_heads())
        assert await dbs[0].current_heads() == heads
    finally:
        for db in dbs:
            await db.dispose()


def _scheduler(pg_url: str, log_path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "REDIS_", "LOG_"))}
    env.update(DATABASE_URL=pg_url, BOT_TOKEN=TOKEN, TELEGRAM_API_URL="http://127.0.0.1:9", LOG_JSON="true",
               PYTHONPATH=str(ROOT))
    with log_path.open("w") as log:  # the child has its own copy of the file
        return subprocess.Popen(
            [str(UNIONBOT), "scheduler", "--entry", "tests.ops_support:start_job", "--retry", "0.2", "--heartbeat", "0.5"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log,
        )


async def test_killing_the_scheduler_process_hands_over_to_the_standby(pg_url, tmp_path):
    dsn = make_url(pg_url).set(drivername="postgresql").render_as_string(False)
    db = Database(pg_url)
    await upgrade_locked(db)
    await db.dispose()
    conn = await asyncpg.connect(dsn)
    for ddl in JOB_DDL:
        await conn.execute(ddl)
    procs = [_scheduler(pg_url, tmp_path / "a.log"), _scheduler(pg_url, tmp_path / "b.log")]
    try:
        async def connected(p) -> bool:
            return bool(await conn.fetchval("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
                                            f"unionbot-scheduler-{p.pid}"))

        for _ in range(1200):  # both roles are up: one holds the lock, the other polls it
            if await connected(procs[0]) and await connected(procs[1]):
                break
            await asyncio.sleep(0.05)
        assert await connected(procs[0]) and await connected(procs[1]), (tmp_path / "a.log").read_text()[-2000:]
        count = 100  # one reminder due every 40 ms over 4 s
        await conn.execute(
            "INSERT INTO ops_reminders (due_at) SELECT now() + (i * interval '40 milliseconds') "
            "FROM generate_series(1, $1) i", count,
        )

        async def delivered_by(pid: int) -> int:
            return await conn.fetchval("SELECT count(*) FROM ops_deliveries WHERE pid = $1", pid)

        for _ in range(600):
            if await conn.fetchval("SELECT count(*) FROM ops_deliveries") >= 5:
                break
            await asyncio.sleep(0.02)
        holder = await conn.fetchval("SELECT min(pid) FROM ops_deliveries")
        a, b = procs if procs[0].pid == holder else procs[::-1]
        assert await delivered_by(b.pid) == 0  # a standby does nothing
        a.send_signal(signal.SIGKILL)
        a.wait(timeout=10)
        killed_at = await conn.fetchval("SELECT now()")
        for _ in range(1200):
            if await conn.fetchval("SELECT count(*) FROM ops_reminders WHERE sent_by IS NULL") == 0:
                break
            await asyncio.sleep(0.05)
        rows = await conn.fetch("SELECT reminder_id, count(*) AS n, min(pid) AS pid FROM ops_deliveries GROUP BY reminder_id")
        assert len(rows) == count, f"lost: {count - len(rows)}\n" + (tmp_path / "b.log").read_text()[-2000:]
        assert all(r["n"] == 1 for r in rows), "a reminder was delivered twice"
        assert {r["pid"] for r in rows} == {a.pid, b.pid}, "the standby should have taken over mid-way"
        after = await conn.fetchval("SELECT count(*) FROM ops_deliveries WHERE at > $1 AND pid <> $2", killed_at, b.pid)
        assert after == 0
        b.send_signal(signal.SIGTERM)
        assert b.wait(timeout=20) == 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        await conn.close()


async def test_a_scheduler_that_fails_to_start_releases_the_role(pg_url):
    calls = []

    async def broken(bot, db, settings):
        calls.append(1)
        raise RuntimeError("scheduler bug")

    dbs = [Database(pg_url) for _ in range(2)]
    rec = Recorder()
    key = lock_key("test:broken")
    first = SchedulerRole(None, dbs[0], None, entry=broken, retry=0.05, heartbeat=0.1, key=key, start_backoff=30)
    task = asyncio.create_task(first.run())
    await wait_for(lambda: calls, "the broken start")
    second = SchedulerRole(None, dbs[1], None, entry=rec, retry=0.05, heartbeat=0.1, key=key)
    task2 = asyncio.create_task(second.run())
    try:
        await wait_for(second.leader.is_set, "the healthy process takes the role")
        assert rec.started == 1 and not first.leader.is_set() and len(calls) == 1
    finally:
        first.stop()
        second.stop()
        await asyncio.gather(task, task2)
        for db in dbs:
            await db.dispose()
