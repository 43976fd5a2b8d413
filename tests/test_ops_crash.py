"""Crash tests: a real bot process (tests/crash_child.py) in the middle of an admin broadcast, a
reminder fan-out and a clerk's batch of status pushes at once, sending through the real aiohttp
client to the fake Bot API server (30 messages in any rolling second, 429 beyond), is SIGKILLed;
a new process resumes through the scheduler role's run. The fake server counts what arrived:
every message exactly once, except where the design cannot know — a message handed to the Bot API
whose answer the dead process never recorded is sent again (at most one per fan-out that was
running), and the test checks that a duplicate happens exactly there and nowhere else.

Figures (duplicates, losses, time to resume) are printed with ``-s``; the README has them."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot.db import Database
from domain.reminders import store
from domain.reminders.models import Delivery
from tests import crash_child as child
from tests.fake_bot_api import LIMIT, FakeBotApi

ROOT = Path(__file__).resolve().parents[1]
PG_STALE = 1.5  # on PostgreSQL the restarted child's stale-claim and no-progress time (60 s and 120 s in production)
TITLES = {"rt2025_deduction_channel": "委托代扣渠道关闭", "rt2025_deduction_application": "提交代扣申请截止"}


async def _spawn(command: str, db_url: str, api_url: str, tmp_path: Path, **env) -> asyncio.subprocess.Process:
    log = open(tmp_path / f"{command}.log", "ab")
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.crash_child", command, db_url, api_url, cwd=ROOT, stdout=log, stderr=log,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CRASH_DATA_DIR": str(tmp_path), **env})


def _delivery_of(params: dict) -> tuple[int, str] | None:
    """(recipient, what) of a message that arrived: 'broadcast', 'push' or a reminder's deadline."""
    chat, text = int(params["chat_id"]), params.get("text", "")
    if text == child.BROADCAST_TEXT:
        return chat, "broadcast"
    if chat in set(child.push_members()):
        return chat, "push"
    if chat in set(child.reminder_clerks()):
        for key, title in TITLES.items():
            if title in text:
                return chat, key
        return chat, "?" + text[:40]
    return None  # the admin's and the clerk's progress messages


def _delivery_of_row(row: Delivery) -> tuple[int, str]:
    kind = row.deadline_key.split(":")[0]
    return row.recipient_id, kind if kind in ("broadcast", "push") else row.deadline_key


def _expected() -> set[tuple[int, str]]:
    return ({(m, "broadcast") for m in child.broadcast_members()} | {(m, "push") for m in child.push_members()}
            | {(c, key) for c in child.reminder_clerks() for key in TITLES})


async def _wait_for(predicate, timeout: float, what: str, proc=None) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if proc is not None and proc.returncode is not None:
            pytest.fail(f"the child ended (code {proc.returncode}) before {what}")
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def _crash_and_resume(tmp_path, db_url: str, api: FakeBotApi, kill_when, stale: float | None = None) -> dict:
    """Start the child, SIGKILL it when ``kill_when(kinds_arrived)`` holds, inspect the delivery
    log it left, restart, and count."""
    url = await api.start()
    t0 = time.monotonic()
    try:
        first = await _spawn("start", db_url, url, tmp_path)
        arrived = Counter()

        def ready() -> bool:
            arrived.clear()
            for params in api.sent:
                d = _delivery_of(params)
                if d:
                    arrived["reminder" if d[1] in TITLES else d[1]] += 1
            return kill_when(arrived)

        await _wait_for(ready, 90, "the deliveries to start", first)
        first.send_signal(signal.SIGKILL)
        assert await asyncio.wait_for(first.wait(), 30) == -signal.SIGKILL
        killed_at, before = time.monotonic(), len(api.sent)
        api.hold = None  # the restarted process's messages are answered
        db = Database(db_url)
        async with db.session() as s:
            left = list((await s.exec(select(Delivery).where(Delivery.status == "sending"))).all())
        await db.dispose()
        on_wire = {_delivery_of_row(r) for r in left if r.detail == store.POSTED}
        arrived_before = Counter(d for d in map(_delivery_of, api.sent[:before]) if d)

        second = await _spawn("resume", db_url, url, tmp_path, **({"CRASH_STALE": str(stale)} if stale else {}))
        code = await asyncio.wait_for(second.wait(), 120)
        assert code == 0, (tmp_path / "resume.log").read_text()[-3000:]
        resumed = [t for t in api.arrived[before:]]
        t_done = time.monotonic()
    finally:
        await api.stop()
    print(f"\nphases: first message {api.arrived[0] - t0:.1f} s, kill {killed_at - t0:.1f} s, "
          f"resumed process done {t_done - t0:.1f} s, server stopped {time.monotonic() - t0:.1f} s")
    got = Counter(d for d in map(_delivery_of, api.sent) if d)
    expected = _expected()
    return {
        "before_kill": sum(arrived_before.values()), "total": len(expected),
        "losses": sorted(expected - set(got)), "unexpected": sorted(set(got) - expected),
        "duplicates": {d: n for d, n in got.items() if n > 1},
        "claims_left": len(left), "on_wire": on_wire,
        "on_wire_arrived": {d for d in on_wire if arrived_before[d]},
        "first_resumed_after": resumed[0] - killed_at if resumed else None,
        "all_after": resumed[-1] - killed_at if resumed else None,
        "max_per_second": api.max_per_second(), "rejected_429": api.rejected, "stale": stale,
    }


