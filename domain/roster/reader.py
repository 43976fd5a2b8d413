"""Opening an uploaded workbook safely.

Order of defence (each failure is a :class:`RosterFileError` with a message code):

1. size on disk; magic bytes (an OLE2 container is an old ``.xls`` or a password-protected
   workbook, which Office encrypts into OLE2 with an ``EncryptionInfo`` stream);
2. the zip's central directory *before* any XML is parsed: member count, declared sizes, the
   expansion ratio of each member (zip bomb), encrypted members; ``zipfile`` never inflates a
   member past its declared size, so the declared sizes bound the work that follows;
3. a byte-level scan of every worksheet part for cell references beyond the column/row caps
   (a ten-thousand-column sheet, a cell at XFD1048576) so that no reader allocates a huge grid;
4. only then the fast reader (python-calamine, Rust) loads the one sheet that is checked.

Formula cells and merged ranges are reported by position; hidden sheets are visible in
:attr:`Book.sheets`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from domain.roster.config import Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")

# Cell references in either quote style, with optional spaces around "=" (all valid XML).
_MULTI_LETTER_COL = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]{2,})[0-9]""")
_BIG_ROW_CELL = re.compile(rb"""\sr\s*=\s*["'][A-Za-z]{1,4}([0-9]{5,})["']""")
_CELL_WITHOUT_REF = re.compile(rb"""<(?:[A-Za-z][\w.-]*:)?c(?=[\s/>])(?![^>]*\sr\s*=\s*["'][A-Za-z])""")
_ROW_OPEN = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?row(?=[\s/>])")
_CELL_OPEN = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?c(?=[\s/>])")
_FORMULA_ANY = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?f(?=[\s/>])")
_ERROR_ANY = re.compile(rb'\st="e"')
_ERROR_CELL = re.compile(rb'<(?:[A-Za-z][\w.-]*:)?c\s(?=[^>]*\st="e")[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_FORMULA_CELL = re.compile(
    rb'<(?:[A-Za-z][\w.-]*:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*<(?:[A-Za-z][\w.-]*:)?f(?=[\s/>])'
)


