"""Step-by-step enrollment guides: Next / Back / "I'm stuck", progress per unit, guide and
protection year ("step 4 of 9"), resumed on the next visit. Content: locales/<lang>/guides/*.yaml."""

from __future__ import annotations

from datetime import date

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import clock
from domain.calc.data import current_year_label
from domain.guides.dates import fill
from domain.guides import GUIDE_ORDER, Guide, get_progress, list_progress, load_contacts, load_guides, save_progress
from domain.guides.kb_link import related_faq
from domain.models import User
from handlers.menu import MenuCb, back_button, shorten
from ui.gloss import gloss
from handlers.routing import Feature

router = Feature("guides")

# guides whose program has a status machine get a "where am I" shortcut
STATUS_PROGRAM = {"mutual_aid": "mutual_aid", "retiree": "retiree", "member_protection": "member_protection",
                  "ss_card": "ss_card", "card_batch": "card_batch"}


class GuideCb(CallbackData, prefix="g"):
    a: str  # open / go / stuck / done / list / restart
    g: int  # index in GUIDE_ORDER
    s: int = 0  # step index


def _lang(t) -> str:
    return t.lang if t.lang in ("zh", "en") else "zh"


def guide_year(guide: Guide, today: date | None = None) -> int:
    today = today or clock.today()
    if guide.program == "member_protection" and today.month >= 10:  # Oct-Dec: collective enrollment for next year
        return today.year + 1
    program = guide.program if guide.program in ("mutual_aid", "retiree") else "member_basic"
    return current_year_label(program, today)


def _gi(gid: str) -> int:
    return GUIDE_ORDER.index(gid)


