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
    finally:
        await api.stop()
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


KILL_MID_WAY = staticmethod(lambda n: n["broadcast"] >= 15 and n["push"] >= 15 and n["reminder"] >= 15)


async def test_killed_mid_broadcast_reminders_and_pushes_resumes_with_no_loss(tmp_path, monkeypatch):
    """SQLite (one bot process): killed at a moment nobody chose, once every kind is under way. The
    restarted process takes over what the dead one held at its first run: no loss, and a duplicate
    only where the dead process had a message on the wire that had arrived."""
    monkeypatch.setenv("CRASH_COUNTS", "100,20,50")  # 120 broadcast + 100 pushes + 100 reminders
    figures = await _crash_and_resume(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}", FakeBotApi(),
                                      KILL_MID_WAY.__func__)
    _report("SQLite, random moment", figures)
    _check(figures)
    assert figures["before_kill"] < figures["total"] - 30  # it was killed in the middle


async def test_killed_mid_way_on_postgresql_resumes_after_the_stale_times(tmp_path, monkeypatch, pg_url):
    """PostgreSQL (several processes may send): the restarted process cannot tell a dead holder
    from a slow one, so what the dead process held waits for the stale times (shortened here)."""
    monkeypatch.setenv("CRASH_COUNTS", "60,15,30")
    figures = await _crash_and_resume(tmp_path, pg_url, FakeBotApi(), KILL_MID_WAY.__func__, stale=PG_STALE)
    _report("PostgreSQL, random moment", figures)
    _check(figures)
    assert figures["before_kill"] < figures["total"] - 30


async def test_killed_with_a_message_on_the_wire_sends_it_once_more_and_nothing_else_twice(tmp_path, monkeypatch):
    """The worst moment: the Bot API took a push (it arrived) and the process dies before the
    answer is recorded. The delivery log says 'posted'; the restarted process sends it again — the
    one duplicate this design allows — and everything else exactly once."""
    monkeypatch.setenv("CRASH_COUNTS", "40,5,10")
    api = FakeBotApi()
    target = child.push_members()[20]
    api.hold = lambda params: int(params["chat_id"]) == target and params.get("text") != child.BROADCAST_TEXT
    figures = await _crash_and_resume(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'crash.db'}", api,
                                      lambda n: api.held.is_set())
    _report("message on the wire", figures)
    _check(figures)
    assert (target, "push") in figures["on_wire_arrived"]
    assert figures["duplicates"].get((target, "push")) == 2
