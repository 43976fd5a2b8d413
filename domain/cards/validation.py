"""The card application form's rules, one field at a time. Each check returns a value or a code.

Document types and the normal/special channel follow manual 003: rare characters (生僻字) and every
document other than the mainland resident ID go through the special channel (特殊办卡通道), which
also needs the document's expiry date and the nationality.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from domain.clock import parse_date
from domain.identity import check_mobile, check_resident_id, normalize_text

DOC_TYPES = {
    "resident_id": "居民身份证",
    "hmt_residence": "港澳台居民居住证",
    "hk_macau_permit": "港澳居民来往内地通行证",
    "taiwan_permit": "台湾居民来往大陆通行证",
    "foreign_pr": "外国人永久居留身份证",
    "passport": "护照",
}
MEMBER_KINDS = ("enterprise", "flexible", "outside")  # 关联企业 / 灵活就业 / 企业外入会
LONG_TERM = {"长期", "长期有效", "永久", "永久有效", "long-term", "longterm", "permanent"}


@dataclass(frozen=True)
class Check:
    ok: bool
    value: object = None
    error: str | None = None
    params: dict | None = None
    info: dict | None = None  # e.g. birth date and gender derived from an ID

    @classmethod
    def bad(cls, code: str, **params) -> "Check":
        return cls(False, None, code, params)


_NAME_CHARS = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f·A-Za-z ]+$")


def check_name(raw: str) -> Check:
    name = normalize_text(raw).replace("•", "·").replace("・", "·").replace(".", "·")
    name = re.sub(r"\s+", " ", name)
    if not name:
        return Check.bad("card.name_empty")
    if len(name) > 40:
        return Check.bad("card.name_long")
    if not _NAME_CHARS.match(name) or name.startswith("·") or name.endswith("·") or "··" in name:
        return Check.bad("card.name_chars")
    if re.search(r"[\u4e00-\u9fff]", name) and len(name.replace("·", "").replace(" ", "")) < 2:
        return Check.bad("card.name_short")
    rare = any(ord(ch) > 0xFFFF or 0x3400 <= ord(ch) <= 0x4DBF for ch in name)
    return Check(True, name, info={"rare": rare})


def check_doc_number(doc_type: str, raw: str, today: date | None = None) -> Check:
    if doc_type in ("resident_id", "hmt_residence"):
        result = check_resident_id(raw, today=today)
        if not result.ok:
            return Check.bad(result.error, **result.params)
        if doc_type == "hmt_residence" and not result.permit:
            return Check.bad("card.permit_prefix")
        if doc_type == "resident_id" and result.permit:
            return Check.bad("card.permit_is_not_id")
        return Check(True, result.number, info={"birth_date": result.birth_date, "gender": result.gender,
                                                "warnings": result.warnings})
    text = re.sub(r"[\s\-()（）]", "", normalize_text(raw)).upper()
    patterns = {
        "hk_macau_permit": r"^[HM]\d{8}(\d{2})?$",
        "taiwan_permit": r"^\d{8}(\d{2})?$",
        "foreign_pr": r"^([A-Z]{3}\d{12}|9\d{17})$",
        "passport": r"^[A-Z0-9]{5,17}$",
    }
    pattern = patterns.get(doc_type)
    if pattern is None:
        return Check.bad("card.doc_type")
    if not text:
        return Check.bad("id.empty")
    if not re.match(pattern, text):
        return Check.bad(f"card.doc_format_{doc_type}")
    return Check(True, text)


def check_expiry(raw: str, today: date) -> Check:
    text = normalize_text(raw).replace(" ", "").lower()
    if text in LONG_TERM:
        return Check(True, "长期")
    parsed = parse_date(text)
    if parsed is None:
        return Check.bad("card.expiry_format")
    if parsed <= today:
        return Check.bad("card.expired", date=parsed.isoformat())
    if parsed.year > today.year + 60:
        return Check.bad("card.expiry_far", date=parsed.isoformat())
    return Check(True, parsed.isoformat())


def check_nationality(raw: str) -> Check:
    text = normalize_text(raw)
    if not (2 <= len(text) <= 40) or re.search(r"\d", text):
        return Check.bad("card.nationality")
    return Check(True, text)


def check_address(raw: str) -> Check:
    text = re.sub(r"\s+", "", normalize_text(raw))
    if len(text) < 6:
        return Check.bad("card.address_short", length=len(text))
    if len(text) > 120:
        return Check.bad("card.address_long")
    return Check(True, text)


def check_union(raw: str) -> Check:
    text = normalize_text(raw)
    if len(text) < 2 or len(text) > 100:
        return Check.bad("card.union")
    return Check(True, text)


def check_member_no(raw: str) -> Check:
    text = normalize_text(raw).replace(" ", "")
    if not re.fullmatch(r"[A-Za-z0-9]{4,32}", text):
        return Check.bad("card.member_no")
    return Check(True, text.upper())


def check_phone_field(raw: str) -> Check:
    result = check_mobile(raw)
    return Check(True, result.number) if result.ok else Check.bad(result.error)


def channel(doc_type: str, rare_name: bool) -> str:
    """普通 (normal) for a resident ID with a typable name; 特殊 (special) otherwise [003]."""
    return "special" if rare_name or doc_type != "resident_id" else "normal"


def can_apply(kind: str, has_member_no: bool, retired: bool, has_card: bool) -> str | None:
    """None when the member may apply here; otherwise the reason code."""
    if kind not in MEMBER_KINDS:
        return "card.kind"
    if has_card:
        return "card.has_card"
    if retired:
        return "card.retired"
    if not has_member_no:
        return "card.no_member_no"
    return None


def display_width_ok(text: str) -> bool:
    return all(unicodedata.category(ch) != "Cc" for ch in text)
