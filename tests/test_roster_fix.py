"""The fixed file (issue 15): real clerks' defects built with openpyxl, fixed, re-opened and
checked by the pre-check itself."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from domain.roster import CheckOptions, check_roster
from domain.roster.fixer import fix_roster, fix_value, part_names
from domain.roster.report import write_report
from tests.roster_fixtures import MA_HEADER, MB_HEADER, mobile, mutual_aid_rows, resident_id, xlsx

AS_OF = date(2025, 7, 1)


def to_full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_fix_values():
    assert fix_value("id_number", " 3101 0419 9001 01123x ") == "31010419900101123X"
    assert fix_value("id_number", to_full_width("31010419900101123x")) == "31010419900101123X"
    assert fix_value("phone", 13912345678.0) == "13912345678"
    assert fix_value("phone", "+86 139-1234-5678") == "13912345678"
    assert fix_value("phone", to_full_width("13912345678")) == "13912345678"
    assert [fix_value("birth_date", v) for v in ("1990/1/2", "1990.01.02", "19900102", "1990年1月2日",
                                                  datetime(1990, 1, 2), "1990-13-01")] == [
        "1990-01-02", "1990-01-02", "1990-01-02", "1990-01-02", "1990-01-02", "1990-13-01"]
    assert fix_value("name", "\u3000张三 ") == "张三"
    assert fix_value("name", "=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert fix_value("name", "   ") is None
    assert part_names("out", 3) == ["out.xlsx", "out-part2.xlsx", "out-part3.xlsx"]


def real_file() -> tuple[bytes, list]:
    rows = mutual_aid_rows(8)
    # shuffle the columns: phone first, the rest in the template's order
    order = [5, 0, 1, 2, 3, 4, 6]
    header = [MA_HEADER[i] for i in order]
    header[0] = " 手机号 "  # spaces around a header
    header[3] = "*证件号码（必填）"  # full-width brackets
    rows[0][2] = " " + rows[0][2][:6] + " " + rows[0][2][6:]  # spaces in an ID
    rows[1][2] = to_full_width(rows[1][2])  # full-width digits
    rows[2][5] = float(rows[2][5])  # a phone as a number
    rows[3] = ["Anna", "非身份证", "P123", "1990/1/2", "女", None, "是"]  # a date in another shape
    good = rows[4][2]
    rows[4][2] = good[:-1] + ("0" if good[-1] != "0" else "1")  # wrong check character: needs a person
    rows[5][2] = rows[6][2]  # duplicates: both need a person
    body = [[r[i] for i in order] for r in rows]
    body.insert(3, [None] * 7)  # a blank row inside
    return xlsx([header] + body, title_rows=[["2026年度互助保障参保名单"], []]), rows


def test_a_real_file_is_fixed_and_the_fixed_file_checks_clean():
    data, rows = real_file()
    result = check_roster(data, "mutual-aid", CheckOptions(as_of=AS_OF))
    assert result.readable and result.errors
    fixed = fix_roster(result, CheckOptions(as_of=AS_OF))
    assert len(fixed.parts) == 1 and fixed.rows_written == 5
    # the rows that need a person: wrong check character (Excel row 9) and the duplicate pair
    assert [(row, sorted(i.code for i in issues)) for row, issues in fixed.left_out] == [
        (9, ["id.checksum"]), (10, ["roster.duplicate_id"]), (11, ["roster.duplicate_id"])]
    again = check_roster(fixed.parts[0], "mutual-aid", CheckOptions(as_of=AS_OF))
    assert again.errors == 0 and again.rows == 5
    assert [i.code for i in again.file_issues] == []  # the template's header, order, first row
    ws = load_workbook(io.BytesIO(fixed.parts[0])).worksheets[0]
    assert [c.value for c in ws[1]] == MA_HEADER
    assert ws["C2"].value == rows[0][2].replace(" ", "")
    assert [ws.column_dimensions[c].number_format for c in "CDF"] == ["@", "@", "@"]  # text columns
    assert ws["C3"].value == mutual_aid_rows(8)[1][2]  # half-width again
    assert ws["F4"].value == mobile(2) and ws["F4"].data_type == "s"
    assert ws["D5"].value == "1990-01-02"
    changes = {(f.row, f.header): (f.before, f.after) for f in fixed.fixes}
    assert changes[(4, "*证件号码")] == (rows[0][2], rows[0][2].replace(" ", ""))
    assert changes[(6, "手机号")] == (mobile(2) + ".0", mobile(2))  # a number cell became text
    assert changes[(8, "出生日期(非身份证类型为必填) 格式例如(1990-01-01)")] == ("1990/1/2", "1990-01-02")
    assert all(f.row not in (9, 10, 11) for f in fixed.fixes)
    report = load_workbook(io.BytesIO(write_report(result, fixed=fixed)))
    assert [ws.title for ws in report.worksheets][2:] == ["roster-report-left-out-sheet", "roster-report-fixes-sheet"]
    left = list(report.worksheets[2].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in left] == [9, 10, 11] and "id.checksum" in left[0][1]
    listed = list(report.worksheets[3].iter_rows(min_row=2, values_only=True))
    assert len(listed) == len(fixed.fixes) and listed[0][:3] == (4, "D", "*证件号码")


def test_a_numeric_id_that_lost_digits_is_left_out_even_if_it_passes():
    rows = mutual_aid_rows(2)
    rows[0][2] = float(rows[0][2][:15] + "000")  # as Excel keeps it: 15 significant digits
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert {(i.row, i.code) for i in result.issues} == {(2, "roster.id_number_as_number")}
    fixed = fix_roster(result, CheckOptions(as_of=AS_OF))
    assert fixed.rows_written == 1 and [r for r, _ in fixed.left_out] == [2]


def test_large_files_are_split_into_parts():
    result = check_roster(xlsx([MA_HEADER] + mutual_aid_rows(12)), "mutual-aid", CheckOptions(as_of=AS_OF))
    fixed = fix_roster(result, CheckOptions(as_of=AS_OF), part_rows=5)
    assert [check_roster(p, "mutual-aid", CheckOptions(as_of=AS_OF)).rows for p in fixed.parts] == [5, 5, 2]


def test_member_import_is_fixed_with_its_member_type():
    row = ["会员甲", "身份证", resident_id(date(1990, 1, 1), True), float(mobile(1)), "男", "某工会", "G1", "",
           "快递物流", "", "上海市黄浦区人民大道200号"]
    options = CheckOptions(member_type="灵活就业类")
    result = check_roster(xlsx([MB_HEADER, row]), "members", options)
    fixed = fix_roster(result, options)
    assert fixed.rows_written == 1
    assert check_roster(fixed.parts[0], "members", options).errors == 0
