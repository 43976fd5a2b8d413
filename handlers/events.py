"""/events: a clerk records a step of the unit ("roster submitted", "voucher uploaded", ...): the
dependent deadline, or the day to look for a review's result, is scheduled; undoing the record
removes it and its reminders."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock
from domain.calendar import load_calendar
from domain.models import User
from domain.reminders import store
from domain.reminders.events import event_kinds, unit_deadlines
from domain.repos import DomainError
from handlers.deadlines import deadline_line, program_label
from handlers.menu import MenuCb, local_day, local_stamp
from handlers.routing import Feature

router = Feature("events")


class EvCb(CallbackData, prefix="ev"):
    a: str  # new / day / undo
    v: str = ""



class EventDate(StatesGroup):
    day = State()



def _event_name(t, program: str, event: str) -> str:
    return t("ev-kind", program=program_label(t, program), event=t(f"ev-{event.replace('_', '-')}"))


async def _events_view(session: AsyncSession, user: User, t, settings) -> tuple[str, InlineKeyboardMarkup]:
    cal = load_calendar(settings.calendar_folder)
    events = await store.unit_events(session, user.unit_id)
    derived = {d.id.rsplit("@e", 1)[1]: d for d in unit_deadlines(cal.rules, events, cal.workdays)}
    lines = [t("ev-title")]
    rows = []
    for ev in events:
        d = derived.get(str(ev.id))
        key = "ev-line-opens" if d is not None and d.kind == "opens" else "ev-line"
        lines.append(t(key, id=ev.id, name=_event_name(t, ev.program, ev.event), date=local_day(ev.occurred_at),
                       title=d.text("title", t.lang) if d else "—", due=local_stamp(d.due) if d else "—"))
        rows.append([InlineKeyboardButton(text=t("ev-btn-undo", id=ev.id), callback_data=EvCb(a="undo", v=str(ev.id)).pack())])
    if not events:
        lines.append(t("ev-none"))
    lines.append(t("ev-help"))
    me = await store.person(session, user)
    for program, event in event_kinds(cal.rules, me.programs, me.audiences):
        rows.append([InlineKeyboardButton(text=t("ev-btn-new", name=_event_name(t, program, event)),
                                          callback_data=EvCb(a="new", v=f"{program}.{event}").pack())])
    return "\n\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)


async def _guard(user: User, t, answer) -> bool:
    if not access.is_clerk(user):
        await answer(t("dl-clerks-only"))
        return False
    if not user.unit_id:
        await answer(t("ev-no-unit"))
        return False
    return True


@router.message(Command("events"))
async def events(message: Message, session: AsyncSession, user: User, t, settings) -> None:
    if await _guard(user, t, message.answer):
        text, markup = await _events_view(session, user, t, settings)
        await message.answer(text, reply_markup=markup)


@router.callback_query(MenuCb.filter(F.item == "events"))
async def menu_events(query: CallbackQuery, session: AsyncSession, user: User, t, settings) -> None:
    await query.answer()
    await events(query.message, session, user, t, settings)


async def _record(target: Message, session: AsyncSession, user: User, t, settings, program: str, event: str,
                  day) -> bool:
    now = clock.now()
    at = now if day == now.date() else datetime.combine(day, time(12, 0), clock.TZ)
    try:
        row = await store.record_event(session, user.unit_id, program, event, at, user.id, now=now)
    except DomainError as exc:
        await target.answer(t.err(exc.code, **exc.params))
        return False
    cal = load_calendar(settings.calendar_folder)
    made = unit_deadlines(cal.rules, [row], cal.workdays)
    lines = [t("ev-recorded", name=_event_name(t, program, event), date=day.isoformat())]
    lines += [deadline_line(t, d) for d in made]
    if any(d.due < now for d in made):
        lines.append(t("ev-already-passed"))
    await target.answer("\n\n".join(lines))
    return True


@router.callback_query(EvCb.filter())
async def events_press(query: CallbackQuery, callback_data: EvCb, state: FSMContext, session: AsyncSession,
                       user: User, t, settings) -> None:
    if not await _guard(user, t, lambda text: query.answer(text, show_alert=True)):
        return
    a, v = callback_data.a, callback_data.v
    await query.answer()
    if a == "list":
        text, markup = await _events_view(session, user, t, settings)
        await query.message.answer(text, reply_markup=markup)
    elif a == "new":
        program, _, event = v.partition(".")
        if (program, event) not in event_kinds(load_calendar(settings.calendar_folder).rules):
            return
        await state.set_state(EventDate.day)
        await state.update_data(program=program, event=event)
        kb = InlineKeyboardMarkup(inline_keyboard=[[
            InlineKeyboardButton(text=t("ev-today"), callback_data=EvCb(a="day", v="0").pack()),
            InlineKeyboardButton(text=t("ev-yesterday"), callback_data=EvCb(a="day", v="1").pack())]])
        await query.message.answer(t("ev-ask-date", name=_event_name(t, program, event)), reply_markup=kb)
    elif a == "day":
        data = await state.get_data()
        if "program" not in data:
            return
        day = clock.now().date() - timedelta(days=int(v or 0))
        if await _record(query.message, session, user, t, settings, data["program"], data["event"], day):
            await state.clear()
    elif a == "undo":
        try:
            row = await store.undo_event(session, int(v), user.unit_id, user.id)
        except (DomainError, ValueError) as exc:
            code = exc.code if isinstance(exc, DomainError) else "events.not_found"
            await query.message.answer(t.err(code))
            return
        await query.message.answer(t("ev-undone", name=_event_name(t, row.program, row.event),
                                     date=local_stamp(row.occurred_at)))


@router.message(EventDate.day, F.text, ~F.text.startswith("/"))
async def event_date_typed(message: Message, state: FSMContext, session: AsyncSession, user: User, t, settings) -> None:
    day = clock.parse_date(message.text)
    if day is None:
        await message.answer(t("ev-bad-date"))
        return
    data = await state.get_data()
    if await _record(message, session, user, t, settings, data["program"], data["event"], day):
        await state.clear()
