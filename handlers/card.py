"""Member side of the card application: a guided, resumable form, the summary, /mycard, withdraw."""

from __future__ import annotations

from aiogram import Bot, F
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import (CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, Message,
                           ReplyKeyboardMarkup, ReplyKeyboardRemove)
from sqlmodel.ext.asyncio.session import AsyncSession

from domain import clock
from domain.cards import form, service
from domain.cards import catalogue as outlets_catalogue
from domain.cards import validation as v
from domain.cards.status import label_key
from domain.identity import mask_id, mask_phone
from domain.messages import MessageRef
from domain.models import User
from domain.privacy import DataCipher
from domain.repos import DomainError
from handlers.menu import MenuCb, local_stamp, district_name
from handlers.ports import Config
from handlers.routing import Feature

router = Feature("card")


class CardForm(StatesGroup):
    kind = State()
    eligibility = State()
    member_no = State()
    name = State()
    doc_type = State()
    doc_number = State()
    doc_confirm = State()
    expiry = State()
    nationality = State()
    mobile = State()
    address = State()
    union = State()
    outlet = State()
    bank_phone = State()
    summary = State()


class CardCb(CallbackData, prefix="card"):
    action: str
    value: str = ""


def _kb(rows: list[list[tuple[str, str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[
        [InlineKeyboardButton(text=text, callback_data=CardCb(action=a, value=val).pack()) for text, a, val in row]
        for row in rows
    ])


def cipher_for(settings: Config) -> DataCipher:
    return DataCipher(settings.resolved_data_key())


async def ask(target: Message, state: FSMContext, t, step: str, session: AsyncSession | None = None) -> None:
    """Put the form on ``step`` (domain/cards/form.py STEPS) and ask its question, with a Back button."""
    data = await state.get_data()
    await state.set_state(getattr(CardForm, step))
    back = form.previous_step(step, data) if step != "summary" else None
    back_row = [[(t("card-back"), "back", step)]] if back else []
    if step == "summary":
        await target.answer(summary_text(t, data), reply_markup=summary_kb(t, data))
        return
    if step == "name":  # "can't type a character" counts for this asking only: a plain name retyped clears it
        await state.update_data(rare_declared=False)
    if step == "kind":
        await target.answer(t("card-ask-kind"), reply_markup=_kb([
            [(t("card-kind-flexible"), "kind", "flexible")],
            [(t("card-kind-outside"), "kind", "outside")],
            [(t("card-kind-enterprise"), "kind", "enterprise")],
        ] + ([[(t("card-back"), "back", step)]] if data.get("editing") else [])))
        return
    if step == "eligibility":
        await target.answer(t("card-ask-eligibility"), reply_markup=_kb([
            [(t("card-elig-ok"), "elig", "ok")],
            [(t("card-elig-no-number"), "elig", "no_number")],
            [(t("card-elig-retired"), "elig", "retired")],
            [(t("card-elig-has-card"), "elig", "has_card")],
        ] + back_row))
        return
    if step == "doc_confirm":
        await target.answer(_doc_echo(t, data, with_derived=True),
                            reply_markup=_kb([[(t("card-doc-right"), "docok", ""), (t("card-doc-wrong"), "docagain", "")]]
                                             + back_row))
        return
    rows: list = []
    if step == "name":
        rows = [[(t("card-name-rare"), "rare", "")]]
    elif step == "doc_type":
        rows = [[(_doc_type(t, key), "doctype", key)] for key in v.DOC_TYPES]
    elif step == "expiry":
        rows = [[(t("card-expiry-long"), "longterm", "")]]
    elif step == "outlet":
        outlets = await outlets_catalogue.catalogue(session)
        if outlets_catalogue.is_sample(outlets):
            await target.answer(t("card-outlets-sample"))
        rows = [[(district_name(t, d), "district", d)] for d in sorted({o.district for o in outlets})]
    elif step == "bank_phone":
        rows = [[(t("card-bank-phone-same"), "samephone", "")]]
    rows += back_row
    await target.answer(t(f"card-ask-{step.replace('_', '-')}"), reply_markup=_kb(rows) if rows else None)
    if step == "mobile":  # Telegram shares the member's own number in one tap (a reply keyboard of its own)
        await target.answer(t("card-share-hint"), reply_markup=ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text=t("card-share-phone"), request_contact=True)]],
            resize_keyboard=True, one_time_keyboard=True))


