"""Status pushes go through the outbox: written with the change, delivered after the commit, once,
by the shared sender; a clerk's action returns before its pushes are sent; a process killed after
the commit leaves nothing undelivered and nothing twice."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, update
from sqlmodel import select

from bot import pushes
from domain import outbox
from domain.cards import service
from domain.models import User, utcnow
from domain.privacy import DataCipher
from domain.reminders.models import Delivery
from domain.repos import create_unit
from tests.ops_support import seed_card_applications

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 24)


def _pushes_to(harness, members) -> Counter:
    return Counter(c.chat_id for c in harness.calls
                   if c.method == "sendMessage" and c.chat_id in members and "状态更新" in (c.text or "") and c.result)


async def _clerk_and_members(harness, count: int) -> tuple[int, list[int]]:
    async with harness.app.db.session() as s:
        unit = await create_unit(s, "推送测试工会")
        s.add(User(id=900, role="clerk", unit_id=unit.id))
        await s.commit()
        members = await seed_card_applications(s, DataCipher("test-data-key"), unit.name, count, first_user=10_000)
        await s.commit()
    return 900, members


async def test_no_push_when_the_transaction_rolls_back(harness):
    clerk_id, members = await _clerk_and_members(harness, 3)
    async with harness.app.db.session() as s:
        clerk = await s.get(User, clerk_id)
        changes = await service.run_check(s, clerk, TODAY)
        assert len(changes) == 3 and s.sync_session.info.get("outbox")
        await s.rollback()
        assert not s.sync_session.info.get("outbox_committed")  # nothing for the push engine
    report = await pushes.deliver_pending(harness.bot, harness.app.db)
    assert report.sent == 0 and not _pushes_to(harness, set(members))
    async with harness.app.db.session() as s:
        assert (await s.exec(select(func.count()).select_from(outbox.OutboxMessage))).one() == 0
    # the same change committed: every member is told once, and a second pass sends nothing more
    async with harness.app.db.session() as s:
        await service.run_check(s, await s.get(User, clerk_id), TODAY)
        await s.commit()
        assert s.sync_session.info.pop("outbox_committed")
    await pushes.deliver_pending(harness.bot, harness.app.db)
    await pushes.deliver_pending(harness.bot, harness.app.db)
    assert _pushes_to(harness, set(members)) == Counter({m: 1 for m in members})


async def test_a_failing_update_sends_nothing(harness):
    """A handler that wrote the change and its pushes, then failed: rolled back, nothing pushed."""
    from domain.cards.models import CardApplication
    from handlers import card_clerk

    clerk_id, members = await _clerk_and_members(harness, 2)
    await harness.send(clerk_id, "/applications")
    original = card_clerk.show_list

    async def broken(*args, **kwargs):
        raise RuntimeError("after the check, before the commit")

    card_clerk.show_list = broken
    try:
        await harness.press(clerk_id, "🔎 提交系统校验")
    finally:
        card_clerk.show_list = original
    assert not _pushes_to(harness, set(members))
    async with harness.app.db.session() as s:
        assert (await s.exec(select(func.count()).select_from(outbox.OutboxMessage))).one() == 0
        statuses = (await s.exec(select(CardApplication.status))).all()
    assert set(statuses) == {"pending"}


async def test_the_clerk_gets_the_answer_before_the_pushes_and_sees_their_progress(harness):
    """The handler returns once the database is written: here Telegram holds every push until the
    clerk's update is finished, and the update still returns. Then the pushes drain, once each,
    and the clerk's progress message ends at 'done'."""
    clerk_id, members = await _clerk_and_members(harness, 60)
    gate = asyncio.Event()
    original = harness.session.make_request
    member_set = set(members)

    async def gated(bot, method, timeout=None):
        if method.__api_method__ == "sendMessage" and method.chat_id in member_set:
            await gate.wait()
        return await original(bot, method, timeout)

    harness.session.make_request = gated
    await harness.send(clerk_id, "/applications")
    call = harness.last_with_buttons(clerk_id)
    data = [b for b in call.buttons if "系统校验" in b["text"]][0]["callback_data"]
    from aiogram.types import Message

    msg = Message.model_validate(call.result, context={"bot": harness.bot})
    await asyncio.wait_for(harness.dp.feed_update(harness.bot, harness.updates.callback(clerk_id, data, msg)), 60)
    assert "系统校验完成：通过 60 人" in "\n".join(harness.replies(clerk_id))
    assert not _pushes_to(harness, member_set)  # none sent yet, the clerk has the answer
    async with harness.app.db.session() as s:
        group = (await s.exec(select(outbox.OutboxGroup))).one()
        assert (group.total, group.owner_id) == (60, clerk_id)
    gate.set()
    await pushes.wait_idle()
    assert _pushes_to(harness, member_set) == Counter({m: 1 for m in members})
    progress = [c for c in harness.calls if c.chat_id == clerk_id and c.method in ("sendMessage", "editMessageText")
                and ("正在通知成员" in (c.text or "") or "已发送完毕" in (c.text or ""))]
    assert progress and "已发送完毕" in progress[-1].text and "已发送 60" in progress[-1].text
    assert "剩余 0" in progress[-1].text


async def test_a_push_batch_killed_after_the_commit_is_delivered_exactly_once_after_restart(tmp_path):
    """A child process checks 120 applications (commit), starts pushing them and is SIGKILLed
    after 40 messages. A new process's pass (the scheduler role's run) delivers the rest; every
    member has the message exactly once across both processes."""
    from bot.dev.testing import BotHarness

    db_file = tmp_path / "crash.db"
    record = tmp_path / "sent.txt"
    async with BotHarness.create(tmp_path, database_url=f"sqlite+aiosqlite:///{db_file}") as h:
        clerk_id, members = await _clerk_and_members(h, 120)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-c", "from tests.ops_support import push_batch_child; push_batch_child()",
                            str(db_file), str(record), str(clerk_id), "40"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr[-3000:]
    first = [int(line) for line in record.read_text().split()]
    assert len(first) == 40 and len(set(first)) == 40
    async with BotHarness.create(tmp_path, database_url=f"sqlite+aiosqlite:///{db_file}") as h:
        async with h.app.db.session() as s:
            # the 41st push was claimed when the process died; a minute later the claim is stale
            await s.exec(update(Delivery).where(Delivery.status == "sending")
                            .values(updated_at=utcnow() - timedelta(minutes=5)))
            await s.commit()
        from bot import scheduler

        scheduler.attach(h.bot, h.app.db, h.app.settings)
        await scheduler.dispatch_due()
        await pushes.wait_idle()
        second = [c.chat_id for c in h.calls if c.method == "sendMessage" and c.chat_id in set(members)]
        async with h.app.db.session() as s:
            group = (await s.exec(select(outbox.OutboxGroup))).one()
            left = (await s.exec(select(func.count()).select_from(outbox.OutboxMessage)
                                 .where(outbox.OutboxMessage.done_at == None))).one()  # noqa: E711
    assert Counter(first + second) == Counter({m: 1 for m in members})
    assert left == 0 and group.sent == 120 and group.finished_at is not None
