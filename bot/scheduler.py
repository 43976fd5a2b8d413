"""The reminder scheduler: APScheduler 3 (AsyncIOScheduler, Asia/Shanghai, coalescing, a misfire grace
time) runs one stable job, ``reminders-dispatch``, every minute. Each run rebuilds the picture from the
database and the calendar — shipped and admin-loaded years, plus the per-unit deadlines of recorded
events — works out which reminder of each deadline is due for whom (their programs, lead times and
level; domain/reminders), and hands it to the shared fan-out sender, whose delivery log makes a second
run, or a second scheduler, send nothing twice. Members' card-collection reminders, interrupted
admin broadcasts and status pushes left in the outbox are picked up by the same run.

The job store is APScheduler's SQLAlchemyJobStore on the bot's own database (SQLite through the
standard library, PostgreSQL through psycopg). The job function is module-level and takes no arguments,
as persistent stores require; it is re-added with ``replace_existing`` at every start.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import broadcasts, pushes
from bot.data_notice import notify_admins
from bot.db import Database, sync_url
from bot.sender import shared_sender
from bot.settings import Settings
from domain.calendar import Deadline, load_calendar
from domain.reminders import policy, store
from domain.reminders.events import unit_deadlines
from domain.reminders.member import card_collect_rule, card_key
from domain.reminders.planning import ALL_LEADS
from domain.reminders.policy import event_horizon
from ui.buttons import DoneCb
from ui.deadline_render import deadline_note
from ui.i18n import BoundTranslator, get_translator

log = logging.getLogger(__name__)
JOB_ID = "reminders-dispatch"
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
    note = deadline_note(BoundTranslator(translator, lang), deadline)
    return text + ("\n⚠️ " + note if note else "") + "\n" + translator.t(lang, "dl-reminder-footer")


async def _deadline_reminders(decisions: list, sender, translator) -> int:
    db = _runtime["db"]
    sent = 0
    for item in decisions:
        if isinstance(item, policy.Drop):
            async with db.session() as session:
                dropped = await store.mark(session, list(item.recipients), item.key, item.lead, "dropped")
            if dropped:
                log.info("dropped %d reminder(s) of %s (lead %s): the deadline passed before they could go out",
                         len(dropped), item.key, item.lead)
            continue
        langs = {p.user_id: translator.normalize(p.lang) for p in item.people}
        done_data = _done_data(item.deadline)

        async def text_for(uid: int, d=item.deadline, langs=langs, done_data=done_data):
            text = reminder_text(translator, langs[uid], d)
            if done_data is None:
                return text
            return text, InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
                text=translator.t(langs[uid], "dl-deadline-done"), callback_data=done_data)]])

        report = await sender.fan_out(item.deadline.id, item.lead, [p.user_id for p in item.people], text_for)
        sent += report.sent
    return sent


def _done_data(deadline: Deadline) -> str | None:
    """The "done, stop reminding" button of a cut-off (something that opens is said once: no button);
    None when the calendar's id is too long for Telegram's 64-byte callback data."""
    if deadline.kind == "opens":
        return None
    try:
        data = DoneCb(key=deadline.id, leads=ALL_LEADS).pack()
    except ValueError:  # a character aiogram cannot pack (the calendar's check should have caught it)
        return None
    return data if len(data.encode()) <= 64 else None


async def _card_reminders(due: list[policy.CardSend], sender, translator) -> int:
    sent = 0
    for card in due:
        lang = translator.normalize(card.person.lang)
        markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
            text=translator.t(lang, "dl-card-done"), callback_data=DoneCb(key=card.key, leads=".".join(card.leads)).pack())]])
        text = translator.t(lang, "dl-card-collect", ref=card.ref, branch=card.branch, outlet=card.outlet) + "\n" + \
            translator.t(lang, "dl-reminder-footer")

        async def text_for(uid: int, text=text, markup=markup):
            return text, markup

        report = await sender.fan_out(card.key, card.lead, [card.person.user_id], text_for)
        sent += report.sent
    return sent


async def dispatch_due(now: datetime | None = None) -> int:
    """Send every reminder that is due and still useful; returns how many were sent. What is due for
    whom is decided by domain/reminders/policy.py from what this run reads."""
    bot, db, settings = _runtime["bot"], _runtime["db"], _runtime["settings"]
    now = now or datetime.now(settings.tz)
    cal = load_calendar(settings.calendar_folder)
    for problem in cal.problems:
        log.warning("skipped a loaded calendar file: %s", problem)  # file, line and message id
    translator = get_translator(settings.default_locale)
    sender = _runtime.get("sender") or shared_sender(bot, db)
    rule = card_collect_rule()
    async with db.session() as session:
        events = await store.unit_events(session, since=now - event_horizon(cal.rules))
        deadlines = [d for d in cal.deadlines + unit_deadlines(cal.rules, events, cal.workdays) if policy.in_reach(d, now)]
        apps = await store.waiting_cards(session, rule.status, now - rule.give_up_after)
        # who wants what, and what the log settled, is read only when something is in reach (most
        # minutes of the year nothing is)
        people = await store.people(session) if deadlines or apps else []
        settled = await store.settled(session, [d.id for d in deadlines] + [card_key(a.id) for a in apps])
    sent = await _deadline_reminders(policy.deadline_reminders(now, people, deadlines, settled), sender, translator) \
        if deadlines else 0
    sent += await _card_reminders(policy.card_reminders(now, people, apps, settled, rule), sender, translator) \
        if apps else 0
    sent += await notify_admins(now, cal, settings, sender, translator)  # missing data of the year, daily
    await broadcasts.resume_unfinished(bot, db)
    pushes.kick(bot, db)  # status pushes a process left queued (it died after its commit)
    return sent


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
