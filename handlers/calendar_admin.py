"""/calendar: an admin sends next year's calendar (YAML or xlsx); it is validated and rejected
whole, with line or row numbers, or installed for the bot and the scheduler. A button sends a
draft of the next year (the latest dates carried over) to edit and send back."""

from __future__ import annotations

import io

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain import access, clock
from domain.calendar import load_calendar
from domain.models import User
from handlers.routing import Feature
from ui.deadline_render import draft_header, draft_note, missing_text, problem_text

router = Feature("calendar_admin")
MAX_CALENDAR_BYTES = 1_000_000


class CalCb(CallbackData, prefix="cal"):
    year: int  # the protection year to draft



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
    lines += [t("cal-broken") + ("" if t.lang == "zh" else " ") + problem_text(t, p) for p in cal.problems]
    lines += [missing_text(t, cal, clock.today())]
    draft_year = clock.now().year + 1
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
    text = draft_calendar(load_calendar(settings.calendar_folder), year, draft_note(t.translator), draft_header(t, year))
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
        text = t("cal-rejected", count=len(exc.problems)) + "\n" + "\n".join("• " + problem_text(t, p) for p in shown)
        await message.answer(text + (("\n" + t("cal-more", count=more)) if more else ""))
        return
    await state.clear()
    await message.answer(t("cal-loaded", year=year, deadlines=len(deadlines), rules=len(rules)))


@router.message(CalendarUpload.file, ~F.text.startswith("/"))
async def calendar_not_a_file(message: Message, t) -> None:
    await message.answer(t("cal-send-file"))
