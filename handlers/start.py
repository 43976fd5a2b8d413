"""/start (with clerk invite deep links), roles, /help, /lang, /cancel, /privacy, /forget."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.models import Unit, User
from domain.privacy import CONFIRM_TTL, Confirmations
from domain.repos import DomainError, forget_user, redeem_invite, set_user_lang, set_user_mode
from handlers.menu import MenuCb, menu_keyboard
from handlers.ports import Config
from handlers.routing import Feature

router = Feature("start")


class LangCb(CallbackData, prefix="lang"):
    code: str


class ForgetCb(CallbackData, prefix="forget"):
    yes: bool
    nonce: str  # of the confirmation kept in the FSM data (domain.privacy.Confirmations)


def roles_keyboard(t) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t("start-role-member"), callback_data=MenuCb(item="mode_member").pack())],
            [InlineKeyboardButton(text=t("start-role-clerk"), callback_data=MenuCb(item="mode_clerk").pack())],
        ]
    )


async def show_menu(target: Message, t, user: User, session: AsyncSession, edit: bool = False,
                    settings: Config | None = None) -> None:
    mode = user.mode or "member"
    text = t(f"start-menu-{mode}")
    if mode == "clerk":
        if user.unit_id:
            unit = await session.get(Unit, user.unit_id)
            text += "\n" + t("start-clerk-bound", unit=unit.name if unit else "?")
        else:
            text += "\n" + t("start-clerk-unbound")
    # the Mini App button (WEBAPP_URL) for clerks who act for a unit
    webapp = settings.webapp_url if settings is not None and access.acts_for_unit(user) else None
    kb = menu_keyboard(t, mode, webapp, admin=access.is_admin(user))
    if edit:
        await target.edit_text(text, reply_markup=kb)
    else:
        await target.answer(text, reply_markup=kb)


@router.message(CommandStart(deep_link=True))
async def start_with_payload(message: Message, command: CommandObject, state: FSMContext, session: AsyncSession, user: User, t,
                             settings: Config) -> None:
    payload = (command.args or "").strip()
    if payload.startswith("c"):
        try:
            unit = await redeem_invite(session, payload, user)
        except DomainError as exc:
            await message.answer(t.err(exc.code, **exc.params))
            return
        await state.clear()
        await message.answer(t("invite-ok", unit=unit.name))
        await show_menu(message, t, user, session, settings=settings)
        return
    await start(message, state, t)


@router.message(CommandStart())
async def start(message: Message, state: FSMContext, t) -> None:
    await state.clear()
    await message.answer(t("start-greeting"), reply_markup=roles_keyboard(t))


@router.callback_query(MenuCb.filter(F.item.in_({"mode_member", "mode_clerk"})))
async def choose_mode(query: CallbackQuery, callback_data: MenuCb, session: AsyncSession, user: User, t,
                      settings: Config) -> None:
    await set_user_mode(session, user, callback_data.item.removeprefix("mode_"))
    await query.answer()
    await show_menu(query.message, t, user, session, edit=True, settings=settings)


@router.callback_query(MenuCb.filter(F.item == "home"))
async def home(query: CallbackQuery, state: FSMContext, session: AsyncSession, user: User, t, settings: Config) -> None:
    await state.clear()
    await query.answer()
    await show_menu(query.message, t, user, session, settings=settings)


@router.message(Command("help"))
async def help_(message: Message, user: User, t) -> None:
    text = t("help-clerk" if access.clerk_mode(user) else "help-member")
    if access.is_admin(user):
        text += "\n\n" + t("help-admin")
    await message.answer(text)


@router.message(Command("menu"))
async def menu(message: Message, session: AsyncSession, user: User, t, settings: Config) -> None:
    await show_menu(message, t, user, session, settings=settings)


@router.message(Command("lang"))
async def lang(message: Message, t) -> None:
    kb = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="简体中文", callback_data=LangCb(code="zh").pack()),
                InlineKeyboardButton(text="English", callback_data=LangCb(code="en").pack()),
            ]
        ]
    )
    await message.answer(t("lang-choose"), reply_markup=kb)


@router.callback_query(LangCb.filter())
async def lang_chosen(query: CallbackQuery, callback_data: LangCb, session: AsyncSession, user: User, t) -> None:
    code = callback_data.code if callback_data.code in ("zh", "en") else t.lang
    await set_user_lang(session, user, code)
    new_t = type(t)(t.translator, code)
    await query.answer()
    await query.message.edit_text(new_t("lang-set"))


@router.message(Command("cancel"))
async def cancel(message: Message, state: FSMContext, t) -> None:
    if await state.get_state() is None and not await state.get_data():
        await message.answer(t("cancel-nothing"))
        return
    await state.clear()
    await message.answer(t("cancel-done"))


@router.message(Command("privacy"))
async def privacy(message: Message, t) -> None:
    await message.answer(t("privacy-text"))


FORGET_TOKEN = "forget_token"


@router.message(Command("forget"))
async def forget(message: Message, state: FSMContext, settings: Config, user: User, t) -> None:
    token = Confirmations(settings.resolved_data_key()).issue("forget", user.id)
    await state.update_data({FORGET_TOKEN: token})
    nonce = Confirmations.nonce(token)
    kb = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=t("forget-yes"), callback_data=ForgetCb(yes=True, nonce=nonce).pack()),
                InlineKeyboardButton(text=t("forget-no"), callback_data=ForgetCb(yes=False, nonce=nonce).pack()),
            ]
        ]
    )
    await message.answer(t("forget-confirm"), reply_markup=kb)


@router.callback_query(ForgetCb.filter())
async def forget_answer(query: CallbackQuery, callback_data: ForgetCb, state: FSMContext, session: AsyncSession,
                        settings: Config, user: User, t) -> None:
    await query.answer()
    data = await state.get_data()
    if not callback_data.yes:
        if data.pop(FORGET_TOKEN, None) is not None:
            await state.set_data(data)
        await query.message.edit_text(t("forget-kept"))
        return
    checker = Confirmations(settings.resolved_data_key())
    if not checker.check(data.get(FORGET_TOKEN), "forget", user.id, callback_data.nonce):
        await query.message.edit_text(t("forget-expired", minutes=int(checker.ttl // 60)))
        return
    await state.clear()
    await forget_user(session, user.id)
    await query.message.edit_text(t("forget-done"))


@router.callback_query(F.data.startswith("forget:"))
async def forget_malformed(query: CallbackQuery, t) -> None:
    """A forget button in an old or forged shape: nothing is erased, and the person is told."""
    await query.answer()
    await query.message.edit_text(t("forget-expired", minutes=int(CONFIRM_TTL // 60)))
