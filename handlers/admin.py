"""Admin: create units (工会组织 / 参保单位: name, level, parent, codes) and clerk invite links."""

from __future__ import annotations

from aiogram import Bot, F
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.identity import check_uscc
from domain.models import UNIT_LEVELS, Unit, User
from domain.repos import (
    INVITE_TTL,
    DomainError,
    create_invite,
    create_unit,
    list_units,
    parent_candidates,
    parent_levels,
)
from handlers.routing import Feature

router = Feature("admin")


class NewUnit(StatesGroup):
    name = State()
    level = State()
    parent = State()
    uscc = State()
    enroll_code = State()
    district = State()
    confirm = State()


class SkipCb(CallbackData, prefix="adm_skip"):
    field: str


class LevelCb(CallbackData, prefix="adm_lvl"):
    level: str


class ParentCb(CallbackData, prefix="adm_par"):
    unit: int  # 0: no parent for now


class ConfirmCb(CallbackData, prefix="adm_ok"):
    ok: bool


class Orphan(StatesGroup):
    search = State()


class OrphanCb(CallbackData, prefix="adm_orph"):
    action: str  # pick (an application) / unit (assign it to a unit)
    app: int
    unit: int = 0


PARENT_BUTTONS = 8  # more candidates than this: the admin types part of the name


def _skip_kb(t, field: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("admin-skip"), callback_data=SkipCb(field=field).pack())]]
    )


def _level_kb(t) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t(f"admin-level-{lvl}"), callback_data=LevelCb(level=lvl).pack())] for lvl in UNIT_LEVELS
    ])


def _typed_level(t, text: str) -> str | None:
    """The level a typed answer names: its button's label, the label's first words, or the CLI's name."""
    typed = " ".join(text.split()).casefold()
    for lvl in UNIT_LEVELS:
        label = t(f"admin-level-{lvl}").casefold()
        if typed == lvl or (len(typed) >= 2 and label.startswith(typed)):
            return lvl
    return None


async def invite_link(bot: Bot, code: str) -> str:
    me = await bot.me()
    return f"https://t.me/{me.username}?start={code}"


@router.message(Command("newunit"))
async def new_unit(message: Message, state: FSMContext, user: User, t) -> None:
    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    await state.clear()
    await state.set_state(NewUnit.name)
    await message.answer(t("admin-ask-unit-name"))


@router.message(NewUnit.name, F.text)
async def got_name(message: Message, state: FSMContext, t) -> None:
    name = message.text.strip()
    if len(name) < 2 or len(name) > 200:
        await message.answer(t.err("unit.name"))
        return
    await state.update_data(name=name)
    await state.set_state(NewUnit.level)
    await message.answer(t("admin-ask-level"), reply_markup=_level_kb(t))


async def _after_level(target: Message, state: FSMContext, session: AsyncSession, t, level: str) -> None:
    await state.update_data(level=level, parent_id=None)
    if not parent_levels(level):
        await _ask_uscc(target, state, t)
        return
    await state.set_state(NewUnit.parent)
    await _offer_parents(target, session, t, level, "")


async def _offer_parents(target: Message, session: AsyncSession, t, level: str, text: str) -> None:
    found = await parent_candidates(session, level, text)
    if text and not found:
        await target.answer(t("admin-parent-none-found", text=text), reply_markup=_parent_kb(t, []))
        return
    rows = found[:PARENT_BUTTONS]
    key = "admin-ask-parent" if len(found) <= PARENT_BUTTONS else "admin-ask-parent-many"
    if not found:
        key = "admin-ask-parent-empty"
    await target.answer(t(key, n=len(found), shown=len(rows)), reply_markup=_parent_kb(t, rows))


