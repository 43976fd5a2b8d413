"""/deadlines (nearest first, for the user's role), /subscribe and /unsubscribe."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain.calendar import load_all, upcoming
from domain.models import User, utcnow
from domain.reminders import store
from handlers.menu import MenuCb

router = Router(name="deadlines")
TZ = ZoneInfo("Asia/Shanghai")
MEMBER_AUDIENCE = {"member"}
CLERK_AUDIENCE = {"grassroots", "district", "unit", "retiree_unit"}


def _line(t, d) -> str:
    text = t("dl-line", due=d.due.strftime("%Y-%m-%d %H:%M"), title=d.text("title", t.lang),
             missed=d.text("missed", t.lang), source=d.source)
    note = d.text("note", t.lang)
    return text + ("\n   ⚠️ " + note if note else "")


async def show(target: Message, user: User, t, now: datetime | None = None) -> None:
    now = now or datetime.now(TZ)
    deadlines, _ = load_all()
    audience = CLERK_AUDIENCE if (user.role in ("clerk", "admin") or user.mode == "clerk") else MEMBER_AUDIENCE
    mine = [d for d in deadlines if set(d.audience) & audience]
    soon = upcoming(mine, now)
    if soon:
        await target.answer("\n\n".join([t("dl-title")] + [_line(t, d) for d in soon[:8]]))
        return
    if not mine:
        await target.answer(t("dl-none-member"))
        return
    latest = max(d.protection_year for d in mine)
    past = [d for d in mine if d.protection_year == latest]
    await target.answer("\n\n".join([t("dl-none-upcoming", year=latest)] + [_line(t, d) for d in past]))


@router.message(Command("deadlines"))
async def deadlines(message: Message, user: User, t) -> None:
    await show(message, user, t)


@router.callback_query(MenuCb.filter(F.item == "deadlines"))
async def menu_deadlines(query: CallbackQuery, user: User, t) -> None:
    await query.answer()
    await show(query.message, user, t)


@router.message(Command("unsubscribe"))
async def unsubscribe(message: Message, session: AsyncSession, user: User, t) -> None:
    await store.stop_reminders(session, user.id)
    await message.answer(t("dl-unsubscribed"))


@router.message(Command("subscribe"))
async def subscribe(message: Message, session: AsyncSession, user: User, t) -> None:
    sub = await store.get_subscription(session, user.id)
    sub.active = True
    sub.updated_at = utcnow()
    session.add(sub)
    await message.answer(t("dl-subscribed", leads=sub.leads.replace(",", " / ")))
