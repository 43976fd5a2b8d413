"""Spreadsheet safety, in one place: every uploaded .xlsx passes :func:`inspect_workbook` (or
:func:`guard_workbook`) before any reader opens it, and every cell we write goes through
:func:`neutralise`.

What an upload is checked for, in this order (each failure is a :class:`WorkbookError` with a
message code ``file.*``; the texts are ``err-file-*`` in ``locales/*/roster.ftl``):

1. size on disk; magic bytes (an OLE2 container is an old ``.xls`` or a password-protected
   workbook, which Office encrypts into OLE2 with an ``EncryptionInfo`` stream);
2. the zip's central directory: member count, declared sizes and their total, the expansion
   ratio of each member (zip bomb), encrypted members, compression methods (only stored and
   deflate: zipfile inflates bzip2/lzma members without an output bound);
3. every member is inflated **in chunks** with a hard cap on the bytes it produces (its declared
   size and what is left of the total): one ``ZipExtFile.read()`` call inflates up to 2 GiB
   before it truncates to the declared size, so a member that lies about its size is never read
   in one call. A member whose data does not match its declared size or CRC is ``file.corrupt``;
4. no XML part may carry a DTD (``<!DOCTYPE``/``<!ENTITY``: XXE, billion laughs), nor be in an
   encoding other than UTF-8; parts linking other workbooks (``externalLink``) are refused;
5. every worksheet is bounded *whatever its XML claims*: ``<dimension>``, row numbers
   (``<row r>``), cell addresses, cells per row and the positions implied for rows and cells
   without an address, all before any reader builds a grid. Well-formed sheets as Excel, WPS,
   LibreOffice and openpyxl write them (every ``<c r="A1"`` and ``<row r="1"`` first) are
   bounded with C-speed scans; anything else is walked exactly with expat.

The limits are data (``domain/data/spreadsheet.yaml``).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.parsers import expat

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "spreadsheet.yaml"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
CHUNK = 64 * 1024
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


class WorkbookError(Exception):
    """The file cannot be read safely. ``code`` is a message code; no personal data inside."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class WorkbookLimits:
    max_file_bytes: int
    max_uncompressed_bytes: int
    max_member_ratio: float
    ratio_min_bytes: int
    max_zip_members: int
    max_columns: int
    max_sheet_rows: int


@lru_cache(maxsize=1)
def default_limits(path: Path = DATA_FILE) -> WorkbookLimits:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)["limits"]
    return WorkbookLimits(**{k: raw[k] for k in WorkbookLimits.__dataclass_fields__})


# --- writing ----------------------------------------------------------------------------------


def neutralise(value):
    """A cell value we write: text that a spreadsheet would take for a formula (starting with
    = + - @ or a tab/line break) gets a leading apostrophe, so it stays text in Excel and WPS, in
    openpyxl and after a save as CSV. Everything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def needs_neutralising(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


# --- reading ----------------------------------------------------------------------------------


def col_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def col_index(letters: str | bytes) -> int:
    if isinstance(letters, bytes):
        letters = letters.decode("ascii")
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


@dataclass(slots=True)
class SheetInfo:
    name: str
    hidden: bool
    part: str | None  # zip member of the worksheet XML
    rows: int = 0  # highest row any cell or row element reaches
    columns: int = 0  # highest column any cell reaches
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, col), 1-based
    errors: set[tuple[int, int]] = field(default_factory=set)  # cells typed t="e" (#N/A, #REF! ...)


@dataclass(slots=True)
class WorkbookInfo:
    sheets: list[SheetInfo]


def sniff(data: bytes, limits: WorkbookLimits) -> None:
    if len(data) > limits.max_file_bytes:
        raise WorkbookError("file.too_large", size_mb=round(len(data) / 1048576, 1),
                            max_mb=round(limits.max_file_bytes / 1048576))
    if data[:8] == OLE_MAGIC:
        if _ENCRYPTION_STREAM in data:
            raise WorkbookError("file.encrypted")
        raise WorkbookError("file.old_xls")
    if data[:4] != ZIP_MAGIC:
        raise WorkbookError("file.not_xlsx")


def open_zip(data: bytes, limits: WorkbookLimits) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # noqa: BLE001 - any malformed central directory
        raise WorkbookError("file.corrupt") from None
    if len(infos) > limits.max_zip_members:
        raise WorkbookError("file.zip_bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookError("file.encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise WorkbookError("file.corrupt")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_member_ratio:
            raise WorkbookError("file.zip_bomb")
    if total > limits.max_uncompressed_bytes:
        raise WorkbookError("file.too_much_data", size_mb=round(total / 1048576),
                            max_mb=round(limits.max_uncompressed_bytes / 1048576))
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """The member's bytes, inflated CHUNK by CHUNK; never more than min(declared size, cap)."""
    limit = min(info.file_size, cap)
    parts = []
    produced = 0
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(CHUNK)
                if not chunk:
                    break
                produced += len(chunk)
                if produced > limit:
                    raise WorkbookError("file.zip_bomb")
                parts.append(chunk)
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise WorkbookError("file.corrupt") from None
    if produced != info.file_size:
        raise WorkbookError("file.corrupt")
    return b"".join(parts)


