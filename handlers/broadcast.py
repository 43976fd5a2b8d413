"""Admin /broadcast: choose the audience, write the text, check the preview, send; Stop.

The fan-out itself and its resumption are the broadcast engine (bot/broadcasts.py), next to the
shared sender; the form is given it as ``broadcasts`` (handlers/ports.Broadcasts). The progress
message is ui/broadcast_render.py."""

from __future__ import annotations

import html

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.text_decorations import HtmlDecoration
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.broadcasts import store
from domain.broadcasts.models import AUDIENCES
from domain.models import User
from domain.repos import DomainError
from handlers.ports import Broadcasts
from handlers.routing import Feature
from ui.broadcast_render import progress_text, stop_keyboard
from ui.buttons import BcCb

router = Feature("broadcast")


class _SafeHtml(HtmlDecoration):
    """aiogram's HTML from entities, with link addresses escaped (``&`` in a query string)."""

    def link(self, value: str, link: str) -> str:
        return f'<a href="{html.escape(link, quote=True)}">{value}</a>'


_HTML = _SafeHtml()


class BroadcastForm(StatesGroup):
    audience = State()
    text = State()
    confirm = State()


@router.message(Command("broadcast"))
async def start(message: Message, state: FSMContext, user: User, t) -> None:
    if not access.is_admin(user):
        await message.answer(t("bc-admins-only"))
        return
    await state.set_state(BroadcastForm.audience)
    kb = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=t(f"bc-aud-{a}"), callback_data=BcCb(a="aud", v=a).pack())]
                                               for a in AUDIENCES])
    await message.answer(t("bc-ask-audience"), reply_markup=kb)


@router.callback_query(BroadcastForm.audience, BcCb.filter(F.a == "aud"))
async def got_audience(query: CallbackQuery, callback_data: BcCb, state: FSMContext, user: User, t) -> None:
    if not access.is_admin(user) or callback_data.v not in AUDIENCES:
        await query.answer(t("bc-admins-only"), show_alert=True)
        return
    await query.answer()
    await state.update_data(audience=callback_data.v)
    await state.set_state(BroadcastForm.text)
    await query.message.answer(t("bc-ask-text", audience=t(f"bc-aud-{callback_data.v}"), limit=store.MAX_TEXT))


@router.message(BroadcastForm.text, F.text, ~F.text.startswith("/"))
async def got_text(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    try:
        store.check_text(message.text)  # the length Telegram counts: the text without its markup
        # kept and sent as HTML built from the message's entities, so the admin's bold, italics and
        # links arrive as written (aiogram escapes everything else)
        text = _HTML.unparse(message.text or "", message.entities).strip()
    except DomainError as exc:
        await message.answer(t.err(exc.code, **exc.params))  # the state stays: send it again
        return
    data = await state.get_data()
    count = len(await store.audience_ids(session, data["audience"]))
    await state.update_data(text=text)
    await state.set_state(BroadcastForm.confirm)
    kb = InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=t("bc-btn-send", count=count), callback_data=BcCb(a="send").pack()),
        InlineKeyboardButton(text=t("bc-btn-cancel"), callback_data=BcCb(a="cancel").pack())]])
    await message.answer(t("bc-preview", audience=t(f"bc-aud-{data['audience']}"), count=count) + "\n\n"
                         + text, reply_markup=kb)


@router.message(BroadcastForm.text, ~F.text)
async def not_text(message: Message, t) -> None:
    await message.answer(t("bc-text-only"))


@router.callback_query(BroadcastForm.confirm, BcCb.filter(F.a.in_({"send", "cancel"})))
async def confirm(query: CallbackQuery, callback_data: BcCb, state: FSMContext, session: AsyncSession, user: User,
                  bot: Bot, broadcasts: Broadcasts, t) -> None:
    if not access.is_admin(user):
        await query.answer(t("bc-admins-only"), show_alert=True)
        return
    data = await state.get_data()
    await state.clear()
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    if callback_data.a == "cancel":
        await query.message.answer(t("bc-cancelled"))
        return
    recipients = await store.audience_ids(session, data["audience"])
    row = await store.create(session, user.id, data["audience"], data["text"], len(recipients))
    await session.commit()  # the row must exist before the fan-out (another session) starts
    status = await query.message.answer(progress_text(t, row.id, 0, 0, len(recipients)), reply_markup=stop_keyboard(t, row.id))
    await store.progress(session, row.id, 0, 0, message=(status.chat.id, status.message_id))
    broadcasts.start(bot, row.id)


@router.callback_query(BcCb.filter(F.a == "stop"))
async def stop(query: CallbackQuery, callback_data: BcCb, session: AsyncSession, user: User, t) -> None:
    if not access.is_admin(user):
        await query.answer(t("bc-admins-only"), show_alert=True)
        return
    stopped = await store.cancel(session, int(callback_data.v))
    await query.answer(t("bc-stopping") if stopped else t("bc-not-running"))


