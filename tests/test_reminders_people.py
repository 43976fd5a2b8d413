"""Who gets which reminder: levels, programs, lead times, per-unit events, members' card reminders,
downtime and calendars loaded by an admin. Time is always given, never waited for."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot import scheduler as sched
from bot.db import Database
from bot.dev.testing import FakeTelegramSession
from bot.run.app import build_bot
from bot.sender import Sender
from bot.settings import load_settings
from domain.calendar import CalendarError, load_all, load_calendar, save_calendar
from domain.cards.models import CardApplication
from domain.models import Unit, User
from domain.reminders import store
from domain.reminders.audience import make_person
from domain.reminders.events import check_event_time, event_kinds, rules_for, unit_deadlines
from domain.reminders.member import card_collect_rule, card_due
from domain.reminders.models import Delivery, Subscription, UnitEvent
from domain.reminders.planning import latest_due, plan_for
from domain.repos import DomainError
from ui.deadline_render import deadline_note
from ui.i18n import BoundTranslator, get_translator

TZ = ZoneInfo("Asia/Shanghai")
SHIPPED_2025 = Path(__file__).resolve().parents[1] / "domain" / "data" / "calendar" / "2025.yaml"


def at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    async def sleep(self, seconds):
        self.now += seconds


# --- pure rules -----------------------------------------------------------------------------------


def test_relative_deadline_from_an_event_and_its_undo():
    _, rules = load_all()
    ev = UnitEvent(id=7, unit_id=3, program="mutual_aid", event="roster_submitted", occurred_at=at("2023-06-10 15:00"))
    (d,) = unit_deadlines(rules, [ev])
    assert d.due == at("2023-06-25 23:59") and d.unit_id == 3 and d.id == "ma2023_payment_15_days@e7"
    en = BoundTranslator(get_translator(), "en")
    assert "2023" not in deadline_note(en, d)  # same year as its rule: no remark
    later = UnitEvent(id=8, unit_id=3, program="mutual_aid", event="roster_submitted", occurred_at=at("2026-11-20 12:00"))
    (d2,) = unit_deadlines(rules, [later])
    assert d2.due == at("2026-12-05 23:59") and "2023" in deadline_note(en, d2)  # counted by the latest known rule, said so
    # the remark follows the calendar's note, worded by the catalogs (locales/*/reminders.ftl)
    zh = BoundTranslator(get_translator(), "zh")
    assert deadline_note(zh, d2) == d2.note["zh"] + "按 2023 年度日历的规则计算。"
    assert deadline_note(en, d2) == d2.note["en"] + " Counted by the rule of the 2023 calendar."
    later.undone_at = at("2026-11-21 09:00")
    assert unit_deadlines(rules, [later]) == []
    assert ("mutual_aid", "roster_submitted") in event_kinds(rules) and ("retiree", "deduction_applied") in event_kinds(rules)
    assert [r.id for r in rules_for(rules, "retiree", "deduction_applied", at("2025-05-30 10:00"))] == ["rt2025_receipt_form"]


def test_event_dates_must_be_real():
    now = at("2026-11-24 10:00")
    assert check_event_time(at("2026-11-25 10:00"), now) == "events.future"
    assert check_event_time(at("2025-11-01 10:00"), now) == "events.too_old"
    assert check_event_time(at("2026-11-24 09:00"), now) is None


def test_levels_programs_and_unit_choice():
    deadlines, _ = load_all()
    by_id = {d.id: d for d in deadlines}
    district_only, grassroots_only = by_id["mp2023_district_submit"], by_id["mp2023_grassroots_payment"]
    mutual = by_id["ma2023_collective_window"]
    grassroots = make_person(1, "zh", "clerk", "clerk", 5, "grassroots", None, None, None, None)
    district = make_person(2, "zh", "clerk", "clerk", 6, "district", None, None, None, None)
    member = make_person(3, "zh", "member", None, None, None, None, None, None, None)
    assert grassroots.wants(grassroots_only) and not grassroots.wants(district_only)
    assert district.wants(district_only) and not district.wants(grassroots_only)
    assert not member.wants(mutual) and not member.wants(grassroots_only)
    # the unit takes part in mutual aid only: its clerks follow that until they choose their own
    follower = make_person(4, "zh", "clerk", "clerk", 5, "grassroots", True, "unit", None, "mutual_aid")
    assert follower.wants(mutual) and not follower.wants(grassroots_only)
    own = make_person(5, "zh", "clerk", "clerk", 5, "grassroots", True, "member_protection", None, "mutual_aid")
    assert own.wants(grassroots_only) and not own.wants(mutual)
    off = make_person(6, "zh", "clerk", "clerk", 5, "grassroots", False, None, None, None)
    assert not off.wants(mutual)


def test_personal_lead_times_and_openings():
    due = at("2025-05-31 17:00")
    assert [p.lead for p in plan_for(due, ("7d", "3d", "1d", "morning", "2h"))] == ["7d", "3d", "1d", "morning", "2h"]
    assert [p.lead for p in plan_for(due, ("1d",))] == ["1d"]  # 2 h before afternoon cut-offs switched off
    opens = plan_for(at("2025-07-01 00:00"), ("7d",), kind="opens")
    assert [(p.lead, p.send_at) for p in opens] == [("open", at("2025-07-01 08:00"))]  # not at midnight
    planned = plan_for(due, ("7d", "3d", "1d"))
    # the bot was down from before the 7-day to after the 3-day reminder: one message, the latest
    assert latest_due(planned, due, at("2025-05-29 09:00")).lead == "3d"
    assert latest_due(planned, due, at("2025-05-31 17:00")) is None  # deadline reached: dropped
    assert latest_due(opens, at("2025-07-01 00:00"), at("2025-07-02 12:00"), "opens").lead == "open"  # still worth saying


def test_card_collection_timing():
    rule = card_collect_rule()
    issued = at("2026-11-02 16:30")
    assert card_due(issued, at("2026-11-05 09:59"), rule) is None
    assert card_due(issued, at("2026-11-05 10:00"), rule).lead == "3d"
    assert card_due(issued, at("2026-11-13 10:00"), rule).lead == "10d"
    assert card_due(issued, issued + timedelta(days=31), rule) is None  # gave up


# --- the scheduler with a database ------------------------------------------------------------------


@pytest.fixture
async def world(tmp_path):
    """Two units (grassroots 1 with clerks 10 and 11, grassroots 2 with clerk 20), a district union 3 with
    clerk 30, and member 40; a fake Telegram and a sender on a fake clock."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}")
    await db.upgrade()
    async with db.session() as s:
        for uid, name, level in ((1, "甲工会", "grassroots"), (2, "乙工会", "grassroots"), (3, "某区总工会", "district")):
            s.add(Unit(id=uid, name=name, level=level))
        await s.flush()
        for uid, unit in ((10, 1), (11, 1), (20, 2), (30, 3)):
            s.add(User(id=uid, role="clerk", mode="clerk", unit_id=unit, lang="zh"))
        s.add(User(id=40, role="member", lang="en"))
        await s.commit()
    session = FakeTelegramSession()
    settings = load_settings(data_dir=tmp_path, redis_url=None)
    bot = build_bot(settings, session=session, retry_after=False)
    clock = Clock()
    sched._runtime.update(bot=bot, db=db, settings=settings, sender=Sender(bot, db, clock=clock, sleep=clock.sleep))
    yield db, session
    sched._runtime.clear()
    await db.dispose()


