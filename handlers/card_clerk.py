"""Clerk side of card applications (manual 003): pending list, system check, 提交办卡 batches,
the bank roster, bank results, batch revocation and the upper union's review."""

from __future__ import annotations

from functools import partial

from aiogram import F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import access, clock
from domain.cards import service
from domain.cards import catalogue as outlets_catalogue
from domain.cards import results as bank_results
from domain.cards.validation import check_phone_field
from domain.identity import mask_phone
from domain.models import User
from domain.repos import DomainError
from handlers.card import cipher_for, status_label, take_outlet
from handlers.menu import MenuCb, district_name
from handlers.ports import Config
from handlers.routing import Feature

router = Feature("card_clerk")
PAGE = 5


class ClerkCb(CallbackData, prefix="cc"):
    action: str
    value: str = ""


class BatchForm(StatesGroup):
    outlet = State()
    contact = State()
    phone = State()
    confirm = State()


class ResultSheet(StatesGroup):
    file = State()


class ClerkSearch(StatesGroup):
    text = State()


class RejectForm(StatesGroup):
    reason = State()


def reason_text(t, reason: str | None) -> str:
    """A reason as the reader reads it: a domain code translated, a clerk's own words as typed."""
    if not reason:
        return ""
    return t.err(reason) if reason.startswith("card.") else reason


MAX_RESULT_SHEET = 10 * 1024 * 1024


class RevokeForm(StatesGroup):
    applicant = State()
    phone = State()
    reason = State()


def _kb(rows) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=text, callback_data=ClerkCb(action=a, value=val).pack()) for text, a, val in row]
        for row in rows
    ])


FILTERS = ("pending", "checked_fail", "checked_ok", "submitted")


async def _pressed(query: CallbackQuery, callback_data: ClerkCb, t, find, missing: str):
    """What a button names: ``find(id)`` (the batch or the application, in the clerk's scope); None,
    the clerk told ``missing``, when it is gone, not theirs, or the button's value is not an id."""
    try:
        return await find(int(callback_data.value))
    except (DomainError, ValueError):
        await query.answer(t.err(missing), show_alert=True)
        return None


def app_line(t, a, duplicate: bool) -> str:
    """One application in the clerk's list or search results: ⚠️ and why when it is a duplicate
    (``service.duplicate_ids``, whatever its status), the check's reason after a check."""
    note = service.duplicate_note(a.status) if duplicate else None
    return (("⚠️ " if duplicate else "") + t("cc-line", ref=a.ref, name=a.name, doc=a.doc_masked,
                                             status=status_label(a.status), channel=t(f"card-channel-{a.channel}"))
            + (t("cc-reason", reason=reason_text(t, a.reason)) if a.reason and a.status in ("checked_fail", "checked_ok")
               else "")
            + (t("cc-reason", reason=t.err(note)) if note and a.reason != note else ""))


async def show_list(target: Message, session: AsyncSession, user: User, t, page: int = 0, status: str | None = None) -> None:
    apps, total = await service.clerk_list(session, user, status, page, PAGE)
    counts = {}
    for name in ("pending", "checked_ok", "checked_fail", "submitted"):
        counts[name] = (await service.clerk_list(session, user, name, 0, 1))[1]
    lines = [t("cc-title", pending=counts["pending"], ok=counts["checked_ok"], fail=counts["checked_fail"],
               submitted=counts["submitted"])]
    dupes = await service.duplicate_ids(session, apps)
    lines += [app_line(t, a, a.id in dupes) for a in apps]
    rows = [[(("• " if status == f else "") + t(status_label(f).key), "filter", f) for f in FILTERS],
            *[[(t("cc-detail", ref=a.ref), "detail", str(a.id))] for a in apps],
            [(t("cc-search"), "search", ""), (t("cc-run-check"), "check", "")],
            [(t("cc-batch-normal"), "batch", "normal"), (t("cc-batch-special"), "batch", "special")],
            [(t("cc-batches"), "batches", "")]]
    nav = []
    if page > 0:
        nav.append((t("cc-prev"), "page", f"{page - 1}-{status or ''}"))
    if (page + 1) * PAGE < total:
        nav.append((t("cc-next"), "page", f"{page + 1}-{status or ''}"))
    if nav:
        rows.append(nav)
    await target.answer("\n".join(lines), reply_markup=_kb(rows))


