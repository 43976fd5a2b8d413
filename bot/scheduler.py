"""The reminder scheduler: APScheduler 3 (AsyncIOScheduler, Asia/Shanghai) runs one stable job,
``reminders-dispatch``, every minute. The job reads the calendar, works out which planned reminders
are due (domain/reminders/planning.py), and hands each (deadline, lead time) to the fan-out
sender, whose delivery log makes a second run — or a second scheduler — send nothing twice.

The job store is APScheduler's SQLAlchemyJobStore on the bot's own database when that database
is SQLite (the sync driver is in the standard library). On PostgreSQL the job lives in memory and
is rebuilt at every start — it has a fixed id and no arguments, so nothing is lost — because the
store would need a second, synchronous PostgreSQL driver. Job functions are module-level and take
only plain values, as APScheduler's persistent stores require.
"""

from __future__ import annotations

import logging
from datetime import datetime

from aiogram import Bot
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlmodel import select

from bot.db import Database, sync_url
from bot.i18n import get_translator
from bot.sender import shared_sender
from bot.settings import Settings
from domain.calendar import load_all
from domain.models import User
from domain.reminders.models import Subscription
from domain.reminders.planning import DEFAULT_LEADS, plan, still_useful

log = logging.getLogger(__name__)
JOB_ID = "reminders-dispatch"
_runtime: dict = {}  # the running bot / database / settings (not pickled: the job takes no arguments)


async def recipients_for(db: Database, program: str) -> list[int]:
    """Active clerks (and admins) whose subscription covers the program."""
    async with db.session() as session:
        users = (await session.exec(select(User).where(User.active == True, User.role.in_(("clerk", "admin"))))).all()  # noqa: E712
        subs = {s.user_id: s for s in (await session.exec(select(Subscription))).all()}
    out = []
    for user in users:
        sub = subs.get(user.id)
        if sub is None or (sub.active and program in sub.programs.split(",")):
            out.append(user.id)
    return out


async def dispatch_due(now: datetime | None = None) -> int:
    """Send every reminder that is due and still useful; returns how many were sent."""
    bot, db, settings = _runtime["bot"], _runtime["db"], _runtime["settings"]
    now = now or datetime.now(settings.tz)
    deadlines, _ = load_all()
    translator = get_translator(settings.default_locale)
    sender = _runtime.get("sender") or shared_sender(bot, db)
    sent = 0
    for deadline in deadlines:
        if deadline.due <= now:
            continue
        for planned in plan(deadline.due, DEFAULT_LEADS):
            if not still_useful(planned, deadline.due, now):
                continue
            recipients = await recipients_for(db, deadline.program)
            if not recipients:
                continue

            async def text_for(uid: int, d=deadline) -> str:
                async with db.session() as session:
                    user = await session.get(User, uid)
                lang = translator.normalize(user.lang if user else None)
                return translator.t(lang, "dl-reminder", title=d.text("title", lang), due=d.due.strftime("%Y-%m-%d %H:%M"),
                                    missed=d.text("missed", lang))

            report = await sender.fan_out(deadline.id, planned.lead, recipients, text_for)
            sent += report.sent
    return sent


async def _job() -> None:
    try:
        await dispatch_due()
    except Exception:
        log.exception("reminder dispatch failed")


async def start_scheduler(bot: Bot, db: Database, settings: Settings) -> AsyncIOScheduler:
    _runtime.update(bot=bot, db=db, settings=settings)
    _runtime.pop("sender", None)
    store = SQLAlchemyJobStore(url=sync_url(db.url)) if db.is_sqlite else MemoryJobStore()
    scheduler = AsyncIOScheduler(
        jobstores={"default": store}, timezone=settings.timezone,
        job_defaults={"coalesce": True, "misfire_grace_time": 300, "max_instances": 1},
    )
    scheduler.add_job(_job, "interval", minutes=1, id=JOB_ID, replace_existing=True, next_run_time=datetime.now(settings.tz))
    scheduler.start()
    return scheduler