def _sent(session) -> list:
    return [c for c in session.calls if c.method == "sendMessage"]


async def test_a_recorded_event_reminds_that_units_clerks_and_undo_cancels(world):
    db, tg = world
    async with db.session() as s:
        ev = await store.record_event(s, 1, "mutual_aid", "roster_submitted", at("2026-11-20 12:00"), 10,
                                      now=at("2026-11-20 12:00"))
        await s.commit()
    # due 2026-12-05 23:59; the 7-day reminder: 11-28 23:59 is quiet hours -> 11-29 08:00
    assert await sched.dispatch_due(at("2026-11-29 07:59")) == 0
    assert await sched.dispatch_due(at("2026-11-29 08:00")) == 2
    assert await sched.dispatch_due(at("2026-11-29 08:01")) == 0  # once
    texts = {c.chat_id: c.text for c in _sent(tg)}
    assert set(texts) == {10, 11}  # unit 1 only: not unit 2, not the district union
    assert "2026-12-05 23:59" in texts[10] and "2026-11-20" in texts[10]
    async with db.session() as s:
        await store.undo_event(s, ev.id, 1, 11)
        await s.commit()
    assert await sched.dispatch_due(at("2026-12-02 23:00")) == 0  # the 3-day reminder is cancelled
    async with db.session() as s:
        with pytest.raises(DomainError):
            await store.undo_event(s, ev.id, 2, 20)  # another unit's record


