"""``unionbot roster check|template``: JSON shape and exit statuses 0/1/2."""

from __future__ import annotations

import argparse
import json
from datetime import date

from openpyxl import load_workbook

from bot.dev import cli_roster
from tests.roster_fixtures import MA_HEADER, mutual_aid_rows, ole_file, xlsx


def run(argv, capsys):
    parser = argparse.ArgumentParser(prog="unionbot")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_roster.register(sub)
    args = parser.parse_args(argv)
    code = args.func(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_clean_file_exit_0_and_json_shape(tmp_path, capsys):
    path = tmp_path / "clean.xlsx"
    path.write_bytes(xlsx([MA_HEADER] + mutual_aid_rows(3)))
    code, out, _ = run(["roster", "check", str(path), "--kind", "mutual-aid", "--json", "--as-of", "2025-07-01"], capsys)
    assert code == 0
    assert json.loads(out) == {"kind": "mutual-aid", "rows": 3, "issues": [], "file_issues": [], "fixes": [],
                               "left_out": []}


def test_errors_exit_1_with_rows_as_excel_shows_them(tmp_path, capsys):
    rows = mutual_aid_rows(3)
    rows[2][6] = "不知道"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx([MA_HEADER] + rows, title_rows=[["某单位参保名单"]]))
    report = tmp_path / "out.xlsx"
    code, out, _ = run(["roster", "check", str(path), "--kind", "mutual-aid", "--json", "--report", str(report),
                        "--as-of", "2025-07-01", "--lang", "en"], capsys)
    assert code == 1
    payload = json.loads(out)
    assert set(payload) == {"kind", "rows", "issues", "file_issues", "fixes", "left_out"}
    assert payload["issues"] == [{
        "row": 5, "column": "G", "code": "roster.social_security_invalid", "severity": "error",
        "message": '"是否有社保" must be 是 or 否 → Use: 是/否.',
    }]
    assert [i["code"] for i in payload["file_issues"]] == ["header.layout_changed"]
    assert set(payload["file_issues"][0]) == {"code", "severity", "message"}
    wb = load_workbook(report)
    assert wb.worksheets[0]["G5"].comment is not None
    assert wb.worksheets[1].title == "Summary"


def test_unreadable_exit_2(tmp_path, capsys):
    path = tmp_path / "old.xls"
    path.write_bytes(ole_file(encrypted=False))
    code, out, _ = run(["roster", "check", str(path), "--kind", "retiree", "--json"], capsys)
    assert code == 2
    payload = json.loads(out)
    assert payload["file_issues"][0]["code"] == "file.old_xls"
    assert "xlsx" in payload["file_issues"][0]["message"]
    code, _, err = run(["roster", "check", str(tmp_path / "missing.xlsx"), "--kind", "retiree"], capsys)
    assert code == 2 and "cannot open" in err


def test_oversized_file_is_not_read_whole(tmp_path, capsys):
    path = tmp_path / "big.xlsx"
    with path.open("wb") as fh:
        fh.truncate(20 * 1048576)
    code, out, _ = run(["roster", "check", str(path), "--kind", "members", "--json"], capsys)
    assert code == 2
    issue = json.loads(out)["file_issues"][0]
    assert issue["code"] == "file.too_large" and "20 MB" in issue["message"]


def test_text_output_and_template(tmp_path, capsys):
    out_path = tmp_path / "t.xlsx"
    code, out, _ = run(["roster", "template", "--kind", "retiree", str(out_path)], capsys)
    assert code == 0 and out_path.exists()
    code, out, _ = run(["roster", "check", str(out_path)], capsys)
    assert code == 1  # the template has no data yet
    assert "roster.no_data" in out


def test_bad_as_of_is_rejected(tmp_path, capsys):
    import pytest

    with pytest.raises(SystemExit):
        run(["roster", "check", "x.xlsx", "--as-of", "2025/07/01"], capsys)


def test_main_cli_lists_roster(tmp_path, capsys):
    from bot.dev.cli import main

    path = tmp_path / "clean.xlsx"
    path.write_bytes(xlsx([MA_HEADER] + mutual_aid_rows(2)))
    assert main(["roster", "check", str(path), "--kind", "mutual-aid", "--as-of", str(date(2025, 7, 1))]) == 0
    assert "rows=2 errors=0" in capsys.readouterr().out


