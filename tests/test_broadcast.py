"""Admin /broadcast: audience, preview, one message each through the shared sender, progress edits,
403s counted as failures, stop, and resume after a process died half-way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot.sender import Sender, set_shared_sender
from domain.broadcasts.models import Broadcast
from domain.models import User, utcnow
from domain.reminders.models import Delivery
from bot import broadcasts as broadcast


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    async def sleep(self, seconds):
        self.now += seconds


@pytest.fixture
async def crowd(harness):
    """Admin 1, 40 members (2000-2039) and 20 clerks (3000-3019); a sender on a fake clock."""
    async with harness.app.db.session() as s:
        s.add(User(id=1, role="admin", lang="zh"))
        for uid in range(2000, 2040):
            s.add(User(id=uid, role="member"))
        for uid in range(3000, 3020):
            s.add(User(id=uid, role="clerk"))
        await s.commit()
    clock = Clock()
    set_shared_sender(Sender(harness.bot, harness.app.db, clock=clock, sleep=clock.sleep))
    yield harness
    await broadcast.wait_idle()


def _received(harness, text: str) -> list[int]:
    return [c.chat_id for c in harness.session.calls if c.method == "sendMessage" and c.text == text and c.result]


async def _compose(harness, audience_button: str, text: str):
    await harness.send(1, "/broadcast")
    await harness.press(1, audience_button)
    return await harness.send(1, text)


async def test_only_admins_broadcast(crowd):
    out = await crowd.send(2000, "/broadcast")
    assert "只有管理员" in out[0].text


async def test_everyone_gets_it_once_and_progress_is_edited(crowd):
    text = "各位好：<b>本周五</b>平台维护 & 暂停服务。"
    out = await _compose(crowd, "所有用户", text)
    assert "共 61 人" in out[0].text and "&lt;b&gt;" in out[0].text  # 60 + the admin; shown as typed
    await crowd.press(1, "发送")
    await broadcast.wait_idle()
    got = _received(crowd, "各位好：&lt;b&gt;本周五&lt;/b&gt;平台维护 &amp; 暂停服务。")
    assert sorted(got) == sorted([1, *range(2000, 2040), *range(3000, 3020)])  # once each
    edits = [c for c in crowd.session.calls if c.method == "editMessageText" and c.chat_id == 1]
    assert edits and "已完成" in edits[-1].text and "已发送 61" in edits[-1].text and "剩余 0" in edits[-1].text
    async with crowd.app.db.session() as s:
        row = (await s.exec(select(Broadcast))).one()
        assert (row.status, row.sent, row.failed, row.total) == ("done", 61, 0, 61)


async def test_the_admins_formatting_is_kept(crowd):
    """Bold and a link typed with Telegram's formatting arrive as such (HTML from the entities)."""
    from aiogram.types import MessageEntity

    await crowd.send(1, "/broadcast")
    await crowd.press(1, "仅会员")
    text = "周五 维护，详见通知 & 公告"
    entities = [MessageEntity(type="bold", offset=0, length=2),
                MessageEntity(type="text_link", offset=6, length=4, url="https://example.org/n?a=1&b=2")]
    out = await crowd.send_update(1, crowd.updates.message(1, text, "zh", entities=entities))
    html = '<b>周五</b> 维护，<a href="https://example.org/n?a=1&amp;b=2">详见通知</a> &amp; 公告'
    assert out[0].text.endswith(html)  # the preview shows it as it will arrive
    await crowd.press(1, "发送")
    await broadcast.wait_idle()
    assert sorted(_received(crowd, html)) == list(range(2000, 2040))


async def test_members_only_and_blocked_users_count_as_failed(crowd):
    crowd.session.blocked.add(2000)
    await _compose(crowd, "仅会员", "会员通知")
    await crowd.press(1, "发送")
    await broadcast.wait_idle()
    got = _received(crowd, "会员通知")
    assert len(got) == 39 and not set(got) & set(range(3000, 3020))  # clerks excluded; one blocked
    edits = [c for c in crowd.session.calls if c.method == "editMessageText"]
    assert "失败 1" in edits[-1].text
    async with crowd.app.db.session() as s:
        assert (await s.get(User, 2000)).active is False  # the 403 marked them inactive


async def test_bad_text_keeps_the_form_and_cancel_sends_nothing(crowd):
    out = await _compose(crowd, "仅经办人", "长" * 4000)
    assert "超过了 3500 字" in out[0].text
    out = await crowd.send(1, "短一点的通知")
    assert "共 21 人" in out[0].text  # 20 clerks + the admin
    await crowd.press(1, "取消")
    assert _received(crowd, "短一点的通知") == []


async def test_stop_button(crowd):
    await _compose(crowd, "所有用户", "停止测试")
    await crowd.press(1, "发送")  # the fan-out starts as a task; it has not run yet
    await crowd.press(1, "停止")
    await broadcast.wait_idle()
    got = _received(crowd, "停止测试")
    assert len(got) == 25  # it looks at the stop flag every 25 recipients
    async with crowd.app.db.session() as s:
        row = (await s.exec(select(Broadcast))).one()
    assert (row.status, row.sent) == ("cancelled", 25)
    edits = [c for c in crowd.session.calls if c.method == "editMessageText"]
    assert "已停止" in edits[-1].text and "剩余 36" in edits[-1].text


async def test_resume_after_the_process_died(crowd):
    bot, db = crowd.bot, crowd.app.db
    async with db.session() as s:
        row = Broadcast(author_id=1, audience="all", text="恢复测试", total=61)
        s.add(row)
        await s.commit()
        bid = row.id
    recipients = [1, *range(2000, 2040), *range(3000, 3020)]
    clock = Clock()
    first = Sender(bot, db, clock=clock, sleep=clock.sleep)

    async def text_for(_uid):
        return "恢复测试"

    await first.fan_out(broadcast.key_of(bid), broadcast.LEAD, recipients, text_for, stop_after=25)  # then it died
    assert await broadcast.resume_unfinished(bot, db) == 0  # not stale yet: maybe still running elsewhere
    async with db.session() as s:
        await s.exec(update(Broadcast).values(updated_at=utcnow() - timedelta(minutes=5)))
        await s.commit()
    assert await broadcast.resume_unfinished(bot, db) == 1
    await broadcast.wait_idle()
    got = _received(crowd, "恢复测试")
    assert sorted(got) == sorted(recipients)  # each exactly once across both processes
    async with db.session() as s:
        row = await s.get(Broadcast, bid)
        assert (row.status, row.sent) == ("done", 61)
        assert len((await s.exec(select(Delivery).where(Delivery.deadline_key == f"broadcast:{bid}"))).all()) == 61
