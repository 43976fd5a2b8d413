"""Calculators in chat: buttons wherever the choice is fixed (kind, mode, items, year, type,
program), typed numbers and dates otherwise. The dialogs are data (``domain/calc/dialogs.py``:
steps, questions, how an answer is read, which domain function computes); this module only renders
them. Results use the same renderer as the CLI (ui/calc_render.py), so the chat and
``unionbot fee|coverage|roster-numbers`` print the same figures."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.calc import CalcError
from domain.calc import dialogs
from domain.calc.data import ITEMS
from domain.calc.dialogs import KINDS, Choice, Items, Typed
from handlers.menu import MenuCb, back_button
from ui.gloss import gloss
from handlers.routing import Feature
from ui.calc_render import coverage_text, issue_lines, member_basic_text, mutual_aid_text, numbers_text, retiree_text

router = Feature("calc")

RESULTS = {"mutual-aid": mutual_aid_text, "member-basic": member_basic_text, "retiree": retiree_text,
           "coverage": coverage_text, "numbers": numbers_text}
OWN_BUTTONS = {"kind", "again", "item", "done"}  # every other action answers a Choice step


class CalcCb(CallbackData, prefix="c"):
    a: str  # kind / again / item / done, or a Choice step's button (mode / prog / year / type / split)
    v: str = ""


class CalcForm(StatesGroup):
    items = State()  # toggling the mutual-aid items
    typing = State()  # a Typed step: the next message is its answer


def _kb(rows: list[list[tuple[str, CalcCb]]], t) -> InlineKeyboardMarkup:
    kb = [[InlineKeyboardButton(text=text, callback_data=cb.pack()) for text, cb in row] for row in rows]
    kb.append([back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=kb)


def kinds_kb(t) -> InlineKeyboardMarkup:
    return _kb([[(t(f"calc-kind-{k}"), CalcCb(a="kind", v=k))] for k in KINDS], t)


def items_kb(t, chosen: list[str]) -> InlineKeyboardMarkup:
    rows = []
    for line in "ABC":
        rows.append([((("✅ " if f"{line}{lvl}" in chosen else "") + f"{line}{lvl}"), CalcCb(a="item", v=f"{line}{lvl}"))
                     for lvl in range(4)])
    rows.append([(t("calc-done"), CalcCb(a="done"))])
    return _kb(rows, t)


def again_kb(t) -> InlineKeyboardMarkup:
    return _kb([[(t("calc-again"), CalcCb(a="again"))]], t)


def _items_text(t, chosen: list[str]) -> str:
    return t("calc-ask-items") + "\n" + (t("calc-items-chosen", items=", ".join(chosen)) if chosen
                                         else t("calc-items-none"))


def choice_kb(t, step: Choice, answers: dict) -> InlineKeyboardMarkup:
    buttons = [(t(o.label, **o.params) if o.label else o.value, CalcCb(a=step.button, v=o.value))
               for o in step.options(answers)]
    return _kb([buttons] if step.in_a_row else [[b] for b in buttons], t)


async def advance(message: Message, state: FSMContext, t, answers: dict) -> None:
    """Ask the dialog's next step, or show the result when every step is answered."""
    if answers.get("kind") not in dialogs.DIALOGS:
        await _restart(message, state, t)
        return
    step = dialogs.next_step(answers)
    if step is None:
        await state.clear()
        try:
            result = dialogs.solve(answers)
        except CalcError as exc:
            await message.answer(gloss(t, "\n".join(issue_lines(t, exc.issues))), reply_markup=again_kb(t))
            return
        await message.answer(gloss(t, RESULTS[answers["kind"]](t, result)), reply_markup=again_kb(t))
        return
    if isinstance(step, Choice):
        await state.set_state(None)  # a button answers it; typed text meanwhile is a question
        ask, params = step.ask(answers)
        await message.answer(t(ask, **params), reply_markup=choice_kb(t, step, answers))
    elif isinstance(step, Items):
        chosen = dialogs.selection(answers)
        await state.set_state(CalcForm.items)
        await state.update_data(chosen=chosen)
        await message.answer(_items_text(t, chosen), reply_markup=items_kb(t, chosen))
    else:
        await state.set_state(CalcForm.typing)
        await message.answer(t(step.asks[len(answers.get("partial") or [])], **step.ask_params(answers)))


async def _restart(message: Message, state: FSMContext, t) -> None:
    await state.clear()
    await message.answer(t("calc-choose"), reply_markup=kinds_kb(t))


# --- entry -------------------------------------------------------------------------------------

@router.message(Command("calc"))
async def cmd_calc(message: Message, state: FSMContext, t) -> None:
    await _restart(message, state, t)


@router.callback_query(MenuCb.filter(F.item == "calc"))
async def menu_calc(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await _restart(query.message, state, t)


@router.callback_query(CalcCb.filter(F.a == "again"))
async def again(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await _restart(query.message, state, t)


@router.callback_query(CalcCb.filter(F.a == "kind"))
async def choose_kind(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    answers = {"kind": callback_data.v if callback_data.v in KINDS else KINDS[0]}
    await state.clear()
    await state.set_data(answers)
    await advance(query.message, state, t, answers)


# --- buttons of the steps ------------------------------------------------------------------------

@router.callback_query(CalcCb.filter(~F.a.in_(OWN_BUTTONS)))
async def choose(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    answers = await state.get_data()
    step = dialogs.find_step(answers, callback_data.a)
    if not isinstance(step, Choice):  # a button from an old conversation
        await _restart(query.message, state, t)
        return
    if callback_data.v not in {o.value for o in step.options(answers)}:
        return
    answers = dialogs.answer(answers, step, callback_data.v)
    await state.set_data(answers)
    await advance(query.message, state, t, answers)


@router.callback_query(CalcCb.filter(F.a == "item"))
async def toggle_item(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    if callback_data.v not in ITEMS:
        return
    answers = await state.get_data()
    if not isinstance(dialogs.find_step(answers, "item"), Items):
        await _restart(query.message, state, t)
        return
    chosen = dialogs.toggle(dialogs.selection(answers), callback_data.v)
    await state.update_data(chosen=chosen)
    await query.message.edit_text(_items_text(t, chosen), reply_markup=items_kb(t, chosen))


@router.callback_query(CalcCb.filter(F.a == "done"))
async def items_done(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    answers = await state.get_data()
    step = dialogs.find_step(answers, "done")
    if not isinstance(step, Items):
        await _restart(query.message, state, t)
        return
    chosen = dialogs.selection(answers)
    issues = dialogs.check_items(chosen)
    if issues:
        await query.message.answer("\n".join(issue_lines(t, issues)), reply_markup=items_kb(t, chosen))
        return
    answers = dialogs.answer(answers, step, chosen)
    await state.set_data(answers)
    await advance(query.message, state, t, answers)


# --- typed answers ----------------------------------------------------------------------------

@router.message(CalcForm.typing)
async def typed(message: Message, state: FSMContext, t) -> None:
    answers = await state.get_data()
    step = dialogs.next_step(answers)
    if not isinstance(step, Typed):
        await _restart(message, state, t)
        return
    taken = dialogs.take(answers, step, message.text)
    if taken.bad:
        await message.answer(t(taken.bad))
        return
    await state.set_data(taken.answers)
    if taken.issues:
        await message.answer("\n".join(issue_lines(t, taken.issues)) + "\n" + t(taken.ask))
    elif taken.ask:
        await message.answer(t(taken.ask))
    else:
        await advance(message, state, t, taken.answers)
