"""Reminder settings, unit events and deadlines in chat (fake Telegram, no network)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from domain.models import User
from domain.reminders.models import Subscription, UnitEvent, UnitPrograms
from domain.repos import create_invite, create_unit

TZ = ZoneInfo("Asia/Shanghai")


async def _clerk(harness, uid: int, unit_name: str = "某某公司工会", level: str = "grassroots") -> int:
    async with harness.app.db.session() as s:
        unit = await create_unit(s, unit_name, level=level)
        invite = await create_invite(s, unit.id, None)
        await s.commit()
        unit_id = unit.id
    await harness.send(uid, f"/start {invite.code}")
    return unit_id


async def test_reminder_settings_programs_leads_and_unit(harness):
    unit_id = await _clerk(harness, 700)
    out = await harness.send(700, "/reminders")
    assert "跟随本单位" in out[0].text and "互助保障" in out[0].text
    out = await harness.press(700, "✅ 互助保障")  # switch mutual aid off for me
    assert "⬜ 互助保障" in [b["text"] for b in out[-1].buttons]
    await harness.press(700, "✅ 7天")
    async with harness.app.db.session() as s:
        sub = await s.get(Subscription, 700)
        assert "mutual_aid" not in sub.programs.split(",") and "retiree" in sub.programs
        assert sub.leads == "3d,1d,morning,2h"
    await harness.press(700, "改为跟随本单位项目")
    await harness.press(700, "本单位参加的项目")
    await harness.press(700, "✅ 退休住院计划")  # the unit leaves the retiree plan
    async with harness.app.db.session() as s:
        assert (await s.get(Subscription, 700)).programs == "unit"
        assert "retiree" not in (await s.get(UnitPrograms, unit_id)).programs
    out = await harness.press(700, "返回")
    assert "退休住院计划" not in out[-1].text.split("项目：")[1].split("\n")[0]  # follows the unit now
    await harness.press(700, "关闭全部提醒")
    async with harness.app.db.session() as s:
        assert (await s.get(Subscription, 700)).active is False


async def test_members_see_their_own_settings_and_cannot_touch_programs(harness):
    out = await harness.send(710, "/reminders")
    assert "银行网点" in out[0].text
    assert not any("互助保障" in b["text"] for b in out[0].buttons)
    out = await harness.press_data(710, "rem:prog:mutual_aid")  # a forged button
    assert any("仅供经办人" in (c.params.get("text") or "") for c in harness.answers())
    out = await harness.send(710, "/events")
    assert "仅供经办人" in out[0].text


async def test_record_and_undo_a_unit_event(harness):
    unit_id = await _clerk(harness, 720)
    out = await harness.send(720, "/events")
    assert "还没有记录" in out[0].text
    await harness.press(720, "互助保障 · 已提交参保清册")
    day = (datetime.now(TZ) - timedelta(days=2)).date()
    out = await harness.send(720, "2026-99-01")
    assert "没看懂这个日期" in out[0].text  # state kept: try again
    future = (datetime.now(TZ) + timedelta(days=3)).date()
    out = await harness.send(720, future.isoformat())
    assert "还没到" in out[0].text
    out = await harness.send(720, day.isoformat())
    due = (day + timedelta(days=15)).isoformat()
    assert "已记录" in out[0].text and f"{due} 23:59" in out[0].text
    out = await harness.send(720, "/deadlines")
    assert f"{due} 23:59" in out[0].text and "本单位" in out[0].text
    async with harness.app.db.session() as s:
        event_id = (await s.exec(select(UnitEvent.id).where(UnitEvent.unit_id == unit_id))).one()
    out = await harness.send(720, "/events")
    assert f"#{event_id} 互助保障 · 已提交参保清册" in out[0].text
    out = await harness.press(720, f"撤销 #{event_id}")
    assert "已撤销" in out[0].text
    async with harness.app.db.session() as s:
        row = (await s.exec(select(UnitEvent).where(UnitEvent.unit_id == unit_id))).one()
        assert row.undone_at is not None and row.undone_by == 720
    out = await harness.send(720, "/deadlines")
    assert f"{due} 23:59" not in out[0].text


async def test_events_offered_follow_the_clerks_level_and_programs(harness):
    await _clerk(harness, 740)  # grassroots
    out = await harness.send(740, "/events")
    offered = [b["text"] for b in out[0].buttons]
    assert "➕ 记录：社保卡即时参保 · 已点击“获取社保卡和就业状态”" in offered
    assert "➕ 记录：互助保障 · 已上传缴费凭证" in offered
    await _clerk(harness, 741, "某某区总工会", level="district")
    offered = [b["text"] for b in (await harness.send(741, "/events"))[0].buttons]
    assert not any("社保卡即时参保" in b for b in offered) and any("退休住院计划" in b for b in offered)
    # a review result is a day to look, not a cut-off
    await harness.press(740, "互助保障 · 已上传缴费凭证")
    await harness.press(740, "今天")
    text = (await harness.send(740, "/events"))[0].text
    assert "起：缴费凭证审核应已完成（10 个工作日内）" in text and "截止" not in text.split("已上传缴费凭证")[1]


async def test_today_button_records_now(harness):
    await _clerk(harness, 730)
    await harness.send(730, "/events")
    await harness.press(730, "退休住院计划 · 已提交代扣申请")
    out = await harness.press(730, "今天")
    assert "已记录" in out[0].text and "代扣受理单" in out[0].text


async def test_clerk_without_unit_is_told_how_to_link(harness):
    async with harness.app.db.session() as s:
        s.add(User(id=740, role="clerk", mode="clerk"))
        await s.commit()
    out = await harness.send(740, "/events")
    assert "邀请链接" in out[0].text


async def test_admin_loads_a_calendar_in_chat(harness):
    from pathlib import Path

    shipped = (Path(__file__).resolve().parents[1] / "domain" / "data" / "calendar" / "2025.yaml").read_text(encoding="utf-8")
    out = await harness.send(5, "/calendar")
    assert "只有管理员" in out[0].text
    out = await harness.send(1, "/calendar")
    assert "2023, 2025" in out[0].text
    bad = shipped.replace("2025", "2027").replace("due: 2027-06-04 16:00", "due: 2027-06-31 16:00")
    out = await harness.send_document(1, content=bad.encode(), file_name="2027.yaml")
    # the line of the wrong field, in the admin's language
    assert "没有任何改动" in out[0].text and "第 15 行：due 应写成 YYYY-MM-DD HH:MM，而不是 '2027-06-31 16:00'" in out[0].text
    assert not (harness.app.settings.calendar_folder / "2027.yaml").exists()
    good = shipped.replace("2025", "2027").replace("2026", "2028")
    out = await harness.send_document(1, content=good.encode(), file_name="2027.yaml")
    assert "已导入 2027 年度日历" in out[0].text
    assert (harness.app.settings.calendar_folder / "2027.yaml").exists()


async def test_admin_gets_a_draft_edits_it_and_loads_it(harness):
    from domain.calendar import load_calendar

    year = datetime.now(TZ).year + 1
    out = await harness.send(1, "/calendar")
    out = await harness.press(1, f"📝 下载 {year} 年度日历草稿")
    (doc,) = [o for o in out if o.file_name]
    assert doc.file_name == f"{year}-draft.yaml" and "draft: true" in doc.file_bytes.decode()
    comment = [line for line in doc.file_bytes.decode().splitlines() if line.startswith("#")]
    assert comment[0] == f"# {year} 保障年度日历草稿：由以往年度的日期顺延推算。"  # the admin's language
    assert "DRAFT" not in doc.file_bytes.decode() and "days_off / working_weekends" in comment[1]
    out = await harness.send_document(1, content=doc.file_bytes, file_name=doc.file_name)
    assert "没有任何改动" in out[0].text and "draft" in out[0].text  # not loadable as it is
    checked = doc.file_bytes.decode().replace("draft: true\n", "")
    out = await harness.send_document(1, content=checked.encode(), file_name=doc.file_name)
    assert f"已导入 {year} 年度日历" in out[0].text
    assert {d.protection_year for d in load_calendar(harness.app.settings.calendar_folder).deadlines} >= {year}
    # an admin who reads English gets the comment in English
    async with harness.app.db.session() as s:
        from domain.models import User

        (await s.get(User, 1)).lang = "en"
        await s.commit()
    await harness.send(1, "/calendar")
    out = await harness.press(1, f"Download a {year + 1} calendar draft")  # {year} is loaded now
    (doc,) = [o for o in out if o.file_name]
    assert doc.file_bytes.decode().startswith(f"# DRAFT calendar for protection year {year + 1}, carried over")
    assert "草稿" not in doc.file_bytes.decode().split("draft: true")[0]
    # a forged draft button from a non-admin is refused
    from aiogram.types import Message as Msg

    from handlers.calendar_admin import CalCb

    await harness.send(5, "/start")
    msg = Msg.model_validate(harness.session.sent_to(5)[0].result, context={"bot": harness.bot})
    before = len([c for c in harness.session.calls if c.method == "sendDocument"])
    await harness.feed(harness.updates.callback(5, CalCb(year=year).pack(), msg))
    assert "只有管理员" in (harness.answers()[-1].params.get("text") or "")
    assert len([c for c in harness.session.calls if c.method == "sendDocument"]) == before


async def test_console_tick_runs_the_reminder_job_once_at_a_given_moment(tmp_path):
    """The console does not start the scheduler; /tick shows what a run at that moment sends."""
    import io

    from bot.dev.console import Console
    from bot.db import Database
    from bot.settings import load_settings

    settings = load_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", data_dir=tmp_path,
                             redis_url=None)
    db = Database(settings.database_url)
    await db.upgrade()
    async with db.session() as s:
        unit = await create_unit(s, "某某工会")
        invite = await create_invite(s, unit.id, None)
        await s.commit()
    await db.dispose()
    out = io.StringIO()
    await Console(settings, 900, "zh", out=out).run(
        [f"/start {invite.code}", "/tick 2025-05-31 15:05", "/tick 2025-05-31 15:06", "/tick soon"])
    text = out.getvalue()
    first, second = text.split("you (900): /tick 2025-05-31 15:06")
    # two hours before the 17:00 deduction-channel cut-off, to the clerk, once
    assert "截止提醒：委托代扣渠道关闭，截止 2025-05-31 17:00" in first
    assert "[reminder run at 2025-05-31 15:05: 2 sent]" in first
    assert "[reminder run at 2025-05-31 15:06: 0 sent]" in second and "截止提醒" not in second
    assert "[usage: /tick [YYYY-MM-DD HH:MM]]" in second


async def test_done_on_a_cut_off_reminder_stops_it_for_the_whole_unit(harness):
    """One clerk of the unit presses "done" on the 7-day reminder of the unit's payment: neither clerk
    gets the 3-day, 1-day or morning ones; another unit's clerk still does."""
    from bot import scheduler as sched
    from bot.sender import Sender
    from domain.reminders import store

    class Clock:
        now = 0.0

        def __call__(self):
            return self.now

        async def sleep(self, seconds):
            self.now += seconds

    def at(text):
        return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)

    unit_id = await _clerk(harness, 750)
    async with harness.app.db.session() as s:
        invite = await create_invite(s, unit_id, None)
        await s.commit()
    await harness.send(751, f"/start {invite.code}")  # a second clerk of the same unit
    other_unit = await _clerk(harness, 760, "另一家公司工会")
    async with harness.app.db.session() as s:
        for unit in (unit_id, other_unit):
            await store.record_event(s, unit, "mutual_aid", "roster_submitted", at("2026-11-20 12:00"), 750,
                                     now=at("2026-11-20 12:00"))
        await s.commit()
    clock = Clock()
    sched._runtime.update(bot=harness.bot, db=harness.app.db, settings=harness.app.settings,
                          sender=Sender(harness.bot, harness.app.db, clock=clock, sleep=clock.sleep))
    try:
        assert await sched.dispatch_due(at("2026-11-29 08:00")) == 3  # the 7-day reminders
        await harness.press(750, "已办妥")
        assert "本单位的经办人都不会再收到" in harness.answers()[-1].params.get("text", "")
        # 3 days before (23:59 is quiet hours: 08:00 next morning): the other unit only
        assert await sched.dispatch_due(at("2026-12-03 08:00")) == 1
        assert await sched.dispatch_due(at("2026-12-05 08:00")) == 1
        late = [c.chat_id for c in harness.session.calls if c.method == "sendMessage" and "截止 2026-12-05" in (c.text or "")]
        assert sorted(late) == [750, 751, 760, 760, 760]
    finally:
        sched._runtime.clear()


