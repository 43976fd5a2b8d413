"""The fixed file (``…-可上传.xlsx``): a checked roster rewritten so that it uploads.

What is changed (each change is a :class:`Fix` listed in the report, never silent): values
trimmed; full-width digits and letters in document numbers, phones, dates and codes turned
half-width; spaces removed and ``x`` upper-cased in document numbers; phones held as numbers or
written with spaces, dashes or +86 become 11 digits; dates in other shapes (1990/1/2, 1990.01.02,
19900102, 1990年1月2日, date cells) become the template's 1990-01-02; text a spreadsheet would take
for a formula gets a leading apostrophe. The output has the template's exact header and column
order on one sheet, text-formatted document-number, phone and date columns, no title or blank
rows, and is split into numbered parts past the template's row cap (5,000 when it gives none).

Rows that need a person (a wrong check character, duplicates, missing required values, an ID
number that Excel already rounded, …) are left out and listed with their reasons: the fixed rows
are checked again with the pre-check itself, and any row with an error there is left out, so
what is uploaded has no error the pre-check knows.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from domain.clock import parse_date
from domain.identity import check_mobile
from domain.roster.checker import CheckOptions, Issue, RosterResult, _text, check_rows
from domain.roster.config import RosterConfig, Template, load_config
from domain.roster.reader import col_letter
from domain.spreadsheet import neutralise

DEFAULT_PART_ROWS = 5000
_WS = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s\u3000]+|[\s\u3000]+$")
_PLAIN_MOBILE = re.compile(r"^1[0-9]{10}$")
_HALF_WIDTH_KEYS = ("id_number", "phone", "birth_date", "union_no", "id_type", "gender", "social_security")


@dataclass(slots=True)
class Fix:
    row: int  # row in the clerk's file
    column: str  # column letter in the clerk's file
    header: str  # the template's header of that column
    before: str
    after: str


@dataclass(slots=True)
class FixResult:
    parts: list[bytes]
    fixes: list[Fix] = field(default_factory=list)
    left_out: list[tuple[int, list[Issue]]] = field(default_factory=list)  # (row in the clerk's file, errors)
    rows_written: int = 0
    file_issues: list[Issue] = field(default_factory=list)  # file-level errors the fix cannot remove


def _half_width(text: str) -> str:
    return unicodedata.normalize("NFKC", text) if not text.isascii() else text


def _iso_date(value) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    day = parse_date(str(value))
    return day.isoformat() if day else None


def fix_value(key: str, value):
    """The cleaned cell value of template column *key* (None for an empty cell)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, (datetime, date)):
        text = _iso_date(value) if key == "birth_date" else _text(value)
    else:
        text = str(value)
    text = _EDGE.sub("", text)
    if not text:
        return None
    if key in _HALF_WIDTH_KEYS:
        text = _half_width(text)
    if key == "id_number":
        text = _WS.sub("", text).upper()
    elif key == "phone":
        compact = re.sub(r"[\s\-()]", "", text)
        if not _PLAIN_MOBILE.match(compact):  # the common case needs no parsing
            check = check_mobile(compact)
            text = check.number if check.ok else compact
        else:
            text = compact
    elif key == "birth_date":
        text = _iso_date(text) or text
    return neutralise(text)


def _options_for(result: RosterResult, options: CheckOptions | None) -> CheckOptions:
    options = options or CheckOptions()
    return CheckOptions(as_of=result.as_of if options.as_of is None else options.as_of,
                        member_type=options.member_type, needs_card=options.needs_card, today=options.today)


