"""Deadline calendar, reminder planning, and a fan-out that sends each reminder exactly once."""

from __future__ import annotations

import asyncio
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook
from sqlmodel import select

from bot.run.app import build_bot
from bot.db import Database
from bot.sender import Sender
from bot.settings import load_settings
from bot.dev.testing import FakeTelegramSession
from domain.calendar import CalendarError, load_all, parse_calendar, parse_calendar_xlsx, upcoming
from domain.models import User
from domain.reminders.models import Delivery, Subscription
from domain.reminders.planning import latest_due, plan


def english(problems) -> list[str]:
    """Calendar file problems as the CLI prints them (English, plain text)."""
    from bot.dev.cli_deadlines import _problem

    return [_problem(p) for p in problems]

TZ = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)


def test_shipped_calendar_has_the_manuals_deadlines():
    deadlines, rules = load_all()
    by_id = {d.id: d for d in deadlines}
    assert by_id["ma2023_collective_window"].starts == at("2023-06-01 00:00")
    assert by_id["rt2025_deduction_channel"].due == at("2025-05-31 17:00")
    assert by_id["rt2025_deduction_application"].due == at("2025-06-04 16:00")
    assert by_id["mp2023_district_payment"].due == at("2023-01-20 23:59")
    assert by_id["mp2023_ratio_setting"].note["zh"]  # the manual's year mismatch is said, not hidden
    rule = next(r for r in rules if r.id == "ma2023_payment_15_days")
    assert rule.days == 15 and rule.due_after(at("2023-06-10 15:00")) == at("2023-06-25 23:59")
    assert [d.id for d in upcoming(deadlines, at("2025-06-01 00:00"), programs={"retiree"})] == [
        "rt2025_deduction_application", "rt2025_collective_window", "rt2025_instant_opens"]
    # every row of DOMAIN.md §3 that a clerk must act on is in the data
    assert {"mp2023_remove_retirees", "ma2023_instant_opens", "mp2023_district_submit"} <= set(by_id)
    assert by_id["rt2025_instant_opens"].kind == "opens"
    receipt = next(r for r in rules if r.id == "rt2025_receipt_form")
    # applied on Friday 30 May 2025: Sat-Mon 31 May - 2 June was the Dragon Boat holiday, so the form
    # (1 working day later) is there on Tuesday
    assert receipt.working_days and receipt.due_after(at("2025-05-30 15:00")) == at("2025-06-03 09:00")
    assert receipt.due_after(at("2025-06-05 15:00")) == at("2025-06-06 09:00")  # Thursday -> Friday


ONE_2041_ENTRY = """protection_year: 2041
deadlines:
  - id: x2041
    program: retiree
    title: {zh: 截止, en: Cut-off}
    due: 2041-06-30 17:00
    audience: [retiree_unit]
    missed: {zh: 错过, en: Missed}
    source: "notice"
"""


def test_working_days_follow_holidays_in_lieu_weekends_and_loaded_years():
    from datetime import date

    from domain.calendar import read_calendar
    from domain.calendar.workdays import NO_FILES, WorkdayData

    # 2025-09-28 (Sunday) was worked in lieu of the National Day week (1-8 October)
    assert NO_FILES.is_workday(date(2025, 9, 28)) == (True, True)
    assert NO_FILES.is_workday(date(2025, 10, 6)) == (False, True)  # a Monday of the holiday
    assert NO_FILES.add_working_days(date(2025, 9, 30), 1) == (date(2025, 10, 9), True)
    # a year no notice is known for: Monday to Friday, flagged as not known
    assert NO_FILES.add_working_days(date(2041, 5, 31), 1) == (date(2041, 6, 3), False)
    # a calendar file gives that year's schedule (and can correct the package)
    text = ONE_2041_ENTRY + """days_off: [2041-06-03]
working_weekends: [2041-06-01]
"""
    files = read_calendar(text).workdays
    assert files == WorkdayData(frozenset({date(2041, 6, 3)}), frozenset({date(2041, 6, 1)}))
    assert files.add_working_days(date(2041, 5, 31), 1) == (date(2041, 6, 1), True)  # the worked Saturday
    assert files.add_working_days(date(2041, 5, 31), 2) == (date(2041, 6, 4), True)  # 3 June is off
    # 2042 is not known: Monday to Friday, even over New Year's Day, and the answer says so
    assert files.add_working_days(date(2041, 12, 30), 2) == (date(2042, 1, 1), False)