def _doc_echo(t, data: dict, with_derived: bool) -> str:
    """The document number masked; for a resident ID also what it says (birth date, gender) and
    the soft warnings of its check, for the member to confirm."""
    text = t("card-doc-echo", number=mask_id(data.get("doc_number", "")))
    if not with_derived:
        return text
    text += "\n" + t("card-doc-derived", birth=data["birth_date"],
                     gender=t("card-gender-m") if data.get("gender") == "M" else t("card-gender-f"))
    result, _ = form.check_doc_number(data.get("doc_type", ""), data.get("doc_number", ""), clock.today())
    for warning in (result.info or {}).get("warnings", []):
        text += "\n" + t.err(warning)
    return text


async def advance(target: Message, state: FSMContext, t, step: str, session: AsyncSession) -> None:
    await ask(target, state, t, form.next_step(step, await state.get_data()), session)


def status_label(status: str) -> MessageRef:
    """A card status in the reader's language (in English with the platform's Chinese label)."""
    return MessageRef(label_key(status))


def _doc_type(t, key: str) -> str:
    """The platform's name of a document type (in English with the Chinese name the platform shows)."""
    return t(f"card-doctype-{key.replace('_', '-')}") if key in v.DOC_TYPES else ""


def summary_text(t, d: dict, walk: bool = False) -> str:
    def field(key: str, value: str) -> str:  # the value is escaped by the translator (addresses may hold < or &)
        return t("card-field-line", field=t(key), value=value)

    lines = [
        t("card-summary-title-prep" if d.get("prep") else "card-summary-title"),
        field("card-field-kind", t(f"card-kind-{d.get('kind', 'flexible')}")),
        field("card-field-member-no", d.get("member_no") or "—"),
        field("card-field-name", d.get("name", "") + (" " + t("card-rare-flag") if d.get("rare") else "")),
        field("card-field-doc-type", _doc_type(t, d.get("doc_type", ""))),
        field("card-field-doc-number", mask_id(d.get("doc_number", ""))),
        field("card-field-expiry", d.get("expiry", "")),
    ]
    if form.applies("nationality", d):
        lines.append(field("card-field-nationality", d.get("nationality", "")))
    lines += [
        field("card-field-mobile", mask_phone(d.get("mobile", ""))),
        field("card-field-address", d.get("address", "")),
        field("card-field-union", d.get("union", "")),
        field("card-field-outlet", f"{d.get('branch', '')} · {d.get('outlet', '')}"),
        field("card-field-bank-phone", mask_phone(d.get("bank_phone", ""))),
        field("card-field-channel", t(f"card-channel-{v.channel(d.get('doc_type', ''), bool(d.get('rare')))}")),
    ]
    if walk:  # what to type in 申工社: the checked answers, without the kind and the title
        lines = [t("card-prep-values")] + lines[2:-1]
    return "\n".join(lines)


def summary_kb(t, d: dict) -> InlineKeyboardMarkup:
    rows = [[(t("card-edit", field=t(f"card-field-{s.replace('_', '-')}")), "edit", s)] for s in ("kind", *form.fields_for(d))]
    if d.get("prep"):  # 灵活就业 / 企业外入会: checked here, applied for in 申工社 ([003])
        rows.append([(t("card-prep-done"), "prepdone", "")])
        rows.append([(t("card-cancel"), "cancel", "")])
    else:
        rows.append([(t("card-resubmit") if d.get("resubmit") else t("card-confirm"), "confirm", ""),
                     (t("card-cancel"), "cancel", "")])
    return _kb(rows)


# --- entry -------------------------------------------------------------------------------


async def start_form(target: Message, state: FSMContext, t) -> None:
    await state.clear()
    await ask(target, state, t, "kind")