def _report(name: str, f: dict) -> None:
    print(f"\n[{name}] {f['total']} deliveries, {f['before_kill']} before the kill; losses {len(f['losses'])}, "
          f"duplicates {sum(n - 1 for n in f['duplicates'].values())}; claims left by the dead process "
          f"{f['claims_left']} ({len(f['on_wire'])} on the wire, {len(f['on_wire_arrived'])} of them had arrived); "
          f"first resumed delivery {f['first_resumed_after']:.1f} s after the kill, last {f['all_after']:.1f} s "
          f"({'stale times ' + str(f['stale']) + ' s' if f['stale'] else 'taken over at start-up'}); "
          f"busiest second {f['max_per_second']} msg, 429 answers {f['rejected_429']}")


def _check(f: dict) -> None:
    assert not f["losses"], f["losses"][:10]
    assert not f["unexpected"], f["unexpected"][:10]
    # the one thing the Bot API cannot tell: a message handed over whose answer never came back. At
    # most one such claim per fan-out (each sends one message at a time; three were running), and a
    # duplicate exactly when that message had in fact arrived
    assert len(f["on_wire"]) <= 3
    assert set(f["duplicates"]) == f["on_wire_arrived"], f
    assert all(n == 2 for n in f["duplicates"].values())
    assert f["max_per_second"] <= LIMIT


def _mid_way(n: Counter) -> bool:
    return n["broadcast"] >= 15 and n["push"] >= 15 and n["reminder"] >= 15


async def test_killed_mid_broadcast_reminders_and_pushes_on_sqlite_resumes_at_once_with_no_loss(tmp_path, monkeypatch):
    """SQLite (one bot process). The kill comes once every kind is under way, at the worst moment
    for one push: the Bot API took it (it arrived) and its answer never came back. The restarted
    process takes over what the dead one held at its first run, sends that push again — the one
    duplicate this design allows, and the delivery log says 'resent' — and everything else once."""
    monkeypatch.setenv("CRASH_COUNTS", "40,10,20")  # 50 broadcast + 40 pushes + 40 reminders
    api = FakeBotApi()
    target = child.push_members()[20]
    api.hold = lambda params: int(params["chat_id"]) == target and params.get("text") != child.BROADCAST_TEXT
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}"
    figures = await _crash_and_resume(tmp_path, db_url, api, lambda n: api.held.is_set() and _mid_way(n))
    _report("SQLite", figures)
    _check(figures)
    assert figures["before_kill"] < figures["total"] - 30  # it was killed in the middle
    assert (target, "push") in figures["on_wire_arrived"] and figures["duplicates"][(target, "push")] == 2
    db = Database(db_url)
    async with db.session() as s:
        row = (await s.exec(select(Delivery).where(Delivery.recipient_id == target,
                                                   Delivery.deadline_key.startswith("push:")))).one()
    await db.dispose()
    assert (row.status, row.detail) == ("sent", store.RESENT)


async def test_killed_mid_way_on_postgresql_resumes_after_the_stale_times(tmp_path, monkeypatch, pg_url):
    """PostgreSQL (several processes may send), killed at a moment nobody chose once every kind is
    under way: the restarted process cannot tell a dead holder from a slow one, so what the dead
    process held waits for the stale times (shortened here)."""
    monkeypatch.setenv("CRASH_COUNTS", "40,10,20")
    figures = await _crash_and_resume(tmp_path, pg_url, FakeBotApi(), _mid_way, stale=PG_STALE)
    _report("PostgreSQL", figures)
    _check(figures)
    assert figures["before_kill"] < figures["total"] - 30


