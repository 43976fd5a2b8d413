"""Admin: create units (工会组织 / 参保单位) and clerk invite links."""

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
from domain.repos import INVITE_TTL, DomainError, create_invite, create_unit, list_units
from handlers.routing import Feature

router = Feature("admin")


class NewUnit(StatesGroup):
    name = State()
    uscc = State()
    enroll_code = State()
    district = State()
    level = State()
    parent = State()


class LevelCb(CallbackData, prefix="adm_lvl"):
    level: str


class ParentCb(CallbackData, prefix="adm_par"):
    unit: int


def _level_kb(t) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t(f"admin-level-{level}"), callback_data=LevelCb(level=level).pack())]
        for level in UNIT_LEVELS])


def _typed_level(t, text: str) -> str | None:
    """A level typed instead of pressed: its button text in either language, or its id."""
    text = text.strip().lower()
    for level in UNIT_LEVELS:
        if text == level or text in {v.lower() for v in t.translator.variants(f"admin-level-{level}")}:
            return level
    return None


class Orphan(StatesGroup):
    search = State()


class OrphanCb(CallbackData, prefix="adm_orph"):
    action: str  # pick (an application) / unit (assign it to a unit)
    app: int
    unit: int = 0


class SkipCb(CallbackData, prefix="adm_skip"):
    field: str


def _skip_kb(t, field: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t("admin-skip"), callback_data=SkipCb(field=field).pack())]]
    )


async def invite_link(bot: Bot, code: str) -> str:
    me = await bot.me()
    return f"https://t.me/{me.username}?start={code}"


@router.message(Command("newunit"))
async def new_unit(message: Message, state: FSMContext, user: User, t) -> None:
    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    await state.set_state(NewUnit.name)
    await message.answer(t("admin-ask-unit-name"))


@router.message(NewUnit.name, F.text)
async def got_name(message: Message, state: FSMContext, t) -> None:
    name = message.text.strip()
    if len(name) < 2 or len(name) > 200:
        await message.answer(t.err("unit.name"))
        return
    await state.update_data(name=name)
    await state.set_state(NewUnit.uscc)
    await message.answer(t("admin-ask-uscc"), reply_markup=_skip_kb(t, "uscc"))


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
async def got_district(message: Message, state: FSMContext, t) -> None:
    await state.update_data(district=message.text.strip()[:100])
    await _ask_level(message, state, t)


async def _ask_level(message: Message, state: FSMContext, t) -> None:
    """The unit's level and its parent, as the CLI's --level and --parent."""
    await state.set_state(NewUnit.level)
    await message.answer(t("admin-ask-level"), reply_markup=_level_kb(t))


async def _take_level(message: Message, state: FSMContext, t, level: str) -> None:
    await state.update_data(level=level)
    await state.set_state(NewUnit.parent)
    await message.answer(t("admin-ask-parent"), reply_markup=_skip_kb(t, "parent"))


@router.callback_query(NewUnit.level, LevelCb.filter())
async def got_level(query: CallbackQuery, callback_data: LevelCb, state: FSMContext, user: User, t) -> None:
    if not access.is_admin(user) or callback_data.level not in UNIT_LEVELS:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await _take_level(query.message, state, t, callback_data.level)


@router.message(NewUnit.level, F.text)
async def typed_level(message: Message, state: FSMContext, t) -> None:
    level = _typed_level(t, message.text)
    if level is None:
        await message.answer(t.err("unit.level"), reply_markup=_level_kb(t))
        return
    await _take_level(message, state, t, level)


