"""Builds the Bot and the Dispatcher: the same build serves polling, webhook, console chat and tests."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.types import BotCommand, BotCommandScopeDefault

from bot.broadcasts import Starter
from bot.db import Database
from bot.middlewares import (
    DbSessionMiddleware,
    ErrorMiddleware,
    FormExpiryMiddleware,
    FsmFlushMiddleware,
    PrivateChatMiddleware,
    UserMiddleware,
)
from bot.ops.metrics import MetricsMiddleware
from bot.ops.ratelimit import build_throttling
from bot.retry import RetryAfterMiddleware
from bot.sandbox import shared_sandbox
from bot.settings import Settings
from bot.storage import DatabaseStorage, build_storage
from handlers import feature_routers
from handlers.menu import COMMANDS
from ui.i18n import Translator, get_translator

log = logging.getLogger(__name__)
LOCAL_TOKEN = "42:LOCAL-console-chat-no-telegram"


@dataclass
class App:
    settings: Settings
    db: Database
    dispatcher: Dispatcher
    storage: BaseStorage
    translator: Translator
    extras: dict = field(default_factory=dict)


def build_bot(settings: Settings, session: BaseSession | None = None, retry_after: bool = True) -> Bot:
    """The Bot; with ``retry_after`` its session retries 429 answers (capped) — see bot/retry.py."""
    if session is None:
        api = TelegramAPIServer.from_base(settings.telegram_api_url) if settings.telegram_api_url else None
        session = AiohttpSession(api=api) if api else AiohttpSession()
    token = settings.bot_token.get_secret_value() if settings.bot_token else LOCAL_TOKEN
    if retry_after:
        session.middleware(RetryAfterMiddleware())
    return Bot(token=token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def build_dispatcher(settings: Settings, db: Database, storage: BaseStorage | None = None,
                     first: list[Router] | None = None) -> App:
    """The Dispatcher with the middleware stack and fresh feature routers (``first``: routers
    that go before the features, e.g. a benchmark's form)."""
    from domain.calc.data import use_folder

    use_folder(settings.rates_folder)  # fee tables an admin loaded (unionbot rates load)
    translator = get_translator(settings.default_locale)
    if storage is None and settings.redis_url:
        from bot.ops.cluster import redis_storage  # RedisStorage on a pool that waits under load

        storage = redis_storage(settings)
    storage = storage or build_storage(settings, db)
    dp = Dispatcher(storage=storage, events_isolation=_isolation(settings, storage))
    # what the feature routers are given (handlers/ports.py): they never import bot/
    dp["settings"] = settings
    dp["db"] = db
    dp["translator"] = translator
    dp["roster_worker"] = shared_sandbox(settings.roster_worker_memory_mb, settings.roster_worker_timeout,
                                         settings.roster_workers)
    dp["broadcasts"] = Starter(db)

    dp.update.outer_middleware(ErrorMiddleware(translator))
    dp.update.outer_middleware(MetricsMiddleware())
    dp.update.outer_middleware(PrivateChatMiddleware(translator))
    dp.update.outer_middleware(build_throttling(settings, translator, storage))
    if isinstance(storage, DatabaseStorage):
        dp.update.outer_middleware(FsmFlushMiddleware(storage))
    dp.update.outer_middleware(DbSessionMiddleware(db))
    dp.update.outer_middleware(UserMiddleware(settings, translator))
    dp.update.outer_middleware(FormExpiryMiddleware(settings.form_ttl_days))

    dp.include_routers(*(first or []), *feature_routers())
    return App(settings=settings, db=db, dispatcher=dp, storage=storage, translator=translator)


def _isolation(settings: Settings, storage: BaseStorage):
    """Per-chat isolation: updates of one user never interleave (Redis lock across workers)."""
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        if isinstance(storage, RedisStorage):
            return storage.create_isolation()
    return LocalEventIsolation()


class LocalEventIsolation(BaseEventIsolation):
    """Per-chat lock in one process; unlike aiogram's SimpleEventIsolation it forgets idle locks."""

    def __init__(self) -> None:
        self._locks: dict = {}  # key -> [lock, holders and waiters]

    @asynccontextmanager
    async def lock(self, key):
        entry = self._locks.get(key)
        if entry is None:
            entry = self._locks[key] = [asyncio.Lock(), 0]
        entry[1] += 1
        try:
            async with entry[0]:
                yield
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                self._locks.pop(key, None)

    async def close(self) -> None:
        self._locks.clear()


async def set_commands(bot: Bot, translator: Translator) -> None:
    """Command menus per language (setMyCommands): Chinese as the default, English for en clients."""
    for lang in ("zh", "en"):
        commands = [
            BotCommand(command=cmd, description=translator.t(lang, key))
            for cmd, key in COMMANDS
            if translator.has(key, lang)
        ]
        await bot.set_my_commands(commands, scope=BotCommandScopeDefault(), language_code=None if lang == "zh" else lang)
