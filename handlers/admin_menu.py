"""/admin: one menu that opens each admin function. Each button calls the same handler as its
command (the access check and the domain call stay there); nothing is decided here."""

from __future__ import annotations

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.models import User
from domain.repos import list_units
from handlers import admin, broadcast, calendar_admin, faq, reminder_log
from handlers.menu import MenuCb, shorten
from handlers.routing import Feature

router = Feature("admin_menu")

INVITE_BUTTONS = 30  # more units than this: /invite UNIT_ID for the rest
ITEMS = ("units", "newunit", "invites", "calendar", "broadcast", "reminderlog", "faqgaps", "orphans")


class AdmCb(CallbackData, prefix="adm_m"):
    item: str


class InviteCb(CallbackData, prefix="adm_inv"):
    unit: int


def admin_keyboard(t) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t(f"admin-menu-{item}"), callback_data=AdmCb(item=item).pack())] for item in ITEMS
    ])


@router.message(Command("admin"))
async def admin_menu(message: Message, user: User, t) -> None:
    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    await message.answer(t("admin-menu-title"), reply_markup=admin_keyboard(t))


@router.callback_query(MenuCb.filter(F.item == "admin"))
async def admin_from_menu(query: CallbackQuery, user: User, t) -> None:
    await query.answer()
    await admin_menu(query.message, user, t)


@router.callback_query(AdmCb.filter())
async def pressed(query: CallbackQuery, callback_data: AdmCb, state: FSMContext, session: AsyncSession, user: User,
                  bot: Bot, t, settings) -> None:
    if not access.is_admin(user):
        await query.answer(t("admin-only"), show_alert=True)
        return
    await query.answer()
    target, item = query.message, callback_data.item
    if item == "units":
        await admin.send_units(target, session, t)
    elif item == "newunit":
        await admin.new_unit(target, state, user, t)
    elif item == "invites":
        await _invite_units(target, session, t)
    elif item == "calendar":
        await calendar_admin.calendar_start(target, state, user, t, settings)
    elif item == "broadcast":
        await broadcast.start(target, state, user, t)
    elif item == "reminderlog":
        await reminder_log.reminder_log(target, session, user, t, settings)
    elif item == "faqgaps":
        await faq.faq_gaps(target, session, user, t)
    elif item == "orphans":
        await admin.orphans(target, session, user, t)  # the cards' /orphans: list, then assign each


async def _invite_units(target: Message, session: AsyncSession, t) -> None:
    units = await list_units(session)
    if not units:
        await target.answer(t("admin-units-empty"))
        return
    text = t("admin-invite-pick") if len(units) <= INVITE_BUTTONS else t("admin-invite-pick-many", shown=INVITE_BUTTONS)
    await target.answer(text, reply_markup=InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=shorten(f"{u.id}. {u.name}", 48), callback_data=InviteCb(unit=u.id).pack())]
        for u in units[:INVITE_BUTTONS]
    ]))


@router.callback_query(InviteCb.filter())
async def invite_pressed(query: CallbackQuery, callback_data: InviteCb, session: AsyncSession, user: User, bot: Bot,
                         t) -> None:
    if not access.is_admin(user):
        await query.answer(t("admin-only"), show_alert=True)
        return
    await query.answer()
    await admin.send_invite(query.message, session, user, bot, t, callback_data.unit)