class RosterFileError(Exception):
    """The file cannot be read as a roster. ``code`` is a message code; no personal data inside."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


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
    letters = letters.upper()
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


@dataclass(slots=True)
class SheetInfo:
    name: str
    hidden: bool
    part: str | None  # zip member of the worksheet XML


@dataclass(slots=True)
class SheetRows:
    """Cell values of one sheet. ``rows[i]`` is Excel row ``i + 1``; ``rows[i][j]`` column ``j + 1``.
    Empty cells are None; trailing empty rows are dropped."""

    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2), 1-based
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, col), 1-based
    errors: set[tuple[int, int]] = field(default_factory=set)  # cells holding #N/A, #REF! ...

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _sniff(data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_file_bytes:
        raise RosterFileError("file.too_large", size_mb=round(len(data) / 1048576, 1), max_mb=round(limits.max_file_bytes / 1048576))
    if data[:8] == OLE_MAGIC:
        if _ENCRYPTION_STREAM in data:
            raise RosterFileError("file.encrypted")
        raise RosterFileError("file.old_xls")
    if data[:4] != ZIP_MAGIC:
        raise RosterFileError("file.not_xlsx")


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # noqa: BLE001 - any malformed central directory
        raise RosterFileError("file.corrupt") from None
    if len(infos) > limits.max_zip_members:
        raise RosterFileError("file.zip_bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise RosterFileError("file.encrypted")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_member_ratio:
            raise RosterFileError("file.zip_bomb")
    if total > limits.max_uncompressed_bytes:
        raise RosterFileError("file.too_much_data", size_mb=round(total / 1048576),
                              max_mb=round(limits.max_uncompressed_bytes / 1048576))
    return zf


def guard_workbook(data: bytes, limits: Limits | None = None) -> None:
    """Steps 1 and 2 above for any uploaded .xlsx before another reader opens it (the deadline
    calendar, the outlet catalogue): RosterFileError when it is too big, not an .xlsx, encrypted or
    a zip bomb."""
    if limits is None:
        from domain.roster.config import load_config

        limits = load_config().limits
    _sniff(data, limits)
    _open_zip(data, limits).close()


def _read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except Exception:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, unsupported method...
        raise RosterFileError("file.corrupt") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(zf: zipfile.ZipFile) -> list[SheetInfo]:
    """Sheets in workbook order with their visibility and XML part."""
    names = set(zf.namelist())
    ctypes = _read_member(zf, "[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if b"spreadsheetml.sheet.main+xml" not in ctypes and b"spreadsheetml.template.main+xml" not in ctypes:
        raise RosterFileError("file.not_xlsx")
    wb_part = "xl/workbook.xml"
    if wb_part not in names:
        raise RosterFileError("file.corrupt")
    try:
        wb = ET.fromstring(_read_member(zf, wb_part))
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = ET.fromstring(_read_member(zf, rels_name)) if rels_name in names else None
    except ET.ParseError:
        raise RosterFileError("file.corrupt") from None
    targets = {}
    if rels is not None:
        for rel in rels:
            target = rel.get("Target") or ""
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = path
    sheets = []
    for el in wb.iter():
        if _local(el.tag) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
        state = el.get("state") or "visible"
        sheets.append(SheetInfo(el.get("name") or "", state != "visible", targets.get(rid)))
    if not sheets:
        raise RosterFileError("file.empty")
    return sheets


def _guard_sheet_xml(xml: bytes, limits: Limits) -> None:
    """Refuse a sheet whose cells would spread beyond the caps, before any reader builds a grid."""
    max_col = max((col_index(m) for m in set(_MULTI_LETTER_COL.findall(xml))), default=1)
    if max_col > limits.max_columns:
        raise RosterFileError("file.too_many_columns", columns=max_col, max=limits.max_columns)
    max_row = max((int(m) for m in set(_BIG_ROW_CELL.findall(xml))), default=0)
    if max_row > limits.max_sheet_rows:
        raise RosterFileError("file.too_many_rows", rows=max_row, max=limits.max_sheet_rows)
    if _CELL_WITHOUT_REF.search(xml):
        # Positions are implied by order: bound them by counting elements.
        rows = _ROW_OPEN.split(xml)
        if len(rows) - 1 > limits.max_sheet_rows:
            raise RosterFileError("file.too_many_rows", rows=len(rows) - 1, max=limits.max_sheet_rows)
        widest = max((len(_CELL_OPEN.findall(chunk)) for chunk in rows[1:]), default=0)
        if widest > limits.max_columns:
            raise RosterFileError("file.too_many_columns", columns=widest, max=limits.max_columns)


class Book:
    """A workbook that passed the container checks. Sheets are loaded on demand."""

    def __init__(self, data: bytes, limits: Limits):
        _sniff(data, limits)
        self.limits = limits
        self._zf = _open_zip(data, limits)
        self.sheets = _sheet_parts(self._zf)
        self._xml: dict[str, bytes] = {}
        for info in self.sheets:
            if info.part and info.part in self._zf.NameToInfo:
                xml = _read_member(self._zf, info.part)
                _guard_sheet_xml(xml, limits)
                self._xml[info.part] = xml
        try:
            import python_calamine

            self._cal = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - any parser failure on hostile input means "corrupt"
            raise RosterFileError("file.corrupt") from None

    def read(self, index: int) -> SheetRows:
        info = self.sheets[index]
        try:
            sheet = self._cal.get_sheet_by_index(index)
            start_row, start_col = sheet.start or (0, 0)
            rows: list[list] = [[] for _ in range(start_row)]
            pad = [None] * start_col
            for raw in sheet.iter_rows():
                rows.append(pad + [None if v == "" else v for v in raw])
            merged = [(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in (getattr(sheet, "merged_cell_ranges", None) or [])]
        except RosterFileError:
            raise
        except Exception:  # noqa: BLE001
            raise RosterFileError("file.corrupt") from None
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        formulas: set[tuple[int, int]] = set()
        xml = self._xml.get(info.part or "")
        if xml and _FORMULA_ANY.search(xml):
            formulas = {(int(r), col_index(c)) for c, r in _FORMULA_CELL.findall(xml)}
        errors: set[tuple[int, int]] = set()
        if xml and _ERROR_ANY.search(xml):
            errors = {(int(r), col_index(c)) for c, r in _ERROR_CELL.findall(xml)}
        return SheetRows(info.name, rows, merged, formulas, errors)


def open_book(data: bytes, limits: Limits) -> Book:
    return Book(data, limits)
