"""Calculators in chat: buttons wherever the choice is fixed (kind, mode, items, year, type,
program), typed numbers and dates otherwise. Results use the same renderer as the CLI
(bot/calc_render.py), so the chat and ``unionbot fee|coverage|roster-numbers`` print the same figures."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.calc_render import coverage_text, issue_lines, member_basic_text, mutual_aid_text, numbers_text, retiree_text
from domain import clock
from domain.calc import CalcError, SplitRow, SsCode, check_selection, coverage, member_basic_fee, mutual_aid_fee, program_data
from domain.calc import retiree_deduction, roster_numbers
from domain import clock
from domain.calc.data import ITEMS, offered_years, year_for
from domain.calc.common import fmt_money
from domain.calc.member_basic import TYPE_LABELS
from handlers.menu import MenuCb, back_button, gloss
from handlers.routing import Feature

router = Feature("calc")

KINDS = ("mutual-aid", "member-basic", "retiree", "coverage", "numbers")


class CalcCb(CallbackData, prefix="c"):
    a: str  # kind / mode / item / done / year / type / prog
    v: str = ""


class CalcForm(StatesGroup):
    items = State()
    insured = State()
    uninsured = State()
    start = State()
    people = State()
    amount = State()
    succeeded = State()
    submitted = State()
    last = State()
    planned = State()
    contributors = State()
    split = State()


def _kb(rows: list[list[tuple[str, CalcCb]]], t) -> InlineKeyboardMarkup:
    kb = [[InlineKeyboardButton(text=text, callback_data=cb.pack()) for text, cb in row] for row in rows]
    kb.append([back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=kb)


def kinds_kb(t) -> InlineKeyboardMarkup:
    return _kb([[(t(f"calc-kind-{k}"), CalcCb(a="kind", v=k))] for k in KINDS], t)


def modes_kb(t) -> InlineKeyboardMarkup:
    return _kb([[(t("calc-mode-collective"), CalcCb(a="mode", v="collective")),
                 (t("calc-mode-instant"), CalcCb(a="mode", v="instant"))]], t)


def items_kb(t, chosen: list[str]) -> InlineKeyboardMarkup:
    rows = []
    for line in "ABC":
        rows.append([((("✅ " if f"{line}{lvl}" in chosen else "") + f"{line}{lvl}"), CalcCb(a="item", v=f"{line}{lvl}"))
                     for lvl in range(4)])
    rows.append([(t("calc-done"), CalcCb(a="done"))])
    return _kb(rows, t)


def years_kb(t, program: str) -> InlineKeyboardMarkup:
    return _kb([[(str(y), CalcCb(a="year", v=str(y))) for y in offered_years(program)]], t)


def again_kb(t) -> InlineKeyboardMarkup:
    return _kb([[(t("calc-again"), CalcCb(a="again"))]], t)


def _items_text(t, chosen: list[str]) -> str:
    return t("calc-ask-items") + "\n" + (t("calc-items-chosen", items=", ".join(chosen)) if chosen
                                         else t("calc-items-none"))


def parse_int(text: str | None) -> int | None:
    raw = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace("人", "")
    return int(raw) if raw.isdigit() else None


def parse_amount(text: str | None) -> Decimal | None:
    raw = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace("元", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


async def _show_result(message: Message, state: FSMContext, t, compute, render) -> None:
    try:
        result = compute()
    except CalcError as exc:
        await message.answer(gloss(t, "\n".join(issue_lines(t, exc.issues))), reply_markup=again_kb(t))
        await state.clear()
        return
    await state.clear()
    await message.answer(gloss(t, render(t, result)), reply_markup=again_kb(t))


# --- entry -------------------------------------------------------------------------------------

@router.message(Command("calc"))
async def cmd_calc(message: Message, state: FSMContext, t) -> None:
    await state.clear()
    await message.answer(t("calc-choose"), reply_markup=kinds_kb(t))


@router.callback_query(MenuCb.filter(F.item == "calc"))
async def menu_calc(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await state.clear()
    await query.message.answer(t("calc-choose"), reply_markup=kinds_kb(t))


@router.callback_query(CalcCb.filter(F.a == "again"))
async def again(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await state.clear()
    await query.message.answer(t("calc-choose"), reply_markup=kinds_kb(t))


@router.callback_query(CalcCb.filter(F.a == "kind"))
async def choose_kind(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    kind = callback_data.v if callback_data.v in KINDS else KINDS[0]
    await state.clear()
    await state.update_data(kind=kind)
    if kind == "mutual-aid":
        await query.message.answer(t("calc-ask-mode"), reply_markup=modes_kb(t))
    elif kind == "member-basic":
        await query.message.answer(t("calc-ask-year"), reply_markup=years_kb(t, "member_basic"))
    elif kind == "retiree":
        await state.set_state(CalcForm.amount)
        data = year_for("retiree", clock.today())
        await query.message.answer(t("calc-ask-amount", max=str(data.raw["deduction_max"])))
    elif kind in ("coverage", "numbers"):
        programs = ("mutual-aid", "retiree", "member-basic") if kind == "coverage" else ("mutual-aid", "retiree")
        await query.message.answer(t("calc-ask-program"), reply_markup=_kb(
            [[(t(f"calc-program-{p}"), CalcCb(a="prog", v=p))] for p in programs], t))


@router.callback_query(CalcCb.filter(F.a == "prog"))
async def choose_program(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    await state.update_data(program=callback_data.v)
    kind = (await state.get_data()).get("kind")
    if kind == "numbers":
        if callback_data.v == "mutual-aid":
            await state.set_state(CalcForm.last)
            await query.message.answer(t("calc-ask-last"))
        else:
            await state.set_state(CalcForm.planned)
            await query.message.answer(t("calc-ask-planned"))
        return
    await query.message.answer(t("calc-ask-mode"), reply_markup=modes_kb(t))


@router.callback_query(CalcCb.filter(F.a == "mode"))
async def choose_mode(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    mode = "collective" if callback_data.v == "collective" else "instant"
    await state.update_data(mode=mode, items=[])
    data = await state.get_data()
    if data.get("kind") == "mutual-aid" or data.get("program") == "mutual-aid":
        await state.set_state(CalcForm.items)
        await query.message.answer(_items_text(t, []), reply_markup=items_kb(t, []))
    elif mode == "instant":
        await state.set_state(CalcForm.submitted)
        await query.message.answer(t("calc-ask-submitted"))
    else:
        program = {"retiree": "retiree", "member-basic": "member_basic"}[data.get("program", "retiree")]
        await query.message.answer(t("calc-ask-year"), reply_markup=years_kb(t, program))


@router.callback_query(CalcCb.filter(F.a == "item"))
async def toggle_item(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    if callback_data.v not in ITEMS:
        return
    chosen = list((await state.get_data()).get("items") or [])
    if callback_data.v in chosen:
        chosen.remove(callback_data.v)
    else:
        chosen.append(callback_data.v)
    chosen = [i for i in ITEMS if i in chosen]
    await state.update_data(items=chosen)
    await query.message.edit_text(_items_text(t, chosen), reply_markup=items_kb(t, chosen))


@router.callback_query(CalcCb.filter(F.a == "done"))
async def items_done(query: CallbackQuery, state: FSMContext, t) -> None:
    data = await state.get_data()
    chosen = list(data.get("items") or [])
    issues = check_selection(chosen)
    if issues:
        await query.answer()
        await query.message.answer("\n".join(issue_lines(t, issues)), reply_markup=items_kb(t, chosen))
        return
    await query.answer()
    if data.get("kind") == "coverage":
        if data.get("mode") == "instant":
            await state.set_state(CalcForm.submitted)
            await query.message.answer(t("calc-ask-submitted"))
        else:
            await query.message.answer(t("calc-ask-year"), reply_markup=years_kb(t, "mutual_aid"))
        return
    await state.set_state(CalcForm.insured)
    await query.message.answer(t("calc-ask-insured"))


@router.callback_query(CalcCb.filter(F.a == "year"))
async def choose_year(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    if not callback_data.v.isdigit():
        return
    year = int(callback_data.v)
    await state.update_data(year=year)
    data = await state.get_data()
    kind = data.get("kind")
    if kind == "member-basic":
        # each type says up front whether the year has a fee for it or the district's setting is needed
        types = program_data("member_basic", year).raw.get("types") or {}
        await query.message.answer(t("calc-ask-type"), reply_markup=_kb(
            [[(t("calc-type-priced", type=tp, fee=fmt_money(types[tp]["fee"])) if tp in types
               else t("calc-type-unpriced", type=tp), CalcCb(a="type", v=tp))] for tp in TYPE_LABELS], t))
    elif kind == "mutual-aid":
        await _show_result(query.message, state, t, lambda: mutual_aid_fee(
            data["items"], data["insured"], data.get("uninsured", 0), mode="collective",
            data=program_data("mutual_aid", year)), mutual_aid_text)
    elif kind == "coverage":
        program = data.get("program", "mutual-aid")
        await _show_result(query.message, state, t, lambda: coverage(program, "collective", None,
                                                                     data.get("items"), year), coverage_text)
    else:  # a button from an old conversation
        await state.clear()
        await query.message.answer(t("calc-choose"), reply_markup=kinds_kb(t))


@router.callback_query(CalcCb.filter(F.a == "type"))
async def choose_type(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    if callback_data.v not in TYPE_LABELS:
        return
    await state.update_data(type=callback_data.v)
    year = (await state.get_data()).get("year")
    priced = callback_data.v in (program_data("member_basic", year).raw.get("types") or {}) if year else False
    rows = []
    if priced:
        rows.append([(t("calc-split-manual"), CalcCb(a="split", v="manual"))])
    rows.append([(t("calc-split-district"), CalcCb(a="split", v="district"))])
    await query.message.answer(t("calc-ask-split") if priced else t("calc-ask-split-unpriced", type=callback_data.v),
                               reply_markup=_kb(rows, t))


@router.callback_query(CalcCb.filter(F.a == "split"))
async def choose_split(query: CallbackQuery, callback_data: CalcCb, state: FSMContext, t) -> None:
    await query.answer()
    if callback_data.v == "district":
        await state.update_data(split=[])
        await state.set_state(CalcForm.split)
        await query.message.answer(t("calc-ask-split-fee"))
        return
    await state.update_data(split=None)
    await state.set_state(CalcForm.people)
    await query.message.answer(t("calc-ask-people"))


SPLIT_QUESTIONS = ("calc-ask-split-fee", "calc-ask-split-city", "calc-ask-split-district", "calc-ask-split-grassroots")


@router.message(CalcForm.split)
async def got_split(message: Message, state: FSMContext, t) -> None:
    value = parse_amount(message.text)
    if value is None or value < 0:
        await message.answer(t("calc-bad-amount"))
        return
    split = list((await state.get_data()).get("split") or []) + [str(value)]
    await state.update_data(split=split)
    if len(split) < len(SPLIT_QUESTIONS):
        await message.answer(t(SPLIT_QUESTIONS[len(split)]))
        return
    fee, city, district, grassroots = (Decimal(v) for v in split)
    issues = SplitRow(fee, city, district, grassroots).check()
    if issues:  # say why and ask again from the fee, nothing else is lost
        await state.update_data(split=[])
        await message.answer("\n".join(issue_lines(t, issues)) + "\n" + t("calc-ask-split-fee"))
        return
    await state.set_state(CalcForm.people)
    await message.answer(t("calc-ask-people"))


# --- typed answers ----------------------------------------------------------------------------

async def _int_or_retry(message: Message, t) -> int | None:
    value = parse_int(message.text)
    if value is None:
        await message.answer(t("calc-bad-number"))
    return value


@router.message(CalcForm.insured)
async def got_insured(message: Message, state: FSMContext, t) -> None:
    value = await _int_or_retry(message, t)
    if value is None:
        return
    await state.update_data(insured=value)
    await state.set_state(CalcForm.uninsured)
    await message.answer(t("calc-ask-uninsured"))


@router.message(CalcForm.uninsured)
async def got_uninsured(message: Message, state: FSMContext, t) -> None:
    value = await _int_or_retry(message, t)
    if value is None:
        return
    await state.update_data(uninsured=value)
    if (await state.get_data()).get("mode") == "collective":
        await state.set_state(None)
        await message.answer(t("calc-ask-year"), reply_markup=years_kb(t, "mutual_aid"))
        return
    await state.set_state(CalcForm.start)
    await message.answer(t("calc-ask-start"))


@router.message(CalcForm.start)
async def got_start(message: Message, state: FSMContext, t) -> None:
    start = clock.parse_date(message.text)
    if start is None:
        await message.answer(t("calc-bad-date"))
        return
    d = await state.get_data()
    await _show_result(message, state, t, lambda: mutual_aid_fee(d["items"], d["insured"], d.get("uninsured", 0),
                                                                 start, "instant"), mutual_aid_text)


@router.message(CalcForm.submitted)
async def got_submitted(message: Message, state: FSMContext, t) -> None:
    submitted = clock.parse_date(message.text)
    if submitted is None:
        await message.answer(t("calc-bad-date"))
        return
    d = await state.get_data()
    await _show_result(message, state, t, lambda: coverage(d.get("program", "mutual-aid"), "instant", submitted,
                                                           d.get("items")), coverage_text)


@router.message(CalcForm.people)
async def got_people(message: Message, state: FSMContext, t) -> None:
    value = await _int_or_retry(message, t)
    if value is None:
        return
    d = await state.get_data()
    split = d.get("split")
    override = SplitRow(*(Decimal(v) for v in split)) if split else None
    await _show_result(message, state, t, lambda: member_basic_fee(d["type"], value, d["year"], override=override),
                       member_basic_text)


@router.message(CalcForm.amount)
async def got_amount(message: Message, state: FSMContext, t) -> None:
    value = parse_amount(message.text)
    if value is None:
        await message.answer(t("calc-bad-amount"))
        return
    await state.update_data(amount=str(value))
    await state.set_state(CalcForm.planned)
    await message.answer(t("calc-ask-retiree-people"))


@router.message(CalcForm.succeeded)
async def got_succeeded(message: Message, state: FSMContext, t) -> None:
    value = await _int_or_retry(message, t)
    if value is None:
        return
    d = await state.get_data()
    await _show_result(message, state, t, lambda: retiree_deduction(Decimal(d["amount"]), d["people"], value),
                       retiree_text)


@router.message(CalcForm.last)
async def got_last(message: Message, state: FSMContext, t) -> None:
    value = await _int_or_retry(message, t)
    if value is None:
        return
    await state.update_data(last=value)
    await state.set_state(CalcForm.planned)
    await message.answer(t("calc-ask-planned"))


@router.message(CalcForm.planned)
async def got_planned(message: Message, state: FSMContext, t) -> None:
    value = await _int_or_retry(message, t)
    if value is None:
        return
    d = await state.get_data()
    if d.get("kind") == "retiree":  # retiree deduction: this is the number of people
        await state.update_data(people=value)
        await state.set_state(CalcForm.succeeded)
        await message.answer(t("calc-ask-succeeded"))
        return
    await state.update_data(planned=value)
    await state.set_state(CalcForm.contributors)
    await message.answer(t("calc-ask-contributors"))


@router.message(CalcForm.contributors)
async def got_contributors(message: Message, state: FSMContext, t) -> None:
    value = await _int_or_retry(message, t)
    if value is None:
        return
    d = await state.get_data()
    program = d.get("program", "mutual-aid")
    last = d.get("last") or None
    await _show_result(message, state, t, lambda: roster_numbers(
        program, d["planned"], last, [SsCode("1", d["planned"], value)], new_unit=(program == "mutual-aid" and not last)),
        numbers_text)