def fix_roster(result: RosterResult, options: CheckOptions | None = None, config: RosterConfig | None = None,
               part_rows: int | None = None, progress: Callable[[int, int], None] | None = None) -> FixResult:
    """The fixed file(s) of a readable, checked roster. ``progress(done, total)`` is called while
    the rows are written (writing is most of the time)."""
    if result.sheet is None or result.header_row is None or result.kind is None:
        raise ValueError("nothing to fix: the file was not read")
    config = config or load_config()
    tpl = config.templates[result.kind]
    cols = result.columns
    fixes: list[Fix] = []
    rows: list[tuple[int, list]] = []
    for excel_row, raw in enumerate(result.sheet.rows[result.header_row:], start=result.header_row + 1):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
            continue  # blank rows (also formatted empty rows) are dropped
        out = []
        for col in tpl.columns:
            j = cols.get(col.key)
            before = raw[j - 1] if j is not None and j - 1 < len(raw) else None
            after = fix_value(col.key, before)
            # a number or date cell is shown as Python writes it (13912345678.0): the type changes too
            shown = "" if before is None else before if isinstance(before, str) else str(before)
            if j is not None and (after or "") != shown:
                fixes.append(Fix(excel_row, col_letter(j), col.header, shown, after or ""))
            out.append(after)
        rows.append((excel_row, out))

    check_options = _options_for(result, options)
    # the pre-check itself on the fixed rows, as they will be written (no file round trip)
    candidate = check_rows([[c.header for c in tpl.columns]] + [r for _, r in rows], result.kind, check_options, config)
    bad: dict[int, list[Issue]] = {}
    for issue in candidate.issues:
        if issue.severity == "error" and issue.row is not None:
            bad.setdefault(rows[issue.row - 2][0], []).append(issue)
    kept = [r for excel_row, r in rows if excel_row not in bad]
    size = part_rows or tpl.max_data_rows or DEFAULT_PART_ROWS
    chunks = [kept[i:i + size] for i in range(0, len(kept), size)] or [[]]
    written = _Written(progress, len(kept))
    parts = [_write(tpl, chunk, written) for chunk in chunks]
    unfixable = [i for i in candidate.file_issues
                 if i.severity == "error" and i.code not in ("roster.too_many_rows", "roster.no_data")]
    left_fixes = [f for f in fixes if f.row not in bad]
    return FixResult(parts, left_fixes, sorted(bad.items()), len(kept), unfixable)


class _Written:
    """Counts rows written across the parts and reports them every PROGRESS_STEP rows."""

    def __init__(self, progress: Callable[[int, int], None] | None, total: int):
        self.progress, self.total, self.done = progress, total, 0

    def add(self, rows: int) -> None:
        self.done += rows
        if self.progress is not None:
            self.progress(self.done, self.total)


PROGRESS_STEP = 500


def _write(tpl: Template, rows: list[list], written: _Written | None = None) -> bytes:
    """One sheet: the template's header, then *rows* (strings or None). XlsxWriter in constant-memory
    mode streams each row out as it is written (inline strings, as openpyxl's write-only mode
    writes them), about 40 % faster than openpyxl for a 5,000-row roster."""
    import xlsxwriter

    out = io.BytesIO()
    # every value is written as a string: nothing becomes a number, a formula or a link
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("Sheet1")
    text = wb.add_format({"num_format": "@"})
    for j, col in enumerate(tpl.columns):
        # a Text column: what the clerk types or pastes into it later stays text
        ws.set_column(j, j, max(14, min(40, len(col.header) * 2)), text if col.text else None)
    for j, col in enumerate(tpl.columns):
        ws.write_string(0, j, col.header, text)
    write = ws.write_string
    for i, values in enumerate(rows, start=1):
        for j, value in enumerate(values):
            if value is not None:
                write(i, j, value)
        if written is not None and i % PROGRESS_STEP == 0:
            written.add(PROGRESS_STEP)
    wb.close()
    if written is not None and len(rows) % PROGRESS_STEP:
        written.add(len(rows) % PROGRESS_STEP)
    return out.getvalue()


def part_names(stem: str, count: int) -> list[str]:
    """OUT.xlsx, OUT-part2.xlsx, …"""
    return [f"{stem}.xlsx" if n == 1 else f"{stem}-part{n}.xlsx" for n in range(1, count + 1)]