async def _list_kb(t, session: AsyncSession, user: User) -> InlineKeyboardMarkup:
    guides = load_guides(_lang(t))
    progress = {(p.guide, p.year): p for p in await list_progress(session, user)}
    rows = []
    for gid in GUIDE_ORDER:
        g = guides[gid]
        p = progress.get((gid, guide_year(g)))
        if p is None:
            mark = ""
        elif p.completed:
            mark = " ✅"
        else:
            mark = " " + t("guides-progress-mark", step=p.step + 1, total=len(g.steps))
        rows.append([InlineKeyboardButton(text=g.title + mark, callback_data=GuideCb(a="open", g=_gi(gid)).pack())])
    rows.append([back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def step_text(t, guide: Guide, idx: int, year: int, resumed: bool = False) -> str:
    step = guide.steps[idx]
    parts = []
    if resumed:
        parts.append(t("guides-resumed", step=idx + 1, total=len(guide.steps)))
    lang = _lang(t)
    (where, a), (todo, b), (check, c) = (fill(x, year, lang) for x in (step.where, step.do, step.check))
    parts.append(t("guides-step", guide=guide.title, year=year, step=idx + 1, total=len(guide.steps),
                   title=step.title, where=where, todo=todo, check=check))
    for source in sorted(a | b | c):  # dates carried over from the latest manual year: say so once
        parts.append("⚠️ " + t("guides-dates-carried", year=source, target=year))
    return gloss(t, "\n".join(parts))


def step_kb(t, guide: Guide, idx: int) -> InlineKeyboardMarkup:
    g = _gi(guide.id)
    nav = []
    if idx > 0:
        nav.append(InlineKeyboardButton(text=t("guides-back"), callback_data=GuideCb(a="go", g=g, s=idx - 1).pack()))
    if idx < len(guide.steps) - 1:
        nav.append(InlineKeyboardButton(text=t("guides-next"), callback_data=GuideCb(a="go", g=g, s=idx + 1).pack()))
    else:
        nav.append(InlineKeyboardButton(text=t("guides-finish"), callback_data=GuideCb(a="done", g=g, s=idx).pack()))
    rows = [nav, [InlineKeyboardButton(text=t("guides-stuck"), callback_data=GuideCb(a="stuck", g=g, s=idx).pack())]]
    if guide.program in STATUS_PROGRAM:
        rows.append([InlineKeyboardButton(text=t("guides-where-am-i"), callback_data=MenuCb(item="status").pack())])
    rows.append([InlineKeyboardButton(text=t("guides-list"), callback_data=GuideCb(a="list", g=g).pack()),
                 back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def show_list(target: Message, t, session: AsyncSession, user: User) -> None:
    await target.answer(t("guides-choose"), reply_markup=await _list_kb(t, session, user))


@router.message(Command("guides"))
async def cmd_guides(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    await state.clear()  # leave any half-filled form of another feature
    await show_list(message, t, session, user)


@router.callback_query(MenuCb.filter(F.item == "guides"))
async def menu_guides(query: CallbackQuery, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    await query.answer()
    await state.clear()
    await show_list(query.message, t, session, user)


def _guide(t, g: int) -> Guide | None:
    if not 0 <= g < len(GUIDE_ORDER):
        return None
    return load_guides(_lang(t)).get(GUIDE_ORDER[g])


@router.callback_query(GuideCb.filter())
async def on_guide(query: CallbackQuery, callback_data: GuideCb, session: AsyncSession, user: User, t) -> None:
    guide = _guide(t, callback_data.g)
    if guide is None:
        await query.answer(t("guides-unknown"), show_alert=True)
        return
    await query.answer()
    year = guide_year(guide)
    a = callback_data.a
    if a == "list":
        await query.message.answer(t("guides-choose"), reply_markup=await _list_kb(t, session, user))
        return
    if a in ("open", "restart"):
        progress = await get_progress(session, user, guide.id, year)
        if a == "open" and progress is not None and progress.completed:
            kb = InlineKeyboardMarkup(inline_keyboard=[
                [InlineKeyboardButton(text=t("guides-restart"), callback_data=GuideCb(a="restart", g=callback_data.g).pack())],
                [InlineKeyboardButton(text=t("guides-list"), callback_data=GuideCb(a="list", g=callback_data.g).pack()),
                 back_button(t)]])
            await query.message.answer(t("guides-already-done", guide=guide.title, year=year), reply_markup=kb)
            return
        idx = 0
        resumed = False
        if a == "open" and progress is not None:
            idx = min(max(progress.step, 0), len(guide.steps) - 1)
            resumed = idx > 0
        await save_progress(session, user, guide.id, year, idx)
        await query.message.answer(step_text(t, guide, idx, year, resumed), reply_markup=step_kb(t, guide, idx))
        return
    idx = min(max(callback_data.s, 0), len(guide.steps) - 1)
    if a == "go":
        await save_progress(session, user, guide.id, year, idx)
        await query.message.edit_text(step_text(t, guide, idx, year), reply_markup=step_kb(t, guide, idx))
    elif a == "stuck":
        await query.message.answer(stuck_text(t, guide, idx), reply_markup=step_kb(t, guide, idx))
    elif a == "done":
        await save_progress(session, user, guide.id, year, idx, completed=True)
        kb = InlineKeyboardMarkup(inline_keyboard=[
            [InlineKeyboardButton(text=t("guides-list"), callback_data=GuideCb(a="list", g=callback_data.g).pack()),
             back_button(t)]])
        await query.message.edit_text(t("guides-completed", guide=guide.title, year=year, total=len(guide.steps)),
                                      reply_markup=kb)


def stuck_text(t, guide: Guide, idx: int) -> str:
    step = guide.steps[idx]
    contacts = load_contacts(_lang(t))
    lines = [t("guides-stuck-title", step=idx + 1, title=step.title)]
    for error, fix in step.errors:
        lines.append(t("guides-stuck-item", error=error, fix=fix))
    related = related_faq(_lang(t), step.faq)
    if related:
        lines.append(t("guides-stuck-kb"))
        for _eid, question, answer in related:
            lines.append(t("guides-stuck-item", error=question, fix=shorten(answer, 600)))
    lines.append(t("guides-stuck-faq"))
    lines.append(t("guides-contacts"))
    lines += ["• " + t("guides-contact-line", text=contacts[c]) for c in guide.contacts if c in contacts]
    return gloss(t, "\n".join(lines))
