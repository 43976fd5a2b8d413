"""Roster pre-check rules: clean files pass, planted defects are reported on their rows."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from domain.roster import CheckOptions, check_roster, load_config
from domain.roster.config import norm_header, parse_config
from ui.i18n import BoundTranslator, get_translator
from tests.roster_fixtures import (
    MA_HEADER,
    MB_HEADER,
    RT_HEADER,
    id_with_x,
    mobile,
    mutual_aid_rows,
    resident_id,
    xlsx,
)

AS_OF = date(2025, 7, 1)


def found(result, severity=None):
    return {(i.row, i.code) for i in result.issues if severity is None or i.severity == severity}


def test_clean_mutual_aid_file_passes_with_lower_case_x():
    rows = mutual_aid_rows(6)
    xid = id_with_x(date(1985, 3, 3)).lower()  # lower-case x check character
    assert xid.endswith("x")
    rows.append(["李四", "身份证", xid, None, None, mobile(99), "是"])
    rows.append(["JOHN SMITH", "非身份证", "E12345678", "1990-01-01", "男", None, "否"])
    rows.append(["王豆", "非身份证", "H8888888", datetime(1991, 5, 6), "女", "", "是"])
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert result.readable and result.kind == "mutual-aid"
    assert result.rows == 9
    assert result.issues == [] and result.file_issues == []
    assert result.exit_code == 0
    assert result.columns == {"name": 1, "id_type": 2, "id_number": 3, "birth_date": 4, "gender": 5,
                              "phone": 6, "social_security": 7}


def test_planted_defects_are_reported_on_their_rows():
    rows = mutual_aid_rows(14)
    good = rows[0][2]
    # data starts on Excel row 2; rows[k] is Excel row k + 2
    rows[1][0] = None                                 # row 3: name missing
    rows[2][2] = good[:-1] + ("0" if good[-1] != "0" else "1")  # row 4: check digit wrong
    rows[3][2] = good                                 # row 5: duplicate of row 2
    rows[4][1] = "护照"                               # row 6: document type not 身份证/非身份证
    rows[5] = ["Anna", "非身份证", "P123", None, None, None, "是"]            # row 7: non-ID without birth/gender
    rows[6] = ["Bob", "非身份证", "P124", "1990/01/01", "男", None, "是"]     # row 8: date format
    rows[7][4] = "女" if rows[7][2][16] in "13579" else "男"                 # row 9: gender vs ID
    rows[8][6] = "有"                                 # row 10: 是否有社保 not 是/否
    rows[9][5] = "1391234"                            # row 11: bad mobile
    rows[10][5] = "021-63505704"                      # row 12: landline
    rows[11][2] = "３１" + rows[11][2][2:]            # row 13: full-width digits (warning only)
    rows[12][4] = "M"                                 # row 14: gender value
    rows[13][2] = rows[13][2][:10]                    # row 15: too short
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=date(2000, 1, 1)))
    assert found(result) == {
        (2, "roster.duplicate_id"),
        (3, "roster.required"),
        (4, "id.checksum"),
        (5, "roster.duplicate_id"),
        (6, "roster.id_type_invalid"),
        (7, "roster.birth_date_required"),
        (7, "roster.gender_required"),
        (8, "roster.birth_date_format"),
        (9, "roster.gender_mismatch"),
        (10, "roster.social_security_invalid"),
        (11, "roster.phone_invalid"),
        (12, "roster.phone_not_mobile"),
        (13, "id.fullwidth"),
        (14, "roster.gender_invalid"),
        (15, "id.length"),
    }
    by = {(i.row, i.code): i for i in result.issues}
    assert by[(13, "id.fullwidth")].severity == "warning"
    # both rows of the pair are marked, each naming the other (issue 19)
    assert by[(5, "roster.duplicate_id")].params == {"rows": "2", "count": 1, "plural": "one", "more": "none"}
    assert by[(2, "roster.duplicate_id")].params == {"rows": "5", "count": 1, "plural": "one", "more": "none"}
    assert by[(5, "roster.duplicate_id")].column == "C"
    assert result.row_status()[2] == "error"
    # a phone error names its column (not the chat form's "这不是有效的号码")
    t = BoundTranslator(get_translator(), "zh")
    assert by[(11, "roster.phone_invalid")].params == {"column": "手机号"}
    assert t.err("roster.phone_invalid", column="手机号").startswith("“手机号”列")
    assert by[(3, "roster.required")].column == "A"
    assert by[(9, "roster.gender_mismatch")].column == "E"
    assert by[(4, "id.checksum")].fix == "id.checksum_fix"
    assert result.exit_code == 1
    # no document number or phone leaks into parameters
    for issue in result.issues:
        for value in issue.params.values():
            assert not any(str(value) in r[2] for r in rows if r[2] and len(str(value)) > 5)


def test_header_tolerance_title_rows_brackets_order_and_extra_columns():
    header = ["序号", "手机号", "证件号码\n*", "姓 名＊", "证件类型（身份证、非身份证）", "是否有社保*", "性别（非身份证类型为必填）",
              "出生日期（非身份证类型为必填）\n格式例如（1990-01-01）"]
    rows = []
    for i, r in enumerate(mutual_aid_rows(3)):
        rows.append([i + 1, r[5], r[2], r[0], r[1], r[6], None, None])
    rows[1][2] = rows[1][2][:-1] + ("1" if rows[1][2][-1] != "1" else "2")  # Excel row 5
    data = xlsx([header] + rows, title_rows=[["2025年度互助保障参保名单"], [None]])
    result = check_roster(data, None, CheckOptions(as_of=AS_OF))
    assert result.kind == "mutual-aid"
    assert result.header_row == 3
    assert result.columns["id_number"] == 3 and result.columns["name"] == 4 and result.columns["phone"] == 2
    assert [(i.row, i.column, i.code) for i in result.issues] == [(5, "C", "id.checksum")]
    file_codes = [(i.code, i.params.get("column")) for i in result.file_issues]
    assert ("header.extra_column", "A") in file_codes
    assert ("header.layout_changed", None) in file_codes
    assert not any(i.code == "header.missing_column" for i in result.file_issues)


def test_missing_and_duplicate_columns():
    header = ["姓名", "证件号码", "证件号码", "手机号"]
    rows = [["张三", resident_id(date(1990, 1, 1), True), "x", mobile(1)]]
    result = check_roster(xlsx([header] + rows), "mutual-aid")
    codes = {(i.code, i.params.get("header")) for i in result.file_issues}
    assert ("header.missing_column", "证件类型") in codes
    assert ("header.missing_column", "是否有社保") in codes
    assert ("header.duplicate_column", "证件号码") in codes
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "header,kind",
    [(MA_HEADER, "mutual-aid"), (RT_HEADER, "retiree"), (MB_HEADER, "members"),
     (["姓名", "证件类型", "证件号码", "出生日期", "性别", "手机号"], None)],
)
def test_kind_detection(header, kind):
    result = check_roster(xlsx([header, ["a"] * len(header)]), None)
    assert result.kind == kind
    assert result.needs_kind == (kind is None)


def test_kind_mismatch_is_reported():
    result = check_roster(xlsx([MA_HEADER] + mutual_aid_rows(2)), "retiree")
    assert any(i.code == "roster.kind_mismatch" and i.params == {"detected": "mutual-aid"} for i in result.file_issues)


def test_retiree_phones_duplicates_and_valid_ratio():
    rows = []
    for i in range(4):
        rows.append([f"退休{i}", "身份证", resident_id(date(1950, 1, 1 + i), i % 2 == 0, seq=i), None, None, mobile(i)])
    rows[1][5] = rows[0][5]      # row 3 duplicates row 2's phone
    rows[2][5] = "12345"         # row 4 invalid: a warning, counted as invalid
    rows[3][5] = None            # row 5 empty: required column
    result = check_roster(xlsx([RT_HEADER] + rows), "retiree")
    assert found(result) == {(2, "roster.duplicate_phone"), (3, "roster.duplicate_phone"), (4, "roster.phone_invalid"),
                             (5, "roster.required")}
    assert {i.code: i.severity for i in result.issues}["roster.phone_invalid"] == "warning"
    # valid: rows 2 and 3 = 2 of 4 = 50% -> passes ("50%以上")
    assert not any(i.code == "roster.phones_valid_ratio" for i in result.file_issues)
    rows[1][5] = "abc"
    result = check_roster(xlsx([RT_HEADER] + rows), "retiree")
    ratio = [i for i in result.file_issues if i.code == "roster.phones_valid_ratio"]
    assert len(ratio) == 1 and ratio[0].severity == "error"
    assert ratio[0].params == {"valid": 1, "total": 4, "percent": 25, "min": 50}
    assert result.exit_code == 1


def test_members_labels_and_address():
    def row(i, label, address):
        return [f"会员{i}", "身份证", resident_id(date(1990, 2, 1 + i), True, seq=i), mobile(i), "男", "某某公司工会",
                "G001", "某平台", label, "本市城镇", address]

    rows = [row(0, "快递物流", "上海市黄浦区人民大道200号"), row(1, "企业职工", "上海市徐汇区漕溪北路1号"),
            row(2, "网约送餐", "黄浦区"), row(3, "家政服务", None)]
    data = xlsx([MB_HEADER] + rows)
    flexible = check_roster(data, "members", CheckOptions(member_type="灵活就业类"))
    assert found(flexible) == {(3, "roster.label_not_flexible"), (4, "roster.address_short_hint")}
    # [001]: "如需要为会员办理工会会员服务卡，请将工作单位详细地址完整填写，且必须不少于6个字" - for
    # members who get a card. 关联企业类 members can; whether these will, the file does not say:
    # a warning that says why, not a refusal.
    linked = check_roster(data, "members", CheckOptions(member_type="关联企业类"))
    assert found(linked) == {(4, "roster.address_short_hint"), (5, "roster.address_missing_hint")}
    assert found(linked, "error") == set()
    assert {i.code: i.params for i in linked.issues}["roster.address_short_hint"] == {"min": 6, "length": 3}
    t = BoundTranslator(get_translator(), "zh")
    assert "如需为会员办理工会会员服务卡" in t.err("roster.address_missing_hint_fix", min=6)
    no_column = check_roster(xlsx([MB_HEADER[:10]] + [r[:10] for r in rows]), "members",
                             CheckOptions(member_type="关联企业类"))
    assert [(i.code, i.severity) for i in no_column.file_issues if "address" in i.code] == [
        ("header.missing_address_hint", "warning")]
    no_type = check_roster(data, "members")
    assert found(no_type) == {(4, "roster.address_short_hint")}
    forced = check_roster(data, "members", CheckOptions(member_type="关联企业类", needs_card=True))
    assert found(forced, "error") == {(4, "roster.address_short"), (5, "roster.address_missing")}
    assert {i.code: i.params for i in forced.issues}["roster.address_short"] == {"min": 6, "length": 3}
    bad = check_roster(data, "members", CheckOptions(member_type="其他类"))
    assert any(i.code == "roster.member_type_invalid" for i in bad.file_issues)


def test_members_gender_required_for_everyone_and_consistent():
    r = [["张三", "身份证", resident_id(date(1990, 1, 1), True), mobile(1), None, "工会", "G1"],
         ["李四", "身份证", resident_id(date(1990, 1, 2), True), mobile(2), "女", "工会", "G1"]]
    result = check_roster(xlsx([MB_HEADER[:7]] + r), "members")
    assert found(result) == {(2, "roster.required"), (3, "roster.gender_mismatch")}


def test_over_age_uses_the_reference_date():
    woman = resident_id(date(1970, 7, 2), male=False)  # 55 on 2025-07-02
    man = resident_id(date(1965, 3, 1), male=True)     # 60 on 2025-03-01
    rows = [["甲", "身份证", woman, None, None, None, "否"],
            ["乙", "身份证", man, None, None, None, "是"],
            ["丙", "非身份证", "P1", "1960-01-01", "女", None, "否"]]
    data = xlsx([MA_HEADER] + rows)
    early = check_roster(data, "mutual-aid", CheckOptions(as_of=date(2025, 7, 1)))
    assert found(early) == {(3, "roster.over_age"), (4, "roster.over_age_no_social_security")}
    later = check_roster(data, "mutual-aid", CheckOptions(as_of=date(2025, 7, 2)))
    assert found(later) == {(2, "roster.over_age_no_social_security"), (3, "roster.over_age"),
                            (4, "roster.over_age_no_social_security")}
    sev = {(i.row, i.code): i.severity for i in later.issues}
    assert sev[(3, "roster.over_age")] == "warning" and sev[(2, "roster.over_age_no_social_security")] == "error"
    assert {i.row: i.params for i in later.issues}[2] == {"age": 55, "limit": 55, "as_of": "2025-07-02"}
    # default: start of the protection year
    default = check_roster(data, "mutual-aid", CheckOptions(today=date(2025, 11, 24)))
    assert default.as_of == date(2025, 7, 1)
    assert default.age_dates == (date(2025, 7, 1), date(2025, 11, 24))
    assert check_roster(data, "mutual-aid", CheckOptions(today=date(2026, 3, 1))).as_of == date(2025, 7, 1)
    assert check_roster(data, "mutual-aid", CheckOptions(today=date(2026, 6, 10))).as_of == date(2026, 7, 1)


def test_row_cap_is_a_file_level_error():
    rows = mutual_aid_rows(1)
    big = [list(rows[0]) for _ in range(5001)]
    for k, r in enumerate(big):
        r[2] = f"P{k:07d}"
        r[1] = "非身份证"
        r[3] = "1990-01-01"
        r[4] = "男"
    result = check_roster(xlsx([MA_HEADER] + big), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert result.rows == 5001
    assert [(i.code, i.params) for i in result.file_issues] == [("roster.too_many_rows", {"rows": 5001, "max": 5000})]
    assert result.issues == []
    assert result.exit_code == 1
    ok = check_roster(xlsx([MA_HEADER] + big[:5000]), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert ok.file_issues == [] and ok.exit_code == 0


def test_blank_rows_are_skipped_and_numbers_kept():
    rows = mutual_aid_rows(2)
    rows.insert(1, [None] * 7)
    rows[2][2] = rows[2][2][:-1] + ("1" if rows[2][2][-1] != "1" else "2")
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert result.rows == 2
    assert found(result) == {(4, "id.checksum")}


def test_numeric_id_and_error_values():
    rows = mutual_aid_rows(3)
    rows[0][2] = 310104199001011234  # stored as a number: Excel keeps 15 significant digits
    rows[1][5] = 13912345678          # a mobile stored as a number is fine
    rows[2][0] = "#N/A"
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert found(result) == {(2, "roster.id_number_as_number"), (4, "cell.error_value")}


def test_every_rule_has_texts_in_both_languages():
    from ui.i18n import Translator, code_to_id

    tr = Translator()
    config = load_config()
    for code in config.severities:
        for lang in ("zh", "en"):
            assert tr.has(code_to_id(code), lang), (code, lang)
            assert tr.has(code_to_id(code + "_fix"), lang), (code, lang)
    for kind in config.templates:
        assert tr.has(f"roster-kind-{kind}", "zh")


def test_config_validation_and_header_normalisation():
    assert norm_header("*证件类型 （身份证、非身份证）\n") == "证件类型(身份证,非身份证)"
    import yaml

    from domain.roster.config import DATA_FILE, ConfigError

    raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    raw["rules"]["roster.required"] = "fatal"
    with pytest.raises(ConfigError):
        parse_config(raw)


def test_over_age_on_an_unclear_date_is_a_warning_that_says_why():
    """[002] 规则一: "女性未满55周岁、男性未满60周岁" - no day is given to reckon the age on. Someone
    on different sides of the limit at the protection year's start and on the day of the check is
    warned about, not refused; someone over it on both days is refused as before."""
    woman = resident_id(date(1971, 6, 20), male=False)  # 54 on 2026-05-20, 55 on 2026-07-01
    older = resident_id(date(1970, 1, 1), male=False)    # 56 on both days
    rows = [["甲", "身份证", woman, None, None, None, "否"], ["乙", "身份证", older, None, None, None, "否"]]
    data = xlsx([MA_HEADER] + rows)
    result = check_roster(data, "mutual-aid", CheckOptions(today=date(2026, 5, 20)))
    assert result.age_dates == (date(2026, 5, 20), date(2026, 7, 1))
    assert {(i.row, i.code, i.severity) for i in result.issues} == {
        (2, "roster.over_age_unclear", "warning"), (3, "roster.over_age_no_social_security", "error")}
    unclear = next(i for i in result.issues if i.code == "roster.over_age_unclear")
    assert unclear.params == {"limit": 55, "first": "2026-05-20", "first_age": 54, "last": "2026-07-01",
                              "last_age": 55}
    t = BoundTranslator(get_translator(), "zh")
    assert "手册没有说年龄按哪一天算" in t.err(unclear.code, **unclear.params)
    # a date the clerk chose is the only one
    chosen = check_roster(data, "mutual-aid", CheckOptions(as_of=date(2026, 7, 1), today=date(2026, 5, 20)))
    assert {(i.row, i.code) for i in chosen.issues} == {(2, "roster.over_age_no_social_security"),
                                                        (3, "roster.over_age_no_social_security")}


def test_three_rows_with_one_number_name_each_other():
    rows = mutual_aid_rows(4)
    rows[2][2] = rows[0][2]
    rows[3][2] = rows[0][2]
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    dup = {i.row: i.params["rows"] for i in result.issues if i.code == "roster.duplicate_id"}
    assert dup == {2: "4、5", 4: "2、5", 5: "2、4"}
    t = BoundTranslator(get_translator(), "zh")
    assert t.err("roster.duplicate_id", rows="4、5", count=2, plural="other", more="none") == "证件号码与第 4、5 行重复"
    en = BoundTranslator(get_translator(), "en")
    assert en.err("roster.duplicate_id", rows="4", count=1, plural="one", more="none") == "Same document number as row 4"
    assert en.err("roster.duplicate_id", rows="4、5", count=2, plural="other", more="none") == "Same document number as rows 4、5"


def test_district_codes_valid_today_raise_no_birthplace_warning():
    """310115 (浦东新区, created 1992) on the ID of someone born in 1985 is normal: IDs carry the
    code of their issue. python-stdnum's birthplace-vs-birth-year check is not applied."""
    from stdnum.cn import ric

    def number(body):
        return body + ric.calc_check_digit(body + "0")

    pudong, nanhui = number("31011519850301001"), number("31022519750301002")  # 南汇县, abolished 2001
    with pytest.raises(Exception):
        ric.validate(pudong)  # what stdnum alone says
    rows = [["甲", "身份证", pudong, None, None, mobile(1), "是"], ["乙", "身份证", nanhui, None, None, mobile(2), "是"]]
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert result.all_issues == []