@router.message(Command("applications"))
async def applications(message: Message, session: AsyncSession, user: User, t) -> None:
    if not access.acts_for_unit(user):
        await message.answer(t("fallback-need-unit"))
        return
    await show_list(message, session, user, t)


@router.callback_query(MenuCb.filter(F.item == "applications"))
async def menu_applications(query: CallbackQuery, session: AsyncSession, user: User, t) -> None:
    await query.answer()
    if not access.acts_for_unit(user):
        await query.message.answer(t("fallback-need-unit"))
        return
    await show_list(query.message, session, user, t)


@router.callback_query(ClerkCb.filter(F.action == "page"))
async def page(query: CallbackQuery, callback_data: ClerkCb, session: AsyncSession, user: User, t) -> None:
    number, _, status = callback_data.value.partition("-")
    if not access.acts_for_unit(user) or not number.isdigit() or (status and status not in FILTERS):
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await show_list(query.message, session, user, t, int(number), status or None)


@router.callback_query(ClerkCb.filter(F.action == "filter"))
async def filter_status(query: CallbackQuery, callback_data: ClerkCb, session: AsyncSession, user: User, t) -> None:
    if not access.acts_for_unit(user) or callback_data.value not in FILTERS:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await show_list(query.message, session, user, t, 0, callback_data.value)


@router.callback_query(ClerkCb.filter(F.action == "check"))
async def run_check(query: CallbackQuery, session: AsyncSession, user: User, t) -> None:
    if not access.acts_for_unit(user):
        await query.answer(t("fallback-no-permission"), show_alert=True)
        return
    await query.answer()
    changes = await service.run_check(session, user, clock.today())
    ok = sum(c.status == "checked_ok" for c in changes)
    await query.message.answer(t("cc-checked", ok=ok, fail=len(changes) - ok))
    await show_list(query.message, session, user, t)


@router.callback_query(ClerkCb.filter(F.action == "batch"))
async def start_batch(query: CallbackQuery, callback_data: ClerkCb, state: FSMContext, session: AsyncSession,
                      user: User, t) -> None:
    if not access.acts_for_unit(user) or callback_data.value not in ("normal", "special"):
        await query.answer(t("fallback-no-permission"), show_alert=True)
        return
    ready = await service.ready_count(session, user, callback_data.value)
    if not ready:
        await query.answer(t.err("card.batch_empty"), show_alert=True)
        return
    await query.answer()
    await state.set_state(BatchForm.outlet)
    await state.update_data(channel=callback_data.value)
    outlets = await outlets_catalogue.catalogue(session)
    await query.message.answer(t("cc-ask-outlet", count=ready)
                               + ("\n" + t("cc-outlets-sample") if outlets_catalogue.is_sample(outlets) else ""),
                               reply_markup=_kb([[(f"{district_name(t, o.district)} · {o.branch} · {o.outlet}", "boutlet", str(o.id))] for o in outlets]))


@router.callback_query(BatchForm.outlet, ClerkCb.filter(F.action == "boutlet"))
async def batch_outlet(query: CallbackQuery, callback_data: ClerkCb, state: FSMContext, session: AsyncSession, t) -> None:
    if not await take_outlet(query, state, session, t, callback_data.value):
        return
    await state.set_state(BatchForm.contact)
    await query.message.answer(t("cc-ask-contact"))


async def _take_name(message: Message, state: FSMContext, t, key: str, next_state: State, prompt: str) -> None:
    """A person's name (2-40 characters), then the next question."""
    name = message.text.strip()
    if not 2 <= len(name) <= 40:
        await message.answer(t.err("card.contact"))
        return
    await state.update_data(**{key: name})
    await state.set_state(next_state)
    await message.answer(t(prompt))


@router.message(BatchForm.contact, F.text, ~F.text.startswith("/"))
async def batch_contact(message: Message, state: FSMContext, t) -> None:
    await _take_name(message, state, t, "contact", BatchForm.phone, "cc-ask-contact-phone")


