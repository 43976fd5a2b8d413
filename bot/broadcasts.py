"""The broadcast engine: one admin broadcast's fan-out through the shared sender (bot/sender.py):
Telegram's limits, 429 and 403 handling, and the delivery log keyed (recipient, "broadcast:<id>",
"msg") so that no one gets it twice. Progress (sent / failed / remaining) is shown in one message
that is edited at most once a second, with a Stop button. A broadcast whose process died is resumed
by the scheduler's next run (``resume_unfinished``) and goes on where it stopped. The /broadcast
form that starts one is handlers/broadcast.py (given a ``Starter``)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.background import Tasks
from bot.db import Database
from bot.sender import Report, shared_sender
from domain.broadcasts import store
from domain.broadcasts.models import Broadcast
from domain.models import User
from domain.reminders import store as deliveries
from ui.broadcast_render import progress_text, stop_keyboard
from ui.i18n import BoundTranslator, get_translator

log = logging.getLogger(__name__)
LEAD = "msg"
EDIT_EVERY = 1.0  # seconds between progress edits
_tasks = Tasks("broadcasts")  # broadcast id -> its running fan-out in this process


def key_of(broadcast_id: int) -> str:
    return f"broadcast:{broadcast_id}"


def start_fan_out(bot: Bot, db: Database, broadcast_id: int) -> asyncio.Task:
    return _tasks.start(broadcast_id, lambda: run(bot, db, broadcast_id), name=f"broadcast-{broadcast_id}")


@dataclass(frozen=True, slots=True)
class Starter:
    """What the /broadcast form is given as ``broadcasts`` (handlers/ports.Broadcasts): starts the
    fan-out of a row it has committed, on the dispatcher's database."""

    db: Database

    def start(self, bot: Bot, broadcast_id: int) -> asyncio.Task:
        return start_fan_out(bot, self.db, broadcast_id)


wait_idle = _tasks.wait_idle  # every broadcast running in this process (tests, graceful stop)
drain = _tasks.drain  # at shutdown; what is left stays 'running' and is resumed after the restart


async def run(bot: Bot, db: Database, broadcast_id: int) -> None:
    """Send one broadcast to everyone of its audience who has not had it; edit the progress message.
    A failure is logged; the broadcast stays 'running' and the scheduler's run resumes it."""
    try:
        await _run(bot, db, broadcast_id)
    except asyncio.CancelledError:
        log.info("broadcast %s interrupted by shutdown; it resumes after the restart", broadcast_id)
        raise
    except Exception:
        log.exception("broadcast %s failed; the scheduler's next run resumes it", broadcast_id)


async def _run(bot: Bot, db: Database, broadcast_id: int) -> None:
    sender = shared_sender(bot, db)
    async with db.session() as session:
        row = await session.get(Broadcast, broadcast_id)
        if row is None or row.status != "running":
            return
        author = await session.get(User, row.author_id) if row.author_id else None
        recipients = await store.audience_ids(session, row.audience)
        before = await deliveries.counts(session, key_of(broadcast_id), LEAD)
    translator = get_translator()
    t_admin = BoundTranslator(translator, translator.normalize(author.lang if author else None))
    text = row.text  # HTML (see got_text)
    base_sent, base_failed = before.get("sent", 0), before.get("failed", 0)
    last_edit = [float("-inf")]

    async def edit(report: Report, final: str | None = None) -> None:
        now = sender.clock()
        if final is None and (now - last_edit[0] < EDIT_EVERY or report.remaining == 0):
            return  # too soon, or the final edit follows at once
        last_edit[0] = now
        sent, failed = base_sent + report.sent, base_failed + report.failed
        async with db.session() as session:
            await store.progress(session, broadcast_id, sent, failed, status=final if final in ("done", "cancelled") else None)
        if row.progress_chat_id and row.progress_message_id:
            try:
                await bot.edit_message_text(
                    progress_text(t_admin, broadcast_id, sent, failed, report.remaining, final),
                    chat_id=row.progress_chat_id, message_id=row.progress_message_id,
                    reply_markup=None if final else stop_keyboard(t_admin, broadcast_id))
            except TelegramAPIError as exc:  # deleted, not modified, ...: progress stays in the table
                log.info("broadcast %s progress not edited: %s", broadcast_id, type(exc).__name__)

    async def text_for(_uid: int) -> str:
        return text

    async def should_stop() -> bool:
        async with db.session() as session:
            return await store.status_of(session, broadcast_id) != "running"

    report = await sender.fan_out(key_of(broadcast_id), LEAD, recipients, text_for, on_progress=edit,
                                  should_stop=should_stop)
    cancelled = await should_stop()
    await edit(report, final="cancelled" if cancelled else "done")
    log.info("broadcast %s %s: %d sent, %d failed", broadcast_id, "stopped" if cancelled else "done",
             base_sent + report.sent, base_failed + report.failed)


async def resume_unfinished(bot: Bot, db: Database) -> int:
    """Restart the broadcasts left running by a process that died (called by the scheduler's job)."""
    async with db.session() as session:
        rows = await store.unfinished(session, orphaned_before=db.orphaned_before())
    started = 0
    for row in rows:
        if row.id not in _tasks:
            log.info("resuming broadcast %s", row.id)
            start_fan_out(bot, db, row.id)
            started += 1
    return started
