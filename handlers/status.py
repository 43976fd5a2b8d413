"""“Where am I / what now”: the clerk picks the program, the mode and the status the platform
shows; the bot says what it means, which actions are allowed or not (and what to do instead),
the next step and the deadline. Also ``/status 缴费凭证待上传`` with the label typed in."""

from __future__ import annotations

from datetime import date

from aiogram import F
from aiogram.filters import Command, CommandObject
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain.programs import PROGRAMS, Decision, decide, describe, find_status, load_machine
from domain.programs.texts import status_texts
from handlers.menu import MenuCb, back_button
from ui.gloss import gloss
from handlers.routing import Feature

router = Feature("status")

ASK_MODE = {"mutual_aid", "retiree", "member_protection"}  # mode changes deadlines / conditions


class StCb(CallbackData, prefix="st"):
    a: str  # prog / mode / show / ask / act
    p: int = 0  # program index
    m: int = -1  # mode index (-1: none)
    s: int = 0  # status index
    x: int = 0  # action index


def _tx(t) -> dict:
    return status_texts(t.lang if t.lang in ("zh", "en") else "zh")


def status_label(t, program: str, sid: str) -> str:
    """The label the platform prints; in English followed by its gloss."""
    machine = load_machine(program)
    label = machine.raw["statuses"][sid]["label"]
    gloss = ((_tx(t).get("glosses") or {}).get(machine.text_group) or {}).get(sid)
    return f"{label} ({gloss})" if gloss else label


def _mode(program: str, m: int) -> str | None:
    modes = load_machine(program).modes
    return modes[m] if 0 <= m < len(modes) else None


