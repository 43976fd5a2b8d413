"""The member's card application form as data (manual 003): its steps in order, which step applies
to which answers, how a typed answer is checked, what is derived, and the typed answers the
service accepts. handlers/card.py only renders the steps and stores what this module returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date

from domain.cards import validation as v
from domain.cards.status import TRANSITIONS
from domain.repos import DomainError

# the answer fields in the order they are asked (and listed, each with an edit button, in the summary)
FIELDS = ("member_no", "name", "doc_type", "doc_number", "expiry", "nationality", "mobile", "address", "union",
          "outlet", "bank_phone")
# every step the form can wait at: the two opening questions, the fields, the check of what a
# resident ID says (birth date, gender) and the summary
STEPS = ("kind", "eligibility", "member_no", "name", "doc_type", "doc_number", "doc_confirm", "expiry",
         "nationality", "mobile", "address", "union", "outlet", "bank_phone", "summary")

# answers typed as text, and their checks (the document number and the expiry date need the day)
TEXT_CHECKS: dict[str, Callable[[str], v.Check]] = {
    "member_no": v.check_member_no,
    "name": v.check_name,
    "nationality": v.check_nationality,
    "mobile": v.check_phone_field,
    "address": v.check_address,
    "union": v.check_union,
    "bank_phone": v.check_phone_field,
}
PHONE_FIELDS = frozenset({"mobile", "bank_phone"})  # echoed masked once accepted

# a member may withdraw exactly where the status machine lets them
WITHDRAWABLE = frozenset(src for (src, dst), roles in TRANSITIONS.items() if dst == "withdrawn" and "member" in roles)


def applies(field: str, answers: Mapping) -> bool:
    """Whether ``field`` is asked for these answers: the nationality only for documents other
    than the resident ID (which is Chinese by definition)."""
    if field == "nationality":
        return answers.get("doc_type") != "resident_id"
    return True


def fields_for(answers: Mapping) -> list[str]:
    """The fields of this form, in order (the summary's lines and edit buttons)."""
    return [f for f in FIELDS if applies(f, answers)]


def next_step(field: str, answers: Mapping) -> str:
    """The step after ``field``: the next field that applies, or the summary; while editing from
    the summary, straight back to it."""
    if answers.get("editing"):
        return "summary"
    for nxt in FIELDS[FIELDS.index(field) + 1:]:
        if applies(nxt, answers):
            return nxt
    return "summary"


def previous_step(step: str, answers: Mapping) -> str | None:
    """Where "Back" leads from ``step``: the step asked before it (the birth-date check is part of
    the document number; None at the first question); while editing from the summary, the summary."""
    if answers.get("editing"):
        return "summary"
    if step == "doc_confirm":
        return "doc_number"
    order = [s for s in STEPS if s not in ("doc_confirm", "summary")]
    if step == "summary":
        return fields_for(answers)[-1]
    if step not in order:
        return None
    for prev in reversed(order[:order.index(step)]):
        if prev in FIELDS and not applies(prev, answers):
            continue
        return prev
    return None


def resume_step(current: str | None) -> str | None:
    """Where /apply picks a form up: the step it waits at (None: start afresh)."""
    step = (current or "").partition(":")[2] if (current or "").startswith("CardForm:") else ""
    return step if step in STEPS and step != "kind" else None


def check_text(field: str, raw: str, answers: Mapping) -> tuple[v.Check, dict]:
    """Check a typed answer; returns the check and the values to store, with what is derived: a
    name with a rare character — or one the member said, at this asking of the name, they cannot
    type (``rare_declared``) — is flagged ``rare``; a plain name typed again clears the flag."""
    result = TEXT_CHECKS[field](raw)
    if not result.ok:
        return result, {}
    update = {field: result.value}
    if field == "name":
        update["rare"] = bool(answers.get("rare_declared")) or bool((result.info or {}).get("rare"))
    return result, update


def check_doc_number(doc_type: str, raw: str, today: date) -> tuple[v.Check, dict]:
    """Check a document number; the values to store include the birth date and gender a resident
    ID gives (then the form waits at ``doc_confirm`` for the member to say they are right)."""
    result = v.check_doc_number(doc_type, raw, today)
    if not result.ok:
        return result, {}
    update = {"doc_number": result.value}
    info = result.info or {}
    if info.get("birth_date"):
        update.update(birth_date=info["birth_date"].isoformat(), gender=info["gender"])
    return result, update


# warnings, not refusals: answers the manuals do not forbid but that are probably wrong (the bot's own)
LONG_TERM_FROM_AGE = 46  # resident IDs valid 长期 are issued from 46 (居民身份证法 §5), not a manual rule
EXPIRY_SOON_DAYS = 60  # the bot's own margin for collecting the card at the bank; the manuals give none


def warnings(field: str, answers: Mapping, today: date) -> list[str]:
    """Codes of the warnings an accepted answer gets (shown, never blocking)."""
    from domain.identity import age_on

    out = []
    if field == "expiry":
        value = answers.get("expiry") or ""
        birth = answers.get("birth_date")
        if value == "长期" and birth and answers.get("doc_type") == "resident_id" and \
                age_on(date.fromisoformat(birth), today) < LONG_TERM_FROM_AGE:
            out.append("card.warn_long_term_young")
        elif value and value != "长期" and (date.fromisoformat(value) - today).days <= EXPIRY_SOON_DAYS:
            out.append("card.warn_expiry_soon")
    if field == "address":
        text = (answers.get("address") or "").strip()
        if text.isascii() and len(text.split()) <= 1:
            out.append("card.warn_address_one_word")
    return out


def contact_phone(raw: str) -> str:
    """A phone from Telegram's shared contact ("8613812345678", "+86 138…") as the mobile check reads it."""
    digits = raw.strip().replace(" ", "")
    return "+" + digits if digits.isdigit() and digits.startswith("86") and len(digits) == 13 else digits


def needs_confirmation(answers: Mapping) -> bool:
    return bool(answers.get("birth_date"))


@dataclass(frozen=True)
class CardAnswers:
    """A confirmed form: what service.submit accepts."""

    kind: str
    name: str
    doc_type: str
    doc_number: str
    expiry: str
    mobile: str
    address: str
    union: str
    branch: str
    outlet: str
    bank_phone: str
    member_no: str | None = None
    nationality: str | None = None
    birth_date: str | None = None
    gender: str | None = None
    rare: bool = False

    @property
    def channel(self) -> str:
        """Derived: 普通 for a resident ID with a typable name, 特殊 otherwise."""
        return v.channel(self.doc_type, self.rare)

    @classmethod
    def from_form(cls, data: Mapping) -> CardAnswers:
        """The answers out of the form's stored values; DomainError when one the form needs is missing."""
        names = {f.name for f in fields(cls)}
        values = {k: data[k] for k in names if data.get(k) not in (None, "")}
        if "rare" in values:
            values["rare"] = bool(values["rare"])
        required = {f.name for f in fields(cls) if f.default is MISSING}
        missing = sorted(required - values.keys())
        if missing:
            raise DomainError("card.form_incomplete", field=missing[0])
        return cls(**values)