def test_fix_writes_parts_prints_changes_and_left_out_rows(tmp_path, capsys):
    from domain.roster import CheckOptions, check_roster

    rows = mutual_aid_rows(4)
    rows[0][2] = " " + rows[0][2] + " "  # trimmed: a change
    rows[1][6] = "不知道"                 # needs a person: left out
    path = tmp_path / "in.xlsx"
    path.write_bytes(xlsx([MA_HEADER] + rows, title_rows=[["某单位参保名单"]]))
    out_path = tmp_path / "out.xlsx"
    code, out, _ = run(["roster", "fix", str(path), str(out_path), "--kind", "mutual-aid", "--as-of", "2025-07-01"],
                       capsys)
    assert code == 0
    assert "3 rows written" in out and "changes: 1" in out and "rows left out (they need a person): 1" in out
    assert "row 4 G [roster.social_security_invalid]" in out
    again = check_roster(out_path.read_bytes(), "mutual-aid", CheckOptions(as_of=date(2025, 7, 1)))
    assert again.rows == 3 and again.errors == 0
    code, out, _ = run(["roster", "check", str(path), "--kind", "mutual-aid", "--json", "--as-of", "2025-07-01"],
                       capsys)
    doc = json.loads(out)
    assert doc["fixes"] == [{"row": 3, "column": "C", "before": rows[0][2], "after": rows[0][2].strip()}]
    assert doc["left_out"] == [{"row": 4, "codes": ["roster.social_security_invalid"]}]


def test_fix_exit_2_when_the_input_cannot_be_read(tmp_path, capsys):
    path = tmp_path / "old.xls"
    path.write_bytes(ole_file(encrypted=False))
    code, _, err = run(["roster", "fix", str(path), str(tmp_path / "o.xlsx"), "--kind", "mutual-aid"], capsys)
    assert code == 2 and ".xls" in err and not (tmp_path / "o.xlsx").exists()
    code, _, err = run(["roster", "fix", str(tmp_path / "missing.xlsx"), str(tmp_path / "o.xlsx")], capsys)
    assert code == 2


def test_convert_members_to_mutual_aid(tmp_path, capsys):
    from openpyxl import load_workbook

    from domain.roster import CheckOptions, check_roster
    from tests.roster_fixtures import MB_HEADER, mobile, resident_id

    woman = resident_id(date(1990, 5, 6), male=False)
    rows = [["会员甲", "身份证", woman, mobile(1), "女", "某工会", "G1", "", "", "", "上海市黄浦区人民大道200号"],
            ["Anna", "护照", "E1234567", mobile(2), "女", "某工会", "G1", "", "", "", ""]]
    path = tmp_path / "members.xlsx"
    path.write_bytes(xlsx([MB_HEADER] + rows))
    out = tmp_path / "ma.xlsx"
    code, text, _ = run(["roster", "convert", str(path), "--from", "members", "--to", "mutual-aid", str(out)], capsys)
    assert code == 0 and "2 rows" in text
    assert "left empty for you to fill in: *是否有社保" in text
    ws = load_workbook(out).worksheets[0]
    assert [c.value for c in ws[1]] == MA_HEADER
    assert [c.value for c in ws[2]] == ["会员甲", "身份证", woman, "1990-05-06", "女", mobile(1), None]
    assert [c.value for c in ws[3]][:3] == ["Anna", "非身份证", "E1234567"]  # the template's own document type
    result = check_roster(out.read_bytes(), "mutual-aid", CheckOptions(as_of=date(2025, 7, 1)))
    # what is left is exactly what nobody can derive: 是否有社保, and Anna's birth date
    assert {(i.row, i.code) for i in result.issues} == {(2, "roster.required"), (3, "roster.required"),
                                                        (3, "roster.birth_date_required")}
    code, _, _ = run(["roster", "convert", str(tmp_path / "nope.xlsx"), "--from", "members", "--to", "retiree",
                      str(out)], capsys)
    assert code == 2
