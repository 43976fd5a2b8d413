"""Roster pre-check in chat: the clerk sends the .xlsx, gets a summary and an annotated copy.

The check and the report run in a worker process with a memory and a time limit (the
``roster_worker`` the wiring gives, handlers/ports.Worker): whatever the file does, the bot keeps
answering everybody, and a file that goes past a limit gets "this file cannot be checked". Each user may start
ROSTER_CHECKS_PER_MINUTE checks per minute. Progress on large files (check, fixed file,
annotated copy, conversion) is shown by editing one status message (``_Progress``). Nothing
about the file is stored: the FSM keeps only Telegram's file id while the bot asks which
template it is.
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
from datetime import date
from pathlib import PurePath

from aiogram import Bot, F
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramRetryAfter
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from domain import access
from domain.identity import normalize_text
from domain.jobs import JobFailed
from domain.models import User
from domain.roster import KINDS, CheckOptions, load_config
from domain.roster.fixer import part_names
from domain.roster.jobs import CheckOutcome, check_job, convert_job, warm_job
from handlers.menu import MenuCb, back_button
from handlers.ports import Config, Worker
from handlers.routing import Feature
from ui.i18n import translator_for

router = Feature("roster")
log = logging.getLogger(__name__)

PROGRESS_MIN_ROWS = 1000  # smaller files are checked faster than an edit would be seen
PROGRESS_INTERVAL = 1.5  # seconds between progress edits (Telegram allows about one a second per chat)
PROGRESS_TEXTS = {"check": "roster-progress", "fix": "roster-progress-fix", "report": "roster-progress-report",
                  "convert": "roster-progress-convert"}
RATE_WINDOW = 60.0  # seconds: ROSTER_CHECKS_PER_MINUTE per user
CHECK_JOB = check_job  # what the worker process runs (tests swap it)
CONVERT_JOB = convert_job


class RosterCb(CallbackData, prefix="ros"):
    action: str  # tpl | kind | mtype
    value: str


class RosterForm(StatesGroup):
    kind = State()
    member_type = State()
    as_of = State()


OWN_STATES = (RosterForm.kind.state, RosterForm.member_type.state, RosterForm.as_of.state)


def _intro_keyboard(t) -> InlineKeyboardMarkup:
    rows = [[InlineKeyboardButton(text=t("roster-template-button", kind=t(f"roster-kind-{k}")),
                                  callback_data=RosterCb(action="tpl", value=k).pack())] for k in KINDS]
    rows.append([back_button(t)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _kind_keyboard(t) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=t(f"roster-kind-{k}"), callback_data=RosterCb(action="kind", value=k).pack())]
        for k in KINDS
    ])


def _member_type_keyboard(t) -> InlineKeyboardMarkup:
    types = load_config().templates["members"].member_types
    rows = [[InlineKeyboardButton(text=name, callback_data=RosterCb(action="mtype", value=str(i)).pack())]
            for i, name in enumerate(types)]
    rows.append([InlineKeyboardButton(text=t("roster-member-type-skip"), callback_data=RosterCb(action="mtype", value="-").pack())])
    return InlineKeyboardMarkup(inline_keyboard=rows)


# --- entry points ------------------------------------------------------------------------------


@router.message(Command("roster"))
async def roster_command(message: Message, state: FSMContext, user: User, t, roster_worker: Worker) -> None:
    if not access.clerk_tools(user):
        await message.answer(t("roster-clerk-only"))
        return
    roster_worker.warm(warm_job, translator_for, t.lang)  # the worker starts while the clerk reads
    await _clear_own_state(state)
    await message.answer(t("roster-intro"), reply_markup=_intro_keyboard(t))


@router.callback_query(MenuCb.filter(F.item == "roster"))
async def roster_menu(query: CallbackQuery, state: FSMContext, user: User, t, roster_worker: Worker) -> None:
    await query.answer()
    if not access.clerk_tools(user):
        await query.message.answer(t("roster-clerk-only"))
        return
    roster_worker.warm(warm_job, translator_for, t.lang)
    await _clear_own_state(state)
    await query.message.answer(t("roster-intro"), reply_markup=_intro_keyboard(t))


@router.callback_query(RosterCb.filter(F.action == "tpl"))
async def send_template(query: CallbackQuery, callback_data: RosterCb, user: User, t) -> None:
    if callback_data.value not in KINDS or not access.clerk_tools(user):
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    kind = callback_data.value
    from domain.roster.report import write_template  # openpyxl on first use, not at start

    data = await asyncio.to_thread(write_template, kind, t)
    await query.message.answer_document(
        BufferedInputFile(data, filename=f"{t('roster-template-file')}-{kind}.xlsx"),
        caption=t("roster-template-caption", kind=t(f"roster-kind-{kind}")),
    )


SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".et", ".csv")


def _roster_document(message: Message, user: User | None = None) -> bool:
    """Clerks: any document is checked (its content decides). Others: only spreadsheets are
    answered here (with "this is a clerk tool"); any other file goes on to the fallback."""
    if message.document is None:
        return False
    if access.clerk_tools(user):
        return True
    name = (message.document.file_name or "").lower()
    mime = (message.document.mime_type or "").lower()
    if name:
        return name.endswith(SPREADSHEET_SUFFIXES)
    return "spreadsheet" in mime or "excel" in mime


@router.message(StateFilter(None, RosterForm.kind, RosterForm.member_type, RosterForm.as_of), _roster_document)
async def got_document(message: Message, state: FSMContext, user: User, bot: Bot, t, settings: Config,
                       roster_worker: Worker) -> None:
    if not access.clerk_tools(user):
        await message.answer(t("roster-clerk-only"))
        return
    await _clear_own_state(state)
    doc = message.document
    name = doc.file_name or "roster.xlsx"
    status = await message.answer(t("roster-reading", file=name))
    limits = load_config().limits
    if doc.file_size and doc.file_size > limits.max_file_bytes:
        await _edit(status, t("roster-cannot-read",
                              reason=t.err("file.too_large", size_mb=round(doc.file_size / 1048576, 1),
                                           max_mb=round(limits.max_file_bytes / 1048576)),
                              fix=t.err("file.too_large_fix")))
        return
    await state.update_data(roster_file_id=doc.file_id, roster_file_name=name)
    await _run(status, state, bot, t, settings, roster_worker, doc.file_id, name, kind=None, member_type=None)


@router.callback_query(RosterCb.filter(F.action == "kind"))
async def chose_kind(query: CallbackQuery, callback_data: RosterCb, state: FSMContext, bot: Bot, t, settings: Config,
                     roster_worker: Worker) -> None:
    data = await state.get_data()
    if await state.get_state() != RosterForm.kind.state or not data.get("roster_file_id") or callback_data.value not in KINDS:
        await query.answer(t("roster-expired"), show_alert=True)
        return
    await query.answer()
    await query.message.edit_text(t(f"roster-kind-{callback_data.value}"))
    status = await query.message.answer(t("roster-reading", file=data.get("roster_file_name", "")))
    await _run(status, state, bot, t, settings, roster_worker, data["roster_file_id"], data.get("roster_file_name", "roster.xlsx"),
               kind=callback_data.value, member_type=None)


@router.callback_query(RosterCb.filter(F.action == "mtype"))
async def chose_member_type(query: CallbackQuery, callback_data: RosterCb, state: FSMContext, bot: Bot, t, settings: Config,
                            roster_worker: Worker) -> None:
    data = await state.get_data()
    types = load_config().templates["members"].member_types
    valid = callback_data.value == "-" or (callback_data.value.isdigit() and int(callback_data.value) < len(types))
    if await state.get_state() != RosterForm.member_type.state or not data.get("roster_file_id") or not valid:
        await query.answer(t("roster-expired"), show_alert=True)
        return
    await query.answer()
    member_type = None if callback_data.value == "-" else types[int(callback_data.value)]
    await query.message.edit_text(member_type or t("roster-member-type-skip"))
    status = await query.message.answer(t("roster-reading", file=data.get("roster_file_name", "")))
    await _run(status, state, bot, t, settings, roster_worker, data["roster_file_id"], data.get("roster_file_name", "roster.xlsx"),
               kind="members", member_type=member_type or "")


@router.callback_query(RosterCb.filter(F.action == "asof"))
async def ask_as_of(query: CallbackQuery, state: FSMContext, t) -> None:
    data = await state.get_data()
    if await state.get_state() is not None or not data.get("roster_file_id"):
        await query.answer(t("roster-expired"), show_alert=True)
        return
    await query.answer()
    await state.set_state(RosterForm.as_of)
    await query.message.answer(t("roster-ask-as-of"))


@router.message(RosterForm.as_of, F.text & ~F.text.startswith("/"))
async def got_as_of(message: Message, state: FSMContext, bot: Bot, t, settings: Config, roster_worker: Worker) -> None:
    try:
        as_of = date.fromisoformat(normalize_text(message.text))
    except ValueError:
        await message.answer(t("roster-as-of-invalid"))
        return
    if not date(1900, 1, 1) <= as_of <= date(2100, 12, 31):
        await message.answer(t("roster-as-of-invalid"))
        return
    data = await state.get_data()
    if not data.get("roster_file_id"):
        await state.clear()
        await message.answer(t("roster-expired"))
        return
    status = await message.answer(t("roster-reading", file=data.get("roster_file_name", "")))
    await _run(status, state, bot, t, settings, roster_worker, data["roster_file_id"], data.get("roster_file_name", "roster.xlsx"),
               kind=data.get("roster_kind"), member_type="", as_of=as_of)


# --- the work ---------------------------------------------------------------------------------


async def _clear_own_state(state: FSMContext) -> None:
    if await state.get_state() in OWN_STATES:
        await state.clear()


async def _edit(message: Message, text: str, **kw) -> None:
    try:
        await message.edit_text(text, **kw)
    except TelegramBadRequest:
        pass  # "message is not modified" or the message is gone: progress is best-effort


class _Progress:
    """Called from the sandbox's thread with (done, total, stage); edits the status message with
    what is being done ("正在检查：1000 / 5000 行…"). Edits are rate-limited: the first at once,
    then at most one every PROGRESS_INTERVAL seconds, one at a time (an edit still on its way
    makes the next report wait, so they never arrive out of order), never the same text twice,
    and none after Telegram's flood control answered. They go out through the bot's session, so
    its 429 handling and the shared outgoing pause apply to them as to every other call."""

    def __init__(self, loop: asyncio.AbstractEventLoop, message: Message, t, clock=time.monotonic):
        self.loop = loop
        self.clock = clock
        self.message = message
        self.t = t
        self.last: float | None = None
        self.shown = ""
        self.pending = None
        self.futures = []
        self.stopped = False  # Telegram answered 429, or the work is over: no more edits

    def __call__(self, done: int, total: int, stage: str = "check") -> None:
        if total < PROGRESS_MIN_ROWS or done >= total or self.stopped:
            return
        now = self.clock()
        if self.pending is not None and not self.pending.done():
            return
        if self.last is not None and now - self.last < PROGRESS_INTERVAL:
            return
        text = self.t(PROGRESS_TEXTS.get(stage, "roster-progress"), done=done, total=total)
        if text == self.shown:
            return
        self.last, self.shown = now, text
        self.pending = asyncio.run_coroutine_threadsafe(self._edit(text), self.loop)
        self.futures.append(self.pending)

    async def _edit(self, text: str) -> None:
        try:
            await _edit(self.message, text)
        except TelegramRetryAfter:
            self.stopped = True  # progress is the first thing to give up under flood control

    async def settle(self) -> None:
        """Before the status message gets its final text: an edit still on its way (e.g. waiting
        out a 429 in the session's retry) is cancelled, so it neither delays nor overwrites it."""
        self.stopped = True  # no further edits from late reports
        waiting = [asyncio.wrap_future(fut) for fut in self.futures]
        for fut in self.futures:
            fut.cancel()  # nothing for an edit that is done
        if waiting:
            await asyncio.wait(waiting)
        for fut in waiting:
            if not fut.cancelled():
                fut.exception()  # retrieved: a failed progress edit is not worth a log line


async def _download(bot: Bot, file_id: str) -> bytes | None:
    try:
        buf = await bot.download(file_id, destination=io.BytesIO())
    except Exception as exc:  # noqa: BLE001 - Telegram, network or timeout: ask the clerk to resend
        log.warning("roster download failed: %s", type(exc).__name__)
        return None
    return buf.getvalue() if buf is not None else None


async def _rate_allows(state: FSMContext, settings: Config) -> int:
    """0 when the user may start a check now, else the seconds to wait. The recent starts live in
    the FSM storage under their own destiny (shared by every worker, cleared with the user)."""
    key = StorageKey(bot_id=state.key.bot_id, chat_id=state.key.chat_id, user_id=state.key.user_id,
                     thread_id=state.key.thread_id, destiny="roster-rate")
    now = time.time()
    recent = [s for s in (await state.storage.get_data(key)).get("starts", []) if now - s < RATE_WINDOW]
    if len(recent) >= settings.roster_checks_per_minute:
        return max(1, int(RATE_WINDOW - (now - min(recent))) + 1)
    recent.append(now)
    await state.storage.set_data(key, {"starts": recent})
    return 0


async def _run(status: Message, state: FSMContext, bot: Bot, t, settings: Config, worker: Worker, file_id: str, name: str,
               kind: str | None, member_type: str | None, as_of: date | None = None) -> None:
    wait = await _rate_allows(state, settings)
    if wait:
        await state.clear()
        await _edit(status, t("roster-cannot-read", reason=t.err("file.rate_limited", limit=settings.roster_checks_per_minute),
                              fix=t.err("file.rate_limited_fix", seconds=wait)))
        return
    data = await _download(bot, file_id)
    if data is None:
        await state.clear()
        await _edit(status, t("roster-download-failed"))
        return
    progress = _Progress(asyncio.get_running_loop(), status, t)
    options = CheckOptions(member_type=member_type or None, as_of=as_of)
    try:
        outcome: CheckOutcome = await worker.run(
            CHECK_JOB, data, kind, options, translator_for, t.lang, member_type is None, progress=progress)
    except JobFailed as exc:
        log.warning("roster check stopped: %s", exc.reason)  # nothing about the file or its sender
        await progress.settle()
        await state.clear()
        await _edit(status, t("roster-cannot-read", reason=t.err("file.cannot_check"), fix=t.err("file.cannot_check_fix")))
        return
    finally:
        del data
    await progress.settle()
    if outcome.needs_kind:
        await state.set_state(RosterForm.kind)
        await _edit(status, t("roster-ask-kind"), reply_markup=_kind_keyboard(t))
        return
    if outcome.readable and outcome.kind == "members" and member_type is None:
        await state.set_state(RosterForm.member_type)
        await _edit(status, t("roster-ask-member-type"), reply_markup=_member_type_keyboard(t))
        return
    await state.clear()
    markup = None
    if outcome.readable and outcome.kind in KINDS:
        # keep only Telegram's file id: to re-check with another age reference date, or convert
        await state.set_data({"roster_file_id": file_id, "roster_file_name": name, "roster_kind": outcome.kind})
        rows = []
        if outcome.kind == "mutual-aid":
            rows.append([InlineKeyboardButton(text=t("roster-as-of-button"),
                                              callback_data=RosterCb(action="asof", value="-").pack())])
        rows += [[InlineKeyboardButton(text=t("roster-convert-button", kind=t(f"roster-kind-short-{k}")),
                                       callback_data=RosterCb(action="conv", value=k).pack())]
                 for k in KINDS if k != outcome.kind]
        markup = InlineKeyboardMarkup(inline_keyboard=rows)
    await _show_outcome(status, outcome, t, name, markup)


@router.callback_query(RosterCb.filter(F.action == "conv"))
async def convert_file(query: CallbackQuery, callback_data: RosterCb, state: FSMContext, bot: Bot, t,
                       settings: Config, roster_worker: Worker) -> None:
    """转成互助保障名单 …: the people of the checked file on another template (issue 15.3)."""
    data = await state.get_data()
    from_kind = data.get("roster_kind")
    if (await state.get_state() is not None or not data.get("roster_file_id") or callback_data.value not in KINDS
            or callback_data.value == from_kind):
        await query.answer(t("roster-expired"), show_alert=True)
        return
    await query.answer()
    name = data.get("roster_file_name", "roster.xlsx")
    status = await query.message.answer(t("roster-reading", file=name))
    wait = await _rate_allows(state, settings)
    if wait:
        await _edit(status, t("roster-cannot-read", reason=t.err("file.rate_limited", limit=settings.roster_checks_per_minute),
                              fix=t.err("file.rate_limited_fix", seconds=wait)))
        return
    content = await _download(bot, data["roster_file_id"])
    if content is None:
        await _edit(status, t("roster-download-failed"))
        return
    progress = _Progress(asyncio.get_running_loop(), status, t)
    try:
        converted = await roster_worker.run(CONVERT_JOB, content, from_kind, callback_data.value,
                                                 progress=progress)
    except JobFailed as exc:
        log.warning("roster convert stopped: %s", exc.reason)
        await progress.settle()
        await _edit(status, t("roster-cannot-read", reason=t.err("file.cannot_check"), fix=t.err("file.cannot_check_fix")))
        return
    await progress.settle()
    if converted is None:
        await _edit(status, t("roster-expired"))
        return
    to = callback_data.value
    stem = PurePath(name).stem[:60] or "roster"
    derived = "、".join(converted.derived) or "-"
    to_fill = "、".join(converted.to_fill) or "-"
    await _edit(status, t("roster-converted", kind=t(f"roster-kind-{to}"), rows=converted.rows, derived=derived,
                          to_fill=to_fill))
    await status.answer_document(BufferedInputFile(converted.data, filename=f"{stem}-{to}.xlsx"),
                                 caption=t("roster-converted-caption", kind=t(f"roster-kind-{to}")))


async def _show_outcome(status: Message, outcome: CheckOutcome, t, name: str,
                        markup: InlineKeyboardMarkup | None = None) -> None:
    stem = PurePath(name).stem[:60] or "roster"
    fixed_names = part_names(f"{stem}-{t('roster-fixed-suffix')}", len(outcome.fixed))
    summary = outcome.summary
    if outcome.fixed:
        summary += "\n\n" + t("roster-summary-fixed", file=fixed_names[0], parts=len(outcome.fixed),
                                rows=outcome.fixed_rows, changes=outcome.fixes, left=outcome.left_out)
    await _edit(status, summary, reply_markup=markup)
    if not outcome.readable or outcome.report is None:
        return
    await status.answer_document(
        BufferedInputFile(outcome.report, filename=f"{stem}-{t('roster-report-suffix')}.xlsx"),
        caption=t("roster-report-caption"),
    )
    for file_name, part in zip(fixed_names, outcome.fixed):
        await status.answer_document(
            BufferedInputFile(part, filename=file_name),
            caption=t("roster-fixed-caption", changes=outcome.fixes, rows=outcome.fixed_rows, left=outcome.left_out),
        )