def test_review_results_are_due_in_working_days_across_national_day():
    from domain.reminders.events import rules_for

    _, rules = load_all()
    (voucher,) = rules_for(rules, "mutual_aid", "voucher_uploaded", at("2023-09-27 10:00"))
    # 10 working days from Wednesday 27 Sep 2023: 28 Sep, then the 29 Sep - 6 Oct holiday, the worked
    # weekend of 7-8 Oct, and 9-13, 16, 17 Oct
    assert voucher.kind == "opens" and voucher.due_after(at("2023-09-27 10:00")) == at("2023-10-17 09:00")
    (status,) = rules_for(rules, "ss_card", "status_fetched", at("2024-09-13 16:00"))  # a Friday
    # Sat 14 Sep 2024 was worked in lieu of the Mid-Autumn holiday (15-17 Sep)
    assert status.audience == ("grassroots",) and status.due_after(at("2024-09-13 16:00")) == at("2024-09-14 09:00")
    (name,) = rules_for(rules, "retiree", "name_change_applied", at("2025-05-20 11:00"))
    assert name.due_after(at("2025-05-20 11:00")) == at("2025-05-21 09:00")


def test_bad_working_day_lists_are_rejected_with_their_lines():
    from domain.calendar import read_calendar

    text = ONE_2041_ENTRY + """days_off:
  - 2041-06-03
  - next tuesday
  - 2041-06-01
working_weekends:
  - 2041-06-04
  - 2041-06-01
"""
    with pytest.raises(CalendarError) as err:
        read_calendar(text)
    assert english(err.value.problems) == [
        "line 12: days_off must be dates written YYYY-MM-DD, not 'next tuesday'",
        "line 15: 2041-06-04 is not a Saturday or Sunday",
        "line 16: 2041-06-01 is in days_off as well",
    ]


def test_a_bad_calendar_is_rejected_whole_with_line_numbers():
    text = """protection_year: 2026
deadlines:
  - id: ok_one
    program: retiree
    title: {zh: 甲, en: A}
    due: 2026-06-30 17:00
    audience: [retiree_unit]
    missed: {zh: 甲, en: A}
    source: "004"
  - id: "bad:one"
    program: lottery
    title: {zh: 乙}
    due: 2026-02-30 17:00
    audience: [everyone]
    missed: {zh: 乙, en: B}
    source: ""
"""
    with pytest.raises(CalendarError) as err:
        parse_calendar(text)
    problems = english(err.value.problems)
    # each problem on the line of its field: id 10 (a ':' cannot go into button data), program 11,
    # title 12, due 13, audience 14, source 16
    assert sorted(p.split(":")[0] for p in problems) == ["line 10", "line 11", "line 12", "line 13", "line 14",
                                                         "line 16"]