def _parent_kb(t, units: list[Unit]) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=t("admin-parent-line", name=u.name, level=t(f"admin-level-{u.level}")),
                                  callback_data=ParentCb(unit=u.id).pack())] for u in units]
    rows.append([InlineKeyboardButton(text=t("admin-parent-later"), callback_data=ParentCb(unit=0).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


@router.message(NewUnit.level, F.text)
async def got_level_text(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    level = _typed_level(t, message.text)
    if level is None:
        await message.answer(t("admin-level-unknown"), reply_markup=_level_kb(t))
        return
    await _after_level(message, state, session, t, level)


@router.callback_query(LevelCb.filter())
async def got_level(query: CallbackQuery, callback_data: LevelCb, state: FSMContext, session: AsyncSession, user: User,
                    t) -> None:
    if not access.is_admin(user) or await state.get_state() != NewUnit.level.state or callback_data.level not in UNIT_LEVELS:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await _after_level(query.message, state, session, t, callback_data.level)


@router.message(NewUnit.parent, F.text)
async def parent_search(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    data = await state.get_data()
    await _offer_parents(message, session, t, data["level"], " ".join(message.text.split())[:100])


@router.callback_query(ParentCb.filter())
async def got_parent(query: CallbackQuery, callback_data: ParentCb, state: FSMContext, session: AsyncSession, user: User,
                     t) -> None:
    if not access.is_admin(user) or await state.get_state() != NewUnit.parent.state:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    if callback_data.unit:
        data = await state.get_data()
        allowed = {u.id for u in await parent_candidates(session, data["level"])}
        if callback_data.unit not in allowed:  # deleted or not above this level
            await query.answer(t.err("unit.parent_missing", id=callback_data.unit), show_alert=True)
            return
    await query.answer()
    await state.update_data(parent_id=callback_data.unit or None)
    await _ask_uscc(query.message, state, t)


async def _ask_uscc(target: Message, state: FSMContext, t) -> None:
    await state.set_state(NewUnit.uscc)
    await target.answer(t("admin-ask-uscc"), reply_markup=_skip_kb(t, "uscc"))


@router.message(NewUnit.uscc, F.text)
async def got_uscc(message: Message, state: FSMContext, t) -> None:
    check = check_uscc(message.text)
    if not check.ok:
        await message.answer(t.err(check.error), reply_markup=_skip_kb(t, "uscc"))
        return
    await state.update_data(uscc=check.number)
    await state.set_state(NewUnit.enroll_code)
    await message.answer(t("admin-ask-enroll-code"), reply_markup=_skip_kb(t, "enroll_code"))


@router.message(NewUnit.enroll_code, F.text)
async def got_code(message: Message, state: FSMContext, t) -> None:
    await state.update_data(enroll_code=message.text.strip()[:32])
    await state.set_state(NewUnit.district)
    await message.answer(t("admin-ask-district"), reply_markup=_skip_kb(t, "district"))


@router.message(NewUnit.district, F.text)
async def got_district(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    await state.update_data(district=message.text.strip()[:100])
    await _ask_confirm(message, state, session, t)


@router.callback_query(SkipCb.filter())
async def skip(query: CallbackQuery, callback_data: SkipCb, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    current = await state.get_state()
    expected = {"uscc": NewUnit.uscc.state, "enroll_code": NewUnit.enroll_code.state, "district": NewUnit.district.state}
    if not access.is_admin(user) or current != expected.get(callback_data.field):
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    if callback_data.field == "uscc":
        await state.set_state(NewUnit.enroll_code)
        await query.message.answer(t("admin-ask-enroll-code"), reply_markup=_skip_kb(t, "enroll_code"))
    elif callback_data.field == "enroll_code":
        await state.set_state(NewUnit.district)
        await query.message.answer(t("admin-ask-district"), reply_markup=_skip_kb(t, "district"))
    else:
        await _ask_confirm(query.message, state, session, t)


async def _ask_confirm(target: Message, state: FSMContext, session: AsyncSession, t) -> None:
    data = await state.get_data()
    parent = await session.get(Unit, data["parent_id"]) if data.get("parent_id") else None
    none = t("admin-summary-none")
    await state.set_state(NewUnit.confirm)
    kb = InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text=t("admin-btn-create"), callback_data=ConfirmCb(ok=True).pack()),
        InlineKeyboardButton(text=t("admin-btn-cancel"), callback_data=ConfirmCb(ok=False).pack()),
    ]])
    await target.answer(t("admin-summary", name=data["name"], level=t(f"admin-level-{data['level']}"),
                          parent=parent.name if parent else none, uscc=data.get("uscc") or none,
                          code=data.get("enroll_code") or none, district=data.get("district") or none), reply_markup=kb)


@router.message(NewUnit.confirm, F.text)
async def confirm_typed(message: Message, state: FSMContext, session: AsyncSession, user: User, bot: Bot, t) -> None:
    typed = message.text.strip().casefold()
    if typed == t("admin-btn-create").casefold():
        await _finish(message, state, session, user, bot, t)
    elif typed == t("admin-btn-cancel").casefold():
        await state.clear()
        await message.answer(t("admin-unit-cancelled"))
    else:
        await message.answer(t("admin-confirm-press"))


@router.callback_query(ConfirmCb.filter())
async def confirm(query: CallbackQuery, callback_data: ConfirmCb, state: FSMContext, session: AsyncSession, user: User,
                  bot: Bot, t) -> None:
    if not access.is_admin(user) or await state.get_state() != NewUnit.confirm.state:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    if callback_data.ok:
        await _finish(query.message, state, session, user, bot, t)
    else:
        await state.clear()
        await query.message.answer(t("admin-unit-cancelled"))


async def _finish(message: Message, state: FSMContext, session: AsyncSession, user: User, bot: Bot, t) -> None:
    data = await state.get_data()
    try:
        unit = await create_unit(
            session, data["name"], uscc=data.get("uscc"), enroll_code=data.get("enroll_code"),
            district=data.get("district"), level=data["level"], parent_id=data.get("parent_id"),
        )
    except DomainError as exc:
        await state.clear()
        await message.answer(t.err(exc.code, **exc.params))
        return
    invite = await create_invite(session, unit.id, user.id)
    await state.clear()
    await message.answer(
        t("admin-unit-created", name=unit.name, id=unit.id, days=INVITE_TTL.days, link=await invite_link(bot, invite.code))
    )


@router.message(Command("units"))
async def units(message: Message, session: AsyncSession, user: User, t) -> None:
    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    await send_units(message, session, t)


async def send_units(target: Message, session: AsyncSession, t) -> None:
    rows = await list_units(session)
    if not rows:
        await target.answer(t("admin-units-empty"))
        return
    await target.answer(
        "\n".join(t("admin-units-line", id=u.id, name=u.name, uscc=f" · {u.uscc}" if u.uscc else "") for u in rows)
    )


@router.message(Command("invite"))
async def invite(message: Message, command: CommandObject, session: AsyncSession, user: User, bot: Bot, t) -> None:
    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    arg = (command.args or "").strip()
    if not arg.isdigit():
        await message.answer(t("admin-invite-usage"))
        return
    await send_invite(message, session, user, bot, t, int(arg))


async def send_invite(target: Message, session: AsyncSession, user: User, bot: Bot, t, unit_id: int) -> None:
    unit = await session.get(Unit, unit_id)
    if unit is None:
        await target.answer(t.err("unit.missing", id=unit_id))
        return
    inv = await create_invite(session, unit.id, user.id)
    await target.answer(t("admin-invite", name=unit.name, days=INVITE_TTL.days, link=await invite_link(bot, inv.code)))


# --- card applications without a unit (their union was not registered) -----------------


@router.message(Command("orphans"))
async def orphans(message: Message, session: AsyncSession, user: User, t) -> None:
    """Open card applications naming a union that is not in the registry: an admin assigns each one."""
    from domain.cards import service as cards

    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    rows = await cards.orphans(session)
    if not rows:
        await message.answer(t("admin-orphans-none"))
        return
    await message.answer(t("admin-orphans-title", count=len(rows)), reply_markup=InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t("admin-orphan-line", ref=a.ref, doc=a.doc_masked, union=a.union_name),
                              callback_data=OrphanCb(action="pick", app=a.id).pack())] for a in rows]))