# --- the takeover rules, in one process -------------------------------------------------------------


class _Clock:
    now = 0.0

    def __call__(self):
        return self.now

    async def sleep(self, seconds):
        self.now += seconds


async def _left_behind(url: str, rows: list[tuple[int, str | None]], age_s: float) -> Database:
    """A database where a process that is gone left 'sending' claims (recipient, detail), ``age_s`` old."""
    from datetime import timedelta

    from domain.models import User, utcnow

    db = Database(url)
    await db.upgrade()
    async with db.session() as s:
        for uid, detail in rows:
            s.add(User(id=uid, role="clerk"))
            s.add(Delivery(recipient_id=uid, deadline_key="k", lead="1d", detail=detail,
                           updated_at=utcnow() - timedelta(seconds=age_s)))
        await s.commit()
    await db.dispose()
    return Database(url)  # the restarted process opens the database after the crash


def _sender(db: Database):
    from bot.run.app import build_bot
    from bot.sender import Sender
    from bot.settings import load_settings
    from bot.dev.testing import FakeTelegramSession

    session = FakeTelegramSession()
    clock = _Clock()
    settings = load_settings(redis_url=None)
    return Sender(build_bot(settings, session=session, retry_after=False), db, clock=clock, sleep=clock.sleep), session


async def _text(uid: int) -> str:
    return f"提醒 {uid}"


async def test_on_sqlite_claims_of_a_dead_process_are_taken_over_at_once_and_the_uncertain_one_is_marked(tmp_path):
    db = await _left_behind(f"sqlite+aiosqlite:///{tmp_path / 'r.db'}", [(1, None), (2, store.POSTED)], age_s=2)
    sender, session = _sender(db)
    report = await sender.fan_out("k", "1d", [1, 2, 3], _text)
    assert report.sent == 3 and report.uncertain == 1 and report.skipped == 0
    assert sorted(c.chat_id for c in session.calls if c.method == "sendMessage") == [1, 2, 3]
    async with db.session() as s:
        rows = {r.recipient_id: r for r in (await s.exec(select(Delivery))).all()}
    assert {r.status for r in rows.values()} == {"sent"}
    assert rows[2].detail == store.RESENT and rows[1].detail is None and rows[3].detail is None
    await db.dispose()


async def test_on_postgresql_a_recent_claim_waits_for_the_stale_time(tmp_path, pg_url):
    """Several processes share PostgreSQL: a claim 2 s old may be a live process's; one older than
    STALE is taken over."""
    db = await _left_behind(pg_url, [(1, None), (2, store.POSTED)], age_s=2)
    sender, session = _sender(db)
    report = await sender.fan_out("k", "1d", [1, 2, 3], _text)
    assert report.sent == 1 and report.skipped == 2
    async with db.session() as s:
        await s.exec(update(Delivery).where(Delivery.status == "sending")
                     .values(updated_at=Delivery.updated_at - store.STALE))
        await s.commit()
    report = await sender.fan_out("k", "1d", [1, 2, 3], _text)
    assert report.sent == 2 and report.uncertain == 1 and report.skipped == 1
    assert sorted(c.chat_id for c in session.calls if c.method == "sendMessage") == [1, 2, 3]
    await db.dispose()


async def test_a_delivery_record_that_meets_a_locked_database_is_retried_not_lost(tmp_path, monkeypatch):
    """The message went out: if writing that down meets 'database is locked', the write is retried
    (losing it would send the message again after the stale time)."""
    from sqlalchemy.exc import OperationalError

    db = await _left_behind(f"sqlite+aiosqlite:///{tmp_path / 'r.db'}", [], age_s=0)
    sender, session = _sender(db)
    real_finish, failures = store.finish, [2]

    async def finish(*args, **kwargs):
        if failures[0]:
            failures[0] -= 1
            raise OperationalError("UPDATE reminder_deliveries", {}, Exception("database is locked"))
        return await real_finish(*args, **kwargs)

    monkeypatch.setattr(store, "finish", finish)
    async with db.session() as s:
        from domain.models import User

        s.add(User(id=7, role="clerk"))
        await s.commit()
    report = await sender.fan_out("k", "1d", [7], _text)
    assert report.sent == 1 and failures == [0]
    async with db.session() as s:
        assert [(r.recipient_id, r.status) for r in (await s.exec(select(Delivery))).all()] == [(7, "sent")]
    assert [c.chat_id for c in session.calls if c.method == "sendMessage"] == [7]
    await db.dispose()
