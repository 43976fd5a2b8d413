"""Deadlines and reminders in chat.

/deadlines — the deadlines that concern the user, nearest first (their unit's own deadlines included);
/reminders (and /subscribe) — reminder settings: on/off, programs, lead times, the unit's programs;
/events — a clerk records a step of the unit ("roster submitted", "voucher uploaded", ...): the
dependent deadline, or the day to look for a review's result, is scheduled; undoing the record
removes it and its reminders;
/unsubscribe — no reminders at all. A reminder's "done" button stops further ones of the same thing.
/calendar — an admin sends next year's calendar (YAML or xlsx); it is validated and rejected whole,
with line or row numbers, or installed for the bot and the scheduler. A button sends a draft of the
next year (the latest dates carried over) to edit and send back.
"""

from __future__ import annotations

import html
import io
from datetime import datetime, time, timedelta

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.buttons import DoneCb
from bot.data_notice import missing_text

from domain import access, clock
from domain.calendar import PROGRAMS, carried_over, load_calendar, upcoming
from domain.models import User
from domain.reminders import store
from domain.reminders.audience import FOLLOW_UNIT, MEMBER_AUDIENCES
from domain.reminders.events import event_kinds, unit_deadlines
from domain.reminders.member import card_collect_rule
from domain.reminders.planning import ALL_LEADS, LEAD_CHOICES
from domain.repos import DomainError
from handlers.menu import MenuCb, local_day, local_stamp
from handlers.routing import Feature

router = Feature("deadlines")
TZ = clock.TZ


class RemCb(CallbackData, prefix="rem"):
    a: str  # prog / lead / follow / on / off / unit / uprog / back
    v: str = ""


class EvCb(CallbackData, prefix="ev"):
    a: str  # new / day / undo
    v: str = ""


class CalCb(CallbackData, prefix="cal"):
    year: int  # the protection year to draft


class EventDate(StatesGroup):
    day = State()


def _stamp(moment: datetime) -> str:
    return local_stamp(moment)


def _prog(t, program: str) -> str:
    return t(f"dl-prog-{program.replace('_', '-')}")


# --- /deadlines ----------------------------------------------------------------------------------


def _line(t, d) -> str:
    key = "dl-line-opens" if d.kind == "opens" else ("dl-line-unit" if d.unit_id is not None else "dl-line")
    text = t(key, due=_stamp(d.due), title=d.text("title", t.lang), missed=d.text("missed", t.lang), source=d.source)
    note = html.escape(d.text("note", t.lang), quote=False)  # calendar text, loaded by admins
    if getattr(d, "carried_from", None):  # no calendar of this year loaded: an estimate, said so
        note = t("dl-carried", year=d.carried_from) + (" " + note if note else "")
    return text + ("\n   ⚠️ " + note if note else "")


async def show(target: Message, session: AsyncSession, user: User, t, settings, now: datetime | None = None) -> None:
    now = now or clock.now()
    cal = load_calendar(settings.calendar_folder)
    me = await store.person(session, user)
    audience = me.audiences if access.is_clerk(user) or user.mode == "clerk" else MEMBER_AUDIENCES
    programs = me.programs if access.is_clerk(user) else None
    known = cal.deadlines + carried_over(cal.deadlines, now)  # this year's dates even before its calendar is loaded
    mine = [d for d in known if set(d.audience) & audience and (not programs or d.program in programs)]
    own = []
    if user.unit_id and access.is_clerk(user):
        own = unit_deadlines(cal.rules, await store.unit_events(session, user.unit_id), cal.workdays)
    soon = sorted(upcoming(mine + own, now), key=lambda d: d.due)
    tail = [t("dl-hint-clerk")] if access.is_clerk(user) else []
    # the person's own card waiting at the bank comes first: it is the one thing only they can do
    rule = card_collect_rule()
    cards = [t("dl-card-waiting", ref=a.ref, branch=a.branch, outlet=a.outlet)
             for a in await store.cards_to_collect(session, user.id, rule.status, now - rule.give_up_after)]
    if soon:
        await target.answer("\n\n".join([t("dl-title")] + cards + [_line(t, d) for d in soon[:10]] + tail))
        return
    if not mine:
        await target.answer("\n\n".join(cards) if cards else t("dl-none-member"))
        return
    latest = max(d.protection_year for d in mine)
    past = [d for d in mine if d.protection_year == latest]
    await target.answer("\n\n".join(cards + [t("dl-none-upcoming", year=latest)] + [_line(t, d) for d in past] + tail))


