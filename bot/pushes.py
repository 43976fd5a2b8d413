"""The push engine: delivers the outbox (domain/outbox.py) through the shared sender, after the
commit that wrote it, once per row (the delivery log, key ``push:<group>:<row>``).

``kick`` starts a pass in the background when a session that wrote outbox rows has committed (the
database middleware calls it), so a clerk's batch returns as soon as the database is written while
its pushes drain at the sender's rate. The scheduler-role process kicks a pass at every run (and the
console's /tick), which picks up what a process that died left behind. A group of at least
``PROGRESS_FROM`` pushes shows its owner (the clerk) one progress message, edited at most once a
second and a last time when the group is done."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from sqlmodel import select

from bot.background import Tasks
from bot.db import Database
from bot.sender import Report, shared_sender
from domain import outbox
from domain.models import User
from ui.i18n import MessageRef, get_translator

log = logging.getLogger(__name__)
CHUNK = 200  # rows read per step of a pass
PROGRESS_FROM = 50  # smaller groups are done within two seconds: no progress message
EDIT_EVERY = 1.0
_runs = Tasks("status pushes")  # id(db) -> the pass running in this process
_again: set[int] = set()  # a commit arrived while a pass ran: run once more


def kick(bot: Bot, db: Database) -> asyncio.Task:
    """Deliver what the outbox holds, in the background; a pass already running takes new rows too."""
    key = id(db)
    if key in _runs:
        _again.add(key)
    return _runs.start(key, lambda: _run(bot, db), name="outbox-pushes")


async def _run(bot: Bot, db: Database) -> None:
    key = id(db)
    try:
        while True:
            _again.discard(key)
            await deliver_pending(bot, db)
            if key not in _again:
                return
    except asyncio.CancelledError:
        log.info("push delivery stopped by shutdown; the next pass picks up what is left")
    except Exception:
        log.exception("push delivery failed; the next pass retries")


wait_idle = _runs.wait_idle  # tests and the console wait for the passes of this process
drain = _runs.drain  # at shutdown: running passes get the grace period; the rest stays queued


def _params(raw: dict) -> dict:
    return {k: MessageRef(v["$msg"]) if isinstance(v, dict) and "$msg" in v else v for k, v in raw.items()}


async def deliver_pending(bot: Bot, db: Database, at_most: int | None = None) -> Report:
    """One pass over the outbox: every row not yet delivered, oldest first (``at_most``: only the
    first rows, for measurements). Returns the totals."""
    sender = shared_sender(bot, db)
    translator = get_translator()
    total = Report()
    after = after_count = 0
    while True:
        async with db.session() as session:
            limit = CHUNK if at_most is None else min(CHUNK, at_most - after_count)
            rows = await outbox.pending(session, limit, after) if limit > 0 else []
            if not rows:
                break
            ids = {r.recipient_id for r in rows}
            users = {u.id: u for u in (await session.exec(select(User).where(User.id.in_(ids)))).all()}
        after = rows[-1].id
        after_count += len(rows)
        runs: list[list[outbox.OutboxMessage]] = []
        for row in rows:  # consecutive rows of one group (one action) go together
            if runs and runs[-1][0].group_id == row.group_id:
                runs[-1].append(row)
            else:
                runs.append([row])
        for run in runs:
            report = await _deliver_group(bot, db, sender, translator, run, users)
            for name in ("sent", "failed", "skipped", "flood_waits"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
    return total


async def _deliver_group(bot: Bot, db: Database, sender, translator, rows, users) -> Report:
    group_id = rows[0].group_id
    by_key = {outbox.delivery_key(r): r for r in rows}
    progress = _Progress(bot, db, translator, group_id, sender.clock)

    async def content_for(item):
        row = by_key[item[1]]
        user = users.get(row.recipient_id)
        if user is not None and not user.active:
            return None  # blocked the bot: logged as failed, not sent
        return translator.t(user.lang if user else None, row.key, **_params(outbox.decode(row)))

    async def on_finished(session, item, outcome: str) -> None:
        row = by_key[item[1]]
        await outbox.settle(session, row.id, row.group_id, outcome == "sent")

    items = [(r.recipient_id, outbox.delivery_key(r), outbox.LEAD) for r in rows]
    report = await sender.deliver(items, content_for, on_progress=progress.update, on_finished=on_finished)
    await progress.update(report, final=True)
    return report


class _Progress:
    """The owner's progress message of one group: sent / failed / remaining, edited at most once a second."""

    def __init__(self, bot: Bot, db: Database, translator, group_id: int, clock):
        self.bot, self.db, self.translator, self.group_id, self.clock = bot, db, translator, group_id, clock
        self.last = float("-inf")

    async def update(self, _report: Report, final: bool = False) -> None:
        now = self.clock()
        if not final and now - self.last < EDIT_EVERY:
            return
        self.last = now
        async with self.db.session() as session:
            group = await outbox.group(session, self.group_id)
            if group is None or group.owner_id is None or group.total < PROGRESS_FROM:
                return
            owner = await session.get(User, group.owner_id)
            lang = self.translator.normalize(owner.lang if owner else None)
            done = group.finished_at is not None
            text = self.translator.t(lang, "push-done" if done else "push-running") + "\n" + self.translator.t(
                lang, "push-progress", sent=group.sent, failed=group.failed,
                remaining=max(group.total - group.sent - group.failed, 0))
            if group.progress_message_id is None:
                if final and done and group.progress_chat_id is not None:
                    return  # another process shows it
                if not await outbox.claim_progress_message(session, group.id, group.owner_id):
                    return
                try:
                    msg = await self.bot.send_message(group.owner_id, text)
                except TelegramAPIError as exc:
                    log.info("push progress of group %s not shown: %s", group.id, type(exc).__name__)
                    return
                await outbox.set_progress_message(session, group.id, msg.chat.id, msg.message_id)
                return
            if final and not done:
                return  # rows of this group are still with another pass
            try:
                await self.bot.edit_message_text(text, chat_id=group.progress_chat_id,
                                                 message_id=group.progress_message_id)
            except TelegramAPIError as exc:  # deleted, not modified, ...: the counts stay in the table
                log.info("push progress of group %s not edited: %s", group.id, type(exc).__name__)
