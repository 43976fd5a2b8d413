"""Identity numbers, masking, encryption and the message catalogs."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from stdnum.cn import ric

from bot.logging_setup import redact
from domain.identity import check_mobile, check_phone, check_resident_id, check_uscc, mask_id, mask_phone
from domain.privacy import DataCipher
from ui.i18n import Translator, code_to_id

ROOT = Path(__file__).resolve().parents[1]


def with_check(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")


@pytest.mark.parametrize(
    "raw, error",
    [
        ("", "id.empty"),
        ("31011519900307123", "id.length"),
        ("3101151990030712345", "id.length"),
        ("31011519900307123A", "id.format"),
        ("X10115199003071238", "id.format"),
        ("991151199003071230", "id.region"),
        ("310115199002301234", "id.birth_date"),
        ("310115209901011234", "id.birth_date"),
        ("310115199003071230", "id.checksum"),
    ],
)
def test_resident_id_hard_rules(raw, error):
    result = check_resident_id(raw, today=date(2026, 11, 24))
    assert not result.ok and result.error == error


def test_resident_id_accepts_lowercase_x_fullwidth_and_permits():
    x = check_resident_id("11010519491231002x")
    assert x.ok and x.number.endswith("X") and x.gender == "F" and x.birth_date == date(1949, 12, 31)
    valid = with_check("31011519900307123")
    fw = check_resident_id(valid.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")))
    assert fw.ok and "id.fullwidth" in fw.warnings and fw.gender == "M"
    permit = check_resident_id(with_check("81000019900101002"))
    assert permit.ok and permit.permit and "id.birthplace_unknown" not in permit.warnings
    unknown_place = check_resident_id(with_check("31019919900101002"))
    assert unknown_place.ok and "id.birthplace_unknown" in unknown_place.warnings


def test_mobile_numbers_require_the_mobile_type():
    assert check_mobile("13812345678").ok
    assert check_mobile("+86 138-1234-5678").number == "13812345678"
    assert check_mobile("021-63505704").error == "phone.not_mobile"
    assert check_mobile("12345").error == "phone.invalid"
    assert check_mobile("abc").error == "phone.format"
    assert check_mobile("").error == "phone.empty"
    assert check_phone("021-63505704").ok


def test_plain_mobile_shortcut_answers_as_the_full_parse(monkeypatch):
    """check_mobile skips phonenumbers.parse for plain 11-digit mobiles: over every 5-digit prefix
    (and the 6-digit ones of 1740x/1610x) both paths give the same answer."""
    import random

    import domain.identity as identity

    rnd = random.Random(11)
    numbers = [f"{p}{rnd.randrange(10**6):06d}" for p in range(10000, 20000) for _ in range(2)]
    numbers += [f"{p}{rnd.randrange(10**5):05d}" for p in [*range(174000, 174100), *range(161000, 161100)]]
    fast = [identity.check_mobile(n) for n in numbers]
    assert sum(identity._plain_cn_mobile(n) for n in numbers) > len(numbers) // 3  # the shortcut is taken
    monkeypatch.setattr(identity, "_plain_cn_mobile", lambda digits: False)
    slow = [identity.check_mobile(n) for n in numbers]
    assert [(c.ok, c.number, c.error) for c in fast] == [(c.ok, c.number, c.error) for c in slow]


def fw_free(text: str) -> bool:
    return text.isascii()


def test_masking_and_log_redaction():
    assert mask_id("31011519900307123X") == "3101**********123X"
    assert fw_free(mask_id("310115199003071238"))
    assert mask_phone("13812345678") == "138****5678"
    assert redact("id 31011519900307123X phone 13812345678 tel 021-63505704") == "id [ID] phone [PHONE] tel [PHONE]"


def test_encryption_round_trip_and_keyed_hash():
    a, b = DataCipher("one"), DataCipher("two")
    token = a.encrypt("31011519900307123X")
    assert "3101" not in token and a.decrypt(token) == "31011519900307123X"
    with pytest.raises(ValueError):
        b.decrypt(token)
    assert a.lookup_hash("31011519900307123x") == a.lookup_hash("31011519900307123X") != b.lookup_hash("31011519900307123X")


def test_uscc_check_character():
    assert check_uscc("91350100M000100Y43").ok
    assert check_uscc("91350100M000100Y44").error == "uscc.checksum"


def test_catalogs_are_complete_in_both_languages():
    assert Translator().check() == []


def test_every_message_id_used_in_code_exists():
    tr = Translator()
    used: set[str] = set()
    pattern = re.compile(r"""\bt\(\s*["']([a-z][a-z0-9-]+)["']""")
    for folder in ("bot", "handlers", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "i18n.py":  # its docstrings show the call shape
                continue
            used |= set(pattern.findall(path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if not tr.has(k, "zh") or not tr.has(k, "en"))
    assert missing == []


def test_every_domain_error_code_in_identity_has_a_message():
    tr = Translator()
    source = (ROOT / "domain" / "identity.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'"((?:id|phone|uscc)\.[a-z_]+)"', source))
    assert codes and all(tr.has(code_to_id(c), "zh") and tr.has(code_to_id(c), "en") for c in codes)
