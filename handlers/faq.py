"""Questions in free text, /faq browsing, helpful/not-helpful votes, inline mode, /faqgaps."""

from __future__ import annotations

from aiogram import F
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

from domain.answers import Answer, Context, Outcome, doc_key, get_engine
from domain.answers.sources import Doc
from domain.calc.dialogs import KINDS as CALC_KINDS
from domain.faq import feedback
from domain.faq.feedback import scrub
from domain.faq.kb import PROGRAMS
from domain.guides import load_contacts
from domain.models import User
from domain.vocabulary import hyphenated
from handlers.menu import MenuCb
from handlers.routing import Feature
from ui.answer_render import answer_text, plain
from ui.i18n import BoundTranslator, get_translator

router = Feature("faq")
MAX_QUESTION = 500


class FaqCb(CallbackData, prefix="faq"):
    action: str  # show | up | down | prog | progs
    id: str = ""  # a document key (domain.answers.doc_key) or a programme


def _button_text(text: str, limit: int = 48) -> str:
    """A button label cut at a word boundary, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,，、") + "…"


def _doc_button(t, doc: Doc, key: str = "faq-related") -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(text=_button_text(t(key, question=doc.title)),
                                 callback_data=FaqCb(action="show", id=doc_key(doc.id)).pack())]


def answer_keyboard(t, answer: Answer, related: list[Doc]) -> InlineKeyboardMarkup:
    key = doc_key(answer.id)
    rows = [[
        InlineKeyboardButton(text=t("faq-helpful"), callback_data=FaqCb(action="up", id=key).pack()),
        InlineKeyboardButton(text=t("faq-not-helpful"), callback_data=FaqCb(action="down", id=key).pack()),
    ]]
    # the /calc dialog that does what a computed answer did, with buttons
    calc = hyphenated(answer.computed.calculator) if answer.computed is not None else ""
    if calc in CALC_KINDS:
        from handlers.calc import CalcCb

        rows.append([InlineKeyboardButton(text=t("answer-open-calc"),
                                          callback_data=CalcCb(a="kind", v=calc).pack())])
    rows += [_doc_button(t, doc) for doc in related]
    return InlineKeyboardMarkup(inline_keyboard=rows)


async def _send_outcome(message: Message, t, outcome: Outcome) -> None:
    if not outcome.refused:
        best = outcome.answers[0]
        related = [a.doc for a in outcome.answers[1:3] if a.doc is not None]
        await message.answer(answer_text(t, best), reply_markup=answer_keyboard(t, best, related))
        return
    rows = [_doc_button(t, doc, "faq-suggest") for doc in outcome.suggestions[:2]]
    if outcome.notice is not None:  # the manuals are silent: say so, and who to ask
        intro = answer_text(t, outcome.notice)
    else:
        intro = t("faq-not-found") if rows else t("faq-not-found-none")
    contacts = load_contacts(t.lang) if outcome.contacts else {}
    lines = [t("faq-contact-line", text=contacts[key]) for key in outcome.contacts if key in contacts]
    await message.answer("\n".join([intro + "\n\n" + t("faq-contacts"), *lines]),
                         reply_markup=InlineKeyboardMarkup(inline_keyboard=rows) if rows else None)


@router.message(StateFilter(None), F.text, ~F.text.startswith("/"), F.text.len() < 4096)
async def question(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    text = message.text.strip()
    if not text:
        await message.answer(t("faq-empty"))
        return
    if len(text) > MAX_QUESTION:
        await message.answer(t("faq-too-long"))
        return
    data = await state.get_data()
    context = Context.from_dict(data.get("faq_context"))
    outcome = get_engine().answer(text, t.lang, k=3, context=context)
    # kept for the vote and the next question's context; an ID or phone typed into it is masked
    outcome.context.query = scrub(outcome.context.query)
    await state.update_data(faq_query=scrub(text), faq_context=outcome.context.as_dict())
    if outcome.refused:
        await feedback.record(session, user.id, text, "unanswered", lang=t.lang)
    await _send_outcome(message, t, outcome)


@router.callback_query(FaqCb.filter(F.action == "show"))
async def show(query: CallbackQuery, callback_data: FaqCb, t) -> None:
    engine = get_engine()
    doc = engine.by_key(callback_data.id, t.lang)
    if doc is None:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    outcome = engine.answer(doc.title, t.lang, k=3)
    related = [a.doc for a in outcome.answers if a.doc is not None and a.doc.id != doc.id][:2]
    answer = Answer(doc.kind, 1.0, doc.program, doc.source, doc=doc)
    await query.message.answer(answer_text(t, answer), reply_markup=answer_keyboard(t, answer, related))


@router.callback_query(FaqCb.filter(F.action.in_({"up", "down"})))
async def vote(query: CallbackQuery, callback_data: FaqCb, state: FSMContext, session: AsyncSession,
               user: User, t) -> None:
    engine = get_engine()
    doc = engine.by_key(callback_data.id, t.lang)
    data = await state.get_data()
    asked = data.get("faq_query") or (doc.title if doc else "")
    helpful = callback_data.action == "up"
    entry_id = (doc.id if doc else f"computed:{callback_data.id}")[:64]
    await feedback.record(session, user.id, asked, "helpful" if helpful else "not_helpful", entry_id, t.lang)
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
    entries = get_engine().entries(callback_data.id, t.lang)
    rows = [[InlineKeyboardButton(text=_button_text(e.title, 60), callback_data=FaqCb(action="show", id=doc_key(e.id)).pack())]
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
        outcome = get_engine().answer(text, lang, k=5)
        t = BoundTranslator(translator, lang)
        for a in outcome.answers:
            body = answer_text(t, a)
            title = a.doc.title if a.doc is not None else plain(body).split("\n", 1)[0]
            results.append(InlineQueryResultArticle(
                id=doc_key(a.id), title=_button_text(title, 60), description=plain(body)[:120],
                input_message_content=InputTextMessageContent(message_text=body, parse_mode="HTML"),
            ))
    button = None
    if not results:
        hint = translator.t(lang, "faq-inline-none" if text else "faq-inline-hint")
        button = InlineQueryResultsButton(text=hint, start_parameter="faq")
    await query.answer(results, cache_time=60, is_personal=False, button=button)
