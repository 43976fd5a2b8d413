"""Opening an uploaded roster workbook safely.

Every check of :mod:`domain.spreadsheet` runs first (size, magic bytes, zip directory, every
member inflated with a cap, no DTD, no external links, sheet bounds whatever the XML claims);
only then the fast reader (python-calamine, Rust) loads the one sheet that is checked. Failures
are :class:`RosterFileError` (the same class as ``WorkbookError``) with a ``file.*`` code.

Formula cells and error cells are reported by position; hidden sheets are visible in
:attr:`Book.sheets`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from domain.roster.config import Limits
from domain.spreadsheet import WorkbookError, col_index, col_letter, inspect_workbook

RosterFileError = WorkbookError

__all__ = ["Book", "RosterFileError", "SheetRows", "col_index", "col_letter", "open_book"]


@dataclass(slots=True)
class SheetRows:
    """Cell values of one sheet. ``rows[i]`` is Excel row ``i + 1``; ``rows[i][j]`` column ``j + 1``.
    Empty cells are None; trailing empty rows are dropped."""

    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row1, col1, row2, col2), 1-based
    formulas: set[tuple[int, int]] = field(default_factory=set)  # (row, col), 1-based
    errors: set[tuple[int, int]] = field(default_factory=set)  # cells holding #N/A, #REF! ...
    hidden: bool = False

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


class Book:
    """A workbook that passed every guard. Sheets are loaded on demand."""

    def __init__(self, data: bytes, limits: Limits):
        self.limits = limits
        self.sheets = inspect_workbook(data, limits).sheets
        try:
            import python_calamine

            self._cal = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - any parser failure on hostile input means "corrupt"
            raise RosterFileError("file.corrupt") from None

    def read(self, index: int) -> SheetRows:
        info = self.sheets[index]
        if info.part is None:
            return SheetRows(info.name, [], hidden=info.hidden)
        try:
            sheet = self._cal.get_sheet_by_index(index)
            end_row, end_col = sheet.end or (0, 0)
            if end_row + 1 > self.limits.max_sheet_rows or end_col + 1 > self.limits.max_columns:
                # never reached after the guards; a last line should a reader place cells elsewhere
                raise RosterFileError("file.too_many_rows", rows=end_row + 1, max=self.limits.max_sheet_rows)
            raw_rows = list(sheet.iter_rows())
            # python-calamine gives the rows from the top of the sheet but the columns from the first one
            # used (0.9: a table at C3 comes as two empty rows, then rows starting at column C): pad what
            # is missing so that row and column numbers stay Excel's, whichever way a version does it
            lead_rows = max(end_row + 1 - len(raw_rows), 0) if sheet.start else 0
            lead_cols = max(end_col + 1 - len(raw_rows[0]), 0) if sheet.start and raw_rows else 0
            rows: list[list] = [[] for _ in range(lead_rows)]
            pad = [None] * lead_cols
            for raw in raw_rows:
                rows.append(pad + [None if v == "" else v for v in raw])
            merged = [(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in (getattr(sheet, "merged_cell_ranges", None) or [])]
        except RosterFileError:
            raise
        except Exception:  # noqa: BLE001
            raise RosterFileError("file.corrupt") from None
        while rows and all(v is None for v in rows[-1]):
            rows.pop()
        return SheetRows(info.name, rows, merged, info.formulas, info.errors, info.hidden)


def open_book(data: bytes, limits: Limits) -> Book:
    return Book(data, limits)
