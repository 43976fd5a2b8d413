"""/reminders (and /subscribe): reminder settings — on/off, programmes, lead times, the unit's
programmes; /unsubscribe: no reminders at all. A reminder's "done" button stops further ones of
the same thing (for the whole unit when a cut-off is done)."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access
from domain.calendar import PROGRAMS
from domain.models import User
from domain.reminders import store
from domain.reminders.audience import FOLLOW_UNIT
from domain.reminders.planning import ALL_LEADS, LEAD_CHOICES
from handlers.deadlines import program_label
from handlers.events import EvCb
from handlers.menu import MenuCb
from handlers.routing import Feature
from ui.buttons import DoneCb

router = Feature("reminders")


class RemCb(CallbackData, prefix="rem"):
    a: str  # prog / lead / follow / on / off / unit / uprog / back
    v: str = ""



def _mark(on: bool) -> str:
    return "✅" if on else "⬜"


async def _settings_view(session: AsyncSession, user: User, t) -> tuple[str, InlineKeyboardMarkup]:
    sub = await store.get_subscription(session, user.id)
    me = await store.person(session, user)
    state = t("dl-state-on") if sub.active else t("dl-state-off")
    leads = " / ".join(t(f"dl-lead-{lead}") for lead in LEAD_CHOICES if lead in me.leads) or t("dl-leads-none")
    rows: list[list[InlineKeyboardButton]] = []
    if access.is_clerk(user):
        follow = t("dl-follows-unit") if sub.programs == FOLLOW_UNIT else ""
        progs = t("list-sep").join(program_label(t, p) for p in PROGRAMS if p in me.programs) or t("dl-progs-none")
        text = t("dl-settings", state=state, programs=progs, follow=follow, leads=leads)
        pairs = [InlineKeyboardButton(text=f"{_mark(p in me.programs)} {program_label(t, p)}",
                                      callback_data=RemCb(a="prog", v=p).pack()) for p in PROGRAMS]
        rows += [pairs[i:i + 2] for i in range(0, len(pairs), 2)]
        rows.append([InlineKeyboardButton(text=f"{_mark(lead in me.leads)} {t(f'dl-lead-{lead}')}",
                                          callback_data=RemCb(a="lead", v=lead).pack()) for lead in LEAD_CHOICES])
    else:  # members' reminders have their own timing (card collection): only on / off
        text = t("dl-settings-member", state=state)
    if access.is_clerk(user) and sub.programs != FOLLOW_UNIT and user.unit_id:
        rows.append([InlineKeyboardButton(text=t("dl-btn-follow-unit"), callback_data=RemCb(a="follow").pack())])
    if access.is_clerk(user) and user.unit_id:
        rows.append([InlineKeyboardButton(text=t("dl-btn-unit-programs"), callback_data=RemCb(a="unit").pack()),
                     InlineKeyboardButton(text=t("dl-btn-events"), callback_data=EvCb(a="list").pack())])
    rows.append([InlineKeyboardButton(text=t("dl-btn-off") if sub.active else t("dl-btn-on"),
                                      callback_data=RemCb(a="off" if sub.active else "on").pack())])
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


async def _unit_view(session: AsyncSession, user: User, t) -> tuple[str, InlineKeyboardMarkup]:
    chosen = await store.get_unit_programs(session, user.unit_id)
    have = set(PROGRAMS) if chosen is None else set(chosen.split(","))
    rows = [[InlineKeyboardButton(text=f"{_mark(p in have)} {program_label(t, p)}", callback_data=RemCb(a="uprog", v=p).pack())]
            for p in PROGRAMS]
    rows.append([InlineKeyboardButton(text=t("dl-btn-back"), callback_data=RemCb(a="back").pack())])
    return t("dl-unit-programs"), InlineKeyboardMarkup(inline_keyboard=rows)


async def _send_settings(target: Message, session: AsyncSession, user: User, t) -> None:
    text, markup = await _settings_view(session, user, t)
    await target.answer(text, reply_markup=markup)


@router.message(Command("reminders"))
async def reminders(message: Message, session: AsyncSession, user: User, t) -> None:
    await _send_settings(message, session, user, t)


@router.callback_query(MenuCb.filter(F.item == "reminders"))
async def menu_reminders(query: CallbackQuery, session: AsyncSession, user: User, t) -> None:
    await query.answer()
    await _send_settings(query.message, session, user, t)


@router.message(Command("subscribe"))
async def subscribe(message: Message, session: AsyncSession, user: User, t) -> None:
    await store.set_choice(session, user.id, active=True)
    await message.answer(t("dl-subscribed"))
    await _send_settings(message, session, user, t)


@router.message(Command("unsubscribe"))
async def unsubscribe(message: Message, session: AsyncSession, user: User, t) -> None:
    await store.stop_reminders(session, user.id)
    await message.answer(t("dl-unsubscribed"))


@router.callback_query(RemCb.filter())
async def settings_press(query: CallbackQuery, callback_data: RemCb, session: AsyncSession, user: User, t) -> None:
    a, v = callback_data.a, callback_data.v
    me = await store.person(session, user)
    if a in ("prog", "lead", "follow", "unit", "uprog") and not access.is_clerk(user):
        await query.answer(t("dl-clerks-only"), show_alert=True)
        return
    if a in ("unit", "uprog") and not user.unit_id:
        await query.answer(t("ev-no-unit"), show_alert=True)
        return
    if a == "prog" and v in PROGRAMS:
        chosen = set(me.programs) ^ {v}
        await store.set_choice(session, user.id, programs=",".join(p for p in PROGRAMS if p in chosen))
    elif a == "lead" and v in LEAD_CHOICES:
        chosen = set(me.leads) ^ {v}
        await store.set_choice(session, user.id, leads=",".join(x for x in LEAD_CHOICES if x in chosen))
    elif a == "follow":
        await store.set_choice(session, user.id, programs=FOLLOW_UNIT)
    elif a in ("on", "off"):
        await store.set_choice(session, user.id, active=a == "on")
    elif a == "uprog" and v in PROGRAMS:
        current = await store.get_unit_programs(session, user.unit_id)
        have = set(PROGRAMS) if current is None else set(filter(None, current.split(",")))
        await store.set_unit_programs(session, user.unit_id, ",".join(p for p in PROGRAMS if p in have ^ {v}), user.id)
    await query.answer()
    if a in ("unit", "uprog"):
        text, markup = await _unit_view(session, user, t)
    else:
        text, markup = await _settings_view(session, user, t)
    await query.message.edit_text(text, reply_markup=markup)


@router.callback_query(DoneCb.filter())
async def reminder_done(query: CallbackQuery, callback_data: DoneCb, session: AsyncSession, user: User, t) -> None:
    """A card collected (that person only), or a cut-off done: then it is done for the whole unit, and
    none of its clerks gets the remaining reminders of it."""
    if callback_data.leads == ALL_LEADS:
        leads = list(LEAD_CHOICES)
        people = [user.id]
        if user.unit_id and access.is_clerk(user):
            people = sorted({user.id, *await store.unit_clerks(session, user.unit_id)})
        for person in people:
            await store.dismiss(session, person, callback_data.key, leads)
        done_text = t("dl-done-unit") if len(people) > 1 else t("dl-done-ok")
    else:
        await store.dismiss(session, user.id, callback_data.key, [x for x in callback_data.leads.split(".") if x][:10])
        done_text = t("dl-done-ok")
    await query.answer(done_text)
    await query.message.edit_reply_markup(reply_markup=None)