_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']""")


def _check_xml_text(name: str, data: bytes) -> None:
    """No DTD (entities: XXE, billion laughs) and UTF-8 only, in every XML part."""
    head = data[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
        raise WorkbookError("file.corrupt")  # UTF-16/32: no spreadsheet writer produces it
    if head.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    m = _XML_DECL_ENCODING.match(data.lstrip()[:200])
    if m and m[1].lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise WorkbookError("file.corrupt")
    if _DTD.search(data):
        raise WorkbookError("file.xml_entities")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(data: bytes) -> ET.Element:
    try:
        return ET.fromstring(data)  # DTDs were refused before: no entity is ever expanded
    except ET.ParseError:
        raise WorkbookError("file.corrupt") from None


def _sheets(parts: dict[str, bytes], names: set[str]) -> list[SheetInfo]:
    ctypes = parts.get("[Content_Types].xml", b"")
    if b"spreadsheetml.sheet.main+xml" not in ctypes and b"spreadsheetml.template.main+xml" not in ctypes:
        raise WorkbookError("file.not_xlsx")
    if "xl/workbook.xml" not in parts:
        raise WorkbookError("file.corrupt")
    wb = _parse(parts["xl/workbook.xml"])
    rels = _parse(parts["xl/_rels/workbook.xml.rels"]) if "xl/_rels/workbook.xml.rels" in parts else None
    targets = {}
    for rel in rels if rels is not None else ():
        if (rel.get("TargetMode") or "").lower() == "external" or (rel.get("Type") or "").endswith("/externalLink"):
            raise WorkbookError("file.external_links")
        target = rel.get("Target") or ""
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = path
    sheets = []
    for el in wb.iter():
        tag = _local(el.tag)
        if tag == "externalReference":
            raise WorkbookError("file.external_links")
        if tag != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        part = targets.get(rid)
        sheets.append(SheetInfo(el.get("name") or "", (el.get("state") or "visible") != "visible",
                                part if part in names else None))
    if not sheets:
        raise WorkbookError("file.empty")
    return sheets


def inspect_workbook(data: bytes, limits: WorkbookLimits | None = None) -> WorkbookInfo:
    """Steps 1-5 above. Returns the sheets (name, visibility, bounds, formula and error cells)."""
    limits = limits or default_limits()
    sniff(data, limits)
    zf = open_zip(data, limits)
    try:
        names = set(zf.namelist())
        if any(n.startswith("xl/externalLinks/") for n in names):
            raise WorkbookError("file.external_links")
        budget = limits.max_uncompressed_bytes
        parts: dict[str, bytes] = {}
        sheet_parts: dict[str, bytes] = {}
        for info in zf.infolist():
            if info.is_dir():
                continue
            content = read_member(zf, info, budget)
            budget -= len(content)
            name = info.filename
            if name.endswith((".xml", ".rels", ".vml")) or content.lstrip()[:1] == b"<":
                _check_xml_text(name, content)
            if name in ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                parts[name] = content
            elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                sheet_parts[name] = content
        sheets = _sheets(parts, names)
        for sheet in sheets:
            if sheet.part and sheet.part in sheet_parts:
                bound_sheet(sheet_parts[sheet.part], limits, sheet)
        return WorkbookInfo(sheets)
    finally:
        zf.close()


def guard_workbook(data: bytes, limits: WorkbookLimits | None = None) -> None:
    """For any uploaded .xlsx before another reader (openpyxl) opens it: WorkbookError when it is
    too big, not an .xlsx, encrypted, a zip bomb, lies about a member, has a DTD or external
    links, or claims more rows or columns than the limits."""
    inspect_workbook(data, limits)


# --- worksheet bounds -------------------------------------------------------------------------

_CELL_OPENS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_ROW_OPENS = (b"<row ", b"<row>", b"<row/", b"<row\t", b"<row\n", b"<row\r")
_PREFIXED = re.compile(rb"<[\w.-]+:(?:c|row|dimension)[\s/>]")
_CANON_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"')
_CANON_ROW = re.compile(rb'<row r="[0-9]{1,7}"')
# Any r attribute anywhere (also a repeated one): a wide column, a far row of a cell or a row.
_WIDE_CELL = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]{2,})[0-9]""")
_FAR_CELL = re.compile(rb"""\sr\s*=\s*["'][A-Za-z]{1,4}([0-9]{5,})["']""")
_FAR_ROW = re.compile(rb"""\sr\s*=\s*["']([0-9]{5,})["']""")
_DIMENSION = re.compile(rb"""<dimension\b[^>]*\sref\s*=\s*["']([^"']*)["']""")
_FORMULA_ANY = re.compile(rb"<f[\s/>]")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*<f[\s/>]')
_ERROR_ANY = re.compile(rb'\st="e"')
_ERROR_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?=[^>]*\st="e")')
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def _check_bounds(rows: int, cols: int, limits: WorkbookLimits) -> None:
    if cols > limits.max_columns:
        raise WorkbookError("file.too_many_columns", columns=cols, max=limits.max_columns)
    if rows > limits.max_sheet_rows:
        raise WorkbookError("file.too_many_rows", rows=rows, max=limits.max_sheet_rows)


