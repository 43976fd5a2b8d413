"""The reminder scheduler: APScheduler 3 (AsyncIOScheduler, Asia/Shanghai, coalescing, a misfire grace
time) runs one stable job, ``reminders-dispatch``, every minute. Each run rebuilds the picture from the
database and the calendar — shipped and admin-loaded years, plus the per-unit deadlines of recorded
events — works out which reminder of each deadline is due for whom (their programs, lead times and
level; domain/reminders), and hands it to the shared fan-out sender, whose delivery log makes a second
run, or a second scheduler, send nothing twice. Members' card-collection reminders and interrupted
admin broadcasts are picked up by the same run.

The job store is APScheduler's SQLAlchemyJobStore on the bot's own database (SQLite through the
standard library, PostgreSQL through psycopg). The job function is module-level and takes no arguments,
as persistent stores require; it is re-added with ``replace_existing`` at every start.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.data_notice import notify_admins
from bot.db import Database, sync_url
from bot.i18n import get_translator
from bot.sender import shared_sender
from bot.settings import Settings
from domain.calendar import Deadline, load_calendar
from domain.reminders import store
from domain.reminders.events import unit_deadlines
from domain.reminders.member import card_collect_rule, card_due, card_key, card_plan
from domain.reminders.planning import ALL_LEADS, latest_due, plan_for, useful_until

log = logging.getLogger(__name__)
JOB_ID = "reminders-dispatch"
DROP_WINDOW = timedelta(days=7)  # how long after a deadline a missed reminder is still settled as dropped
_runtime: dict = {}  # the running bot / database / settings (not pickled: the job takes no arguments)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(_runtime["settings"].tz).strftime("%Y-%m-%d %H:%M")


def reminder_text(translator, lang: str, deadline: Deadline) -> str:
    """The text of a deadline reminder in one language (also used by /deadlines previews)."""
    params = {"title": deadline.text("title", lang), "due": _stamp(deadline.due), "missed": deadline.text("missed", lang)}
    if deadline.kind == "opens":
        text = translator.t(lang, "dl-reminder-opens", **params)
    elif deadline.unit_id is not None:
        # the unit recorded a day, not a moment: no hour is shown for it
        text = translator.t(lang, "dl-reminder-unit", since=_stamp(deadline.starts)[:10], **params)
    else:
        text = translator.t(lang, "dl-reminder", **params)
    note = html.escape(deadline.text("note", lang), quote=False)  # calendar text, loaded by admins
    return text + ("\n⚠️ " + note if note else "") + "\n" + translator.t(lang, "dl-reminder-footer")


def _in_reach(deadline: Deadline, now: datetime) -> bool:
    """False when the deadline is long gone, or no lead time (7 days at most) reaches it yet."""
    return deadline.due - timedelta(days=8) <= now and deadline.due >= now - DROP_WINDOW


async def _deadline_reminders(now: datetime, people, deadlines: list[Deadline], sender, translator) -> int:
    db = _runtime["db"]
    sent = 0
    for deadline in deadlines:
        if not _in_reach(deadline, now):
            continue
        groups: dict[tuple, list] = defaultdict(list)
        for person in people:
            if person.wants(deadline):
                groups[person.leads].append(person)
        for leads, group in groups.items():
            planned = plan_for(deadline.due, leads, deadline.kind)
            ids = [p.user_id for p in group]
            if now >= useful_until(deadline.due, deadline.kind):
                missed = [p for p in planned if p.send_at < useful_until(deadline.due, deadline.kind)]
                if missed:
                    async with db.session() as session:
                        dropped = await store.mark(session, ids, deadline.id, missed[-1].lead, "dropped")
                    if dropped:
                        log.info("dropped %d reminder(s) of %s (lead %s): the deadline passed before they could go out",
                                 len(dropped), deadline.id, missed[-1].lead)
                continue
            due = latest_due(planned, deadline.due, now, deadline.kind)
            if due is None:
                continue
            async with db.session() as session:
                done = await store.delivered(session, deadline.id, due.lead)
            todo = [p for p in group if p.user_id not in done]
            if not todo:
                continue
            langs = {p.user_id: translator.normalize(p.lang) for p in todo}
            done_data = _done_data(deadline)

            async def text_for(uid: int, d=deadline, langs=langs, done_data=done_data):
                text = reminder_text(translator, langs[uid], d)
                if done_data is None:
                    return text
                return text, InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
                    text=translator.t(langs[uid], "dl-deadline-done"), callback_data=done_data)]])

            report = await sender.fan_out(deadline.id, due.lead, [p.user_id for p in todo], text_for)
            sent += report.sent
    return sent


def _done_data(deadline: Deadline) -> str | None:
    """The "done, stop reminding" button of a cut-off (something that opens is said once: no button);
    None when the calendar's id is too long for Telegram's 64-byte callback data."""
    from handlers.deadlines import DoneCb

    if deadline.kind == "opens":
        return None
    try:
        data = DoneCb(key=deadline.id, leads=ALL_LEADS).pack()
    except ValueError:  # a character aiogram cannot pack (the calendar's check should have caught it)
        return None
    return data if len(data.encode()) <= 64 else None


async def _card_reminders(now: datetime, people, apps, sender, translator) -> int:
    from handlers.deadlines import DoneCb  # the button that says "done, stop reminding me"

    db = _runtime["db"]
    rule = card_collect_rule()
    wanting = {p.user_id: p for p in people if p.subscribed}
    async with db.session() as session:
        settled = await store.settled(session, [card_key(a.id) for a in apps])
    sent = 0
    for app in apps:
        person = wanting.get(app.user_id)
        due = card_due(app.updated_at, now, rule)
        if person is None or due is None or (app.user_id, card_key(app.id), due.lead) in settled:
            continue  # not subscribed, nothing due, or already sent / dismissed
        lang = translator.normalize(person.lang)
        leads = [p.lead for p in card_plan(app.updated_at, rule)]
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
            text=translator.t(lang, "dl-card-done"), callback_data=DoneCb(key=card_key(app.id), leads=".".join(leads)).pack())]])
        text = translator.t(lang, "dl-card-collect", ref=app.ref, branch=app.branch, outlet=app.outlet) + "\n" + \
            translator.t(lang, "dl-reminder-footer")

        async def text_for(uid: int, text=text, markup=markup):
            return text, markup

        report = await sender.fan_out(card_key(app.id), due.lead, [app.user_id], text_for)
        sent += report.sent
    return sent


async def dispatch_due(now: datetime | None = None) -> int:
    """Send every reminder that is due and still useful; returns how many were sent."""
    bot, db, settings = _runtime["bot"], _runtime["db"], _runtime["settings"]
    now = now or datetime.now(settings.tz)
    cal = load_calendar(settings.calendar_folder)
    for problem in cal.problems:
        log.warning("skipped a loaded calendar file: %s", problem)
    translator = get_translator(settings.default_locale)
    sender = _runtime.get("sender") or shared_sender(bot, db)
    rule = card_collect_rule()
    async with db.session() as session:
        events = await store.unit_events(session, since=now - event_horizon(cal.rules))
        deadlines = [d for d in cal.deadlines + unit_deadlines(cal.rules, events, cal.workdays) if _in_reach(d, now)]
        apps = await store.waiting_cards(session, rule.status, now - rule.give_up_after)
        # who wants what is read only when something is in reach (most minutes of the year nothing is)
        people = await store.people(session) if deadlines or apps else []
    sent = await _deadline_reminders(now, people, deadlines, sender, translator) if deadlines else 0
    sent += await _card_reminders(now, people, apps, sender, translator) if apps else 0
    sent += await notify_admins(now, cal, settings, sender, translator)  # missing data of the year, daily
    try:
        from handlers.broadcast import resume_unfinished
    except ImportError:
        resume_unfinished = None
    if resume_unfinished is not None:
        await resume_unfinished(bot, db)
    return sent


def event_horizon(rules) -> timedelta:
    """How far back a recorded event can still lead to a reminder: its longest rule (working days
    stretched for holidays, e.g. the National Day week) plus the window in which passed reminders are
    settled as dropped."""
    longest = max((r.days * (2 if r.working_days else 1) for r in rules), default=0)
    return timedelta(days=longest + 14) + DROP_WINDOW


async def _job() -> None:
    try:
        await dispatch_due()
    except asyncio.CancelledError:
        # the scheduler is shutting down (APScheduler cancels running coroutine jobs): a delivery
        # claimed but not sent is retried by the next process (store.claim), so this is not an error
        log.info("reminder run stopped by shutdown; the next run picks up what is left")
    except Exception:
        log.exception("reminder dispatch failed")


def job_store(db: Database) -> SQLAlchemyJobStore:
    return SQLAlchemyJobStore(url=sync_url(db.url), tablename="apscheduler_jobs")


def attach(bot: Bot, db: Database, settings: Settings) -> None:
    """Point ``dispatch_due`` at this bot and database (the scheduler's job, or the console's /tick)."""
    _runtime.update(bot=bot, db=db, settings=settings)
    _runtime.pop("sender", None)


async def start_scheduler(bot: Bot, db: Database, settings: Settings) -> AsyncIOScheduler:
    attach(bot, db, settings)
    scheduler = AsyncIOScheduler(
        jobstores={"default": job_store(db)}, timezone=settings.timezone,
        job_defaults={"coalesce": True, "misfire_grace_time": 300, "max_instances": 1},
    )
    scheduler.add_job(_job, "interval", minutes=1, id=JOB_ID, replace_existing=True, next_run_time=datetime.now(settings.tz))
    scheduler.start()
    return scheduler