@router.message(NewUnit.parent, F.text)
async def got_parent(message: Message, state: FSMContext, session: AsyncSession, user: User, bot: Bot, t) -> None:
    """The parent unit: its number, or a part of its name searched in the registry; 跳过 for none."""
    text = message.text.strip()
    if text in t.translator.variants("admin-skip"):
        await _finish(message, state, session, user, bot, t)
        return
    if text.isdigit():
        found = [u for u in [await session.get(Unit, int(text))] if u is not None]
    else:
        found = [u for u in await list_units(session) if text in u.name][:8]
    if len(found) == 1:
        await state.update_data(parent_id=found[0].id)
        await _finish(message, state, session, user, bot, t)
        return
    if not found:
        await message.answer(t("admin-parent-none"), reply_markup=_skip_kb(t, "parent"))
        return
    await message.answer(t("admin-parent-pick"), reply_markup=InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=f"{u.name} (#{u.id})", callback_data=ParentCb(unit=u.id).pack())] for u in found]))


@router.callback_query(NewUnit.parent, ParentCb.filter())
async def picked_parent(query: CallbackQuery, callback_data: ParentCb, state: FSMContext, session: AsyncSession,
                        user: User, bot: Bot, t) -> None:
    if not access.is_admin(user) or await session.get(Unit, callback_data.unit) is None:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await state.update_data(parent_id=callback_data.unit)
    await _finish(query.message, state, session, user, bot, t)


@router.callback_query(SkipCb.filter())
async def skip(query: CallbackQuery, callback_data: SkipCb, state: FSMContext, session: AsyncSession, user: User, bot: Bot, t) -> None:
    current = await state.get_state()
    expected = {"uscc": NewUnit.uscc.state, "enroll_code": NewUnit.enroll_code.state, "district": NewUnit.district.state,
                "parent": NewUnit.parent.state}
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
    elif callback_data.field == "district":
        await _ask_level(query.message, state, t)
    else:
        await _finish(query.message, state, session, user, bot, t)


async def _finish(message: Message, state: FSMContext, session: AsyncSession, user: User, bot: Bot, t) -> None:
    data = await state.get_data()
    try:
        unit = await create_unit(
            session, data["name"], uscc=data.get("uscc"), enroll_code=data.get("enroll_code"), district=data.get("district"),
            level=data.get("level", "grassroots"), parent_id=data.get("parent_id"),
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


class AdminCb(CallbackData, prefix="adm"):
    item: str  # units / newunit / orphans


@router.message(Command("admin"))
async def admin_menu(message: Message, session: AsyncSession, user: User, t) -> None:
    """The admin menu: every admin command (Telegram makes each one a tap) and buttons for the unit
    registry and the card applications waiting for a unit."""
    from domain.cards import service as cards

    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    waiting = len(await cards.orphans(session, 1000))
    await message.answer(t("help-admin") + "\n" + t("admin-menu-orphans", count=waiting), reply_markup=InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t(key), callback_data=AdminCb(item=item).pack())]
                         for item, key in (("units", "admin-menu-units"), ("newunit", "admin-menu-newunit"),
                                           ("orphans", "admin-menu-orphans-button"))]))


@router.callback_query(AdminCb.filter())
async def admin_item(query: CallbackQuery, callback_data: AdminCb, state: FSMContext, session: AsyncSession,
                     user: User, t) -> None:
    if not access.is_admin(user):
        await query.answer(t("admin-only"), show_alert=True)
        return
    await query.answer()
    if callback_data.item == "units":
        await units(query.message, session, user, t)
    elif callback_data.item == "newunit":
        await new_unit(query.message, state, user, t)
    elif callback_data.item == "orphans":
        await orphans(query.message, session, user, t)


@router.message(Command("units"))
async def units(message: Message, session: AsyncSession, user: User, t) -> None:
    if not access.is_admin(user):
        await message.answer(t("admin-only"))
        return
    rows = await list_units(session)
    if not rows:
        await message.answer(t("admin-units-empty"))
        return
    await message.answer(
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
    unit = await session.get(Unit, int(arg))
    if unit is None:
        await message.answer(t.err("unit.missing", id=arg))
        return
    inv = await create_invite(session, unit.id, user.id)
    await message.answer(t("admin-invite", name=unit.name, days=INVITE_TTL.days, link=await invite_link(bot, inv.code)))


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
