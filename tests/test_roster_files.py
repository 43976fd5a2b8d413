"""Hostile and broken files: each gets its own code, none crashes or exhausts memory."""

from __future__ import annotations

import io
import os
import tracemalloc
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from domain.roster import CheckOptions, check_roster
from domain.roster.report import write_report, write_template
from tests.roster_fixtures import (
    CONTENT_TYPES,
    MA_HEADER,
    RT_HEADER,
    mutual_aid_rows,
    ole_file,
    raw_xlsx,
    sheet_xml,
    xlsx,
    zip_bytes,
)

AS_OF = date(2025, 7, 1)


def unreadable(data, kind="mutual-aid", **kw):
    result = check_roster(data, kind, CheckOptions(as_of=AS_OF), **kw)
    assert not result.readable and result.exit_code == 2
    assert result.issues == []
    assert len(result.file_issues) == 1
    return result.file_issues[0]


def test_not_an_xlsx():
    assert unreadable(b"name,id\n").code == "file.not_xlsx"
    assert unreadable(b"").code == "file.not_xlsx"
    docx_like = zip_bytes({"[Content_Types].xml": b"<Types><Override ContentType='application/vnd.openxmlformats-"
                                                  b"officedocument.wordprocessingml.document.main+xml'/></Types>",
                           "word/document.xml": b"<w/>"})
    assert unreadable(docx_like).code == "file.not_xlsx"


def test_old_xls_and_password_protected():
    assert unreadable(ole_file(encrypted=False)).code == "file.old_xls"
    assert unreadable(ole_file(encrypted=True)).code == "file.encrypted"