@router.message(Command("deadlines"))
async def deadlines(message: Message, session: AsyncSession, user: User, t, settings) -> None:
    await show(message, session, user, t, settings)


@router.callback_query(MenuCb.filter(F.item == "deadlines"))
async def menu_deadlines(query: CallbackQuery, session: AsyncSession, user: User, t, settings) -> None:
    await query.answer()
    await show(query.message, session, user, t, settings)


# --- reminder settings ---------------------------------------------------------------------------


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
        progs = t("list-sep").join(_prog(t, p) for p in PROGRAMS if p in me.programs) or t("dl-progs-none")
        text = t("dl-settings", state=state, programs=progs, follow=follow, leads=leads)
        pairs = [InlineKeyboardButton(text=f"{_mark(p in me.programs)} {_prog(t, p)}",
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
    rows = [[InlineKeyboardButton(text=f"{_mark(p in have)} {_prog(t, p)}", callback_data=RemCb(a="uprog", v=p).pack())]
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


# --- /events: per-unit deadlines -------------------------------------------------------------------


def _event_name(t, program: str, event: str) -> str:
    return t("ev-kind", program=_prog(t, program), event=t(f"ev-{event.replace('_', '-')}"))


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
                       title=d.text("title", t.lang) if d else "—", due=_stamp(d.due) if d else "—"))
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
    now = datetime.now(TZ)
    at = now if day == now.date() else datetime.combine(day, time(12, 0), TZ)
    try:
        row = await store.record_event(session, user.unit_id, program, event, at, user.id, now=now)
    except DomainError as exc:
        await target.answer(t.err(exc.code, **exc.params))
        return False
    cal = load_calendar(settings.calendar_folder)
    made = unit_deadlines(cal.rules, [row], cal.workdays)
    lines = [t("ev-recorded", name=_event_name(t, program, event), date=day.isoformat())]
    lines += [_line(t, d) for d in made]
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
        day = datetime.now(TZ).date() - timedelta(days=int(v or 0))
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
                                     date=_stamp(row.occurred_at)))


@router.message(EventDate.day, F.text, ~F.text.startswith("/"))
async def event_date_typed(message: Message, state: FSMContext, session: AsyncSession, user: User, t, settings) -> None:
    day = clock.parse_date(message.text)
    if day is None:
        await message.answer(t("ev-bad-date"))
        return
    data = await state.get_data()
    if await _record(message, session, user, t, settings, data["program"], data["event"], day):
        await state.clear()


# --- admins load next year's calendar ----------------------------------------------------------------

MAX_CALENDAR_BYTES = 1_000_000


@router.message(Command("reminderlog"))
async def reminder_log(message: Message, session: AsyncSession, user: User, t, settings) -> None:
    """Admins: what went out in the last 14 days, per deadline and lead time (sent / failed / dropped /
    dismissed) — the delivery log that keeps every reminder to once."""
    from domain.reminders.events import describe_key

    if not access.is_admin(user):
        await message.answer(t("rl-admins-only"))
        return
    since = datetime.now(TZ) - timedelta(days=14)
    rows = await store.delivery_summary(session, since, limit=25)
    if not rows:
        await message.answer(t("rl-empty"))
        return
    cal = load_calendar(settings.calendar_folder)
    lines = [t("rl-title")]
    for row in rows:
        kind, what = describe_key(cal.deadlines, cal.rules, row["key"])
        if kind == "deadline":
            about = what.get(t.lang) or what.get("zh")
        elif kind in ("card", "broadcast"):
            about = t(f"rl-{kind}", id=what)
        else:
            about = row["key"]
        lead = t(f"dl-lead-{row['lead']}") if row["lead"] in LEAD_CHOICES else row["lead"]
        statuses = ("sent", "failed", "dropped", "dismissed", "sending")
        counts = t("list-sep-clause").join(t(f"rl-{k}", n=row[k]) for k in statuses if row[k])
        lines.append(t("rl-line", when=_stamp(row["last"]), about=about, lead=lead, counts=counts))
    await message.answer("\n".join(lines))


