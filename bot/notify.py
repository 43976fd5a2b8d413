"""Push a message to another user in their own language (status changes, reminders)."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import get_translator
from domain.models import User
from domain.repos import mark_inactive

log = logging.getLogger(__name__)


async def notify(bot: Bot, session: AsyncSession, user_id: int, key: str, reply_markup=None, **params) -> bool:
    """Send message ``key`` to ``user_id`` translated into their language. False if undeliverable."""
    user = await session.get(User, user_id)
    if user is not None and not user.active:
        return False
    translator = get_translator()
    text = translator.t(user.lang if user else None, key, **params)
    try:
        await bot.send_message(user_id, text, reply_markup=reply_markup)
    except TelegramForbiddenError:
        await mark_inactive(session, user_id)
        log.info("user %s blocked the bot; marked inactive", user_id)
        return False
    except TelegramBadRequest as exc:
        log.warning("could not notify user %s: %s", user_id, exc.message)
        return False
    return True
