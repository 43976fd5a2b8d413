"""SQLite has one writer at a time: in this process the writers take turns (bot/db.py ``WriteTurns``)
instead of meeting each other in SQLite's busy handler, where a write that waits longer than the
busy timeout fails with 'database is locked'. Checked with a real broadcast fan-out and a member's
card application written while it runs; PostgreSQL has no turns."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlmodel import select

from bot import broadcasts
from bot import db as bot_db
from bot.dev.testing import BotHarness
from domain.broadcasts.models import Broadcast
from domain.cards.models import CardApplication
from domain.models import User
from tests.test_cards import FORM, _step, with_union

MEMBER = 2901
CROWD = range(5000, 5080)
SLOW_ANSWER_S = 1.5  # the member's answer takes this long (a slow Bot API call), inside the write


@pytest.fixture
def short_busy_timeout(monkeypatch):
    """SQLite's busy handler gives up after 0.1 s instead of 5 s: a write that waits in it for
    another connection of this process fails quickly (the same failure, sooner)."""
    real = bot_db._sqlite_pragmas

    def pragmas(dbapi_conn, record) -> None:
        real(dbapi_conn, record)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=100")
        cur.close()

    monkeypatch.setattr(bot_db, "_sqlite_pragmas", pragmas)


async def test_a_handler_write_during_a_broadcast_fan_out_takes_turns(tmp_path, db_url, short_busy_timeout, caplog):
    """The member's confirmation writes the application, then answers through a slow Bot API call
    before its commit; meanwhile a broadcast to 82 people records every delivery. Nobody's write
    meets 'database is locked': on SQLite the fan-out waits for its turn (nothing of it is settled
    while the member's write is open), then sends everyone the message once; on PostgreSQL it goes
    on beside the member's write, as before."""
    caplog.set_level(logging.WARNING)
    async with BotHarness.create(tmp_path, admin_ids="1", database_url=db_url) as h:
        await with_union(h)
        async with h.app.db.session() as s:
            s.add(User(id=1, role="admin", lang="zh"))
            for uid in CROWD:
                s.add(User(id=uid, role="member"))
            await s.commit()
        for item in FORM:
            await _step(h, MEMBER, item)
        await h.send(1, "/broadcast")
        await h.press(1, "所有用户")
        await h.send(1, "周五平台维护")

        real_request = h.session.make_request
        slow = asyncio.Event()
        during: list[int] = []  # broadcast messages sent when the slow answer starts, and when it ends

        def broadcast_sent() -> int:
            return sum(c.method == "sendMessage" and c.text == "周五平台维护" for c in h.session.calls)

        async def make_request(bot, method, timeout=None):
            if method.__api_method__ == "answerCallbackQuery" and slow.is_set():
                slow.clear()
                during.append(broadcast_sent())
                await asyncio.sleep(SLOW_ANSWER_S)
                during.append(broadcast_sent())
            return await real_request(bot, method, timeout)

        h.session.make_request = make_request
        await h.press(1, "发送")  # the fan-out starts in the background
        for _ in range(1000):  # it is under way: its first message has gone out (not a fixed sleep: a busy machine is slower)
            if broadcast_sent():
                break
            await asyncio.sleep(0.005)
        slow.set()
        confirmed = await h.press(MEMBER, "✅ 确认提交")
        await broadcasts.wait_idle()

        assert "KA" in confirmed[-1].text  # the member's reference: the application was written
        total = len(CROWD) + 2  # the crowd, the admin and the member
        assert 0 < during[0] < total  # the member wrote in the middle of the fan-out
        if h.app.db.is_sqlite:
            assert during[1] - during[0] <= 1  # at most the message already claimed went out meanwhile
        else:
            assert during[1] > during[0] + 1
        async with h.app.db.session() as s:
            apps = (await s.exec(select(CardApplication))).all()
            assert [a.user_id for a in apps] == [MEMBER]
            row = (await s.exec(select(Broadcast))).one()
            assert (row.status, row.sent, row.failed, row.total) == ("done", total, 0, total)
        got = [c.chat_id for c in h.session.calls if c.method == "sendMessage" and c.text == "周五平台维护"]
        assert sorted(got) == sorted([1, MEMBER, *CROWD])
        assert not [r for r in caplog.records if "locked" in r.getMessage().lower()
                    or (r.exc_info and "locked" in str(r.exc_info[1]).lower())]


async def test_the_turn_is_given_back_however_a_write_transaction_ends(tmp_path):
    """Committed, rolled back, closed without either, refused by a constraint, or left to the pool:
    the turn goes back every time (a turn kept would stop every writer of the process). Reads take
    none, and a task that holds it does not wait for itself."""
    from sqlalchemy.exc import IntegrityError

    db = bot_db.Database(f"sqlite+aiosqlite:///{tmp_path / 't.db'}")
    await db.upgrade()
    turns = db.write_turns
    try:
        async with db.session() as s:
            s.add(User(id=1, role="member"))
            await s.commit()
        assert not turns.held()
        for end in ("commit", "rollback", "close", "constraint"):
            s = db.session()
            await s.get(User, 1)
            assert not turns.held()  # a read takes no turn
            s.add(User(id=1 if end == "constraint" else 10 + len(end), role="member"))
            if end == "constraint":
                with pytest.raises(IntegrityError):
                    await s.flush()
                await s.rollback()
            else:
                await s.flush()
                assert turns.held()
                # another task's write waits for this one
                other = asyncio.create_task(_write_user(db, 100 + len(end)))
                await asyncio.sleep(0.05)
                assert not other.done()
                if end == "commit":
                    await s.commit()
                elif end == "rollback":
                    await s.rollback()
            await s.close()
            if end != "constraint":
                await asyncio.wait_for(other, 5)
            assert not turns.held(), end
        async with db.session() as outer:
            outer.add(User(id=200, role="member"))
            await outer.flush()
            async with db.write_turn():  # the same task: no wait for itself
                pass
            await outer.commit()
        assert not turns.held()
    finally:
        await db.dispose()


async def _write_user(db, uid: int) -> None:
    async with db.session() as s:
        s.add(User(id=uid, role="member"))
        await s.commit()


async def test_postgresql_has_no_turns(pg_url):
    db = bot_db.Database(pg_url)
    try:
        assert db.write_turns is None
        async with db.write_turn():  # nothing to wait for
            pass
    finally:
        await db.dispose()