def programs_kb(t) -> InlineKeyboardMarkup:
    tx = _tx(t)
    rows = [[InlineKeyboardButton(text=tx["programs"][p], callback_data=StCb(a="prog", p=i).pack())]
            for i, p in enumerate(PROGRAMS)]
    rows.append([back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def statuses_kb(t, pi: int, m: int) -> InlineKeyboardMarkup:
    machine = load_machine(PROGRAMS[pi])
    rows = [[InlineKeyboardButton(text=status_label(t, PROGRAMS[pi], sid),
                                  callback_data=StCb(a="show", p=pi, m=m, s=si).pack())]
            for si, sid in enumerate(machine.statuses)]
    rows.append([InlineKeyboardButton(text=t("status-other-program"), callback_data=MenuCb(item="status").pack()),
                 back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _deadline_text(t, info) -> str | None:
    d = info.deadline
    if not d or d.get("value") is None:
        return None
    tx = _tx(t)
    value = d["value"]
    fields = dict(value) if isinstance(value, dict) else {"value": value}
    fields = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()}
    fields.setdefault("value", "")
    try:
        text = tx["deadlines"][d["key"]].format(**fields)
    except (KeyError, IndexError):
        text = tx["deadlines"][d["key"]]
    if d.get("disputed"):
        text += "\n⚠️ " + tx["disputed"][d["disputed"]]
    if d.get("stale"):
        text += tx["deadlines"]["stale"].format(year=d["year"])  # zh starts with "（", en with " ("
    return text


def action_line(t, d: Decision, seen: set | None = None) -> str:
    """One line per action; the reason of the line just above is not repeated (``seen`` holds the
    previous forbidden line's reason only, so "same reason as above" is always about that line)."""
    tx = _tx(t)
    name = tx["actions"][d.action]
    if d.verdict == "allowed":
        line = t("status-line-allowed", action=name)
    elif d.verdict == "conditional":
        line = t("status-line-conditional", action=name, condition=tx["conditions"][d.condition])
    else:
        repeated = seen is not None and d.reason in seen
        reason = t("status-same-reason") if repeated else tx["reasons"][d.reason]
        if seen is not None:
            seen.clear()
            seen.add(d.reason)
        line = t("status-line-forbidden", action=name, reason=reason)
        if d.instead:
            line += "\n" + t("status-line-instead", action=tx["actions"][d.instead])
    if d.disputed:
        line += "\n⚠️ " + tx["disputed"][d.disputed]
    return line


def status_text(t, program: str, status: str, mode: str | None, today: date | None = None) -> str:
    tx = _tx(t)
    machine = load_machine(program)
    info = describe(program, status, mode, today)
    if mode:
        head = t("status-title-mode", program=tx["programs"][program], mode=tx["modes"][mode],
                 label=status_label(t, program, status))
    else:
        head = t("status-title", program=tx["programs"][program], label=status_label(t, program, status))
    lines = [head, tx["statuses"][machine.text_group][status]]
    if info.label_in_manual is not True:
        lines.append(t("status-label-not-in-manual"))
    seen: set = set()
    for verdict, key in (("allowed", "status-allowed"), ("conditional", "status-conditional"),
                         ("forbidden", "status-forbidden")):
        group = info.by_verdict(verdict)
        if verdict == "forbidden":  # the actions refused for one reason stand together, in their order
            first = {}
            for n, d in enumerate(group):
                first.setdefault(d.reason, n)
            group = sorted(group, key=lambda d: first[d.reason])
        if group:
            lines.append(t(key))
            lines += [action_line(t, d, seen) for d in group]
    lines.append(t("status-next", text=tx["next"][info.next]))
    deadline = _deadline_text(t, info)
    if deadline:
        lines.append(t("status-deadline", text=deadline))
    lines.append(t("status-source", source=machine.raw.get("source", "")))
    return gloss(t, "\n".join(lines))


def status_kb(t, pi: int, m: int, si: int) -> InlineKeyboardMarkup:
    machine = load_machine(PROGRAMS[pi])
    tx = _tx(t)
    rows = [[InlineKeyboardButton(text=t("status-can-i", action=tx["actions"][a]),
                                  callback_data=StCb(a="act", p=pi, m=m, s=si, x=xi).pack())]
            for xi, a in enumerate(machine.actions)]
    rows.append([InlineKeyboardButton(text=t("status-other-status"), callback_data=StCb(a="mode", p=pi, m=m).pack()),
                 back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def answer_text(t, program: str, status: str, action: str) -> str:
    tx = _tx(t)
    d = decide(program, status, action)
    label = status_label(t, program, status)
    verdict = {"allowed": "status-answer-yes", "conditional": "status-answer-conditional",
               "forbidden": "status-answer-no"}[d.verdict]
    lines = [t("status-answer-q", label=label, action=tx["actions"][action]), t(verdict)]
    if d.verdict == "conditional":
        lines.append(tx["conditions"][d.condition])
    if d.verdict == "forbidden":
        lines.append(tx["reasons"][d.reason])
        if d.instead:
            lines.append(t("status-line-instead", action=tx["actions"][d.instead]))
    if d.disputed:
        lines.append("⚠️ " + tx["disputed"][d.disputed])
    return gloss(t, "\n".join(lines))


async def ask_program(target: Message, t) -> None:
    await target.answer(t("status-choose-program"), reply_markup=programs_kb(t))


@router.message(Command("status"))
async def cmd_status(message: Message, command: CommandObject, state: FSMContext, t) -> None:
    await state.clear()  # leave any half-filled form of another feature
    label = (command.args or "").strip()
    if not label:
        await ask_program(message, t)
        return
    hits = [(pi, find_status(p, label)) for pi, p in enumerate(PROGRAMS)]
    hits = [(pi, sid) for pi, sid in hits if sid]
    if not hits:
        await message.answer(t("status-not-found", label=label), reply_markup=programs_kb(t))
        return
    if len(hits) == 1:
        pi, sid = hits[0]
        si = load_machine(PROGRAMS[pi]).statuses.index(sid)
        await message.answer(status_text(t, PROGRAMS[pi], sid, None), reply_markup=status_kb(t, pi, -1, si))
        return
    tx = _tx(t)
    rows = []
    for pi, sid in hits:
        si = load_machine(PROGRAMS[pi]).statuses.index(sid)
        rows.append([InlineKeyboardButton(text=tx["programs"][PROGRAMS[pi]],
                                          callback_data=StCb(a="show", p=pi, m=-1, s=si).pack())])
    rows.append([back_button(t)])
    await message.answer(t("status-which-program", label=label), reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))


@router.callback_query(MenuCb.filter(F.item == "status"))
async def menu_status(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await state.clear()
    await ask_program(query.message, t)


@router.callback_query(StCb.filter())
async def on_status(query: CallbackQuery, callback_data: StCb, t) -> None:
    cb = callback_data
    if not 0 <= cb.p < len(PROGRAMS):
        await query.answer(t("status-stale"), show_alert=True)
        return
    program = PROGRAMS[cb.p]
    machine = load_machine(program)
    tx = _tx(t)
    if cb.a == "prog" and program in ASK_MODE:
        await query.answer()
        rows = [[InlineKeyboardButton(text=tx["modes"][mode], callback_data=StCb(a="mode", p=cb.p, m=mi).pack())]
                for mi, mode in enumerate(machine.modes)]
        rows.append([back_button(t)])
        # the question asks what the buttons answer: enrollment mode, payment method or card channel
        await query.message.answer(t("status-choose-mode", program=tx["programs"][program], kind=machine.modes[0]),
                                   reply_markup=InlineKeyboardMarkup(inline_keyboard=rows))
        return
    if cb.a in ("prog", "mode"):
        await query.answer()
        m = cb.m if cb.a == "mode" else (0 if len(machine.modes) == 1 else -1)
        await query.message.answer(t("status-choose-status", program=tx["programs"][program]),
                                   reply_markup=statuses_kb(t, cb.p, m))
        return
    if not 0 <= cb.s < len(machine.statuses):
        await query.answer(t("status-stale"), show_alert=True)
        return
    status = machine.statuses[cb.s]
    await query.answer()
    if cb.a == "show":
        await query.message.answer(status_text(t, program, status, _mode(program, cb.m)),
                                   reply_markup=status_kb(t, cb.p, cb.m, cb.s))
    elif cb.a == "act" and 0 <= cb.x < len(machine.actions):
        await query.message.answer(answer_text(t, program, status, machine.actions[cb.x]),
                                   reply_markup=status_kb(t, cb.p, cb.m, cb.s))