def _dimension_end(ref: str) -> tuple[int, int] | None:
    end = ref.split(":")[-1].strip()
    m = _REF.match(end)
    if not m:
        return None
    return int(m[2]), col_index(m[1])


def bound_sheet(xml: bytes, limits: WorkbookLimits, sheet: SheetInfo) -> None:
    """Refuse a sheet whose cells would spread beyond the caps; fill ``sheet``'s bounds, formula
    and error cells."""
    n_cells = sum(xml.count(p) for p in _CELL_OPENS)
    n_rows = sum(xml.count(p) for p in _ROW_OPENS)
    canonical = (not _PREFIXED.search(xml)
                 and len(_CANON_CELL.findall(xml)) == n_cells and len(_CANON_ROW.findall(xml)) == n_rows)
    if not canonical:
        _walk_sheet(xml, limits, sheet)
        return
    for m in _DIMENSION.finditer(xml):
        end = _dimension_end(m[1].decode("ascii", "replace"))
        if end is None:
            raise WorkbookError("file.corrupt")
        _check_bounds(*end, limits)
    cols = max((col_index(c) for c in set(_WIDE_CELL.findall(xml))), default=1 if n_cells else 0)
    rows = max((int(r) for r in set(_FAR_CELL.findall(xml)) | set(_FAR_ROW.findall(xml))), default=0)
    _check_bounds(rows, cols, limits)
    if n_rows > limits.max_sheet_rows or n_cells > limits.max_sheet_rows * limits.max_columns:
        raise WorkbookError("file.too_many_rows", rows=n_rows, max=limits.max_sheet_rows)
    sheet.rows = max(rows, min(n_rows, limits.max_sheet_rows))
    sheet.columns = max(cols, 1 if n_cells else 0)
    if _FORMULA_ANY.search(xml):
        sheet.formulas = {(int(r), col_index(c)) for c, r in _FORMULA_CELL.findall(xml)}
    if _ERROR_ANY.search(xml):
        sheet.errors = {(int(r), col_index(c)) for c, r in _ERROR_CELL.findall(xml)}


def _walk_sheet(xml: bytes, limits: WorkbookLimits, sheet: SheetInfo) -> None:
    """The exact walk for sheets not written the usual way: prefixes, attributes in any order or
    quote style, character references, rows and cells without an address (whose positions follow
    the previous one, as every reader places them)."""
    state = {"row": 0, "col": 0, "cells": 0, "max_row": 0, "max_col": 0, "cell": None}
    max_rows, max_cols = limits.max_sheet_rows, limits.max_columns

    def start(name: str, attrs: dict) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if tag == "c":
            ref = attrs.get("r")
            if ref is not None:
                m = _REF.match(ref.strip())
                if not m:
                    raise WorkbookError("file.corrupt")
                row, col = int(m[2]), col_index(m[1])
            else:
                row, col = state["row"], state["col"] + 1
            state["col"] = col
            state["cells"] += 1
            if col > max_cols or state["cells"] > max_cols:
                raise WorkbookError("file.too_many_columns", columns=max(col, state["cells"]), max=max_cols)
            if row > max_rows:
                raise WorkbookError("file.too_many_rows", rows=row, max=max_rows)
            state["max_row"] = max(state["max_row"], row)
            state["max_col"] = max(state["max_col"], col)
            state["cell"] = (row, col)
            if attrs.get("t") == "e":
                sheet.errors.add((row, col))
        elif tag == "row":
            ref = attrs.get("r")
            if ref is not None:
                if not ref.strip().isdigit():
                    raise WorkbookError("file.corrupt")
                row = int(ref)
            else:
                row = state["row"] + 1
            if row > max_rows:
                raise WorkbookError("file.too_many_rows", rows=row, max=max_rows)
            state["row"], state["col"], state["cells"] = row, 0, 0
            state["max_row"] = max(state["max_row"], row)
            state["cell"] = None
        elif tag == "f":
            if state["cell"] is not None:
                sheet.formulas.add(state["cell"])
        elif tag == "dimension":
            end = _dimension_end(attrs.get("ref") or "")
            if end is None:
                raise WorkbookError("file.corrupt")
            _check_bounds(*end, limits)

    def end(name: str) -> None:
        if name.rsplit(" ", 1)[-1] == "c":
            state["cell"] = None

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end

    def refuse(*_args):
        raise WorkbookError("file.xml_entities")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(xml, True)
    except WorkbookError:
        raise
    except (expat.ExpatError, ValueError):
        raise WorkbookError("file.corrupt") from None
    sheet.rows, sheet.columns = state["max_row"], state["max_col"]