async def test_admin_reminder_log_sums_the_delivery_log(harness):
    from domain.reminders.models import Delivery

    async with harness.app.db.session() as s:
        for uid in (801, 802, 803):
            s.add(Delivery(recipient_id=uid, deadline_key="rt2025_deduction_channel", lead="2h", status="sent"))
        s.add(Delivery(recipient_id=804, deadline_key="rt2025_deduction_channel", lead="2h", status="failed",
                       detail="blocked"))
        s.add(Delivery(recipient_id=801, deadline_key="ma2023_payment_15_days@e3", lead="3d", status="dismissed"))
        s.add(Delivery(recipient_id=805, deadline_key="card12-collect", lead="3d", status="sent"))
        await s.commit()
    out = await harness.send(5, "/reminderlog")
    assert "只有管理员" in out[0].text
    text = (await harness.send(1, "/reminderlog"))[0].text
    assert "委托代扣渠道关闭（下午截止前2小时）：已发送 3，失败 1" in text
    assert "提交清册后 15 天内缴费并上传凭证（3天）：已点“办妥” 1" in text
    assert "会员服务卡领取提醒（申请 #12）（3天）：已发送 1" in text


async def test_a_members_deadlines_show_the_card_waiting_at_the_bank(harness):
    from domain.cards.models import CardApplication
    from domain.models import utcnow
    from domain.reminders import store

    await harness.send(2200, "/start")
    out = await harness.send(2200, "/deadlines")
    assert "目前没有需要会员本人办理" in out[0].text
    async with harness.app.db.session() as s:
        app = CardApplication(ref="KA77", user_id=2200, kind="flexible", name="张三", doc_type="resident_id",
                              doc_enc="x", doc_hash="h77", doc_masked="m", expiry="长期", mobile_enc="x",
                              mobile_masked="m", address="a", union_name="u", branch="浦东支行", outlet="陆家嘴网点",
                              bank_phone_enc="x", channel="normal", status="issued", updated_at=utcnow())
        s.add(app)
        await s.commit()
        key = f"card{app.id}-collect"
    out = await harness.send(2200, "/deadlines")
    assert "您的会员服务卡已记录为已办卡（申请 KA77）" in out[0].text and "浦东支行 · 陆家嘴网点" in out[0].text
    async with harness.app.db.session() as s:
        await store.dismiss(s, 2200, key, ["3d", "10d"])  # what the reminder's "done" button does
    out = await harness.send(2200, "/deadlines")
    assert "目前没有需要会员本人办理" in out[0].text
