"""Questions in free text, /faq browsing, helpful/not-helpful votes, inline mode, /faqgaps."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
)
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.i18n import get_translator
from domain.faq import feedback
from domain.faq.kb import PROGRAMS, Entry
from domain.faq.search import get_engine
from domain.models import User
from handlers.menu import MenuCb

router = Router(name="faq")
MAX_QUESTION = 500


class FaqCb(CallbackData, prefix="faq"):
    action: str  # show | up | down | prog | progs
    id: str = ""


def _source(t, entry: Entry) -> str:
    return t("faq-source-manual", codes=" / ".join(f"[{s}]" for s in entry.source))


def answer_text(t, entry: Entry) -> str:
    return t("faq-answer", question=entry.question, answer=entry.answer, source=_source(t, entry))


def answer_keyboard(t, entry: Entry, related: list[Entry]) -> InlineKeyboardMarkup:
    rows = [[
        InlineKeyboardButton(text=t("faq-helpful"), callback_data=FaqCb(action="up", id=entry.id).pack()),
        InlineKeyboardButton(text=t("faq-not-helpful"), callback_data=FaqCb(action="down", id=entry.id).pack()),
    ]]
    for other in related:
        rows.append([InlineKeyboardButton(text=t("faq-related", question=other.question)[:60],
                                          callback_data=FaqCb(action="show", id=other.id).pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


@router.message(StateFilter(None), F.text, ~F.text.startswith("/"), F.text.len() < 4096)
async def question(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    text = message.text.strip()
    if not text:
        await message.answer(t("faq-empty"))
        return
    if len(text) > MAX_QUESTION:
        await message.answer(t("faq-too-long"))
        return
    outcome = get_engine().search(text, t.lang, k=3)
    await state.update_data(faq_query=text[:MAX_QUESTION])
    if outcome.confident:
        best, *related = [r.entry for r in outcome.results]
        await message.answer(answer_text(t, best), reply_markup=answer_keyboard(t, best, related[:2]))
        return
    await feedback.record(session, user.id, text, "unanswered", lang=t.lang)
    rows = [[InlineKeyboardButton(text=r.entry.question[:60], callback_data=FaqCb(action="show", id=r.entry.id).pack())]
            for r in outcome.suggestions[:3]]
    intro = t("faq-not-found") if rows else t("faq-not-found-none")
    await message.answer(intro + "\n\n" + t("faq-contacts"),
                         reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


@router.callback_query(FaqCb.filter(F.action == "show"))
async def show(query: CallbackQuery, callback_data: FaqCb, t) -> None:
    engine = get_engine()
    entry = engine.entry(callback_data.id, t.lang)
    if entry is None:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    related = [r.entry for r in engine.search(entry.question, t.lang, k=3).results if r.entry.id != entry.id][:2]
    await query.message.answer(answer_text(t, entry), reply_markup=answer_keyboard(t, entry, related))


@router.callback_query(FaqCb.filter(F.action.in_({"up", "down"})))
async def vote(query: CallbackQuery, callback_data: FaqCb, state: FSMContext, session: AsyncSession,
               user: User, t) -> None:
    entry = get_engine().entry(callback_data.id, t.lang)
    if entry is None:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    asked = (await state.get_data()).get("faq_query") or entry.question
    helpful = callback_data.action == "up"
    await feedback.record(session, user.id, asked, "helpful" if helpful else "not_helpful", entry.id, t.lang)
    await query.answer(t("faq-thanks") if helpful else t("faq-thanks-not-helpful"), show_alert=not helpful)
    await query.message.edit_reply_markup(reply_markup=None)


def _programs_keyboard(t) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t(f"faq-program-{p}"), callback_data=FaqCb(action="prog", id=p).pack())]
        for p in PROGRAMS
    ])


@router.message(Command("faq"))
async def browse(message: Message, t) -> None:
    await message.answer(t("faq-programs"), reply_markup=_programs_keyboard(t))


@router.callback_query(MenuCb.filter(F.item == "faq"))
async def browse_from_menu(query: CallbackQuery, t) -> None:
    await query.answer()
    await query.message.answer(t("faq-programs"), reply_markup=_programs_keyboard(t))


@router.callback_query(FaqCb.filter(F.action == "progs"))
async def back_to_programs(query: CallbackQuery, t) -> None:
    await query.answer()
    await query.message.edit_text(t("faq-programs"), reply_markup=_programs_keyboard(t))


@router.callback_query(FaqCb.filter(F.action == "prog"))
async def program(query: CallbackQuery, callback_data: FaqCb, t) -> None:
    if callback_data.id not in PROGRAMS:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    entries = get_engine().by_program(callback_data.id, t.lang)
    rows = [[InlineKeyboardButton(text=e.question[:60], callback_data=FaqCb(action="show", id=e.id).pack())]
            for e in entries]
    rows.append([InlineKeyboardButton(text=t("faq-back-programs"), callback_data=FaqCb(action="progs").pack())])
    await query.answer()
    await query.message.edit_text(t("faq-program-list", program=t(f"faq-program-{callback_data.id}")),
                                  reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


@router.message(Command("faqgaps"))
async def faq_gaps(message: Message, session: AsyncSession, user: User, t) -> None:
    if user.role != "admin":
        await message.answer(t("admin-only"))
        return
    rows = await feedback.gaps(session, limit=30)
    if not rows:
        await message.answer(t("faq-gaps-empty"))
        return
    lines = [t("faq-gaps-title")]
    for gap in rows:
        kind = t("faq-kind-unanswered") if gap.kind == "unanswered" else t("faq-kind-not_helpful", entry=gap.entry_id or "")
        lines.append(t("faq-gaps-line", count=gap.count, kind=kind, query=gap.query))
    await message.answer("\n".join(lines))


@router.inline_query()
async def inline(query: InlineQuery) -> None:
    """``@bot 问题``: answer cards anywhere in Telegram (no personal data involved)."""
    translator = get_translator()
    lang = translator.normalize(query.from_user.language_code)
    text = (query.query or "").strip()[:MAX_QUESTION]
    results = []
    if text:
        outcome = get_engine().search(text, lang, k=5)
        for r in outcome.results:
            body = translator.t(lang, "faq-answer", question=r.entry.question, answer=r.entry.answer,
                                source=translator.t(lang, "faq-source-manual",
                                                    codes=" / ".join(f"[{s}]" for s in r.entry.source)))
            results.append(InlineQueryResultArticle(
                id=r.entry.id, title=r.entry.question, description=r.entry.answer[:120],
                input_message_content=InputTextMessageContent(message_text=body, parse_mode="HTML"),
            ))
    button = None
    if not results:
        hint = translator.t(lang, "faq-inline-none" if text else "faq-inline-hint")
        button = InlineQueryResultsButton(text=hint, start_parameter="faq")
    await query.answer(results, cache_time=60, is_personal=False, button=button)
