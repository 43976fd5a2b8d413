"""One redaction function (domain.privacy.redact) for logs, stored questions and exports."""

from __future__ import annotations

import logging

import pytest

from bot.logging_setup import RedactingFormatter, redact as log_redact
from domain.privacy import find_personal_numbers, redact, redact_tree

ID = "31011519900307123X"
PHONE = "13812345678"

ID_SPELLINGS = [
    "31011519900307123X",
    "31011519900307123x",
    "310115 19900307 123X",
    "310115 19900307 123 x",
    "3101 1519 9003 0712 3X",
    "310115-19900307-123X",
    "310115.19900307.123X",
    "310115　19900307　123X",  # full-width spaces
    "３１０１１５１９９００３０７１２３Ｘ",  # full-width digits and X
    "３１０１１５１９９００３０７１２３ｘ",
    "310115 1990 0307 123X",
    "3101151990030712",  # 16 chars: not an ID (kept) -- checked separately below
]

PHONE_SPELLINGS = [
    "13812345678",
    "138 1234 5678",
    "138-1234-5678",
    "138.1234.5678",
    "138 - 1234 - 5678",
    "1381234 5678",
    "１３８１２３４５６７８",
    "１３８　１２３４　５６７８",
    "138－1234－5678",  # full-width hyphens
    "+86 138 1234 5678",
    "+8613812345678",
    "86-138-1234-5678",
    "0086 13812345678",
    "(+86) 138 1234 5678",
]


@pytest.mark.parametrize("spelling", ID_SPELLINGS[:-1])
def test_ids_in_any_spelling_are_masked(spelling):
    for text in (spelling, f"我的身份证是{spelling}，查不到", f"ID: {spelling}.", f"身份证号{spelling}怎么办"):
        masked = redact(text)
        assert masked.count("3101**********123X") == 1, masked
        assert "1990" not in masked and "0307" not in masked
        assert "[ID]" in log_redact(text) and "1990" not in log_redact(text)
        assert [f.kind for f in find_personal_numbers(text)] == ["id"]
        assert find_personal_numbers(text)[0].value == ID


@pytest.mark.parametrize("spelling", PHONE_SPELLINGS)
def test_phones_in_any_spelling_are_masked(spelling):
    for text in (spelling, f"电话{spelling}", f"call me on {spelling} please", f"手机：{spelling}。"):
        masked = redact(text)
        assert "138****5678" in masked, masked
        assert "1234" not in masked and "１２３４" not in masked
        tagged = log_redact(text)
        assert "[PHONE]" in tagged and "1234" not in tagged and "１２３４" not in tagged
        assert [(f.kind, f.value) for f in find_personal_numbers(text)] == [("phone", PHONE)]


def test_landlines_15_digit_ids_passports_and_several_numbers():
    assert redact("tel 021-63505704", "tag") == "tel [PHONE]"
    assert redact("tel 021 6350 5704", "tag") == "tel [PHONE]"
    assert redact("tel (021)63505704", "tag") == "tel ([PHONE]"
    assert redact("tel 02163505704", "tag") == "tel [PHONE]"
    assert redact("老身份证 310115900307123", "tag") == "老身份证 [ID]"
    assert redact("护照 E12345678", "tag") == "护照 [DOC]"
    two = redact("13812345678 13912345678, 13712345678")
    assert two == "138****5678 139****5678, 137****5678"
    both = redact(f"身份证 {ID} 手机 138 1234 5678")
    assert both == "身份证 3101**********123X 手机 138****5678"
    assert redact("id 31011519900307123X phone 13812345678 tel 021-63505704", "tag") == \
        "id [ID] phone [PHONE] tel [PHONE]"


ORDINARY = [
    "A0+B0+C0+A3+B3+C3 = 4780",
    "4,780 元",
    "31 人 806 = 403 + 403 + 0",
    "2024-07-01 到 2024-12-31",
    "2024.07.01-2024.12.31",
    "2024年7月1日 17:00 截止",
    "2023 2024 2025 2026",
    "1990 1991 1992",
    "第 4/13 步",
    "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
    "12351",
    "5000 行",
    "1,380.00",
    "0.5 50 %",
    "KA2026120212345678AB",  # card references
    "KA202612021234567890",
    "CBC20261202ABCDEF1234",
    "3101151990030712",  # 16 digits: no ID, no phone
    "12345678901",  # 11 digits but not a mobile prefix
    "abc123456",  # the FAQ's password example
    "2024-07-01 13:00",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_numbers_are_kept(text):
    assert redact(text) == text
    assert redact(text, "tag") == text
    assert find_personal_numbers(text) == []


def test_redact_tree_for_exports():
    data = {"address": f"上海路 1 号 电话 138 1234 5678", "n": 4780, "items": [f"ID {ID}", None, 3],
            "when": "2024-07-01"}
    assert redact_tree(data) == {"address": "上海路 1 号 电话 138****5678", "n": 4780,
                                 "items": ["ID 3101**********123X", None, 3], "when": "2024-07-01"}


def test_log_lines_are_redacted_in_any_spelling():
    fmt = RedactingFormatter("%(message)s")
    for spelling in ("138 1234 5678", "１３８１２３４５６７８", "310115 19900307 123x"):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "user typed %s", (spelling,), None)
        line = fmt.format(record)
        assert "1234" not in line and "１２３４" not in line and "0307" not in line, line


def test_empty_and_plain():
    assert redact("") == "" and redact("没有号码") == "没有号码"


async def test_export_user_masks_numbers_in_free_text(tmp_path):
    from bot.dev.testing import BotHarness
    from domain.repos import PERSONAL_DATA, export_user, register_personal_data

    async def export(session, uid):
        return [{"address": "徐汇区某路 8 号，手机 138-1234-5678", "note": f"证件 {ID}", "count": 4780}]

    async def forget(session, uid):
        return 0

    register_personal_data("zz_free_text", export, forget)
    try:
        async with BotHarness.create(tmp_path) as h:
            await h.send(601, "/start")
            async with h.app.db.session() as s:
                data = await export_user(s, 601)
    finally:
        PERSONAL_DATA.pop("zz_free_text")
    assert data["zz_free_text"] == [{"address": "徐汇区某路 8 号，手机 138****5678",
                                     "note": "证件 3101**********123X", "count": 4780}]
    assert data["user"]["id"] == 601
