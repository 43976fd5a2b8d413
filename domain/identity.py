"""Identity numbers, phone numbers and masking.

Hard rules for the mainland resident ID (GB 11643-1999): 18 characters, 17 digits
plus a digit or X, a known province code, a real birth date that is not in the
future, and the ISO 7064 MOD 11-2 check character (computed with python-stdnum).
python-stdnum's own ``cn.ric.validate`` also checks the six-digit birthplace code
against its table for the birth year and rejects 81/82/83 residence permits, so
that finer check is only ever a *warning* here.

Results carry message *codes* (``id.checksum`` ...) and parameters; the text a
person reads lives in ``locales/``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from stdnum import exceptions as stdnum_exc
from stdnum.cn import ric as cn_ric
from stdnum.cn import uscc as cn_uscc

from domain import clock

# First two digits of a resident ID / residence permit (GB/T 2260 provinces,
# plus 81 HK, 82 Macau, 83 Taiwan residence permits, 71 Taiwan, 91 overseas).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82", "83", "91",
    }
)

_ID_RE = re.compile(r"^\d{17}[\dX]$")


def normalize_text(raw: object) -> str:
    """NFKC-normalise (full-width digits/letters become ASCII) and trim."""
    if raw is None:
        return ""
    return unicodedata.normalize("NFKC", str(raw)).strip()


def had_fullwidth(raw: object) -> bool:
    """True when *raw* contains full-width ASCII variants (U+FF01..U+FF5E)."""
    return any("\uff01" <= ch <= "\uff5e" for ch in str(raw or ""))


@dataclass(slots=True)
class IdCheck:
    """Outcome of checking a resident ID number."""

    number: str
    ok: bool
    error: str | None = None
    params: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    birth_date: date | None = None
    gender: str | None = None  # "M" or "F"
    permit: bool = False  # 81/82/83 residence permit for HK/Macau/Taiwan residents


def check_resident_id(raw: object, today: date | None = None) -> IdCheck:
    """Validate a GB 11643 resident ID number (also 81/82/83 residence permits)."""
    number = re.sub(r"[\s\-]", "", normalize_text(raw)).upper()
    result = IdCheck(number=number, ok=False)
    if had_fullwidth(raw):
        result.warnings.append("id.fullwidth")
    if not number:
        result.error = "id.empty"
        return result
    if len(number) != 18:
        result.error = "id.length"
        result.params = {"length": len(number)}
        return result
    if not _ID_RE.match(number):
        result.error = "id.format"
        return result
    if number[:2] not in PROVINCE_CODES:
        result.error = "id.region"
        result.params = {"code": number[:2]}
        return result
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        result.error = "id.birth_date"
        result.params = {"value": number[6:14]}
        return result
    today = today or clock.today()
    if born > today or born.year < 1900:
        result.error = "id.birth_date"
        result.params = {"value": number[6:14]}
        return result
    expected = cn_ric.calc_check_digit(number)  # stdnum wants the full 18 characters
    if expected != number[17]:
        result.error = "id.checksum"
        return result
    result.ok = True
    result.birth_date = born
    result.gender = "M" if int(number[16]) % 2 else "F"
    result.permit = number[:2] in {"81", "82", "83"}
    if not result.permit and not region_code_known(number[:6]):
        result.warnings.append("id.birthplace_unknown")
    return result


@lru_cache(maxsize=8192)  # a static table; a roster repeats a few districts thousands of times
def region_code_known(code: str) -> bool:
    """Whether the 6-digit area code is in python-stdnum's table at all, in any period. stdnum's
    own check (cn.ric.validate) wants the code to exist in the birth year, which fails for
    everyone whose ID was issued after their district was created: 310115 (浦东新区, 1992-) for
    people born in 1985. An ID keeps the code of its issue, so only an unknown code is worth a
    warning - and only a warning."""
    from stdnum import numdb

    try:
        parts = numdb.get("cn/loc").info(code)
    except (KeyError, ValueError):
        return False
    return any("county" in props for _, props in parts)


def age_on(birth: date, on: date) -> int:
    """Completed years of age on a given day."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@dataclass(slots=True)
class UsccCheck:
    number: str
    ok: bool
    error: str | None = None


