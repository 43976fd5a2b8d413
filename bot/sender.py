"""Fan-out within Telegram's limits: at most ``rate`` messages a second overall and one a second
per chat; 429 answers are honoured (retry_after, capped); 403 marks the user inactive and stops
their reminders. Every delivery is claimed in the database before it is sent, so a fan-out that
stops half-way is resumed by any process without sending anything twice."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramRetryAfter
from sqlalchemy.exc import OperationalError

from bot.ops import metrics
from bot.db import Database
from bot.retry import caller_retries
from domain.reminders import store
from domain.repos import mark_inactive

log = logging.getLogger(__name__)


class SlidingWindow:
    """At most ``limit`` sends in any rolling ``window`` seconds — the rule Telegram enforces (about 30
    messages a second per bot). A token bucket of the same rate lets a full bucket's burst through
    and then one more every 1/rate s, which a rolling window answers with 429s; this limiter never
    asks for more than the window allows. ``margin`` absorbs the jitter between our clock and the
    server's arrival times."""

    def __init__(self, limit: int, window: float = 1.0, clock=time.monotonic, sleep=asyncio.sleep,
                 margin: float = 0.02):
        self.limit, self.window, self.margin = max(1, int(limit)), window, margin
        self.clock, self.sleep = clock, sleep
        self.sent: deque[float] = deque()

    async def take(self) -> float:
        """Wait for a place in the window; returns the moment it was taken (see ``restamp``)."""
        while True:
            now = self.clock()
            while self.sent and now - self.sent[0] >= self.window + self.margin:
                self.sent.popleft()
            if len(self.sent) < self.limit:
                self.sent.append(now)
                return now
            await self.sleep(max(self.sent[0] + self.window + self.margin - now, 1e-4))

    def restamp(self, taken: float) -> None:
        """The send taken at ``taken`` really leaves now (after a database write): count it from now,
        so the window holds at the server whatever that write cost."""
        now = self.clock()
        for i in range(len(self.sent) - 1, -1, -1):
            if self.sent[i] == taken:
                self.sent[i] = now
                return

    def pause(self, seconds: float) -> None:
        """After a 429: nothing goes out until ``seconds`` from now (the window is filled to then)."""
        until = self.clock() + seconds - self.window - self.margin
        self.sent = deque([until] * self.limit)


@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    remaining: int = 0
    flood_waits: int = 0
    uncertain: int = 0  # taken over from a process that died with the message on the wire