async def test_downtime_sends_the_latest_once_and_drops_passed_ones(world, caplog):
    db, tg = world
    async with db.session() as s:
        s.add(Subscription(user_id=10, programs="mutual_aid"))
        s.add(Subscription(user_id=11, programs="mutual_aid", leads="7d"))  # only a week ahead
        await s.commit()
        for when in ("2026-11-01 10:00", "2026-11-03 10:00"):
            await store.record_event(s, 1, "mutual_aid", "roster_submitted", at(when), 10, now=at("2026-11-10 10:00"))
        await s.commit()
    # due 11-16 and 11-18 (23:59). Down until 11-15 09:00: for the 16th, 7d (11-10 08:00) and 3d
    # (11-13 08:00) came while down -> clerk 10 gets one message for it (3d), not two; for the 18th only
    # the 7d time (11-12 08:00) has come. Clerk 11 (7 days only) gets each 7d one.
    first = await sched.dispatch_due(at("2026-11-15 09:00"))
    sent = _sent(tg)
    assert first == 4 and sorted(c.chat_id for c in sent) == [10, 10, 11, 11]
    async with db.session() as s:
        rows = (await s.exec(select(Delivery).where(Delivery.recipient_id == 10))).all()
        assert sorted((r.deadline_key.rsplit("@", 1)[1], r.lead) for r in rows) == [("e1", "3d"), ("e2", "7d")]
    # down again until after both deadlines: nothing goes out, the missed ones are settled and logged
    with caplog.at_level(logging.INFO, logger="bot.scheduler"):
        assert await sched.dispatch_due(at("2026-11-19 09:00")) == 0
        assert await sched.dispatch_due(at("2026-11-19 09:01")) == 0
    dropped = [r for r in caplog.records if "dropped" in r.getMessage()]
    assert len(dropped) == 2  # one line per deadline, the second run settles nothing new
    async with db.session() as s:
        rows = (await s.exec(select(Delivery).where(Delivery.status == "dropped"))).all()
        assert {r.recipient_id for r in rows} == {10}  # clerk 11 had had his only (7d) reminder


async def test_lead_time_choice_is_honoured(world):
    db, tg = world
    async with db.session() as s:
        s.add(Subscription(user_id=10, programs="retiree", leads="1d"))
        s.add(Subscription(user_id=11, programs="retiree", leads="7d,3d,1d,morning,2h"))
        s.add(Subscription(user_id=20, active=False))
        s.add(Subscription(user_id=30, programs="mutual_aid"))  # district clerk, not retiree
        await s.commit()
    await sched.dispatch_due(at("2025-05-31 14:00"))  # whatever was due until then
    assert {c.chat_id for c in _sent(tg)} == {10, 11}
    before = len(_sent(tg))
    # the 2025-05-31 17:00 cut-off: 2 hours before is 15:00, only for who kept that lead time
    assert await sched.dispatch_due(at("2025-05-31 15:00")) == 1
    assert [c.chat_id for c in _sent(tg)[before:]] == [11]
    assert await sched.dispatch_due(at("2025-06-03 16:00")) == 2  # 1 day before 4 June 16:00: both


