"""The middleware stack every update goes through (outermost first):

errors → private-chat guard → throttling → FSM write batching → database session → user + i18n →
form expiry → handler.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import CallbackQuery, InlineQuery, Message, TelegramObject, Update
from sqlalchemy.orm import make_transient_to_detached

from bot import pushes
from bot.db import Database
from bot.settings import Settings
from bot.storage import DatabaseStorage
from domain.models import User
from domain.repos import get_or_create_user
from ui.i18n import BoundTranslator, Translator

log = logging.getLogger("unionbot.updates")
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def _event_user(update: Update):
    event = update.event
    return getattr(event, "from_user", None)


class ErrorMiddleware(BaseMiddleware):
    """No exception escapes the update loop: log the traceback (redacted), tell the user a reference."""

    def __init__(self, translator: Translator):
        self.translator = translator

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await handler(event, data)
        except Exception:
            ref = secrets.token_hex(3).upper()
            update: Update = event  # registered on the update observer
            log.exception("update %s failed (ref %s)", getattr(update, "update_id", "?"), ref, extra={"ref": ref})
            await self._tell_user(update, data, ref)
            return None

    async def _tell_user(self, update: Update, data: dict[str, Any], ref: str) -> None:
        bot: Bot | None = data.get("bot")
        user = _event_user(update)
        if bot is None or user is None:
            return
        t = data.get("t")
        lang = t.lang if isinstance(t, BoundTranslator) else user.language_code
        text = self.translator.t(lang, "error-internal", ref=ref)
        try:
            event = update.event
            if isinstance(event, CallbackQuery):
                await event.answer()
            if isinstance(event, InlineQuery):
                return
            await bot.send_message(user.id, text)
        except Exception:  # the error message itself failed: logged, never raised
            log.warning("could not deliver the error notice (ref %s)", ref)


class ThrottlingMiddleware(BaseMiddleware):
    """Per-user token bucket. Flooding gets one polite notice, then silence until it calms down."""

    def __init__(self, translator: Translator, rate: float = 3.0, burst: int = 8, clock=time.monotonic):
        self.translator = translator
        self.rate = rate
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[int, list[float]] = {}  # user id -> [tokens, last time, notified flag]

    def allow(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, notify) for one incoming event."""
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) > 100_000:
                self._buckets.clear()
            bucket = self._buckets[user_id] = [self.burst, now, 0.0]
        tokens = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
        bucket[1] = now
        if tokens >= 1.0:
            bucket[0] = tokens - 1.0
            if tokens - 1.0 >= self.burst / 2:
                bucket[2] = 0.0
            return True, False
        bucket[0] = tokens
        notify = bucket[2] == 0.0
        bucket[2] = 1.0
        return False, notify

    async def decide(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, notify): the per-process bucket here; a subclass may share it (bot/ops/ratelimit.py)."""
        return self.allow(user_id)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user = data.get("event_from_user")
        inner = event.event if isinstance(event, Update) else event
        if user is None or not isinstance(inner, (Message, CallbackQuery)):
            return await handler(event, data)
        allowed, notify = await self.decide(user.id)
        if allowed:
            return await handler(event, data)
        if notify:
            bot: Bot = data["bot"]
            text = self.translator.t(user.language_code, "throttle-notice")
            if isinstance(inner, CallbackQuery):
                await inner.answer(text, show_alert=False)
            else:
                await bot.send_message(user.id, text)
        return None


class FsmFlushMiddleware(BaseMiddleware):
    """Batch the database FSM writes of one update into one transaction."""

    def __init__(self, storage: DatabaseStorage):
        self.storage = storage

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        token = self.storage.begin_batch()
        try:
            return await handler(event, data)
        finally:
            await self.storage.end_batch(token)


class DbSessionMiddleware(BaseMiddleware):
    """One database session per update: committed when the handler wrote something and succeeded,
    rolled back otherwise. Sessions that only read (or did nothing) are just closed. Outbox rows the
    update committed are handed to the push engine after the commit, never before."""

    def __init__(self, db: Database):
        self.db = db

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        session = self.db.session()
        data["session"] = session
        data["db"] = self.db
        cache = self.db.user_cache
        try:
            result = await handler(event, data)
            sync = session.sync_session
            if sync.new or sync.dirty or sync.deleted or sync.info.get("writes"):
                if cache is not None:
                    await session.flush()
                    cache.forget(sync)
                await session.commit()
                if cache is not None:
                    cache.forget(sync)
            return result
        except Exception:
            if cache is not None:
                cache.forget(session.sync_session)
            await session.rollback()
            raise
        finally:
            await session.close()
            if session.sync_session.info.pop("outbox_committed", False):
                pushes.kick(data["bot"], self.db)


class UserMiddleware(BaseMiddleware):
    """Load (or register) the user and bind the translator in their language."""

    def __init__(self, settings: Settings, translator: Translator):
        self.settings = settings
        self.translator = translator

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        tg_user = data.get("event_from_user")
        if tg_user is None or tg_user.is_bot:
            data["t"] = BoundTranslator(self.translator, self.settings.default_locale)
            return await handler(event, data)
        session = data["session"]
        lang = self.translator.normalize(tg_user.language_code) if tg_user.language_code else self.settings.default_locale
        db: Database = data["db"]
        if db.direct is not None and tg_user.id not in self.settings.admin_ids:
            # Embedded SQLite: the row comes from the process cache or one direct read, and is
            # attached to the session without a SELECT.
            row = db.user_cache.get(tg_user.id)
            if row is None:
                raw = await db.direct.run(_sqlite_fetch_user, tg_user.id)
                row = _row_values(raw) if raw is not None else None
                if row is not None:
                    db.user_cache.put(tg_user.id, row)
            if row is not None and row["role"] != "admin":
                user = User(**row)
                make_transient_to_detached(user)
                session.add(user)
                if not user.active:
                    user.active = True
                data["user"] = user
                data["t"] = BoundTranslator(self.translator, self.translator.normalize(user.lang or lang))
                return await handler(event, data)
        user, _created = await get_or_create_user(session, tg_user.id, lang, self.settings.admin_ids)
        if not user.active:
            user.active = True  # they wrote to us again, so the bot is not blocked any more
            session.add(user)
        data["user"] = user
        data["t"] = BoundTranslator(self.translator, self.translator.normalize(user.lang or lang))
        return await handler(event, data)


class FormExpiryMiddleware(BaseMiddleware):
    """A form left untouched for FORM_TTL_DAYS is gone: the member is told once, in their language,
    the next time they write, and the update then goes on as usual. Also runs the storage's hourly
    sweep (in the background) that expires the forms of those who never come back."""

    def __init__(self, days: float):
        self.days = days
        self._sweeps: set = set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        fsm = data.get("state")
        storage = getattr(fsm, "storage", None)
        if fsm is not None and hasattr(storage, "take_expired") and data.get("event_from_user") is not None:
            if storage.sweep_due():
                task = asyncio.create_task(storage.sweep())
                self._sweeps.add(task)
                task.add_done_callback(self._swept)
            if await storage.take_expired(fsm.key):
                data["raw_state"] = None  # aiogram read the state before: the handlers see it gone
                bot: Bot = data["bot"]
                await bot.send_message(fsm.key.chat_id, data["t"]("form-expired", days=_days(self.days)))
        return await handler(event, data)

    def _swept(self, task) -> None:
        self._sweeps.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("form expiry sweep failed", exc_info=task.exception())


def _days(days: float) -> int | float:
    return int(days) if float(days).is_integer() else days


def _sqlite_fetch_user(conn, user_id: int):
    return conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()


def _parse_time(value):
    from datetime import UTC, datetime

    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _row_values(row) -> dict:
    values = {key: row[key] for key in row.keys()}
    values["active"] = bool(values["active"])
    values["created_at"] = _parse_time(values["created_at"])
    values["updated_at"] = _parse_time(values["updated_at"])
    return values


class PrivateChatMiddleware(BaseMiddleware):
    """Personal data stays in private chats: group messages get one pointer to the private chat."""

    def __init__(self, translator: Translator):
        self.translator = translator

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        inner = event.event if isinstance(event, Update) else event
        if isinstance(inner, CallbackQuery) and inner.message is not None and inner.from_user is not None:
            if inner.message.chat.id != inner.from_user.id:
                text = self.translator.t(inner.from_user.language_code, "fallback-not-your-button")
                await inner.answer(text, show_alert=True)
                return None
        chat = data.get("event_chat")
        if chat is not None and chat.type != "private":
            if isinstance(inner, Message) and inner.text and inner.text.startswith("/"):
                await inner.answer(self.translator.t(getattr(inner.from_user, "language_code", None), "fallback-group"))
            return None
        return await handler(event, data)