@router.message(Command("apply"))
async def cmd_apply(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    """A form under way is picked up at the step it waits at, whichever that is."""
    step = form.resume_step(await state.get_state())
    if step is not None:
        await message.answer(t("card-resume"))
        await ask(message, state, t, step, session)
        return
    await start_form(message, state, t)


@router.callback_query(MenuCb.filter(F.item == "card_apply"))
async def menu_apply(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await start_form(query.message, state, t)


@router.callback_query(CardForm.kind, CardCb.filter(F.action == "kind"))
async def got_kind(query: CallbackQuery, callback_data: CardCb, state: FSMContext, t) -> None:
    if callback_data.value not in v.MEMBER_KINDS:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    data = await state.get_data()
    # [003]: the clerk's list shows only 关联企业 members; 灵活就业 and 企业外入会 members apply
    # themselves in 申工社 (服务大厅 → 申请办卡): the form then checks their answers for that
    prep = callback_data.value != "enterprise"
    await state.update_data(kind=callback_data.value, prep=prep)
    if data.get("editing"):
        if prep != bool(data.get("prep")):
            await query.message.answer(t("card-kind-changed-prep" if prep else "card-kind-changed-clerk"))
            if not prep and not data.get("union_id"):  # the clerk flow needs the union from the registry
                await ask(query.message, state, t, "union")
                return
        await ask(query.message, state, t, "summary")
        return
    await query.message.answer(t("card-self-service-note" if prep else "card-enterprise-note"))
    await ask(query.message, state, t, "eligibility")


@router.callback_query(CardForm.eligibility, CardCb.filter(F.action == "elig"))
async def got_eligibility(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, t) -> None:
    await query.answer()
    data = await state.get_data()
    reason = v.can_apply(data.get("kind", ""), callback_data.value != "no_number",
                         callback_data.value == "retired", callback_data.value == "has_card")
    if reason:
        await state.clear()
        await query.message.answer(t.err(reason))
        return
    await ask(query.message, state, t, "member_no", session)


# --- text answers ------------------------------------------------------------------------

@router.message(CardForm.doc_number, F.text, ~F.text.startswith("/"))
async def got_doc_number(message: Message, state: FSMContext, bot: Bot, t) -> None:
    raw = message.text
    try:  # the number must not stay in the chat history
        await bot.delete_message(message.chat.id, message.message_id)
    except Exception:
        pass
    data = await state.get_data()
    result, update = form.check_doc_number(data.get("doc_type", ""), raw, clock.today())
    if not result.ok:
        await message.answer(t.err(result.error, **(result.params or {})) + "\n" + t("card-ask-doc-number"))
        return
    await state.update_data(**update)
    data.update(update)
    if form.needs_confirmation(data):
        await ask(message, state, t, "doc_confirm")
        return
    await message.answer(_doc_echo(t, data, with_derived=False))
    await advance(message, state, t, "doc_number", None)


@router.callback_query(CardForm.doc_confirm, CardCb.filter(F.action.in_({"docok", "docagain"})))
async def doc_confirmed(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, t) -> None:
    await query.answer()
    if callback_data.action == "docagain":
        await ask(query.message, state, t, "doc_number", session)
        return
    await advance(query.message, state, t, "doc_number", session)


@router.message(CardForm.expiry, F.text, ~F.text.startswith("/"))
async def got_expiry(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    result = v.check_expiry(message.text, clock.today())
    if not result.ok:
        await message.answer(t.err(result.error, **(result.params or {})))
        return
    await state.update_data(expiry=result.value)
    await _warn(message, state, t, "expiry")
    await advance(message, state, t, "expiry", session)


async def _warn(target: Message, state: FSMContext, t, field: str) -> None:
    """Warnings (never refusals) for an accepted answer that is probably wrong."""
    for code in form.warnings(field, await state.get_data(), clock.today()):
        await target.answer(t.err(code))


@router.message(CardForm.member_no, F.text, ~F.text.startswith("/"))
@router.message(CardForm.name, F.text, ~F.text.startswith("/"))
@router.message(CardForm.nationality, F.text, ~F.text.startswith("/"))
@router.message(CardForm.mobile, F.text, ~F.text.startswith("/"))
@router.message(CardForm.address, F.text, ~F.text.startswith("/"))
@router.message(CardForm.bank_phone, F.text, ~F.text.startswith("/"))
async def got_text(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    step = (await state.get_state()).split(":")[1]
    result, update = form.check_text(step, message.text, await state.get_data())
    if not result.ok:
        await message.answer(t.err(result.error, **(result.params or {})))
        return
    if step in form.PHONE_FIELDS:
        await message.answer(t("card-phone-echo", number=mask_phone(result.value)),
                             reply_markup=ReplyKeyboardRemove() if step == "mobile" else None)
    await state.update_data(**update)
    await _warn(message, state, t, step)
    await advance(message, state, t, step, session)


@router.message(CardForm.mobile, F.contact)
async def got_contact(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    """The request-contact button: only the member's own number is taken."""
    if message.contact.user_id != message.from_user.id:
        await message.answer(t("card-share-own-phone"))
        return
    result, update = form.check_text("mobile", form.contact_phone(message.contact.phone_number), await state.get_data())
    if not result.ok:
        await message.answer(t.err(result.error, **(result.params or {})))
        return
    await message.answer(t("card-phone-echo", number=mask_phone(result.value)), reply_markup=ReplyKeyboardRemove())
    await state.update_data(**update)
    await advance(message, state, t, "mobile", session)


@router.message(CardForm.union, F.text, ~F.text.startswith("/"))
async def got_union(message: Message, state: FSMContext, session: AsyncSession, t) -> None:
    """The union is chosen from the unit registry: the typed text searches it; an exact name is
    taken at once, otherwise the matches are offered with "not listed"."""
    data = await state.get_data()
    result, update = form.check_text("union", message.text, data)
    if not result.ok:
        await message.answer(t.err(result.error, **(result.params or {})))
        return
    if data.get("prep"):  # applied for in 申工社: no clerk of ours needs the unit
        await state.update_data(union=result.value, union_id=None)
        await advance(message, state, t, "union", session)
        return
    matches = await service.search_units(session, result.value)
    exact = next((u for u in matches if u.name == result.value), None)
    if exact is not None:
        await state.update_data(union=exact.name, union_id=exact.id)
        await message.answer(t("card-union-chosen", union=exact.name))
        await advance(message, state, t, "union", session)
        return
    await state.update_data(union_typed=result.value)
    rows = [[(u.name, "unit", str(u.id))] for u in matches]
    rows.append([(t("card-union-not-listed"), "nounit", "")])
    await message.answer(t("card-union-matches" if matches else "card-union-no-match", union=result.value),
                         reply_markup=_kb(rows))


@router.callback_query(CardForm.union, CardCb.filter(F.action == "unit"))
async def got_unit(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, t) -> None:
    from domain.models import Unit

    unit = await session.get(Unit, int(callback_data.value)) if callback_data.value.isdigit() else None
    if unit is None:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await state.update_data(union=unit.name, union_id=unit.id)
    await query.message.answer(t("card-union-chosen", union=unit.name))
    await advance(query.message, state, t, "union", session)


@router.callback_query(CardForm.union, CardCb.filter(F.action == "nounit"))
async def union_not_listed(query: CallbackQuery, state: FSMContext, session: AsyncSession, t) -> None:
    data = await state.get_data()
    if not data.get("union_typed"):
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await state.update_data(union=data["union_typed"], union_id=None)
    await query.message.answer(t("card-union-not-listed-path", union=data["union_typed"]))
    await advance(query.message, state, t, "union", session)


# --- buttons inside the form -------------------------------------------------------------


@router.callback_query(CardCb.filter(F.action == "back"))
async def back(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, t) -> None:
    """Back: the step before the one this button was shown on (only while the form waits there)."""
    if await state.get_state() != f"CardForm:{callback_data.value}":
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    target = form.previous_step(callback_data.value, await state.get_data())
    if callback_data.value == "kind":
        target = "summary"
    if target is None:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await ask(query.message, state, t, target, session)


@router.callback_query(CardForm.name, CardCb.filter(F.action == "rare"))
async def rare_name(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await state.update_data(rare=True, rare_declared=True)
    await query.message.answer(t("card-rare-explained"))


@router.callback_query(CardForm.doc_type, CardCb.filter(F.action == "doctype"))
async def got_doc_type(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, t) -> None:
    if callback_data.value not in v.DOC_TYPES:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    data = await state.get_data()
    await state.update_data(doc_type=callback_data.value)
    if data.get("editing") and data.get("doc_type") != callback_data.value:
        await state.update_data(editing=False)  # a new type needs its number (and maybe nationality) again
        await ask(query.message, state, t, "doc_number", session)
        return
    await advance(query.message, state, t, "doc_type", session)


@router.callback_query(CardForm.expiry, CardCb.filter(F.action == "longterm"))
async def long_term(query: CallbackQuery, state: FSMContext, session: AsyncSession, t) -> None:
    await query.answer()
    await state.update_data(expiry="长期")
    await _warn(query.message, state, t, "expiry")
    await advance(query.message, state, t, "expiry", session)


@router.callback_query(CardForm.outlet, CardCb.filter(F.action == "district"))
async def got_district(query: CallbackQuery, callback_data: CardCb, session: AsyncSession, t) -> None:
    outlets = [o for o in await outlets_catalogue.catalogue(session) if o.district == callback_data.value]
    if not outlets:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(t("card-ask-outlet-in", district=district_name(t, callback_data.value)),
                               reply_markup=_kb([[(f"{o.branch} · {o.outlet}", "outlet", str(o.id))] for o in outlets]))


@router.callback_query(CardForm.outlet, CardCb.filter(F.action == "outlet"))
async def got_outlet(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, t) -> None:
    if await take_outlet(query, state, session, t, callback_data.value):
        await advance(query.message, state, t, "outlet", session)


async def take_outlet(query: CallbackQuery, state: FSMContext, session: AsyncSession, t, outlet_id: str) -> bool:
    """The catalogue's outlet a button names, kept in the form (its branch and outlet); False, the
    button answered as stale, when the catalogue no longer holds it. The member's form and the
    clerk's batch both choose this way."""
    chosen = await outlets_catalogue.outlet(session, outlet_id)
    if chosen is None:
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return False
    await query.answer()
    await state.update_data(branch=chosen.branch, outlet=chosen.outlet)
    return True


@router.callback_query(CardForm.bank_phone, CardCb.filter(F.action == "samephone"))
async def same_phone(query: CallbackQuery, state: FSMContext, session: AsyncSession, t) -> None:
    await query.answer()
    await state.update_data(bank_phone=(await state.get_data()).get("mobile"))
    await advance(query.message, state, t, "bank_phone", session)


@router.callback_query(CardForm.summary, CardCb.filter(F.action == "edit"))
async def edit(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, t) -> None:
    if callback_data.value not in form.FIELDS and callback_data.value != "kind":
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await state.update_data(editing=True)
    await ask(query.message, state, t, callback_data.value, session)


@router.callback_query(CardForm.summary, CardCb.filter(F.action == "cancel"))
async def cancel_form(query: CallbackQuery, state: FSMContext, t) -> None:
    await query.answer()
    await state.clear()
    await query.message.answer(t("cancel-done"))


@router.callback_query(CardForm.summary, CardCb.filter(F.action == "confirm"))
async def confirm(query: CallbackQuery, state: FSMContext, session: AsyncSession, user: User, settings: Config, t) -> None:
    data = await state.get_data()
    if data.get("prep"):
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    try:
        answers = form.CardAnswers.from_form(data)
        if data.get("resubmit"):
            app = await service.resubmit(session, cipher_for(settings), user.id, int(data["resubmit"]), answers,
                                         data.get("union_id"))
        else:
            app = await service.submit(session, cipher_for(settings), user.id, answers, data.get("union_id"))
    except DomainError as exc:
        await query.answer()
        await query.message.answer(t.err(exc.code, **exc.params))
        return
    await query.answer()
    await state.clear()
    text = t("card-resubmitted" if data.get("resubmit") else "card-submitted", ref=app.ref)
    if app.unit_id is None:
        text += "\n" + t("card-union-orphan", union=app.union_name)
    await query.message.answer(text)


@router.callback_query(CardForm.summary, CardCb.filter(F.action == "prepdone"))
async def prep_done(query: CallbackQuery, state: FSMContext, t) -> None:
    """灵活就业 / 企业外入会: the checked answers and the way through 申工社; nothing is kept."""
    data = await state.get_data()
    if not data.get("prep"):
        await query.answer(t("fallback-stale-button"), show_alert=True)
        return
    await query.answer()
    await state.clear()
    await query.message.answer(t("card-prep-walk") + "\n\n" + summary_text(t, dict(data, prep=False), walk=True))


# --- /mycard ------------------------------------------------------------------------------


async def show_my_cards(target: Message, session: AsyncSession, user: User, t) -> None:
    apps = await service.my_applications(session, user.id)
    if not apps:
        await target.answer(t("card-none-yet"))
        return
    for app in apps[:3]:
        steps = await service.history(session, app.id)
        lines = [t("card-status-line", ref=app.ref, status=status_label(app.status),
                   channel=t(f"card-channel-{app.channel}"))]
        if app.reason and app.status in ("submitted", "revoke_pending"):
            lines.append(t("card-status-batch", batch=app.reason))
        elif app.reason:
            lines.append(t("card-status-reason", reason=t.err(app.reason) if app.reason.startswith("card.") else app.reason))
        for s in steps:
            lines.append(t("card-history-line", at=local_stamp(s.at), before=status_label(s.from_status),
                           after=status_label(s.to_status)))
        buttons = []
        if app.status in service.FIXABLE:
            lines.append(t("card-fix-hint"))
            buttons.append([(t("card-fix"), "fix", str(app.id))])
        if app.status in form.WITHDRAWABLE:
            buttons.append([(t("card-withdraw"), "withdraw", str(app.id))])
        markup = _kb(buttons) if buttons else None
        await target.answer("\n".join(lines), reply_markup=markup)


@router.message(Command("mycard"))
async def mycard(message: Message, session: AsyncSession, user: User, t) -> None:
    await show_my_cards(message, session, user, t)


@router.callback_query(MenuCb.filter(F.item == "card_status"))
async def menu_mycard(query: CallbackQuery, session: AsyncSession, user: User, t) -> None:
    await query.answer()
    await show_my_cards(query.message, session, user, t)


@router.callback_query(CardCb.filter(F.action == "fix"))
async def fix(query: CallbackQuery, callback_data: CardCb, state: FSMContext, session: AsyncSession, user: User,
              settings: Config, t) -> None:
    """After 校验未通过: the member's own answers back in the summary, to correct and resubmit."""
    try:
        values = await service.fixable(session, cipher_for(settings), user.id, int(callback_data.value))
    except (DomainError, ValueError) as exc:
        code = exc.code if isinstance(exc, DomainError) else "card.not_found"
        await query.answer(t.err(code), show_alert=True)
        return
    await query.answer()
    await state.clear()
    await state.update_data(**{k: val for k, val in values.items() if val is not None}, editing=True, prep=False)
    await ask(query.message, state, t, "summary", session)


@router.callback_query(CardCb.filter(F.action == "withdraw"))
async def withdraw_ask(query: CallbackQuery, callback_data: CardCb, session: AsyncSession, user: User, t) -> None:
    """Withdrawing asks first (it cannot be undone: a new application starts again)."""
    apps = {str(a.id): a for a in await service.my_applications(session, user.id)}
    app = apps.get(callback_data.value)
    if app is None or app.status not in form.WITHDRAWABLE:
        await query.answer(t.err("card.not_found"), show_alert=True)
        return
    await query.answer()
    await query.message.answer(t("card-withdraw-ask", ref=app.ref), reply_markup=_kb([
        [(t("card-withdraw-yes"), "withdrawok", str(app.id)), (t("card-withdraw-no"), "withdrawno", "")]]))


@router.callback_query(CardCb.filter(F.action == "withdrawno"))
async def withdraw_kept(query: CallbackQuery, t) -> None:
    await query.answer()
    await query.message.answer(t("card-withdraw-kept"))


@router.callback_query(CardCb.filter(F.action == "withdrawok"))
async def withdraw(query: CallbackQuery, callback_data: CardCb, session: AsyncSession, user: User, t) -> None:
    try:
        change = await service.withdraw(session, user.id, int(callback_data.value))
    except (DomainError, ValueError) as exc:
        code = exc.code if isinstance(exc, DomainError) else "card.not_found"
        await query.answer(t.err(code, **getattr(exc, "params", {})), show_alert=True)
        return
    await query.answer()
    await query.message.answer(t("card-withdrawn", ref=change.ref))