async def test_card_collection_reminder_and_done_button(world):
    db, tg = world
    async with db.session() as s:
        app = CardApplication(ref="KA9", user_id=40, kind="flexible", name="张三", doc_type="resident_id", doc_enc="x",
                              doc_hash="h", doc_masked="m", expiry="长期", mobile_enc="x", mobile_masked="m",
                              address="a", union_name="u", branch="浦东支行", outlet="陆家嘴网点", bank_phone_enc="x",
                              channel="normal", status="issued", updated_at=at("2026-11-02 16:30"))
        s.add(app)
        await s.commit()
        app_id = app.id
    assert await sched.dispatch_due(at("2026-11-05 10:00")) == 1
    msg = _sent(tg)[-1]
    assert msg.chat_id == 40 and "陆家嘴网点" in msg.text and "KA9" in msg.text and msg.buttons
    assert await sched.dispatch_due(at("2026-11-05 10:05")) == 0
    async with db.session() as s:  # what the button does
        await store.dismiss(s, 40, f"card{app_id}-collect", ["3d", "10d"])
    assert await sched.dispatch_due(at("2026-11-12 10:00")) == 0  # the 10-day one is not sent


# --- admin-loaded calendars -----------------------------------------------------------------------------


def test_loaded_year_overrides_and_bad_files_change_nothing(tmp_path):
    folder = tmp_path / "calendar"
    text = SHIPPED_2025.read_text(encoding="utf-8").replace("2025-06-04 16:00", "2025-06-05 16:00")
    year, path, deadlines, _ = save_calendar(folder, "retiree.yaml", text.encode())
    assert year == 2025 and path.name == "2025.yaml"
    cal = load_calendar(folder)
    due = {d.id: d.due for d in cal.deadlines}["rt2025_deduction_application"]
    assert due == at("2025-06-05 16:00") and not cal.problems  # the loaded year replaced the shipped one
    with pytest.raises(CalendarError):
        save_calendar(folder, "2025.yaml", b"protection_year: 2025\ndeadlines:\n  - id: broken\n")
    assert "2025-06-05 16:00" in path.read_text(encoding="utf-8")  # untouched
    path.write_text("protection_year: 2025\ndeadlines: [oops]\n", encoding="utf-8")  # edited by hand, badly
    cal = load_calendar(folder)
    assert cal.problems and {d.id: d.due for d in cal.deadlines}["rt2025_deduction_application"] == at("2025-06-04 16:00")
    from ui.deadline_render import problem_text
    from ui.i18n import translator_for

    # what /calendar tells an admin, in their language: the file, the line, what is wrong
    assert problem_text(translator_for("zh"), cal.problems[0]) == "2025.yaml：第 2 行：每一条都应是“字段: 值”的映射"
    assert problem_text(translator_for("en"), cal.problems[0]) == "2025.yaml: line 2: each entry must be a mapping"


def test_a_loaded_year_brings_its_holiday_schedule_to_working_day_rules(tmp_path):
    """A year the holiday package does not know: counted Monday to Friday and said so, until an admin
    loads a calendar with that year's days_off / working_weekends."""
    folder = tmp_path / "calendar"
    ev = UnitEvent(id=9, unit_id=3, program="retiree", event="deduction_applied", occurred_at=at("2041-05-31 10:00"))
    cal = load_calendar(folder)
    (d,) = unit_deadlines(cal.rules, [ev], cal.workdays)
    en = BoundTranslator(get_translator(), "en")
    assert d.due == at("2041-06-03 09:00") and "2041 public-holiday schedule is not loaded" in deadline_note(en, d)
    text = SHIPPED_2025.read_text(encoding="utf-8").replace("2025", "2041")
    text += "days_off: [2041-06-03]\nworking_weekends: [2041-06-01]\n"
    save_calendar(folder, "2041.yaml", text.encode())
    assert "days_off:" in (folder / "2041.yaml").read_text(encoding="utf-8")  # kept when stored
    cal = load_calendar(folder)
    (d,) = unit_deadlines(cal.rules, [ev], cal.workdays)
    assert d.due == at("2041-06-01 09:00") and "not loaded" not in deadline_note(en, d)  # the worked Saturday


