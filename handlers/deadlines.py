"""/deadlines: the deadlines that concern the user, nearest first (their unit's own deadlines
included), and the card waiting for them at the bank. The deadline line and the programme label
are shared by the other reminder features (handlers/reminders.py, events.py, reminder_log.py,
calendar_admin.py)."""

from __future__ import annotations

from datetime import datetime

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock
from domain.calendar import carried_over, load_calendar, upcoming
from domain.models import User
from domain.reminders import store
from domain.reminders.audience import MEMBER_AUDIENCES
from domain.reminders.events import unit_deadlines
from domain.reminders.member import card_collect_rule
from domain.vocabulary import hyphenated
from handlers.menu import MenuCb, local_stamp
from handlers.routing import Feature
from ui.deadline_render import deadline_note

router = Feature("deadlines")


def program_label(t, program: str) -> str:
    return t(f"dl-prog-{hyphenated(program)}")


def deadline_line(t, d) -> str:
    key = "dl-line-opens" if d.kind == "opens" else ("dl-line-unit" if d.unit_id is not None else "dl-line")
    text = t(key, due=local_stamp(d.due), title=d.text("title", t.lang), missed=d.text("missed", t.lang), source=d.source)
    note = deadline_note(t, d)
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
        await target.answer("\n\n".join([t("dl-title")] + cards + [deadline_line(t, d) for d in soon[:10]] + tail))
        return
    if not mine:
        await target.answer("\n\n".join(cards) if cards else t("dl-none-member"))
        return
    latest = max(d.protection_year for d in mine)
    past = [d for d in mine if d.protection_year == latest]
    await target.answer("\n\n".join(cards + [t("dl-none-upcoming", year=latest)] + [deadline_line(t, d) for d in past] + tail))


@router.message(Command("deadlines"))
async def deadlines(message: Message, session: AsyncSession, user: User, t, settings) -> None:
    await show(message, session, user, t, settings)


@router.callback_query(MenuCb.filter(F.item == "deadlines"))
async def menu_deadlines(query: CallbackQuery, session: AsyncSession, user: User, t, settings) -> None:
    await query.answer()
    await show(query.message, session, user, t, settings)