class CalendarUpload(StatesGroup):
    file = State()


@router.message(Command("calendar"))
async def calendar_start(message: Message, state: FSMContext, user: User, t, settings) -> None:
    if not access.is_admin(user):
        await message.answer(t("cal-admins-only"))
        return
    cal = load_calendar(settings.calendar_folder)
    years = sorted({d.protection_year for d in cal.deadlines})
    await state.set_state(CalendarUpload.file)
    lines = [t("cal-ask", years=", ".join(map(str, years)))]
    lines += [t("cal-broken", problem=p) for p in cal.problems]
    lines += [missing_text(t, cal, clock.today())]
    draft_year = datetime.now(TZ).year + 1
    while draft_year in years:
        draft_year += 1
    kb = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(
        text=t("cal-btn-draft", year=draft_year), callback_data=CalCb(year=draft_year).pack())]])
    await message.answer("\n\n".join(lines), reply_markup=kb)


@router.callback_query(CalCb.filter())
async def calendar_draft(query: CallbackQuery, callback_data: CalCb, user: User, t, settings) -> None:
    """A draft of the year to edit and send back: the latest dates carried over, refusing to load as is."""
    from domain.calendar import draft_calendar

    if not access.is_admin(user):
        await query.answer(t("cal-admins-only"), show_alert=True)
        return
    await query.answer()
    year = callback_data.year
    text = draft_calendar(load_calendar(settings.calendar_folder), year)
    await query.message.answer_document(BufferedInputFile(text.encode("utf-8"), filename=f"{year}-draft.yaml"),
                                        caption=t("cal-draft-sent", year=year))


@router.message(CalendarUpload.file, F.document)
async def calendar_file(message: Message, state: FSMContext, bot, user: User, t, settings) -> None:
    from domain.calendar import CalendarError, save_calendar

    if not access.is_admin(user):
        await state.clear()
        return
    doc = message.document
    name = doc.file_name or "calendar.yaml"
    if not name.lower().endswith((".yaml", ".yml", ".xlsx")):
        await message.answer(t("cal-wrong-type"))
        return
    if doc.file_size and doc.file_size > MAX_CALENDAR_BYTES:
        await message.answer(t("cal-too-big"))
        return
    try:
        buf = await bot.download(doc.file_id, destination=io.BytesIO())
        content = buf.getvalue()
    except Exception:  # noqa: BLE001 - Telegram or network: ask to resend, keep the state
        await message.answer(t("cal-download-failed"))
        return
    try:
        year, _, deadlines, rules = save_calendar(settings.calendar_folder, name, content)
    except CalendarError as exc:
        shown = exc.problems[:15]
        more = len(exc.problems) - len(shown)
        text = t("cal-rejected", count=len(exc.problems)) + "\n" + "\n".join("• " + html.escape(p) for p in shown)
        await message.answer(text + (("\n" + t("cal-more", count=more)) if more else ""))
        return
    await state.clear()
    await message.answer(t("cal-loaded", year=year, deadlines=len(deadlines), rules=len(rules)))


@router.message(CalendarUpload.file, ~F.text.startswith("/"))
async def calendar_not_a_file(message: Message, t) -> None:
    await message.answer(t("cal-send-file"))
