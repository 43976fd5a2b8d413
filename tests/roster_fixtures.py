"""Workbooks for the roster tests, built in code (no binary fixtures)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from openpyxl import Workbook
from stdnum.cn import ric

from domain.identity import check_resident_id

MA_HEADER = ["*姓名", "*证件类型 (身份证、非身份证)", "*证件号码",
             "出生日期(非身份证类型为必填) 格式例如(1990-01-01)", "性别 (非身份证类型为必填)", "手机号", "*是否有社保"]
RT_HEADER = ["*姓名", "*证件类型 (身份证、非身份证)", "*证件号码",
             "出生日期(非身份证类型为必填) 格式例如(1990-01-01)", "性别 (非身份证类型为必填)", "*手机号(有效手机号需达到50%以上)"]
MB_HEADER = ["姓名*", "证件类型(身份证)*", "证件号码*", "手机号码*", "性别*", "所在工会*", "工会编号*",
             "工作单位/服务平台", "会员标签", "户籍类型", "工作单位详细地址"]


def resident_id(birth: date, male: bool, seq: int = 1, region: str = "310104") -> str:
    """A valid resident ID (check character computed) with no warnings."""
    for extra in range(0, 500):
        n = (seq + extra) % 500
        order = n * 2 + (1 if male else 0)  # 17th digit parity = gender
        body = f"{region}{birth:%Y%m%d}{order:03d}"
        number = body + ric.calc_check_digit(body + "0")
        check = check_resident_id(number, today=date(2026, 1, 1))
        if check.ok and not check.warnings:
            return number
    raise AssertionError("no clean ID found")


def id_with_x(birth: date) -> str:
    """A valid resident ID whose check character is X."""
    for order in range(0, 1000):
        body = f"310104{birth:%Y%m%d}{order:03d}"
        if ric.calc_check_digit(body + "0") == "X":
            number = body + "X"
            if not check_resident_id(number).warnings:
                return number
    raise AssertionError("no X id")


def mobile(i: int) -> str:
    return f"139{i:08d}"


def xlsx(rows: list[list], title_rows: list[list] | None = None, sheet_title: str = "Sheet1", setup=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    for r in (title_rows or []) + rows:
        ws.append(r)
    if setup is not None:
        setup(wb, ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def mutual_aid_rows(n: int, start: int = 0) -> list[list]:
    rows = []
    for i in range(start, start + n):
        birth = date(1980 + i % 20, 1 + i % 12, 1 + i % 28)
        rows.append([f"职工{i}", "身份证", resident_id(birth, male=i % 2 == 0, seq=i), None, None, mobile(i), "是"])
    return rows


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    b"</Relationships>"
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WB_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    b"</Relationships>"
)


def raw_xlsx(sheet_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal hand-written xlsx around one worksheet XML (for hostile layouts)."""
    members = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WB_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    members.update(extra or {})
    return zip_bytes(members)


def sheet_xml(body: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + body + b"</sheetData></worksheet>")


def ole_file(encrypted: bool) -> bytes:
    """The start of an OLE2 compound file; an encrypted OOXML one has an EncryptionInfo stream."""
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    name = ("EncryptionInfo" if encrypted else "Workbook").encode("utf-16-le")
    return magic + b"\x00" * 512 + name + b"\x00" * 2048