def test_calendar_from_xlsx_with_row_numbers():
    wb = Workbook()
    ws = wb.active
    ws.append(["id", "program", "protection_year", "title_zh", "title_en", "starts", "due", "audience",
               "missed_zh", "missed_en", "source"])
    ws.append(["rt2026_window", "retiree", 2026, "集中参保截止", "Collective closes", "2026-05-11 00:00",
               "2026-06-30 17:00", "retiree_unit", "之后即时参保", "Then instant", "004"])
    buf = io.BytesIO()
    wb.save(buf)
    deadlines, _ = parse_calendar_xlsx(buf.getvalue())
    assert deadlines[0].due == at("2026-06-30 17:00") and deadlines[0].protection_year == 2026
    ws.append(["bad", "retiree", 2026, "x", "y", "", "2026-99-01 00:00", "retiree_unit", "x", "y", "004"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(CalendarError) as err:
        parse_calendar_xlsx(buf.getvalue())
    assert english(err.value.problems)[0].startswith("row 3:")


def test_a_zip_bomb_calendar_or_catalogue_is_refused_before_openpyxl_inflates_it():
    from domain.cards.catalogue import parse_catalogue_xlsx
    from domain.repos import DomainError
    from tests.roster_fixtures import raw_xlsx, sheet_xml

    bomb = raw_xlsx(sheet_xml(b""), extra={"xl/sharedStrings.xml": b"\0" * (80 * 1048576)})
    assert len(bomb) < 1048576  # fits under the upload limit, inflates to 80 MB
    with pytest.raises(CalendarError) as err:
        parse_calendar_xlsx(bomb)
    assert english(err.value.problems) == ["row 1: not a readable .xlsx file (file.zip_bomb)"]
    with pytest.raises(DomainError) as caught:
        parse_catalogue_xlsx(bomb)
    assert caught.value.code == "card.catalogue_unreadable"


def test_lead_times_quiet_hours_and_afternoon_cutoffs():
    due = at("2025-05-31 17:00")
    planned = {p.lead: p.send_at for p in plan(due)}
    assert planned == {"7d": at("2025-05-24 17:00"), "3d": at("2025-05-28 17:00"), "1d": at("2025-05-30 17:00"),
                       "morning": at("2025-05-31 08:00"), "2h": at("2025-05-31 15:00")}
    night = {p.lead: p.send_at for p in plan(at("2023-06-30 23:59"))}
    assert night["7d"] == at("2023-06-24 08:00")  # 23:59 is quiet: moved to the next 08:00
    times = [p.send_at for p in plan(at("2023-06-30 23:59"))]
    assert times.count(at("2023-06-30 08:00")) == 1 and "2h" not in night  # 1d (moved) and morning merge
    early = {p.lead: p.send_at for p in plan(at("2026-03-02 07:00"), ("1d",))}
    assert early["1d"] == at("2026-03-01 08:00")
    edge = plan(at("2026-03-02 07:00"), ("2h",))
    assert edge[0].send_at == at("2026-03-02 05:00")  # 08:00 would be after the deadline: keeps its time


def test_missed_reminders_after_downtime():
    due = at("2025-05-31 17:00")
    planned = plan(due)
    assert latest_due(planned, due, at("2025-05-31 09:00")).lead == "morning"  # still useful: goes out
    assert latest_due(planned, due, at("2025-06-01 09:00")) is None  # deadline passed: dropped


class Clock:
    """Controllable time: sleeping advances it, nothing really waits."""

    def __init__(self):
        self.now = 0.0
        self.slept = []

    def __call__(self):
        return self.now

    async def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


async def test_sliding_window_never_exceeds_the_rolling_limit_and_pauses_after_429():
    from bot.sender import SlidingWindow

    clock = Clock()
    limiter = SlidingWindow(30, 1.0, clock, clock.sleep, margin=0.02)
    stamps = []
    for _ in range(95):
        await limiter.take()
        stamps.append(clock.now)
        clock.now += 0.001  # the send itself
    # Telegram's rule: no rolling second holds more than 30 sends (a token bucket of 30/s would
    # allow its full burst plus one more every 1/30 s here)
    assert max(sum(1 for t in stamps if start <= t < start + 1.0) for start in stamps) == 30
    assert stamps[30] - stamps[0] >= 1.02 and stamps[94] < 3.2  # and it does not go slower than that
    limiter.pause(5)
    before = clock.now
    await limiter.take()
    assert clock.now - before == pytest.approx(5, abs=1e-3)


async def _db(tmp_path, users, url=None):
    db = Database(url or f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    await db.upgrade()
    async with db.session() as s:
        for uid in users:
            s.add(User(id=uid, role="clerk"))
        await s.commit()
    return db


async def _text(uid):
    return f"提醒：截止日期临近（{uid}）"


async def test_fan_out_resumes_after_a_stop_and_sends_each_exactly_once(tmp_path):
    recipients = list(range(1000, 1500))
    db = await _db(tmp_path, recipients)
    session = FakeTelegramSession()
    settings = load_settings(data_dir=tmp_path, redis_url=None)
    clock = Clock()
    first = Sender(build_bot(settings, session=session, retry_after=False), db, clock=clock, sleep=clock.sleep)
    report = await first.fan_out("rt2025_deduction_channel", "1d", recipients, _text, stop_after=200)
    assert report.sent == 200
    await db.dispose()
    # a new process: new database object, new bot, new sender, same database file
    db2 = Database(f"sqlite+aiosqlite:///{tmp_path / 'r.db'}")
    clock2 = Clock()
    second = Sender(build_bot(settings, session=session, retry_after=False), db2, clock=clock2, sleep=clock2.sleep)
    report2 = await second.fan_out("rt2025_deduction_channel", "1d", recipients, _text)
    assert report2.sent == 300 and report2.skipped == 200
    per_chat = {}
    for call in session.calls:
        if call.method == "sendMessage":
            per_chat[call.chat_id] = per_chat.get(call.chat_id, 0) + 1
    assert per_chat == {uid: 1 for uid in recipients}
    # the rate limit held: 500 messages at 30/s need at least ~16 s of (simulated) time
    assert clock.now + clock2.now >= (500 - 60) / 30 - 0.01  # each sender may start with a 30-message burst
    async with db2.session() as s:
        rows = (await s.exec(select(Delivery))).all()
        assert len(rows) == 500 and {r.status for r in rows} == {"sent"}
    await db2.dispose()


async def test_two_senders_at_once_never_double_send(tmp_path, pg_url):
    """Two scheduler processes must never both send (PostgreSQL, the production database)."""
    recipients = list(range(2000, 2100))
    db = await _db(tmp_path, recipients, pg_url)
    session = FakeTelegramSession()
    settings = load_settings(data_dir=tmp_path, redis_url=None)
    senders = []
    for _ in range(2):
        clock = Clock()
        senders.append(Sender(build_bot(settings, session=session, retry_after=False), db, clock=clock, sleep=clock.sleep))
    reports = await asyncio.gather(*(s.fan_out("k", "3d", recipients, _text) for s in senders))
    assert sum(r.sent for r in reports) == 100
    assert sorted(c.chat_id for c in session.calls if c.method == "sendMessage") == recipients
    await db.dispose()


async def test_429_is_honoured_and_403_stops_the_user(tmp_path):
    db = await _db(tmp_path, [1, 2])
    flood = {"error_code": 429, "description": "Too Many Requests", "parameters": {"retry_after": 7}}
    session = FakeTelegramSession(fail={"sendMessage": [flood]})
    clock = Clock()
    sender = Sender(build_bot(load_settings(data_dir=tmp_path, redis_url=None), session=session, retry_after=False),
                    db, clock=clock, sleep=clock.sleep)
    report = await sender.fan_out("k", "1d", [1], _text)
    assert report.sent == 1 and report.flood_waits == 1 and 7 in clock.slept
    session.fail["sendMessage"] = [{"error_code": 403, "description": "Forbidden: bot was blocked by the user"}]
    report = await sender.fan_out("k", "1d", [2], _text)
    assert report.failed == 1
    async with db.session() as s:
        assert (await s.get(User, 2)).active is False
        assert (await s.get(Subscription, 2)).active is False
    await db.dispose()


async def test_deadlines_in_chat_and_unsubscribe(harness):
    from domain.repos import create_invite, create_unit

    async with harness.app.db.session() as s:
        unit = await create_unit(s, "某某工会")
        invite = await create_invite(s, unit.id, None)
        await s.commit()
    await harness.send(900, f"/start {invite.code}")
    out = await harness.send(900, "/deadlines")
    assert "2025" in out[0].text and "委托代扣渠道关闭" in out[0].text  # latest known year, said so
    out = await harness.send(901, "/deadlines")
    assert "会员本人" in out[0].text
    await harness.send(900, "/unsubscribe")
    async with harness.app.db.session() as s:
        assert (await s.get(Subscription, 900)).active is False
    out = await harness.send(900, "/subscribe")
    assert "22:00-08:00" in out[0].text


def test_deadlines_cli_json():
    import json
    import subprocess
    import sys
    from pathlib import Path

    exe = Path(sys.executable).parent / "unionbot"
    out = subprocess.run([str(exe), "deadlines", "--program", "retiree", "--json"], capture_output=True, text=True, timeout=120)
    data = json.loads(out.stdout)
    assert [d["id"] for d in data["deadlines"]] == ["rt2025_deduction_channel", "rt2025_deduction_application",
                                                    "rt2025_collective_window", "rt2025_instant_opens"]
    assert data["deadlines"][1]["note"]


async def test_scheduler_dispatches_due_reminders_once(tmp_path):
    from bot import scheduler as sched

    db = await _db(tmp_path, [3001, 3002])
    async with db.session() as s:
        (await s.get(User, 3002)).active = False  # blocked the bot earlier: no reminders
        s.add(Subscription(user_id=3001, programs="retiree"))
        await s.commit()
    session = FakeTelegramSession()
    settings = load_settings(data_dir=tmp_path, redis_url=None)
    bot = build_bot(settings, session=session, retry_after=False)
    scheduler = await sched.start_scheduler(bot, db, settings)
    try:
        assert scheduler.get_job(sched.JOB_ID) is not None
        clock = Clock()
        sched._runtime["sender"] = Sender(bot, db, clock=clock, sleep=clock.sleep)
        now = at("2025-05-30 18:00")  # the 1-day reminder of the 31 May 17:00 cut-off is due
        first = await sched.dispatch_due(now)
        again = await sched.dispatch_due(now)
    finally:
        scheduler.shutdown(wait=False)
    sent = [c for c in session.calls if c.method == "sendMessage"]
    assert first >= 1 and again == 0
    assert {c.chat_id for c in sent} == {3001}
    assert any("委托代扣渠道关闭" in c.text for c in sent)
    await db.dispose()


async def test_a_429_in_a_fan_out_pauses_the_senders_window_not_just_one_call(tmp_path):
    """The bot's session retries 429 answers by itself (bot/retry.py); a fan-out's message must not
    be retried there — outside the sender's window — but come back to the sender, which pauses
    every fan-out and retries within its window."""
    db = await _db(tmp_path, [1, 2])
    flood = {"error_code": 429, "description": "Too Many Requests", "parameters": {"retry_after": 3}}
    session = FakeTelegramSession(fail={"sendMessage": [flood]})
    clock = Clock()
    sender = Sender(build_bot(load_settings(data_dir=tmp_path, redis_url=None), session=session), db,
                    clock=clock, sleep=clock.sleep)
    report = await sender.fan_out("k", "1d", [1, 2], _text)
    assert report.sent == 2 and report.flood_waits == 1  # the sender saw it (the session did not retry it)
    assert 3 in clock.slept  # and its window waited the time Telegram asked for
    await db.dispose()
