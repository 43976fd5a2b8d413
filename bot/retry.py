"""Outgoing-call middleware: honour Telegram's 429 ``retry_after`` (aiogram never retries by itself).

Retries are capped in number and in total wait, so one flood answer cannot stall a handler
forever; when the cap is reached the TelegramRetryAfter error propagates to the caller.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

log = logging.getLogger(__name__)


_caller_retries: ContextVar[bool] = ContextVar("caller_retries", default=False)


@contextmanager
def caller_retries():
    """Calls made inside are not retried here: their caller handles 429 itself. The fan-out sender
    (bot/sender.py) does, so that a 429 pauses every fan-out of its window and the retry takes a
    place in that window, instead of going out on its own a second later and pushing another
    message over Telegram's limit (found by the crash tests with the outgoing limit off)."""
    token = _caller_retries.set(True)
    try:
        yield
    finally:
        _caller_retries.reset(token)


class RetryAfterMiddleware(BaseRequestMiddleware):
    def __init__(self, max_retries: int = 3, max_total_wait: float = 60.0, sleep=asyncio.sleep, on_retry=None):
        self.max_retries = max_retries
        self.max_total_wait = max_total_wait
        self.sleep = sleep
        self.on_retry = on_retry  # callback(method_name, retry_after) e.g. a metrics counter

    async def __call__(self, make_request: NextRequestMiddlewareType[TelegramType], bot: Bot,
                       method: TelegramMethod[TelegramType]):
        waited = 0.0
        attempt = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if _caller_retries.get():
                    raise
                attempt += 1
                if self.on_retry is not None:
                    self.on_retry(method.__api_method__, exc.retry_after)
                if attempt > self.max_retries or waited + exc.retry_after > self.max_total_wait:
                    log.warning("%s: giving up after %d flood-control answers", method.__api_method__, attempt)
                    raise
                log.info("%s: flood control, retrying in %ss", method.__api_method__, exc.retry_after)
                waited += exc.retry_after
                await self.sleep(exc.retry_after)
