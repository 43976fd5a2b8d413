"""Workbooks for the roster tests, built in code (no binary fixtures)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
import time
from datetime import date
from pathlib import Path

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


# --- hostile workbooks (issue 12) ---------------------------------------------------------------


def sparse_rows_xlsx(columns: int = 64) -> bytes:
    """1.5 KB: a row numbered 1048576 whose cells have no address (a reader placing them builds a
    1,048,576 x columns grid)."""
    cells = b'<c t="inlineStr"><is><t>x</t></is></c>' * columns
    return raw_xlsx(sheet_xml(b'<row r="1">' + cells + b'</row><row r="1048576">' + cells + b"</row>"))


def lying_member_xlsx(real_bytes: int = 256 * 1048576, declared: int = 1024) -> bytes:
    """The worksheet member inflates to *real_bytes* but its headers declare *declared* bytes."""
    body = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    head = sheet_xml(body)[:-len(b"</sheetData></worksheet>")]
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    chunks = [comp.compress(head)]
    zeros = b" " * 1048576
    for _ in range(real_bytes // len(zeros)):
        chunks.append(comp.compress(zeros))
        crc = zlib.crc32(zeros, crc)
    chunks.append(comp.flush())
    deflated = b"".join(chunks)
    members = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
               "xl/_rels/workbook.xml.rels": WB_RELS}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    # append the lying member by hand: local header + data, then rebuild the central directory
    data = bytearray(out.getvalue())
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    cd_start = bytes(data).find(b"PK\x01\x02")
    central = bytes(data[cd_start:bytes(data).find(b"PK\x05\x06")])
    body_part = bytes(data[:cd_start])
    name = b"xl/worksheets/sheet1.xml"
    offset = len(body_part)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc & 0xFFFFFFFF, len(deflated), declared,
                        len(name), 0) + name
    entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc & 0xFFFFFFFF, len(deflated),
                        declared, len(name), 0, 0, 0, 0, 0, offset) + name
    count = len(zf.infolist()) + 1
    new_central = central + entry
    cd_offset = offset + len(local) + len(deflated)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(new_central), cd_offset, 0)
    return body_part + local + deflated + new_central + end


XXE_SHEET = (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
             b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             b'<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>')


def xxe_xlsx() -> bytes:
    return raw_xlsx(XXE_SHEET)


def billion_laughs_xlsx() -> bytes:
    ents = b'<!ENTITY a0 "lol">' + b"".join(
        b"<!ENTITY a%d \"%s\">" % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10))
    strings = (b'<?xml version="1.0"?><!DOCTYPE sst [' + ents + b']><sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&a9;</t></si></sst>')
    body = b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    return raw_xlsx(sheet_xml(body), extra={"xl/sharedStrings.xml": strings})


def external_link_xlsx() -> bytes:
    def setup(wb, ws):
        ws["A2"] = "='[other.xlsx]Sheet1'!A1"
    data = xlsx([MA_HEADER] + mutual_aid_rows(2), setup=setup)
    members = {i.filename: zipfile.ZipFile(io.BytesIO(data)).read(i.filename)
               for i in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    members["xl/externalLinks/externalLink1.xml"] = (
        b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<externalBook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>'
        b"</externalLink>")
    members["xl/externalLinks/_rels/externalLink1.xml.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'externalLinkPath" Target="file:///C:/secret/other.xlsx" TargetMode="External"/></Relationships>')
    return zip_bytes(members)


def zip_bomb_xlsx() -> bytes:
    return raw_xlsx(sheet_xml(b""), extra={"xl/sharedStrings.xml": b"\0" * (80 * 1048576)})


def formula_xlsx() -> bytes:
    rows = mutual_aid_rows(2)
    rows[1][6] = '=IF(1=1,"是","否")'
    return xlsx([MA_HEADER] + rows)


# --- jobs for the worker-process tests (module-level: the worker imports them by name) ----------


def hog_memory(progress, megabytes):
    blocks = []
    for _ in range(megabytes):
        blocks.append(bytearray(1048576))
    return len(blocks)


def hog_check(progress, *args):
    return hog_memory(progress, 4096)


def vm_peak(progress):
    text = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in text.splitlines() if line.startswith("VmPeak"))) // 1024


def sleep_forever(progress):
    while True:
        time.sleep(1)


def add(progress, a, b):
    progress(1, 2)
    return a + b


def raise_value_error(progress):
    raise ValueError("boom")


def slow_check(progress, flag_dir, *args):
    """The real check job, after the test says go (so the test knows the check is running)."""
    from domain.roster.jobs import check_job

    Path(flag_dir, "started").touch()
    while not Path(flag_dir, "go").exists():
        time.sleep(0.02)
    return check_job(progress, *args)




def paced(job_name, progress, *args):
    """A real roster job (``domain.roster.jobs.<job_name>``, the name bound with functools.partial)
    that pauses 0.3 s after the first progress report of each stage, so that with no edit interval
    each stage's edit has gone out before the next stage reports (the chat test sees every stage,
    however fast the machine)."""
    from domain.roster import jobs

    seen = set()

    def report(done, total, stage=None):
        progress(done, total, stage)
        if stage not in seen:
            seen.add(stage)
            time.sleep(0.3)

    return getattr(jobs, job_name)(report, *args)