class Sender:
    def __init__(self, bot: Bot, db: Database, rate: float = 30.0, per_chat_interval: float = 1.0,
                 clock=time.monotonic, sleep=asyncio.sleep, max_retries: int = 5):
        self.bot, self.db = bot, db
        self.clock, self.sleep = clock, sleep
        self.bucket = SlidingWindow(int(rate), 1.0, clock, sleep)
        self.per_chat_interval = per_chat_interval
        self.last_per_chat: dict[int, float] = {}
        self.max_retries = max_retries

    async def _logged(self, write: Callable[[Any], Awaitable[Any]], what: str) -> Any:
        """Run ``write(session)`` — one short delivery-log transaction — and return its result.

        On SQLite its writes take turns with every other writer of this process (bot/db.py
        ``WriteTurns``: handlers, other fan-outs, pushes). A write that still meets a lock (another
        process, the CLI) is retried, because losing the record that a message went out would send
        it again."""
        for attempt in range(4):
            try:
                async with self.db.session() as session:
                    return await write(session)
            except OperationalError as exc:
                if attempt == 3 or "locked" not in str(exc).lower():
                    raise
                log.warning("delivery log busy (%s); retrying", what)
                await self.sleep(0.2 * (attempt + 1))

    async def _send(self, chat_id: int, text: str, report: Report, reply_markup=None,
                    on_wire: Callable[[], Awaitable[None]] | None = None) -> str:
        """One message within the limits; ``on_wire()`` is awaited right before it is handed to the
        Bot API (the delivery log records it: a crash after that point leaves it uncertain)."""
        last = self.last_per_chat.get(chat_id)
        if last is not None and self.clock() - last < self.per_chat_interval:
            await self.sleep(self.per_chat_interval - (self.clock() - last))
        for _attempt in range(self.max_retries + 1):
            taken = await self.bucket.take()
            if on_wire is not None:
                await on_wire()
                on_wire = None  # once: a 429 means it did not arrive, the retry is the same send
                self.bucket.restamp(taken)
            try:
                with caller_retries():  # a 429 comes back here: the window pauses, the retry takes a place in it
                    await self.bot.send_message(chat_id, text, reply_markup=reply_markup)
                self.last_per_chat[chat_id] = self.clock()
                return "sent"
            except TelegramRetryAfter as exc:
                report.flood_waits += 1
                metrics.telegram_429("sendMessage")
                self.bucket.pause(exc.retry_after)  # every fan-out sharing this sender waits, not just this one
            except TelegramForbiddenError:
                return "blocked"
            except TelegramBadRequest as exc:
                log.warning("reminder to %s refused: %s", chat_id, exc.message)
                return "failed"
        return "failed"

    async def fan_out(self, key: str, lead: str, recipients: list[int], text_for: Callable[[int], Awaitable[Any]],
                      stop_after: int | None = None,
                      on_progress: Callable[[Report], Awaitable[None]] | None = None,
                      should_stop: Callable[[], Awaitable[bool]] | None = None) -> Report:
        """Send (key, lead) to every recipient once; ``stop_after`` stops early (tests, partial runs).
        ``text_for(chat_id)`` gives the text, or (text, reply_markup). ``should_stop`` is asked every
        25 recipients (an admin stopping a broadcast)."""

        async def content_for(item: tuple[int, str, str]):
            return await text_for(item[0])

        return await self.deliver([(chat_id, key, lead) for chat_id in recipients], content_for,
                                  stop_after, on_progress, should_stop)

    async def deliver(self, items: list[tuple[int, str, str]], content_for: Callable[[tuple[int, str, str]], Awaitable[Any]],
                      stop_after: int | None = None,
                      on_progress: Callable[[Report], Awaitable[None]] | None = None,
                      should_stop: Callable[[], Awaitable[bool]] | None = None,
                      on_finished: Callable[[Any, tuple[int, str, str], str], Awaitable[None]] | None = None) -> Report:
        """Send each (chat id, key, lead) once: claimed in the delivery log before it is sent, finished
        after. ``content_for(item)`` gives the text, (text, reply_markup), or None when the message
        is not to be sent (it is logged as failed, 'inactive'). ``on_finished(session, item, outcome)``
        writes the caller's own bookkeeping in the transaction that settles the delivery."""
        report = Report(remaining=len(items))
        for n, item in enumerate(items):
            chat_id, key, lead = item
            if stop_after is not None and report.sent >= stop_after:
                break
            if should_stop is not None and n % 25 == 0 and n and await should_stop():
                break
            claim = await self._logged(lambda session, item=item: store.claim(
                session, *item, self.db.orphaned_before()), "claim")
            if claim is None:
                report.skipped += 1
                report.remaining -= 1
                continue
            if claim == store.UNCERTAIN:
                # a process died with this message handed to the Bot API and no answer recorded:
                # it may have arrived. Sent again (a duplicate at worst, never a loss), and logged
                report.uncertain += 1
                metrics.delivery_uncertain()
                log.warning("delivery %s/%s to recipient %s was interrupted on the wire; sending it again",
                            key, lead, chat_id)
            content = await content_for(item)
            if content is None:
                outcome = "inactive"
            else:
                text, markup = content if isinstance(content, tuple) else (content, None)

                async def on_wire(item=item) -> None:
                    await self._logged(lambda session: store.posted(session, *item), "posted")

                outcome = await self._send(chat_id, text, report, markup, on_wire)
            detail = (store.RESENT if claim == store.UNCERTAIN else None) if outcome == "sent" else outcome

            async def settle(session, item=item, outcome=outcome, detail=detail) -> None:
                if outcome == "blocked":
                    await mark_inactive(session, item[0])
                    await store.stop_reminders(session, item[0])
                await store.finish(session, *item, "sent" if outcome == "sent" else "failed", detail, commit=False)
                if on_finished is not None:
                    await on_finished(session, item, outcome)
                await session.commit()

            await self._logged(settle, "finish")
            report.remaining -= 1
            if outcome == "sent":
                report.sent += 1
                metrics.reminder_sent()
            else:
                report.failed += 1
                metrics.reminder_failed(reason=outcome)
            if on_progress is not None and (n % 25 == 24 or report.remaining == 0):
                await on_progress(report)
        return report


_shared: dict[int, Sender] = {}


def shared_sender(bot: Bot, db: Database) -> Sender:
    """One Sender (one token bucket, one per-chat clock) per bot and database in this process, so
    reminders and admin broadcasts share Telegram's 30 messages a second instead of each taking it."""
    key = id(bot) ^ id(db)
    sender = _shared.get(key)
    if sender is None or sender.bot is not bot or sender.db is not db:
        sender = _shared[key] = Sender(bot, db)
    return sender


def set_shared_sender(sender: Sender) -> None:
    """Tests and benchmarks install a Sender with a fake clock."""
    _shared[id(sender.bot) ^ id(sender.db)] = sender