@router.callback_query(OrphanCb.filter(F.action == "pick"))
async def orphan_pick(query: CallbackQuery, callback_data: OrphanCb, state: FSMContext, session: AsyncSession,
                      user: User, t) -> None:
    from domain.cards import service as cards

    if not access.is_admin(user):
        await query.answer(t("admin-only"), show_alert=True)
        return
    await query.answer()
    await state.set_state(Orphan.search)
    await state.update_data(orphan=callback_data.app)
    app = next((a for a in await cards.orphans(session, 1000) if a.id == callback_data.app), None)
    matches = await cards.search_units(session, app.union_name) if app else []
    await query.message.answer(t("admin-orphan-ask-unit"), reply_markup=_units_kb(callback_data.app, matches)
                               if matches else None)


def _units_kb(app_id: int, units: list[Unit]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=f"{u.name} (#{u.id})", callback_data=OrphanCb(action="unit", app=app_id, unit=u.id).pack())]
        for u in units])


@router.message(Orphan.search, F.text, ~F.text.startswith("/"))
async def orphan_search(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    from domain.cards import service as cards

    data = await state.get_data()
    matches = await cards.search_units(session, message.text.strip())
    if not matches:
        await message.answer(t("admin-orphan-no-unit"))
        return
    await message.answer(t("admin-orphan-pick-unit"), reply_markup=_units_kb(int(data["orphan"]), matches))


@router.callback_query(OrphanCb.filter(F.action == "unit"))
async def orphan_assign(query: CallbackQuery, callback_data: OrphanCb, state: FSMContext, session: AsyncSession,
                        user: User, t) -> None:
    from domain.cards import service as cards

    try:
        app = await cards.assign_unit(session, user, callback_data.app, callback_data.unit)
    except DomainError as exc:
        await query.answer(t.err(exc.code, **exc.params), show_alert=True)
        return
    await query.answer()
    await state.clear()
    await query.message.answer(t("admin-orphan-assigned", ref=app.ref, union=app.union_name))
