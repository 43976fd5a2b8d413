"""Last router: whatever no feature handled gets a helpful reply, never silence or a crash."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from handlers.routing import Feature

router = Feature("fallback")
MAX_TEXT = 4096


@router.message(F.text.startswith("/"))
async def unknown_command(message: Message, t) -> None:
    await message.answer(t("fallback-unknown-command"))


@router.message(F.text)
async def other_text(message: Message, state: FSMContext, t) -> None:
    if len(message.text) >= MAX_TEXT:
        await message.answer(t("fallback-too-long", max=1000))
        return
    if await state.get_state() is not None:
        await message.answer(t("fallback-in-form"))
        return
    await message.answer(t("fallback-unsupported"))


@router.message()
async def unsupported(message: Message, state: FSMContext, t) -> None:
    if await state.get_state() is not None:
        await message.answer(t("fallback-in-form"))
        return
    await message.answer(t("fallback-unsupported"))


@router.callback_query()
async def stale_button(query: CallbackQuery, t) -> None:
    await query.answer(t("fallback-stale-button"), show_alert=True)
