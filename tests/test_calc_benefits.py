"""The benefit table of [002] (上海职工互助保障项目2020一览表) as data, per item and protection year,
and shown in /calc next to the premium. Each test quotes the table cell it checks."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from domain.calc import CalcError, mutual_aid_fee
from domain.calc.benefits import BENEFITS_DIR, benefit_years, benefits, validate
from domain.calc.data import DataFileError
from ui.calc_render import benefits_text, mutual_aid_text
from ui.i18n import BoundTranslator, get_translator


def values(item, kind):
    (b,) = [b for b in benefits("mutual_aid", 2023).items[item].benefits if b.kind == kind]
    return b.values


def test_a0_row():
    # A₀ 120元/人 "1.<=10万元 2.统筹：①住院60%； ②门诊大病50% ③家庭病床60%
    #              3.附加：①住院70%； ②门诊大病50% ③家庭病床70% 4.疾病身故1万元"
    row = benefits("mutual_aid", 2023).items["A0"]
    assert (row.line, row.layer, row.premium) == ("hospital", "basic", 120)
    assert values("A0", "limit") == {"max": 100000}
    assert values("A0", "pooled") == {"inpatient_pct": 60, "outpatient_serious_pct": 50, "home_bed_pct": 60}
    assert values("A0", "supplementary") == {"inpatient_pct": 70, "outpatient_serious_pct": 50, "home_bed_pct": 70}
    assert values("A0", "disease_death") == {"amount": 10000}


@pytest.mark.parametrize("item,premium,per_day,cap,deductible", [
    ("A1", 135, 100, 18000, 1000),   # A₁ 135元/人 "1.天数：100元/天 (最高1.8万元) 2.起付线：<=1000元"
    ("A2", 230, 200, 36000, 1200),   # A₂ 230元/人 "1.天数：200元/天 (最高3.6万元) 2.起付线：<=1200元"
    ("A3", 330, 300, 54000, 1500),   # A₃ 330元/人 "1.天数：300元/天 (最高5.4万元) 2.起付线：<=1500元"
])
def test_hospital_enhanced_rows(item, premium, per_day, cap, deductible):
    row = benefits("mutual_aid", 2023).items[item]
    assert row.premium == premium and row.layer == "enhanced"
    assert values(item, "daily_allowance") == {"per_day": per_day, "max": cap}
    assert values(item, "deductible_subsidy") == {"max": deductible}
    # "※保障项目 A1、A2、A3中的起付线补助，非“职保”范围的人员不享受"
    assert row.deductible_zhibao_only


@pytest.mark.parametrize("item,premium,illness,illness_in_situ,female,female_in_situ", [
    ("B0", 55, 10000, "included", 10000, "included"),   # "1.22类重病1万元 (含原位癌) 2.女性癌+1万元 (含原位癌)"
    ("B1", 100, 20000, "included", 10000, "included"),  # "1.22类重大疾病2万元 (含原位癌) 2.女性癌+1万元 (含原位癌)"
    ("B2", 235, 50000, 20000, 30000, 10000),   # "1.22类重病5万元 (原位癌2万元) 2.女性癌+3万元 (女性原位癌+1万)"
    ("B3", 460, 100000, 20000, 50000, 10000),  # "1.22类重病10万元 (原位癌2万元) 2.女性癌+5万元 (女性原位癌+1万)"
])
def test_serious_illness_rows(item, premium, illness, illness_in_situ, female, female_in_situ):
    assert benefits("mutual_aid", 2023).items[item].premium == premium
    assert values(item, "serious_illness") == {"illnesses": 22, "amount": illness, "in_situ": illness_in_situ}
    assert values(item, "female_cancer") == {"amount": female, "in_situ": female_in_situ}
    assert not benefits("mutual_aid", 2023).items[item].deductible_zhibao_only


@pytest.mark.parametrize("item,premium,amount", [
    ("C0", 15, 20000),    # C₀ 15元/人 "1.意外伤残<=2万元 2.意外身故2万元"
    ("C1", 40, 50000),    # C₁ 40元/人 "1.意外伤残<=5万元 2.意外身故5万元"
    ("C2", 75, 100000),   # C₂ 75元/人 "1.意外伤残<=10万元 2.意外身故10万元"
    ("C3", 225, 300000),  # C₃ 225元/人 "1.意外伤残<=30万元 2.意外身故30万元"
])
def test_accident_rows(item, premium, amount):
    assert benefits("mutual_aid", 2023).items[item].premium == premium
    assert values(item, "accident_disability") == {"max": amount}
    assert values(item, "accident_death") == {"amount": amount}


def test_table_is_the_2023_protection_year_and_keeps_the_manual_text():
    table = benefits("mutual-aid", 2023)
    assert (table.start, table.end) == (date(2023, 7, 1), date(2024, 6, 30))
    assert list(table.items) == ["A0", "A1", "A2", "A3", "B0", "B1", "B2", "B3", "C0", "C1", "C2", "C3"]
    assert table.items["B2"].manual == "1.22类重病5万元 (原位癌2万元) 2.女性癌+3万元 (女性原位癌+1万)"
    assert [r.item for r in table.select(["C3", "A0", "X9"])] == ["A0", "C3"]
    d = table.as_dict()
    assert d["items"][0]["benefits"][0] == {"kind": "limit", "max": 100000}
    assert d["claims"] == {"hotline": "12351", "source": "[002]"}


def test_programmes_without_a_table_and_years_without_one_say_so():
    # [000][001] (member-exclusive protection) and [004] (retiree plan) give no benefit amounts
    for program in ("retiree", "member_basic"):
        with pytest.raises(CalcError) as e:
            benefits(program, 2025)
        assert e.value.issues[0].code == "calc.benefits_not_in_manuals"
    with pytest.raises(CalcError) as e:
        benefits("mutual_aid", 2024)
    assert e.value.issues[0].code == "calc.no_benefits_year" and e.value.issues[0].params["years"] == "2023"
    assert benefit_years() == [2023]
    t = BoundTranslator(get_translator(), "zh")
    assert t.err("calc.benefits_not_in_manuals", program="retiree", hotline="12351") == \
        "手册没有给出退休住院计划的保障金额（给付标准），我不替您估算；请拨打热线 12351 咨询。"


def test_bad_data_file_is_refused():
    doc = yaml.safe_load((BENEFITS_DIR / "2023.yaml").read_text(encoding="utf-8"))
    validate(doc, "ok")
    doc["items"]["B2"]["benefits"][0]["amount"] = 0
    with pytest.raises(DataFileError, match="serious_illness.amount"):
        validate(doc, "bad")
    doc = yaml.safe_load((BENEFITS_DIR / "2023.yaml").read_text(encoding="utf-8"))
    doc["items"]["C1"]["benefits"].append({"kind": "claims_procedure"})
    with pytest.raises(DataFileError, match="unknown kind"):
        validate(doc, "bad")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_premium_text_shows_the_chosen_items_benefits(lang):
    t = BoundTranslator(get_translator(), lang)
    text = mutual_aid_text(t, mutual_aid_fee("A0,B0,C0,A3,B2,C3", insured=4, uninsured=1, start=date(2023, 9, 1)))
    if lang == "zh":
        assert "· 住院天数津贴：300 元/天（最高 5.4 万元）" in text
        assert "· 起付线补助：≤ 1,500 元（非“职保”范围的人员不享受）" in text
        assert "· 22 类重病：5 万元（原位癌 2 万元）" in text
        assert "· 女性癌另加 3 万元（女性原位癌另加 1 万元）" in text
        assert "· 意外身故：30 万元" in text
        assert "手册里也没有理赔（申请保障金）流程" in text
        assert "12351" in text
    else:
        assert "· Hospital daily allowance: 300 yuan/day (at most 54,000 yuan)" in text
        assert "· 22 serious illnesses: 50,000 yuan (carcinoma in situ: 20,000 yuan)" in text
        assert "· Accidental death: 300,000 yuan" in text
    # only the chosen items
    assert "<b>A1</b>" not in text and "<b>B3</b>" not in text and "<b>C3</b>" in text
    assert "{" not in text and "calc-bn" not in text


def test_whole_table_text_has_every_item():
    t = BoundTranslator(get_translator(), "zh")
    text = benefits_text(t, benefits("mutual_aid", 2023))
    for item in ("A0", "A1", "A2", "A3", "B0", "B1", "B2", "B3", "C0", "C1", "C2", "C3"):
        assert f"<b>{item}</b>" in text
    assert "· 统筹：住院 60%，门诊大病 50%，家庭病床 60%" in text
    for lang in ("zh", "en"):  # every benefit kind has a label in both languages
        whole = benefits_text(BoundTranslator(get_translator(), lang), benefits("mutual_aid", 2023))
        assert "calc-bn" not in whole and "{" not in whole


def test_cli_benefits(capsys):
    import json

    from bot.dev.cli import main

    assert main(["benefits", "--items", "B3", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "· 22 serious illnesses: 100,000 yuan (carcinoma in situ: 20,000 yuan)" in out and "<b>A0</b>" not in out
    assert main(["benefits", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["items"][9]["benefits"] == [{"kind": "accident_disability", "max": 50000},
                                         {"kind": "accident_death", "amount": 50000}]  # C1 "意外伤残<=5万元 2.意外身故5万元"
    assert main(["benefits", "--program", "retiree", "--year", "2025"]) == 1
    assert "退休住院计划的保障金额" in capsys.readouterr().err


def test_a_later_year_shows_the_newest_table_and_says_whose():
    from domain.calc.benefits import benefits_for

    assert benefits_for("mutual_aid", 2025).year == 2023
    assert benefits_for("mutual_aid", 2023).year == 2023
    with pytest.raises(CalcError):
        benefits_for("mutual_aid", 2022)  # nothing earlier
    with pytest.raises(CalcError):
        benefits_for("retiree", 2025)
    from dataclasses import replace

    r = replace(mutual_aid_fee("A0", insured=1, start=date(2023, 9, 1)), year=2025)
    text = mutual_aid_text(BoundTranslator(get_translator(), "zh"), r)
    assert "<b>A0</b>" in text and "这是 2023 保障年度手册的保障内容；手册没有 2025 保障年度的" in text
