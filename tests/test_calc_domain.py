"""Calculators reproduce every worked example of the manuals [000]-[004]."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.calc import (
    CalcError,
    SplitRow,
    SsCode,
    check_selection,
    coverage,
    member_basic_fee,
    mutual_aid_fee,
    retiree_deduction,
    roster_numbers,
)
from domain.calc.data import DataFileError, available_years, load_year, validate_year
from domain.calc.roster_numbers import Person


def codes(issues):
    return [i.code for i in issues]


# --- mutual aid [002] -----------------------------------------------------------------

def test_manual_instant_example_4780():
    r = mutual_aid_fee("A0,B0,C0,A3,B3,C3", insured=4, start=date(2023, 9, 15))
    assert r.total == 4780 and r.tier == "full" and r.bundle_applied
    assert [(l.item, l.unit_fee, l.discount, l.amount) for l in r.lines] == [
        ("A0+B0+C0", 190, 10, 720), ("A3", 330, 0, 1320), ("B3", 460, 0, 1840), ("C3", 225, 0, 900)]
    assert r.as_dict()["total"] == 4780


def test_collective_screenshot_consistent_lines_with_one_uninsured_person():
    # [002] collective 保费信息: 7 with social security, 1 without. The bundle line 180×7 = 1260 goes
    # to insured people only; the uninsured person pays B0 55 and C0 15 on their own lines and no A0;
    # C3 225 × 8 = 1800. (The screenshot's A3/B3 rows and its 3920 total are OCR-garbled.)
    r = mutual_aid_fee(["A0", "B0", "C0", "A3", "B3", "C3"], insured=7, uninsured=1, mode="collective",
                       start=date(2023, 6, 20))
    lines = {l.item: l for l in r.lines}
    assert lines["A0+B0+C0"].amount == 1260 and lines["A0+B0+C0"].uninsured_people == 0
    assert lines["B0"].amount == 55 and lines["B0"].insured_people == 0
    assert lines["C0"].amount == 15
    assert lines["C3"].amount == 1800
    assert "A0" not in lines
    assert r.start == date(2023, 7, 1)
    assert {"calc.a0_zhibao_only", "calc.uninsured_no_deductible_subsidy"} <= set(codes(r.warnings))


def test_half_year_rates_and_no_bundle():
    r = mutual_aid_fee("A0,B0,C0", insured=2, start=date(2024, 1, 1))
    assert r.tier == "half" and not r.bundle_applied
    assert r.total == (60 + Decimal("27.5") + Decimal("7.5")) * 2 == 190
    assert "calc.bundle_half_year" in codes(r.warnings)
    # the last day of the full-year tier still gets the discount
    assert mutual_aid_fee("A0,B0,C0", insured=1, start=date(2023, 12, 31)).total == 180


def test_half_year_odd_halves():
    r = mutual_aid_fee("A1,B0", insured=1, start=date(2024, 3, 1))
    assert r.total == Decimal("95") and r.as_dict()["lines"][1]["fee"] == 67.5


@pytest.mark.parametrize("items,code", [
    ("", "calc.items_empty"),
    ("A1,B1", "calc.enhanced_without_basic"),
    ("A0,A1,A2", "calc.enhanced_line_conflict"),
    ("B0,B0", "calc.item_duplicate"),
    ("A0,D1", "calc.item_unknown"),
])
def test_invalid_selections_say_why(items, code):
    with pytest.raises(CalcError) as exc:
        mutual_aid_fee(items, insured=1, start=date(2023, 9, 1))
    assert code in codes(exc.value.issues)


def test_valid_selections():
    assert check_selection(["C0"]) == []
    assert check_selection(["B0", "A3", "C1"]) == []  # enhanced on top of any basic item


def test_instant_after_collective_must_keep_items():
    with pytest.raises(CalcError) as exc:
        mutual_aid_fee("A0,B0", insured=1, start=date(2023, 9, 1), collective_items="A0,B0,C0")
    assert codes(exc.value.issues) == ["calc.items_differ_from_collective"]
    assert mutual_aid_fee("C0,A0,B0", insured=1, start=date(2023, 9, 1), collective_items="A0,B0,C0").total == 180


def test_start_outside_any_year():
    with pytest.raises(CalcError) as exc:
        mutual_aid_fee("A0", insured=1, start=date(2030, 9, 1))
    assert codes(exc.value.issues) == ["calc.no_year_for_date"]


def test_people_required():
    with pytest.raises(CalcError) as exc:
        mutual_aid_fee("A0", insured=0, start=date(2023, 9, 1))
    assert codes(exc.value.issues) == ["calc.people_zero"]


def test_enhanced_items_on_top_of_the_bundle():
    r = mutual_aid_fee("A0,B0,C0,A1", insured=4, start=date(2023, 8, 1))
    assert r.total == 4 * (180 + 135) == 1260


# --- member-exclusive basic protection [000][001] -------------------------------------

def test_ss_card_instant_example_31_people_806():
    r = member_basic_fee("A", 31, year=2024)
    assert (r.total, r.part("city"), r.part("district"), r.part("grassroots")) == (806, 403, 403, 0)


def test_upper_review_example_3_people_78():
    r = member_basic_fee("A", 3, year=2024)
    assert (r.total, r.part("city"), r.part("district")) == (78, 39, 39)


def test_collective_examples_2023():
    r = member_basic_fee("A", 95, year=2023)
    assert (r.total, r.part("city"), r.part("district"), r.part("grassroots")) == (2470, 1235, 1235, 0)
    r = member_basic_fee("A+", 1064, year=2023)
    assert (r.total, r.part("city"), r.part("district"), r.part("grassroots")) == (63840, 21280, 42560, 0)
    r = member_basic_fee("b+", 2014, year=2023)
    assert r.total == 201400 and r.part("city") is None
    assert "calc.split_not_stated" in codes(r.warnings)


def test_district_setting_overrides_table():
    # [001] 保障金额设置 form: A+ 76 = 13 + 63 + 0, valid 2020-01-01 to 2020-12-31
    row = SplitRow(Decimal(76), Decimal(13), Decimal(63), Decimal(0), date(2020, 1, 1), date(2020, 12, 31))
    r = member_basic_fee("A+", 10, year=2023, override=row)
    assert (r.total, r.part("city"), r.part("district")) == (760, 130, 630) and r.source == "district"
    with pytest.raises(CalcError) as exc:
        member_basic_fee("A+", 10, year=2023, override=SplitRow(Decimal(76), Decimal(13), Decimal(60), Decimal(0)))
    assert codes(exc.value.issues) == ["calc.split_mismatch"]


def test_unpriced_type_and_unknown_type():
    with pytest.raises(CalcError) as exc:
        member_basic_fee("B", 5, year=2024)
    assert codes(exc.value.issues) == ["calc.type_not_priced"]
    with pytest.raises(CalcError) as exc:
        member_basic_fee("Z", 5, year=2024)
    assert codes(exc.value.issues) == ["calc.type_unknown"]


# --- retiree plan [004] ----------------------------------------------------------------

@pytest.mark.parametrize("people,amount,ok,unit_pays", [
    (13, 300, 9, 3150),    # 申请代扣13人, 代扣成功9人(300元/人) -> 需单位缴纳 3150元
    (29, 100, 23, 10750),  # 代扣成功23人(100元/人) -> 10750元
    (12, 100, 8, 4600),    # 参保总费用5400元, 代扣成功8人 -> 4600元
    (12, 450, 12, 0),      # all deducted -> 0元, 个人代扣 5400
])
def test_retiree_examples(people, amount, ok, unit_pays):
    r = retiree_deduction(amount, people, ok, year=2025)
    assert r.unit_pays == unit_pays
    assert r.premium_stated is False and "calc.retiree_premium_inferred" in codes(r.warnings)


def test_retiree_12_all_deducted_totals_5400():
    r = retiree_deduction(450, 12, 12, year=2025)
    assert r.total_premium == 5400 and r.deducted == 5400 and r.unit_pays_people == 0


@pytest.mark.parametrize("amount", [0, -5, 450.5, 451])
def test_retiree_amount_range(amount):
    with pytest.raises(CalcError) as exc:
        retiree_deduction(amount, 10, 10, year=2025)
    assert codes(exc.value.issues) == ["calc.deduction_range"]


def test_retiree_succeeded_cannot_exceed_people():
    with pytest.raises(CalcError) as exc:
        retiree_deduction(100, 10, 11, year=2025)
    assert codes(exc.value.issues) == ["calc.succeeded_range"]


# --- coverage ---------------------------------------------------------------------------

def test_mutual_aid_instant_submitted_2023_09_14():
    c = coverage("mutual-aid", "instant", date(2023, 9, 14), "A0,A1,B0,C0")
    assert c.start == date(2023, 9, 15) and c.end == date(2024, 6, 30)
    assert c.claims_from == {"A0": date(2023, 10, 15), "A1": date(2023, 10, 15),
                             "B0": date(2023, 11, 14), "C0": date(2023, 9, 15)}
    assert c.exceptions["A1"]["accident_hospitalisation"] == date(2023, 9, 15)
    assert c.exceptions["A0"]["disease_death_rider"] == date(2023, 10, 15)


def test_mutual_aid_collective_no_waiting():
    c = coverage("mutual-aid", "collective", date(2023, 6, 10), "A0,B3")
    assert (c.start, c.end) == (date(2023, 7, 1), date(2024, 6, 30))
    assert c.claims_from == {"A0": date(2023, 7, 1), "B3": date(2023, 7, 1)}


def test_instant_before_window_opens():
    with pytest.raises(CalcError) as exc:
        coverage("mutual-aid", "instant", date(2023, 6, 30), "A0")
    assert codes(exc.value.issues) == ["calc.instant_not_open"]


def test_retiree_instant_30_days_and_collective_none():
    c = coverage("retiree", "instant", date(2025, 8, 1))
    assert c.start == date(2025, 8, 2) and c.end == date(2026, 6, 30) and c.claims_from["plan"] == date(2025, 9, 1)
    c = coverage("retiree", "collective", year=2025)
    assert (c.start, c.end, c.claims_from["plan"]) == (date(2025, 7, 1), date(2026, 6, 30), date(2025, 7, 1))


def test_member_basic_instant_example_2024_05_10():
    # [000]: submitted 2024-05-10 -> rows start 2024-05-11, end 2024-12-31
    c = coverage("member-basic", "instant", date(2024, 5, 10))
    assert (c.start, c.end) == (date(2024, 5, 11), date(2024, 12, 31))
    assert "calc.waiting_not_stated" in codes(c.warnings)
    c = coverage("member-basic", "collective", year=2023)
    assert (c.start, c.end) == (date(2023, 1, 1), date(2023, 12, 31))


# --- roster numbers ---------------------------------------------------------------------

def test_headcount_within_10_percent_submits_directly():
    r = roster_numbers("mutual_aid", planned=90, last_year=100, codes=[SsCode("x", 90, 200)], year=2023)
    assert r.ok and r.checks[0]["change_pct"] == -10 and len(r.checks) == 1 and r.documents == []


def test_headcount_outside_then_ratio_fails_needs_statement():
    r = roster_numbers("mutual_aid", planned=80, last_year=100, codes=[SsCode("x", 80, 200)], year=2023)
    assert not r.ok
    assert [c["check"] for c in r.checks] == ["headcount_change", "ss_ratio"]
    assert r.checks[1]["pct"] == 40
    assert r.documents == ["doc.statement_sealed", "doc.situational"]


def test_ratio_between_75_and_100_passes():
    r = roster_numbers("mutual_aid", planned=75, last_year=100, codes=[SsCode("x", 75, 100)], year=2023)
    assert r.checks[1]["ok"] and r.ok
    r = roster_numbers("mutual_aid", planned=120, last_year=100, codes=[SsCode("x", 120, 110)], year=2023)
    assert not r.checks[1]["ok"]


def test_small_unit_needs_100_percent_per_code():
    r = roster_numbers("mutual_aid", planned=8, last_year=8, codes=[SsCode("a", 5, 5), SsCode("b", 3, 4)], year=2023)
    small = [c for c in r.checks if c["check"] == "ss_ratio_small_unit"]
    assert [c["ok"] for c in small] == [True, False] and not r.ok


def test_new_unit_always_uploads_forms_and_unmatched_need_commitment():
    r = roster_numbers("mutual_aid", planned=50, codes=[SsCode("x", 50, 60)], new_unit=True, unmatched=2, year=2023)
    assert "doc.new_unit_ss_forms" in r.documents and "doc.commitment_unmatched" in r.documents


def test_over_age_outside_zhibao():
    people = [Person("F", date(1968, 7, 1), False),   # 55 on 2023-07-01 -> over age
              Person("F", date(1968, 7, 2), False),   # 54
              Person("M", date(1963, 7, 1), True),    # 60 but in 职保 -> fine
              Person("M", date(1963, 7, 2), False)]   # 59
    r = roster_numbers("mutual_aid", planned=4, last_year=4, people=people, year=2023)
    assert r.over_age == [0] and "doc.over_age_fix" in r.documents


def test_retiree_ratio_75_per_code():
    r = roster_numbers("retiree", codes=[SsCode("a", 75, 100), SsCode("b", 7, 10)], year=2025, new_retirees=1)
    assert [c["ok"] for c in r.checks] == [True, False] and r.documents == ["doc.retiree_material"]


# --- data files ---------------------------------------------------------------------------

def test_data_years_load_and_validate():
    assert {2023, 2024, 2025} <= set(available_years())
    for y in available_years():
        load_year(y)


def test_validator_rejects_split_that_does_not_add_up():
    doc = {"year": 2030, "member_basic": {"period": {"start": date(2030, 1, 1), "end": date(2030, 12, 31)},
                                          "types": {"A": {"fee": 26, "city": 13, "district": 12, "grassroots": 0}}}}
    with pytest.raises(DataFileError):
        validate_year(doc, "x")


# --- payments [002][004] ------------------------------------------------------------------

def test_refund_example_1220_paid_2000():
    from domain.calc import refund_due

    assert refund_due(1220, 2000) == 780
    assert refund_due(1220, 1220) == 0
    with pytest.raises(CalcError) as exc:
        refund_due(1220, 1000)
    assert codes(exc.value.issues) == ["calc.underpaid"]


def test_collective_screenshot_receipts_450_plus_9000_equal_the_premium():
    # [002] the special-receipt screenshot lists 上海YYYY公司 450 + 上海XXX公司 9000 = 9450, which is exactly
    # the premium of the collective example (7 with social security + 1 without, A0+B0+C0+A3+B3+C3):
    # 7 × (180 + 330 + 460 + 225) + (55 + 15 + 330 + 460 + 225) = 8365 + 1085 = 9450.
    from domain.calc import check_receipts

    r = mutual_aid_fee("A0,B0,C0,A3,B3,C3", insured=7, uninsured=1, mode="collective", start=date(2023, 6, 20))
    assert r.total == 9450 and r.insured_total == 8365 and r.uninsured_total == 1085
    assert check_receipts("mutual-aid", r.total, [450, 9000]) == []
    assert codes(check_receipts("mutual-aid", r.total, [450, 8000])) == ["calc.receipts_must_equal"]


def test_retiree_receipts_may_be_below_but_not_above_paid():
    from domain.calc import check_receipts

    assert check_receipts("retiree", 5400, [5000]) == []
    assert codes(check_receipts("retiree", 5400, [5000, 500])) == ["calc.receipts_exceed_paid"]
