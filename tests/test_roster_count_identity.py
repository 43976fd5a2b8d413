"""[002]'s count identity in the roster-numbers calculator (issue 13 item 14):
"※上传参保人员总数=清册未能匹配人员人数+清册匹配的拟参保人数" (人员确认承诺书 slide)."""

from __future__ import annotations

import json

import pytest

from domain.calc import CalcError, SsCode, roster_numbers
from ui.calc_render import numbers_text
from ui.i18n import BoundTranslator, get_translator

# the manual's screenshots: 无单位社保编码 9 people; two codes with 40 planned each (80% of 50)
CODES = [SsCode("00108537", 40, 50), SsCode("00069277", 40, 50)]


def identity(r):
    (c,) = [c for c in r.checks if c["check"] == "count_identity"]
    return c


def test_total_is_derived_from_unmatched_plus_matched():
    r = roster_numbers("mutual_aid", planned=80, last_year=100, codes=CODES, unmatched=9, year=2023)
    c = identity(r)
    assert (c["uploaded"], c["unmatched"], c["matched"], c["derived"], c["ok"]) == (89, 9, 80, "uploaded", True)
    text = numbers_text(BoundTranslator(get_translator(), "zh"), r)
    assert "✅ 上传参保人员总数 89 = 清册未能匹配人员 9 + 清册匹配的拟参保 80（总数按两项相加得出）" in text


def test_a_total_that_does_not_add_up_fails():
    r = roster_numbers("mutual_aid", planned=80, last_year=80, codes=CODES, unmatched=9, uploaded=90, year=2023)
    c = identity(r)
    assert not c["ok"] and not r.ok
    text = numbers_text(BoundTranslator(get_translator(), "zh"), r)
    assert "❌ 上传参保人员总数 90 ≠ 清册未能匹配人员 9 + 清册匹配的拟参保 80" in text and "9 + 80 = 89" in text
    en = numbers_text(BoundTranslator(get_translator(), "en"), r)
    assert "the figures do not add up (9 + 80 = 89)" in en


def test_matching_total_passes_and_matched_is_derived_without_codes():
    ok = roster_numbers("mutual_aid", planned=80, last_year=80, codes=CODES, unmatched=9, uploaded=89, year=2023)
    assert identity(ok)["ok"] and identity(ok)["derived"] is None
    derived = roster_numbers("mutual_aid", planned=80, last_year=80, unmatched=9, uploaded=89, year=2023)
    assert (identity(derived)["matched"], identity(derived)["derived"]) == (80, "matched")
    assert not identity(roster_numbers("mutual_aid", planned=5, last_year=5, unmatched=9, uploaded=3,
                                       year=2023))["ok"]
    with pytest.raises(CalcError):
        roster_numbers("mutual_aid", planned=5, unmatched=-1, year=2023)


def test_cli_option(capsys):
    from bot.dev.cli import main

    code = main(["roster-numbers", "--program", "mutual-aid", "--planned", "80", "--last", "80", "--year", "2023",
                 "--ss-code", "00108537:40:50", "--ss-code", "00069277:40:50", "--unmatched", "9",
                 "--uploaded", "90", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and not out["ok"]  # a failed check is a result, not an input error
    assert {"check": "count_identity", "uploaded": 90, "unmatched": 9, "matched": 80, "derived": None,
            "ok": False} in out["checks"]