def test_a_drafted_year_carries_each_programs_latest_dates_and_cannot_be_loaded_unchecked(tmp_path):
    from domain.calendar import draft_calendar, read_calendar
    from ui.deadline_render import draft_header, draft_note
    from ui.i18n import translator_for

    en = translator_for("en")
    text = draft_calendar(load_calendar(), 2027, draft_note(get_translator()), draft_header(en, 2027))
    with pytest.raises(CalendarError) as err:
        read_calendar(text)
    from tests.test_reminders import english

    assert english(err.value.problems) == ["line 5: this calendar is a draft: check every date against the year's notice, "
                                  "then delete the draft line"]
    assert text.startswith("# DRAFT calendar for protection year 2027, carried over from earlier years.\n# Check")
    checked = read_calendar(text.replace("draft: true\n", ""))
    due = {d.id: d for d in checked.deadlines}
    assert checked.year == 2027 and {d.protection_year for d in checked.deadlines} == {2027}
    # member protection and mutual aid from 2023 (+4 years), the retiree plan from 2025 (+2)
    assert due["mp2027_grassroots_payment"].due == at("2026-12-25 23:59")
    assert due["ma2027_collective_window"].starts == at("2027-06-01 00:00")
    assert due["rt2027_deduction_channel"].due == at("2027-05-31 17:00")
    assert all("Draft: carried over" in d.note["en"] for d in checked.deadlines)
    assert {r.id for r in checked.rules} >= {"ma2027_payment_15_days", "rt2027_receipt_form", "ss2027_status_result"}