ROW_LEVEL = ("roster.", "cell.", "id.")


def test_every_row_rule_has_a_short_label_in_both_languages():
    translator = get_translator()
    file_level = {"roster.too_many_rows", "roster.phones_valid_ratio", "roster.no_data", "roster.member_type_invalid",
                  "roster.kind_mismatch"}
    missing = [(lang, code) for code in load_config().severities for lang in ("zh", "en")
               if code.startswith(ROW_LEVEL) and code not in file_level
               and not translator.has("roster-rule-" + code.replace(".", "-").replace("_", "-"), lang)]
    assert missing == []


def test_counts_by_rule_use_labels_not_chat_sentences():
    """Issue 19: "…请逐位核对后重新输入。：1 处" in the summary; the report's summary sheet the same."""
    import io

    from openpyxl import load_workbook

    from domain.roster.jobs import summary_text
    from domain.roster.report import write_report

    rows = mutual_aid_rows(4)
    good = rows[0][2]
    rows[1][2] = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows[2][5] = "1391234"
    rows[3][2] = good
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    t = BoundTranslator(get_translator(), "zh")
    text = summary_text(result, t)
    by_rule = text.split("按规则统计")[1].split("前几处问题")[0]
    assert "身份证号码校验码不对：1 处" in by_rule and "请逐位核对" not in by_rule
    assert "“手机号”不是有效的手机号：1 处" in by_rule
    assert "证件号码重复：2 处" in by_rule
    sheet = load_workbook(io.BytesIO(write_report(result, t))).worksheets[1]
    rules = [r[0] for r in sheet.iter_rows(values_only=True) if r and r[0] and " → " in str(r[0])]
    assert any(r.startswith("身份证号码校验码不对 → ") for r in rules)
    assert not any("请逐位核对后重新输入。 →" in r for r in rules)
    first = load_workbook(io.BytesIO(write_report(result, t))).worksheets[0]
    assert first["H2"].value.startswith("❌")  # the first of the duplicate pair is not "✅ 通过"


def test_a_table_that_starts_at_c3_keeps_excels_row_and_column_numbers():
    """Nothing in rows 1-2 or columns A-B: the fast reader gives such a sheet's rows from the top but its
    columns from C; the problem is still reported at the cell Excel shows (row 5, column E)."""
    import io

    from openpyxl import Workbook

    rows = mutual_aid_rows(3)
    rows[1][2] = rows[1][2][:-1] + ("1" if rows[1][2][-1] != "1" else "2")
    wb = Workbook()
    ws = wb.active
    for r, values in enumerate([MA_HEADER] + rows, start=3):
        for c, value in enumerate(values, start=3):
            ws.cell(row=r, column=c, value=value)
    buf = io.BytesIO()
    wb.save(buf)
    result = check_roster(buf.getvalue(), None, CheckOptions(as_of=AS_OF))
    assert result.kind == "mutual-aid" and result.header_row == 3
    assert [(i.row, i.column, i.code) for i in result.issues] == [(5, "E", "id.checksum")]