@router.message(BatchForm.phone, F.text, ~F.text.startswith("/"))
async def batch_phone(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    phone = check_phone_field(message.text)
    if not phone.ok:
        await message.answer(t.err(phone.error))
        return
    await state.update_data(phone=phone.value)
    data = await state.get_data()
    ready = await service.ready_count(session, user, data["channel"])
    await state.set_state(BatchForm.confirm)
    await message.answer(t("cc-batch-preview", count=ready, channel=t(f"card-channel-{data['channel']}"),
                           branch=data["branch"], outlet=data["outlet"], contact=data["contact"],
                           phone=mask_phone(phone.value)),
                         reply_markup=_kb([[(t("cc-batch-confirm"), "bconfirm", ""), (t("card-cancel"), "bcancel", "")]]))


@router.callback_query(BatchForm.confirm, ClerkCb.filter(F.action == "bcancel"))
async def batch_cancel(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await state.clear()
    await query.message.answer(t("cancel-done"))


@router.callback_query(BatchForm.confirm, ClerkCb.filter(F.action == "bconfirm"))
async def batch_confirm(query: CallbackQuery, state: FSMContext, session: AsyncSession, user: User, settings: Config,
                        t) -> None:
    data = await state.get_data()
    await state.clear()
    try:
        batch, changes = await service.create_batch(session, cipher_for(settings), user, data["channel"], data["branch"],
                                                    data["outlet"], data["contact"], data["phone"])
    except DomainError as exc:
        await query.answer()
        await query.message.answer(t.err(exc.code, **exc.params))
        return
    await query.answer()
    await query.message.answer(t("cc-batch-created", ref=batch.ref, count=len(changes), branch=batch.branch, outlet=batch.outlet),
                               reply_markup=_kb([[(t("cc-download"), "roster", str(batch.id))],
                                                 [(t("cc-import"), "import", str(batch.id))]]))


@router.callback_query(ClerkCb.filter(F.action == "import"))
async def import_start(query: CallbackQuery, callback_data: ClerkCb, state: FSMContext, session: AsyncSession,
                       user: User, t) -> None:
    batch = await _pressed(query, callback_data, t, partial(service.scoped_batch, session, user), "card.batch_not_found")
    if batch is None:
        return
    if batch.status != "submitted":
        await query.answer(t.err("card.revoke_state"), show_alert=True)
        return
    await query.answer()
    await state.set_state(ResultSheet.file)
    await state.update_data(batch_id=batch.id)
    await query.message.answer(t("cc-import-ask", ref=batch.ref))


@router.message(ResultSheet.file, F.document)
async def import_sheet(message: Message, state: FSMContext, session: AsyncSession, user: User, settings: Config,
                       bot, t) -> None:
    import io

    doc = message.document
    if doc.file_size and doc.file_size > MAX_RESULT_SHEET:
        await message.answer(t.err("card.results_unreadable"))
        return
    try:
        buf = await bot.download(doc.file_id, destination=io.BytesIO())
    except Exception:
        await message.answer(t("cc-import-download-failed"))
        return
    data = await state.get_data()
    try:
        report = await bank_results.import_results(session, cipher_for(settings), user, int(data["batch_id"]),
                                                   buf.getvalue())
    except DomainError as exc:
        await message.answer(t.err(exc.code, **exc.params))
        return
    await state.clear()
    lines = [t("cc-import-done", issued=report.issued, failed=report.failed, blank=report.blank, already=report.already)]
    if report.unknown_rows:
        lines.append(t("cc-import-unknown", rows=", ".join(map(str, report.unknown_rows[:20]))))
    if report.bad_rows:
        lines.append(t("cc-import-bad", rows=", ".join(map(str, report.bad_rows[:20]))))
    if report.closed:
        lines.append(t("cc-batch-closed-now", ref=(await service.scoped_batch(session, user, int(data["batch_id"]))).ref))
    await message.answer("\n".join(lines))


@router.callback_query(ClerkCb.filter(F.action == "batches"))
async def batches(query: CallbackQuery, session: AsyncSession, user: User, t) -> None:
    if not access.acts_for_unit(user):
        await query.answer(t("fallback-no-permission"), show_alert=True)
        return
    await query.answer()
    rows = await service.clerk_batches(session, user)
    if not rows:
        await query.message.answer(t("cc-no-batches"))
        return
    counts = await service.batch_counts(session, [b.id for b in rows[:10]])
    for b in rows[:10]:
        buttons = [[(t("cc-download"), "roster", str(b.id)), (t("cc-results"), "results", str(b.id))]]
        if b.status == "submitted":
            buttons.append([(t("cc-import"), "import", str(b.id))])
        if b.status == "submitted" and await service.revocable(session, b.id):
            buttons.append([(t("cc-revoke"), "revoke", str(b.id))])
        if b.status == "revoke_pending" and await access.can_review(session, user, b.unit_id):
            buttons.append([(t("cc-approve"), "approve", str(b.id)), (t("cc-reject"), "reject", str(b.id))])
        total, issued = counts[b.id]
        await query.message.answer(t("cc-batch-line", ref=b.ref, status=t(f"cc-batch-{b.status.replace('_', '-')}"),
                                     branch=b.branch, outlet=b.outlet) + "\n" + t("cc-batch-counts", total=total, issued=issued),
                                   reply_markup=_kb(buttons))


@router.callback_query(ClerkCb.filter(F.action == "roster"))
async def roster(query: CallbackQuery, callback_data: ClerkCb, session: AsyncSession, user: User,
                 settings: Config, t) -> None:
    batch = await _pressed(query, callback_data, t, partial(service.scoped_batch, session, user), "card.batch_not_found")
    if batch is None:
        return
    await query.answer()
    content, count = await service.roster_file(session, batch, cipher_for(settings))
    await query.message.answer_document(BufferedInputFile(content, filename=f"{batch.ref}.xlsx"),
                                        caption=t("cc-roster-caption", ref=batch.ref, count=count))


@router.callback_query(ClerkCb.filter(F.action == "results"))
async def results(query: CallbackQuery, callback_data: ClerkCb, session: AsyncSession, user: User, t) -> None:
    batch = await _pressed(query, callback_data, t, partial(service.scoped_batch, session, user), "card.batch_not_found")
    if batch is None:
        return
    await query.answer()
    apps = [a for a in await service.batch_applications(session, batch.id) if a.status == "submitted"]
    if not apps:
        await query.message.answer(t("cc-no-results-open"))
        return
    await query.message.answer(t("cc-results-title", ref=batch.ref), reply_markup=_kb(
        [[(f"✅ {a.name} {a.doc_masked}", "ok", str(a.id)), ("❌", "fail", str(a.id))] for a in apps]))


@router.callback_query(ClerkCb.filter(F.action.in_({"ok", "fail"})))
async def result(query: CallbackQuery, callback_data: ClerkCb, session: AsyncSession, user: User, t) -> None:
    try:
        change = await service.record_result(session, user, int(callback_data.value), callback_data.action == "ok",
                                             None if callback_data.action == "ok" else "card.bank_failed")
    except (DomainError, ValueError) as exc:
        await query.answer(t.err(getattr(exc, "code", "card.not_found"), **getattr(exc, "params", {})), show_alert=True)
        return
    await query.answer(t("cc-result-saved", ref=change.ref, status=status_label(change.status)))
    batch = await service.batch_of(session, int(callback_data.value))
    if batch is not None and batch.status == "closed":
        await query.message.answer(t("cc-batch-closed-now", ref=batch.ref))


@router.callback_query(ClerkCb.filter(F.action == "revoke"))
async def revoke(query: CallbackQuery, callback_data: ClerkCb, state: FSMContext, session: AsyncSession, user: User,
                 t) -> None:
    if not access.acts_for_unit(user) or not callback_data.value.isdigit():
        await query.answer(t("fallback-no-permission"), show_alert=True)
        return
    batch = await _pressed(query, callback_data, t, partial(service.scoped_batch, session, user), "card.batch_not_found")
    if batch is None:
        return
    people = await service.revocable(session, batch.id)
    if batch.status != "submitted" or not people:
        await query.answer(t.err("card.revoke_nobody" if batch.status in ("submitted", "closed") else "card.revoke_state"),
                           show_alert=True)
        return
    await query.answer()
    await state.set_state(RevokeForm.applicant)
    await state.update_data(batch_id=batch.id)
    await query.message.answer(t("cc-revoke-who", count=len(people)) + "\n" + t("cc-ask-applicant"))


@router.message(RevokeForm.applicant, F.text, ~F.text.startswith("/"))
async def revoke_applicant(message: Message, state: FSMContext, t) -> None:
    await _take_name(message, state, t, "applicant", RevokeForm.phone, "cc-ask-applicant-phone")


@router.message(RevokeForm.phone, F.text, ~F.text.startswith("/"))
async def revoke_phone(message: Message, state: FSMContext, t) -> None:
    phone = check_phone_field(message.text)
    if not phone.ok:
        await message.answer(t.err(phone.error))
        return
    await state.update_data(phone=phone.value)
    await state.set_state(RevokeForm.reason)
    await message.answer(t("cc-ask-revoke-reason"))


@router.message(RevokeForm.reason, F.text, ~F.text.startswith("/"))
async def revoke_reason(message: Message, state: FSMContext, session: AsyncSession, user: User, settings: Config,
                        t) -> None:
    reason = message.text.strip()
    if not 2 <= len(reason) <= 200:
        await message.answer(t.err("card.revoke_reason"))
        return
    data = await state.get_data()
    await state.clear()
    try:
        changes = await service.request_revocation(session, cipher_for(settings), user, data["batch_id"],
                                                   data["applicant"], data["phone"], reason)
    except DomainError as exc:
        await message.answer(t.err(exc.code, **exc.params))
        return
    await message.answer(t("cc-revoke-sent", count=len(changes)))


@router.callback_query(ClerkCb.filter(F.action.in_({"approve", "reject"})))
async def review(query: CallbackQuery, callback_data: ClerkCb, session: AsyncSession, user: User, t) -> None:
    try:
        changes = await service.review_revocation(session, user, int(callback_data.value), callback_data.action == "approve")
    except (DomainError, ValueError) as exc:
        await query.answer(t.err(getattr(exc, "code", "card.batch_not_found"), **getattr(exc, "params", {})), show_alert=True)
        return
    await query.answer()
    await query.message.answer(t("cc-reviewed-approved" if callback_data.action == "approve" else "cc-reviewed-rejected",
                                 count=len(changes)))


@router.message(Command("revocations"))
async def revocations(message: Message, session: AsyncSession, user: User, t) -> None:
    """Upper unions: batches of their units waiting for 撤销办卡批次审核."""
    if not access.acts_for_unit(user):
        await message.answer(t("fallback-need-unit"))
        return
    rows = [b for b in await service.clerk_batches(session, user)
            if b.status == "revoke_pending" and await access.can_review(session, user, b.unit_id)]
    if not rows:
        await message.answer(t("cc-no-revocations"))
        return
    for b in rows:
        await message.answer(t("cc-batch-line", ref=b.ref, status=t("cc-batch-revoke-pending"), branch=b.branch, outlet=b.outlet)
                             + ("\n" + t("cc-revoke-reason-line", reason=b.revoke_reason) if b.revoke_reason else ""),
                             reply_markup=_kb([[(t("cc-approve"), "approve", str(b.id)), (t("cc-reject"), "reject", str(b.id))]]))



# --- one application: detail, search, reject with a reason ---------------------------------


async def _detail_text(session: AsyncSession, t, app) -> str:
    from handlers.card import _doc_type
    from handlers.menu import local_stamp

    duplicate = app.id in await service.duplicate_ids(session, [app])
    lines = [t("cc-detail-title", ref=app.ref, status=status_label(app.status)),
             t("card-field-line", field=t("card-field-kind"), value=t(f"card-kind-{app.kind}")),
             t("card-field-line", field=t("card-field-member-no"), value=app.member_no or "—"),
             t("card-field-line", field=t("card-field-name"), value=app.name),
             t("card-field-line", field=t("card-field-doc-type"), value=_doc_type(t, app.doc_type)),
             t("card-field-line", field=t("card-field-doc-number"), value=app.doc_masked),
             t("card-field-line", field=t("card-field-expiry"), value=app.expiry)]
    if app.nationality:
        lines.append(t("card-field-line", field=t("card-field-nationality"), value=app.nationality))
    lines += [t("card-field-line", field=t("card-field-mobile"), value=app.mobile_masked),
              t("card-field-line", field=t("card-field-address"), value=app.address),
              t("card-field-line", field=t("card-field-union"), value=app.union_name),
              t("card-field-line", field=t("card-field-outlet"), value=f"{app.branch} · {app.outlet}"),
              t("card-field-line", field=t("card-field-channel"), value=t(f"card-channel-{app.channel}"))]
    batch = await service.batch_of(session, app.id) if app.status in service.IN_BATCH else None
    if batch is not None:
        lines.append(t("cc-detail-batch", batch=batch.ref))
    if app.reason and app.reason != (batch.ref if batch else None):  # a batch's move names the batch
        lines.append(t("card-status-reason", reason=reason_text(t, app.reason)))
    if duplicate:
        lines.append("⚠️ " + t.err(service.duplicate_note(app.status)))
    for s in await service.history(session, app.id):
        lines.append(t("card-history-line", at=local_stamp(s.at), before=status_label(s.from_status),
                       after=status_label(s.to_status)))
    return "\n".join(lines)


@router.callback_query(ClerkCb.filter(F.action == "detail"))
async def detail(query: CallbackQuery, callback_data: ClerkCb, session: AsyncSession, user: User, t) -> None:
    app = await _pressed(query, callback_data, t, partial(service.detail, session, user), "card.not_found")
    if app is None:
        return
    await query.answer()
    buttons = [[(t("cc-send-back"), "rejectask", str(app.id))]] if app.status in service.REJECTABLE else []
    await query.message.answer(await _detail_text(session, t, app), reply_markup=_kb(buttons) if buttons else None)


@router.callback_query(ClerkCb.filter(F.action == "search"))
async def search_ask(query: CallbackQuery, state: FSMContext, user: User, t) -> None:
    if not access.acts_for_unit(user):
        await query.answer(t("fallback-no-permission"), show_alert=True)
        return
    await query.answer()
    await state.set_state(ClerkSearch.text)
    await query.message.answer(t("cc-search-ask"))


@router.message(ClerkSearch.text, F.text, ~F.text.startswith("/"))
async def search_text(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    found = await service.search(session, user, message.text)
    await state.clear()
    if not found:
        await message.answer(t("cc-search-none", text=message.text.strip()[:40]))
        return
    dupes = await service.duplicate_ids(session, found)
    await message.answer("\n".join([t("cc-search-found", count=len(found))] + [app_line(t, a, a.id in dupes) for a in found]),
        reply_markup=_kb([[(t("cc-detail", ref=a.ref), "detail", str(a.id))] for a in found]))


@router.callback_query(ClerkCb.filter(F.action == "rejectask"))
async def reject_ask(query: CallbackQuery, callback_data: ClerkCb, state: FSMContext, session: AsyncSession,
                     user: User, t) -> None:
    app = await _pressed(query, callback_data, t, partial(service.detail, session, user), "card.not_found")
    if app is None:
        return
    if app.status not in service.REJECTABLE:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await state.set_state(RejectForm.reason)
    await state.update_data(app_id=app.id)
    await query.message.answer(t("cc-reject-ask", ref=app.ref))


@router.message(RejectForm.reason, F.text, ~F.text.startswith("/"))
async def reject_reason(message: Message, state: FSMContext, session: AsyncSession, user: User, t) -> None:
    data = await state.get_data()
    try:
        change = await service.reject(session, user, int(data["app_id"]), message.text)
    except DomainError as exc:
        await message.answer(t.err(exc.code, **exc.params))
        if exc.code != "card.reject_reason":
            await state.clear()
        return
    await state.clear()
    await message.answer(t("cc-rejected", ref=change.ref))