def check_uscc(raw: object) -> UsccCheck:
    """Validate a 统一社会信用代码 (GB 32100-2015, check character via python-stdnum)."""
    number = re.sub(r"[\s\-]", "", normalize_text(raw)).upper()
    if not number:
        return UsccCheck(number, False, "uscc.empty")
    if len(number) != 18:
        return UsccCheck(number, False, "uscc.length")
    try:
        cn_uscc.validate(number)
    except stdnum_exc.InvalidChecksum:
        return UsccCheck(number, False, "uscc.checksum")
    except stdnum_exc.ValidationError:
        return UsccCheck(number, False, "uscc.format")
    return UsccCheck(number, True)


@dataclass(slots=True)
class PhoneCheck:
    number: str  # national significant number when ok, cleaned input otherwise
    ok: bool
    error: str | None = None


@lru_cache(maxsize=1)
def _cn_patterns():
    import phonenumbers

    md = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    return (re.compile(md.mobile.national_number_pattern), re.compile(md.international_prefix),
            re.compile(md.national_prefix_for_parsing))


def _plain_cn_mobile(digits: str) -> bool:
    """An 11-digit number that phonenumbers' own CN mobile pattern takes as it is: no international
    or national (carrier) prefix that parsing would strip. For these the full parse gives the same
    answer (tests/test_foundation_identity_i18n.py compares the two over every 5-digit prefix); it
    is what a roster's phone column holds thousands of times, and parsing was most of its check."""
    if len(digits) != 11 or digits[0] != "1":
        return False
    mobile, international, national = _cn_patterns()
    return mobile.fullmatch(digits) is not None and not international.match(digits) and not national.match(digits)


def check_mobile(raw: object) -> PhoneCheck:
    """A mainland mobile number. Landlines parse as valid numbers, so the MOBILE type is required."""
    text = normalize_text(raw)
    cleaned = re.sub(r"[\s\-()（）]", "", text)
    if not cleaned:
        return PhoneCheck(cleaned, False, "phone.empty")
    if not re.fullmatch(r"\+?\d{5,16}", cleaned):
        return PhoneCheck(cleaned, False, "phone.format")
    if _plain_cn_mobile(cleaned):
        return PhoneCheck(cleaned, True)
    import phonenumbers  # loaded on first use (about 0.1 s), not at the bot's start

    try:
        parsed = phonenumbers.parse(cleaned, "CN")
    except phonenumbers.NumberParseException:
        return PhoneCheck(cleaned, False, "phone.format")
    kind = phonenumbers.number_type(parsed)  # UNKNOWN exactly when is_valid_number is false
    if kind == phonenumbers.PhoneNumberType.UNKNOWN:
        return PhoneCheck(cleaned, False, "phone.invalid")
    if kind not in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return PhoneCheck(cleaned, False, "phone.not_mobile")
    if parsed.country_code != 86:
        return PhoneCheck(cleaned, False, "phone.not_mainland")
    return PhoneCheck(str(parsed.national_number), True)


def check_phone(raw: object) -> PhoneCheck:
    """Any valid mainland number, landline (e.g. 021-63505704) or mobile."""
    text = normalize_text(raw)
    cleaned = re.sub(r"[\s\-()（）]", "", text.split("*")[0].split("转")[0])
    if not cleaned:
        return PhoneCheck(cleaned, False, "phone.empty")
    import phonenumbers

    try:
        parsed = phonenumbers.parse(cleaned, "CN")
    except phonenumbers.NumberParseException:
        return PhoneCheck(cleaned, False, "phone.format")
    if not phonenumbers.is_valid_number(parsed):
        return PhoneCheck(cleaned, False, "phone.invalid")
    return PhoneCheck(text, True)


def mask_id(number: str | None) -> str:
    """3101**********123X style: keep the first 4 and last 4 characters."""
    if not number:
        return ""
    n = str(number)
    if len(n) <= 8:
        return n[:1] + "*" * max(len(n) - 2, 0) + n[-1:] if len(n) > 2 else "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_phone(number: str | None) -> str:
    """138****5678 style: keep the first 3 and last 4 digits."""
    if not number:
        return ""
    n = str(number)
    if len(n) <= 7:
        return "*" * len(n)
    return n[:3] + "*" * (len(n) - 7) + n[-4:]


def mask_name(name: str | None) -> str:
    """张*明 style (first and last character kept; two-character names keep the first)."""
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]