def test_calendar_load_cli(tmp_path):
    exe = Path(sys.executable).parent / "unionbot"
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path)}
    text = SHIPPED_2025.read_text(encoding="utf-8").replace("2025", "2027").replace("2026", "2028")
    good = tmp_path / "2027.yaml"
    good.write_text(text, encoding="utf-8")
    out = subprocess.run([str(exe), "calendar", "load", str(good)], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "data" / "calendar" / "2027.yaml").exists()
    listing = subprocess.run([str(exe), "deadlines", "--year", "2027", "--json"], capture_output=True, text=True,
                             env=env, timeout=120)
    ids = [d["id"] for d in json.loads(listing.stdout)["deadlines"]]
    assert "rt2027_collective_window" in ids
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("program: retiree", "program: lottery", 1), encoding="utf-8")
    out = subprocess.run([str(exe), "calendar", "load", str(bad)], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 1 and "line 5: program" in out.stderr and "rejected whole" in out.stderr


async def test_reminder_log_cli(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'log.db'}"
    db = Database(url)
    await db.upgrade()
    async with db.session() as s:
        s.add(Delivery(recipient_id=10, deadline_key="rt2025_receipt_form@e4", lead="open", status="sent"))
        s.add(Delivery(recipient_id=11, deadline_key="rt2025_receipt_form@e4", lead="open", status="dropped"))
        await s.commit()
    await db.dispose()
    exe = Path(sys.executable).parent / "unionbot"
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path), "DATABASE_URL": url}
    out = subprocess.run([str(exe), "reminders", "log", "--json", "--lang", "en"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    (row,) = json.loads(out.stdout)
    assert (row["sent"], row["dropped"], row["lead"]) == (1, 1, "open")
    assert row["about"].startswith("The deduction receipt form") and row["last"].endswith("+08:00")


async def test_job_store_is_persistent_on_postgresql(tmp_path, pg_url):
    """The reminder job lives in the bot's own PostgreSQL database and a restart re-adds it under the
    same id (no second copy)."""
    from sqlalchemy import create_engine, text

    from bot.db import sync_url

    db = Database(pg_url)
    await db.upgrade()
    settings = load_settings(data_dir=tmp_path, redis_url=None, database_url=pg_url)
    bot = build_bot(settings, session=FakeTelegramSession(), retry_after=False)
    first = await sched.start_scheduler(bot, db, settings)
    first.shutdown(wait=False)
    engine = create_engine(sync_url(pg_url))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("select id from apscheduler_jobs")).scalars().all() == [sched.JOB_ID]
        second = await sched.start_scheduler(bot, db, settings)
        try:
            assert [j.id for j in second.get_jobs()] == [sched.JOB_ID]
            job = second.get_job(sched.JOB_ID)
            assert job.coalesce and job.misfire_grace_time == 300
            assert str(second.timezone) == "Asia/Shanghai"
        finally:
            second.shutdown(wait=False)
    finally:
        engine.dispose()
        sched._runtime.clear()
        await db.dispose()


async def test_a_run_cancelled_by_shutdown_is_not_logged_as_an_error(monkeypatch, caplog):
    """APScheduler cancels a running coroutine job at shutdown; the job ends quietly (no traceback in
    the log) and whatever it had not sent is picked up by the next run."""
    import asyncio

    started = asyncio.Event()

    async def slow_dispatch(now=None):
        started.set()
        await asyncio.sleep(3600)

    monkeypatch.setattr(sched, "dispatch_due", slow_dispatch)
    caplog.set_level(logging.INFO, logger="bot.scheduler")
    task = asyncio.create_task(sched._job())
    await started.wait()
    task.cancel()
    await task  # returns: the cancellation does not escape to APScheduler's error log
    assert any("stopped by shutdown" in r.getMessage() and r.levelno == logging.INFO for r in caplog.records)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_the_scheduler_reads_only_events_that_can_still_matter(world):
    db, _ = world
    _, rules = load_all()
    # the longest shipped rule is the voucher review, 10 working days (counted as up to 20 days),
    # plus two weeks of slack and the 7-day window for settling passed reminders
    assert sched.event_horizon(rules) == timedelta(days=41)
    async with db.session() as s:
        for day in ("2026-01-05 10:00", "2026-11-20 12:00"):
            await store.record_event(s, 1, "mutual_aid", "roster_submitted", at(day), 10, now=at(day))
        await s.commit()
        recent = await store.unit_events(s, since=at("2026-11-29 08:00") - sched.event_horizon(rules))
        assert [e.occurred_at.astimezone(TZ).date().isoformat() for e in recent] == ["2026-11-20"]
    assert await sched.dispatch_due(at("2026-11-29 08:00")) == 2  # the recent one still reminds unit 1


async def test_an_idle_minute_does_not_read_everyone(world, monkeypatch):
    async def everyone(*args, **kwargs):
        raise AssertionError("people were read although nothing was in reach")

    monkeypatch.setattr(store, "people", everyone)
    assert await sched.dispatch_due(at("2030-03-01 10:00")) == 0  # no deadline near, no card waiting


async def test_calendar_text_is_escaped_in_reminders(world):
    """Titles, notes and consequences come from admin-loaded files and go out as HTML."""
    from domain.calendar import Deadline
    from ui.i18n import get_translator

    d = Deadline(id="x", program="retiree", protection_year=2025, title={"zh": "A&B <截止>", "en": "A&B"},
                 due=at("2025-06-30 17:00"), audience=("retiree_unit",), missed={"zh": "<b>无</b>", "en": "-"},
                 source="004", note={"zh": "R&D <注>", "en": "-"})
    text = sched.reminder_text(get_translator(), "zh", d)
    assert "A&amp;B &lt;截止&gt;" in text and "&lt;b&gt;无&lt;/b&gt;" in text and "R&amp;D &lt;注&gt;" in text


def test_calendar_draft_cli_writes_its_comment_in_the_admins_language(tmp_path, monkeypatch):
    """`unionbot calendar draft` (Chinese unless --lang en): the opening comment comes from the catalogs."""
    from bot.dev import cli

    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["calendar", "draft", "zh.yaml", "--year", "2027"]) == 0
    zh = (tmp_path / "zh.yaml").read_text(encoding="utf-8")
    assert zh.startswith("# 2027 保障年度日历草稿：由以往年度的日期顺延推算。\n# 请对照当年通知逐一核对")
    assert "DRAFT" not in zh and "删除“draft: true”这一行" in zh
    assert cli.main(["calendar", "draft", "en.yaml", "--year", "2027", "--lang", "en"]) == 0
    en = (tmp_path / "en.yaml").read_text(encoding="utf-8")
    assert en.startswith("# DRAFT calendar for protection year 2027, carried over from earlier years.\n")
    header = en.split("draft: true\n")[0]
    assert "草稿" not in header and all(line.startswith("#") for line in header.splitlines())
    from domain.calendar import read_calendar

    with pytest.raises(CalendarError):  # still a draft, in either language
        read_calendar(zh)