def test_corrupt_files():
    good = xlsx([MA_HEADER] + mutual_aid_rows(3))
    assert unreadable(good[: len(good) // 2]).code == "file.corrupt"
    broken_sheet = raw_xlsx(b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>99</v></c>")
    assert unreadable(broken_sheet).code == "file.corrupt"
    no_workbook = zip_bytes({"[Content_Types].xml": CONTENT_TYPES})
    assert unreadable(no_workbook).code == "file.corrupt"


def test_too_large_by_size_and_by_declared_size():
    issue = unreadable(os.urandom(1024) * (11 * 1024))  # 11 MiB
    assert issue.code == "file.too_large" and issue.params["max_mb"] == 10
    issue = unreadable(b"PK\x03\x04", size=20 * 1048576)  # a 20 MB upload, judged before download
    assert issue.code == "file.too_large" and issue.params == {"size_mb": 20.0, "max_mb": 10}


def test_zip_bomb_is_refused_from_the_central_directory():
    zeros = b"\0" * (80 * 1048576)
    bomb = raw_xlsx(sheet_xml(b""), extra={"xl/sharedStrings.xml": zeros})
    assert len(bomb) < 1048576
    tracemalloc.start()
    try:
        issue = unreadable(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert issue.code == "file.zip_bomb"
    assert peak < 20 * 1048576  # nothing was inflated


def test_many_small_members_over_the_total_cap():
    members = {f"xl/media/image{i}.bin": os.urandom(1024) * 400 for i in range(100)}  # 40 MiB
    data = raw_xlsx(sheet_xml(b""), extra=members)
    issue = unreadable(data)
    assert issue.code == "file.too_much_data" and issue.params["max_mb"] == 32


def test_ten_thousand_columns():
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["*姓名"] + [f"c{i}" for i in range(9999)])
    out = io.BytesIO()
    wb.save(out)
    issue = unreadable(out.getvalue())
    assert issue.code == "file.too_many_columns" and issue.params == {"columns": 10000, "max": 64}


def test_far_away_cell_does_not_allocate_a_grid():
    body = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
            b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>y</t></is></c></row>')
    assert unreadable(raw_xlsx(sheet_xml(body))).code == "file.too_many_rows"
    body = b'<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'
    assert unreadable(raw_xlsx(sheet_xml(body))).code == "file.too_many_columns"


def test_references_in_any_quote_style_are_guarded():
    body = b"<row r='1'><c r = 'XFD1' t='inlineStr'><is><t>x</t></is></c></row>"
    assert unreadable(raw_xlsx(sheet_xml(body))).code == "file.too_many_columns"
    body = b"<row r='1'><c r='A1' t='inlineStr'><is><t>x</t></is></c><c r='A900000'><v>1</v></c></row>"
    assert unreadable(raw_xlsx(sheet_xml(body))).code == "file.too_many_rows"


def test_cells_without_references_are_bounded_too():
    body = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * 500 + b"</row>"
    issue = unreadable(raw_xlsx(sheet_xml(body)))
    assert issue.code == "file.too_many_columns" and issue.params["columns"] > 64  # stopped at the first past the cap


def test_empty_sheet_and_no_header():
    assert unreadable(xlsx([])).code == "file.empty"
    issue = unreadable(xlsx([["hello", "world"], [1, 2]]))
    assert issue.code == "file.no_header"


def test_header_without_data():
    result = check_roster(xlsx([MA_HEADER]), "mutual-aid")
    assert result.readable and result.rows == 0
    assert [i.code for i in result.file_issues] == ["roster.no_data"]
    assert result.exit_code == 1


def test_formulas_are_flagged_where_they_are():
    rows = mutual_aid_rows(3)
    rows[1][6] = '=IF(1=1,"是","否")'
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert [(i.row, i.column, i.code) for i in result.issues if i.code == "cell.formula"] == [(3, "G", "cell.formula")]
    assert result.exit_code == 1


def test_merged_cells_in_data_but_not_in_title():
    rows = mutual_aid_rows(3)

    def merge_title(wb, ws):
        ws.merge_cells("A1:G1")

    title = check_roster(xlsx([MA_HEADER] + rows, title_rows=[["名单"]], setup=merge_title), "mutual-aid",
                         CheckOptions(as_of=AS_OF))
    assert not any(i.code == "sheet.merged_cells" for i in title.file_issues)

    def merge_data(wb, ws):
        ws.merge_cells("G2:G4")

    data = check_roster(xlsx([MA_HEADER] + rows, setup=merge_data), "mutual-aid", CheckOptions(as_of=AS_OF))
    merged = [i for i in data.file_issues if i.code == "sheet.merged_cells"]
    assert len(merged) == 1 and merged[0].params == {"ranges": "G2:G4", "count": 1}
    assert {(i.row, i.code) for i in data.issues} == {(3, "roster.required"), (4, "roster.required")}


def test_hidden_sheets():
    def hidden_extra(wb, ws):
        extra = wb.create_sheet("旧数据")
        extra["A1"] = "x"
        extra.sheet_state = "hidden"

    result = check_roster(xlsx([MA_HEADER] + mutual_aid_rows(2), setup=hidden_extra), "mutual-aid",
                          CheckOptions(as_of=AS_OF))
    assert [(i.code, i.severity) for i in result.file_issues] == [("sheet.hidden_sheets", "warning"),
                                                                  ("sheet.others_ignored", "warning")]
    assert result.exit_code == 0

    def roster_hidden(wb, ws):
        wb.create_sheet("说明", 0)["A1"] = "请填写第二个工作表"
        ws.sheet_state = "hidden"

    result = check_roster(xlsx([MA_HEADER] + mutual_aid_rows(2), setup=roster_hidden), "mutual-aid",
                          CheckOptions(as_of=AS_OF))
    codes = {i.code for i in result.file_issues}
    assert {"sheet.hidden", "sheet.not_first"} <= codes
    assert result.exit_code == 0  # a warning, not a refusal (issue 15)


def test_a_hidden_stale_sheet_before_the_data_is_ignored_with_a_warning():
    """Issue 15: a workbook whose first sheet is a hidden old list was refused as a whole."""
    old_rows = mutual_aid_rows(2, start=50)
    old_rows[0][2] = "bad"

    def stale_first(wb, ws):
        old = wb.create_sheet("2023名单", 0)
        for r in [MA_HEADER] + old_rows:
            old.append(r)
        old.sheet_state = "hidden"

    result = check_roster(xlsx([MA_HEADER] + mutual_aid_rows(3), sheet_title="2026名单", setup=stale_first),
                          "mutual-aid", CheckOptions(as_of=AS_OF))
    assert result.sheet.name == "2026名单" and result.rows == 3 and result.exit_code == 0
    ignored = next(i for i in result.file_issues if i.code == "sheet.others_ignored")
    assert ignored.params == {"sheet": "2026名单", "others": "2023名单", "count": 1}
    assert {i.code for i in result.file_issues} == {"sheet.others_ignored", "sheet.hidden_sheets", "sheet.not_first"}


def test_a_space_inside_an_id_number_is_flagged():
    rows = mutual_aid_rows(2)
    rows[0][2] = rows[0][2][:6] + " " + rows[0][2][6:]
    rows[1][2] = " " + rows[1][2] + " "  # around it: trimmed, not flagged
    result = check_roster(xlsx([MA_HEADER] + rows), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert {(i.row, i.code) for i in result.issues} == {(2, "roster.id_spaces")}


def test_unknown_kind_asks():
    result = check_roster(xlsx([["姓名", "证件类型", "证件号码", "手机号"], ["a", "身份证", "1", "2"]]))
    assert result.needs_kind and result.kind is None and result.readable


def test_report_marks_faulty_cells_status_and_summary():
    rows = mutual_aid_rows(4)
    rows[1][2] = rows[1][2][:-1] + ("1" if rows[1][2][-1] != "1" else "2")   # row 3: checksum (error)
    rows[2][2] = "３１" + rows[2][2][2:]                                      # row 4: full-width (warning)

    def formula_like_text(wb, ws):  # row 5: text (not a formula) that looks like one
        ws["A5"].value = "=cmd|' /C calc'!A0"
        ws["A5"].data_type = "s"

    result = check_roster(xlsx([MA_HEADER] + rows, setup=formula_like_text), "mutual-aid", CheckOptions(as_of=AS_OF))
    assert not any(i.row == 5 for i in result.issues)
    data = write_report(result)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert ws.max_column == 8
    assert ws["H1"].value == "roster-report-status-header"
    assert ws["C3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "id.checksum" in ws["C3"].comment.text and "id.checksum_fix" in ws["C3"].comment.text
    assert ws["C4"].fill.fgColor.rgb.endswith("FFEB9C")
    assert ws["C2"].comment is None
    assert ws["H2"].value.startswith("roster-report-row-ok")
    assert ws["H3"].value.startswith("roster-report-row-errors")
    assert ws["H4"].value.startswith("roster-report-row-warnings")
    assert ws["A5"].data_type == "s" and ws["A5"].value.startswith("'=cmd")  # domain.spreadsheet.neutralise
    summary = wb.worksheets[1]
    texts = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert any(str(v).startswith("id.checksum") for v in texts)
    assert 4 in texts  # rows read


def test_report_needs_a_readable_result():
    result = check_roster(b"nope", "retiree")
    with pytest.raises(ValueError):
        write_report(result)


@pytest.mark.parametrize("kind", ["members", "mutual-aid", "retiree"])
def test_templates_round_trip(kind):
    data = write_template(kind)
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    headers = [c.value for c in ws[1]]
    from domain.roster import load_config

    assert headers == [c.header for c in load_config().templates[kind].columns]
    if kind == "retiree":
        assert headers == RT_HEADER
    result = check_roster(data)
    assert result.kind == kind
    assert [i.code for i in result.file_issues] == ["roster.no_data"]
    id_col = [c.key for c in load_config().templates[kind].columns].index("id_number") + 1
    assert ws.cell(row=2, column=id_col).number_format == "@"


def test_zip_with_encrypted_member_flag():
    data = bytearray(xlsx([MA_HEADER] + mutual_aid_rows(1)))
    # set the "encrypted" general-purpose flag of the first local header and central entries
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    offsets = [i.header_offset for i in zf.infolist()]
    cd = bytes(data).find(b"PK\x01\x02")
    pos = cd
    while pos != -1:
        data[pos + 8] |= 0x1
        pos = bytes(data).find(b"PK\x01\x02", pos + 4)
    for off in offsets:
        data[off + 6] |= 0x1
    assert unreadable(bytes(data)).code == "file.encrypted"


def test_mutated_files_never_raise():
    """Random damage to the zip or to the sheet XML: always a result, never an exception."""
    import random

    base = xlsx([MA_HEADER] + mutual_aid_rows(10), title_rows=[["名单"]], setup=lambda wb, ws: ws.merge_cells("A1:C1"))
    members = {i.filename: zipfile.ZipFile(io.BytesIO(base)).read(i.filename)
               for i in zipfile.ZipFile(io.BytesIO(base)).infolist()}
    rnd = random.Random(20261124)
    inserts = [b"<", b'"', b'<c r="ZZ9">', b'<row r="99999999">', b"<f>1</f>", b't="e"', b"<v>1e400</v>", b't="d"']
    outcomes = set()
    for n in range(150):
        if n % 2:
            data = bytearray(base)
            for _ in range(rnd.randint(1, 20)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
            data = bytes(data)
        else:
            m = dict(members)
            name = rnd.choice(list(m) + ["xl/worksheets/sheet1.xml"] * 6)
            x = bytearray(m[name])
            for _ in range(rnd.randint(1, 8)):
                pos = rnd.randrange(len(x))
                if rnd.random() < 0.5:
                    del x[pos:pos + rnd.randint(1, 30)]
                else:
                    x[pos:pos] = rnd.choice(inserts)
            m[name] = bytes(x)
            data = zip_bytes(m)
        result = check_roster(data, None if n % 3 else "mutual-aid", CheckOptions(as_of=AS_OF))
        if result.readable and result.sheet is not None:
            write_report(result)
        outcomes.add(result.readable)
    assert outcomes == {True, False}
