"""The roster pre-check: the platform's own import rules, applied before the clerk uploads.

Pure domain code: results carry message codes and parameters (``roster.required``,
``id.checksum`` ...); every code has a fix message ``<code>_fix``. Document numbers and phone
numbers never appear in parameters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime

from domain import clock
from domain.identity import age_on, check_mobile, check_resident_id, normalize_text
from domain.roster.config import KINDS, RosterConfig, Template, load_config, norm_header
from domain.roster.reader import Book, RosterFileError, SheetRows, col_letter

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ERROR_VALUES = frozenset({"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!", "#GETTING_DATA"})
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Issue:
    code: str
    severity: str
    row: int | None = None  # spreadsheet row as Excel shows it
    column: str | None = None  # column letter
    key: str | None = None  # template column key
    params: dict = field(default_factory=dict)

    @property
    def fix(self) -> str:
        return self.code + "_fix"


@dataclass(slots=True)
class CheckOptions:
    as_of: date | None = None  # age reference date; default: start of the protection year
    member_type: str | None = None  # members: 灵活就业类 / 企业外入会类 / 关联企业类
    needs_card: bool | None = None  # members: True = they get cards (address required); None = not known
    today: date | None = None


@dataclass
class RosterResult:
    kind: str | None
    rows: int = 0
    issues: list[Issue] = field(default_factory=list)
    file_issues: list[Issue] = field(default_factory=list)
    readable: bool = True
    needs_kind: bool = False  # the header does not tell which template it is
    header_row: int | None = None
    columns: dict[str, int] = field(default_factory=dict)  # template key -> 1-based column
    sheet: SheetRows | None = None
    as_of: date | None = None
    age_dates: tuple[date, ...] = ()  # the dates ages were reckoned on (one when the clerk chose it)

    @property
    def all_issues(self) -> list[Issue]:
        return self.file_issues + self.issues

    @property
    def errors(self) -> int:
        return sum(1 for i in self.all_issues if i.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.all_issues if i.severity == "warning")

    @property
    def exit_code(self) -> int:
        if not self.readable:
            return 2
        return 1 if self.errors else 0

    def by_rule(self) -> list[tuple[str, str, int]]:
        """(code, severity, count), errors first, then by count."""
        counts = Counter((i.code, i.severity) for i in self.all_issues)
        return sorted(((c, s, n) for (c, s), n in counts.items()), key=lambda x: (x[1] != "error", -x[2], x[0]))

    def row_status(self) -> dict[int, str]:
        status: dict[int, str] = {}
        for i in self.issues:
            if i.row is None:
                continue
            if i.severity == "error" or status.get(i.row) is None:
                status[i.row] = i.severity
        return status


# --- values --------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _parse_birth(value) -> date | None | bool:
    """A date, None when empty, False when present but not YYYY-MM-DD."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE_RE.match(normalize_text(value))
    if not m:
        return False
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False


def _clean_id(value) -> str:
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub("", text).upper() if " " in text or not text.isalnum() else text.upper()


@lru_cache(maxsize=32768)
def _id_check(value: str, today: date):
    """check_resident_id, remembered: the fixed file is checked again with the same numbers."""
    return check_resident_id(value, today=today)


@lru_cache(maxsize=32768)
def _mobile_check(value: str):
    return check_mobile(value)


def forget_numbers() -> None:
    """Drop the remembered numbers (a worker process checks one clerk's file after another)."""
    _id_check.cache_clear()
    _mobile_check.cache_clear()


class _Memo(dict):
    """normalize_text for the few distinct values of a category column (type, gender, 是/否)."""

    def __missing__(self, key):
        value = self[key] = normalize_text(key)
        return value


# --- header ----------------------------------------------------------------------------------


def _header_score(template: Template, cells: list) -> int:
    seen = set()
    for v in cells:
        if v is None:
            continue
        n = norm_header(v)
        for col in template.columns:
            if col.key not in seen and col.matches(n):
                seen.add(col.key)
                break
    return len(seen)


def _find_header(sheet: SheetRows, templates: list[Template], search_rows: int) -> tuple[int, int] | None:
    """(row index 0-based, best score) of the most header-like row among the first rows."""
    best = None
    for idx, row in enumerate(sheet.rows[:search_rows]):
        score = max(_header_score(t, row) for t in templates)
        if score >= 3 and (best is None or score > best[1]):
            best = (idx, score)
    return best


def detect_kind(config: RosterConfig, header_cells: list) -> str | None:
    """The template kind the header's distinctive words point to, or None if they don't tell."""
    normalized = [norm_header(v) for v in header_cells if v is not None]
    scores = {}
    for kind, tpl in config.templates.items():
        scores[kind] = sum(1 for hint in tpl.detect if any(norm_header(hint) in n for n in normalized))
    best = max(scores.values())
    if best == 0:
        return None
    winners = [k for k, s in scores.items() if s == best]
    return winners[0] if len(winners) == 1 else None


# --- the check -----------------------------------------------------------------------------


class _Run:
    def __init__(self, config: RosterConfig, tpl: Template, result: RosterResult, options: CheckOptions):
        self.config = config
        self.tpl = tpl
        self.result = result
        self.options = options

    def file_issue(self, code: str, **params) -> None:
        self.result.file_issues.append(Issue(code, self.config.severity(code), params=params))

    def issue(self, code: str, row: int, key: str | None, severity: str | None = None, **params) -> None:
        col = self.result.columns.get(key) if key else None
        self.result.issues.append(
            Issue(code, severity or self.config.severity(code), row, col_letter(col) if col else None, key, params)
        )


def _map_header(run: _Run, header: list, header_row: int) -> None:
    tpl, result = run.tpl, run.result
    order = []
    for j, value in enumerate(header, start=1):
        if value is None or not str(value).strip():
            continue
        n = norm_header(value)
        col = next((c for c in tpl.columns if c.matches(n)), None)
        if col is None:
            run.file_issue("header.extra_column", column=col_letter(j), header=_SPACES.sub(" ", str(value)).strip()[:60])
            continue
        if col.key in result.columns:
            run.file_issue("header.duplicate_column", column=col_letter(j), header=col.aliases[0],
                           first=col_letter(result.columns[col.key]))
            continue
        result.columns[col.key] = j
        order.append(col.key)
    for col in tpl.columns:
        if col.required and col.key not in result.columns:
            run.file_issue("header.missing_column", header=col.aliases[0])
    template_order = [c.key for c in tpl.columns if c.key in result.columns]
    contiguous = sorted(result.columns.values()) == list(range(1, len(result.columns) + 1))
    extra = any(i.code == "header.extra_column" for i in result.file_issues)
    if header_row != 1 or order != template_order or not contiguous or extra:
        run.file_issue("header.layout_changed", row=header_row)


def too_large(size: int, config: RosterConfig | None = None) -> None:
    """Raise file.too_large for a file past the size cap (before downloading/reading it)."""
    limits = (config or load_config()).limits
    if size > limits.max_file_bytes:
        raise RosterFileError("file.too_large", size_mb=round(size / 1048576, 1), max_mb=round(limits.max_file_bytes / 1048576))


def unreadable(code: str, kind: str | None = None, config: RosterConfig | None = None, **params) -> RosterResult:
    """A result for a file refused before it was read (e.g. too large to download)."""
    config = config or load_config()
    return RosterResult(kind=kind, readable=False, file_issues=[Issue(code, config.severity(code), params=params)])


def check_roster(
    data: bytes,
    kind: str | None = None,
    options: CheckOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    config: RosterConfig | None = None,
    size: int | None = None,
) -> RosterResult:
    """Check one roster workbook (the bytes of an .xlsx). Never raises for bad input.

    *size* is the file's real size when the caller read only a prefix of an oversized file."""
    config = config or load_config()
    options = options or CheckOptions()
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown roster kind {kind!r}")
    result = RosterResult(kind=kind)
    try:
        too_large(size if size is not None else len(data), config)
        book = Book(data, config.limits)
        _check_book(book, config, result, options, progress)
    except RosterFileError as exc:
        result.readable = False
        result.issues.clear()
        result.file_issues = [Issue(exc.code, config.severity(exc.code), params=exc.params)]
    result.issues.sort(key=lambda i: (i.row or 0, i.column is None, len(i.column or ""), i.column or ""))
    return result


class _RowsBook:
    """Rows already in memory (the fixed file before it is written), checked like a one-sheet book."""

    def __init__(self, rows: list[list]):
        from domain.spreadsheet import SheetInfo

        self.sheets = [SheetInfo("Sheet1", False, "xl/worksheets/sheet1.xml")]
        self._rows = rows

    def read(self, index: int) -> SheetRows:
        return SheetRows("Sheet1", self._rows)


def check_rows(rows: list[list], kind: str, options: CheckOptions | None = None,
               config: RosterConfig | None = None) -> RosterResult:
    """The same check on cell values in memory (row 1 the header), as if they were a workbook."""
    config = config or load_config()
    result = RosterResult(kind=kind)
    try:
        _check_book(_RowsBook(rows), config, result, options or CheckOptions(), None)
    except RosterFileError as exc:
        result.readable = False
        result.file_issues = [Issue(exc.code, config.severity(exc.code), params=exc.params)]
    return result


def _check_book(book: Book, config: RosterConfig, result: RosterResult, options: CheckOptions, progress) -> None:
    limits = config.limits
    templates = [config.templates[result.kind]] if result.kind else list(config.templates.values())
    chosen = None
    any_content = False
    # The data sheet: the first visible sheet with a roster header; a hidden sheet (often last
    # year's list) only when no visible one has the header.
    order = [i for i, s in enumerate(book.sheets) if not s.hidden] + [i for i, s in enumerate(book.sheets) if s.hidden]
    for index in order:
        info = book.sheets[index]
        sheet = book.read(index)
        if sheet.rows:
            any_content = True
        found = _find_header(sheet, templates, limits.header_search_rows)
        if found is not None:
            chosen = (index, info, sheet, found[0])
            break
    if chosen is None:
        raise RosterFileError("file.no_header" if any_content else "file.empty")
    index, info, sheet, hidx = chosen
    header = sheet.rows[hidx]
    detected = detect_kind(config, header)
    if result.kind is None:
        if detected is None:
            result.needs_kind = True
            result.header_row = hidx + 1
            return
        result.kind = detected
    tpl = config.templates[result.kind]
    run = _Run(config, tpl, result, options)
    if detected is not None and detected != result.kind:
        run.file_issue("roster.kind_mismatch", detected=detected)
    result.sheet = sheet
    result.header_row = hidx + 1
    today = options.today or clock.today()
    result.as_of = options.as_of or config.protection_year_start(today)

    if info.hidden:
        run.file_issue("sheet.hidden", sheet=info.name)
    hidden_others = [s.name for i, s in enumerate(book.sheets) if s.hidden and i != index]
    if hidden_others:
        run.file_issue("sheet.hidden_sheets", sheets="、".join(hidden_others[:5]), count=len(hidden_others))
    if index != 0:
        run.file_issue("sheet.not_first", sheet=info.name)
    ignored = [s.name for i, s in enumerate(book.sheets) if i != index]
    if ignored:
        run.file_issue("sheet.others_ignored", sheet=info.name, others="、".join(ignored[:5]), count=len(ignored))
    _map_header(run, header, hidx + 1)
    touching = [m for m in sheet.merged if m[2] >= hidx + 1]
    if touching:
        ranges = ", ".join(f"{col_letter(c1)}{r1}:{col_letter(c2)}{r2}" for r1, c1, r2, c2 in touching[:5])
        run.file_issue("sheet.merged_cells", ranges=ranges, count=len(touching))

    member_type = options.member_type
    if tpl.member_types and member_type is not None and member_type not in tpl.member_types:
        run.file_issue("roster.member_type_invalid", value=str(member_type)[:20], allowed="/".join(tpl.member_types))
        member_type = None
    # [001] asks for the detailed work address (>= 6 characters) "如需要为会员办理工会会员服务卡":
    # for members who will get a card. Only 关联企业类 members can get one, but not every one of them
    # will: unless the clerk says they need cards (needs_card=True), a missing or short address is a
    # warning that says why.
    needs_card = bool(options.needs_card)
    card_possible = options.needs_card is None and bool(tpl.card_member_type) and member_type == tpl.card_member_type
    if tpl.address_min_chars and "address" not in result.columns:
        if needs_card:
            run.file_issue("header.missing_column", header=tpl.column("address").aliases[0])
        elif card_possible:
            run.file_issue("header.missing_address_hint", header=tpl.column("address").aliases[0],
                           min=tpl.address_min_chars)
    if member_type and member_type == tpl.flexible_member_type and "label" not in result.columns:
        run.file_issue("header.missing_column", header=tpl.column("label").aliases[0])

    _check_rows(run, sheet, hidx, today, member_type, needs_card, progress, card_possible)


def _duplicates(run: _Run, seen: dict[str, list[int]], code: str, key: str) -> None:
    """Every row of a group sharing one value gets the issue, naming the group's other rows: the
    first of a pair is as wrong as the second (which of them to keep is the clerk's choice)."""
    for rows in seen.values():
        if len(rows) < 2:
            continue
        for row in rows:
            others = [r for r in rows if r != row]
            shown = "、".join(str(r) for r in others[:5])
            # string selectors ("one"/"other", "none"/"some") match the same in every Fluent setup
            run.issue(code, row, key, rows=shown, count=len(others), plural="one" if len(others) == 1 else "other",
                      more="some" if len(others) > 5 else "none")


def _age_dates(options: CheckOptions, today: date, as_of: date) -> tuple[date, ...]:
    """The dates age is reckoned on. [002] says "女性未满55周岁、男性未满60周岁" and gives no date:
    a date the clerk chose is used alone; otherwise both the day of the check and the start of
    the protection year, and a person whose side of the limit differs between them gets a warning."""
    if options.as_of is not None:
        return (as_of,)
    return tuple(sorted({today, as_of}))


def _check_rows(run: _Run, sheet: SheetRows, hidx: int, today: date, member_type, needs_card: bool, progress,
                card_possible: bool = False) -> None:
    config, tpl, result = run.config, run.tpl, run.result
    cols = result.columns
    col_items = [(key, j - 1) for key, j in cols.items()]
    get_col = dict(col_items)
    need_width = max(cols.values(), default=0)
    memo = _Memo()
    required = [(c.key, c.aliases[0]) for c in tpl.columns if c.required and c.key in cols]
    id_doc = config.id_document
    genders = config.genders
    yes_no = config.yes_no
    flexible = set(tpl.flexible_labels) if member_type and member_type == tpl.flexible_member_type else None
    phone_sev = None if tpl.phone_invalid_is_error else "warning"
    formulas_by_row: dict[int, list[int]] = {}
    key_by_col = {j: key for key, j in cols.items()}
    for r, c in sheet.formulas:
        if r > hidx + 1 and c in key_by_col:
            formulas_by_row.setdefault(r, []).append(c)
    errors_by_row: dict[int, list[int]] = {}
    for r, c in sheet.errors:
        if r > hidx + 1 and c in key_by_col:
            errors_by_row.setdefault(r, []).append(c)

    seen_ids: dict[str, list[int]] = {}
    seen_phones: dict[str, list[int]] = {}
    phone_label = tpl.column("phone").aliases[0] if tpl.column("phone") else ""
    valid_phones = 0
    data_rows = 0
    total = len(sheet.rows) - hidx - 1
    step = max(250, total // 20) if total > 0 else 250
    as_of = result.as_of
    age_dates = result.age_dates = _age_dates(run.options, today, as_of)

    for offset, row in enumerate(sheet.rows[hidx + 1 :], start=1):
        excel_row = hidx + 1 + offset
        if progress is not None and offset % step == 0:
            progress(offset, total)
        error_cols = errors_by_row.get(excel_row, ())
        if all(v is None for v in row) and not error_cols:
            continue
        data_rows += 1
        width = len(row)

        if width < need_width:
            row = list(row) + [None] * (need_width - width)
        values = {key: _text(row[j]) for key, j in col_items}
        for c in formulas_by_row.get(excel_row, ()):
            run.issue("cell.formula", excel_row, key_by_col[c])
        bad_cells = set()
        for c in error_cols:
            run.issue("cell.error_value", excel_row, key_by_col[c])
            bad_cells.add(key_by_col[c])
        for key, text in values.items():
            if text in _ERROR_VALUES and key not in bad_cells:
                run.issue("cell.error_value", excel_row, key)
                bad_cells.add(key)
                values[key] = ""
        missing = set()
        for key, label in required:
            if not values[key] and key not in bad_cells:
                run.issue("roster.required", excel_row, key, column=label)
                missing.add(key)

        # document type and number
        id_type = memo[values.get("id_type", "")]
        is_id = id_type == id_doc
        if id_type and id_type not in tpl.id_types:
            code = "roster.id_type_invalid" if tpl.id_types_strict else "roster.id_type_unknown"
            run.issue(code, excel_row, "id_type", allowed="/".join(tpl.id_types[:4]))
        id_birth = id_gender = None
        raw_id = row[get_col["id_number"]] if "id_number" in get_col else None
        if values.get("id_number"):
            if is_id and isinstance(raw_id, float):
                run.issue("roster.id_number_as_number", excel_row, "id_number")
            else:
                seen_ids.setdefault(_clean_id(raw_id), []).append(excel_row)
                if isinstance(raw_id, str) and _SPACES.search(raw_id.strip()):
                    run.issue("roster.id_spaces", excel_row, "id_number")
                if is_id:
                    check = _id_check(raw_id if isinstance(raw_id, str) else values["id_number"], today)
                    if check.error:
                        params = dict(check.params)
                        if "value" in params:
                            params["value"] = str(params["value"])[:4] + "****"
                        run.issue(check.error, excel_row, "id_number", **params)
                    else:
                        id_birth, id_gender = check.birth_date, check.gender
                    for w in check.warnings:
                        run.issue(w, excel_row, "id_number")

        # gender and birth date
        gender_text = memo[values.get("gender", "")]
        gender = genders.get(gender_text)
        if gender_text and gender is None:
            run.issue("roster.gender_invalid", excel_row, "gender", allowed="/".join(genders))
        birth = None
        if "birth_date" in cols:
            parsed = _parse_birth(row[get_col["birth_date"]]) if "birth_date" not in bad_cells else None
            if parsed is False or (parsed and (parsed > today or parsed.year < 1900)):
                run.issue("roster.birth_date_format", excel_row, "birth_date")
            elif parsed:
                birth = parsed
        if tpl.non_id_needs_birth_and_gender and id_type in tpl.id_types and not is_id:
            if "birth_date" not in cols or (not values.get("birth_date") and "birth_date" not in bad_cells):
                run.issue("roster.birth_date_required", excel_row, "birth_date")
            if not gender_text and "gender" not in missing:
                run.issue("roster.gender_required", excel_row, "gender")
        if id_gender and gender and gender != id_gender:
            run.issue("roster.gender_mismatch", excel_row, "gender",
                      expected=next(k for k, v in genders.items() if v == id_gender))
        if id_birth and birth and birth != id_birth:
            run.issue("roster.birth_date_mismatch", excel_row, "birth_date")

        # social security (mutual aid) and the over-age rule
        ss = None
        if "social_security" in cols and values["social_security"]:
            ss = memo[values["social_security"]]
            if ss not in yes_no:
                run.issue("roster.social_security_invalid", excel_row, "social_security", allowed="/".join(yes_no))
                ss = None
        if tpl.age_limits:
            who_birth = id_birth or birth
            who_gender = id_gender or gender
            if who_birth and who_gender and who_gender in tpl.age_limits:
                limit = tpl.age_limits[who_gender]
                ages = [age_on(who_birth, d) for d in age_dates]
                key = "id_number" if id_birth else "birth_date"
                if all(a >= limit for a in ages):
                    age = age_on(who_birth, as_of)
                    if ss == yes_no[1]:
                        run.issue("roster.over_age_no_social_security", excel_row, key, age=age, limit=limit,
                                  as_of=as_of.isoformat())
                    elif ss == yes_no[0]:
                        run.issue("roster.over_age", excel_row, key, age=age, limit=limit, as_of=as_of.isoformat())
                elif any(a >= limit for a in ages) and ss in yes_no:
                    run.issue("roster.over_age_unclear", excel_row, key, limit=limit,
                              first=age_dates[0].isoformat(), first_age=ages[0],
                              last=age_dates[-1].isoformat(), last_age=ages[-1])

        # phone
        if "phone" in cols and values["phone"]:
            phone = _mobile_check(values["phone"])
            if phone.ok:
                valid_phones += 1
            else:
                # the roster's own code names the column ("phone.invalid" is the chat form's text)
                run.issue("roster." + phone.error.replace(".", "_"), excel_row, "phone", severity=phone_sev,
                          column=phone_label)
            if tpl.unique_phones:
                seen_phones.setdefault(phone.number, []).append(excel_row)

        # member import: labels and work address
        if flexible is not None and "label" in cols and "label" not in missing:
            label = memo[values["label"]]
            if label not in flexible:
                run.issue("roster.label_not_flexible", excel_row, "label", type=member_type)
        if tpl.address_min_chars and "address" in cols:
            address = _SPACES.sub("", normalize_text(values["address"]))
            short = len(address) < tpl.address_min_chars
            if not address:
                if needs_card:
                    run.issue("roster.address_missing", excel_row, "address", min=tpl.address_min_chars)
                elif card_possible:
                    run.issue("roster.address_missing_hint", excel_row, "address", min=tpl.address_min_chars)
            elif short:
                code = "roster.address_short" if needs_card else "roster.address_short_hint"
                run.issue(code, excel_row, "address", min=tpl.address_min_chars, length=len(address))

    _duplicates(run, seen_ids, "roster.duplicate_id", "id_number")
    _duplicates(run, seen_phones, "roster.duplicate_phone", "phone")
    result.rows = data_rows
    if progress is not None:
        progress(total, total)
    if data_rows == 0:
        run.file_issue("roster.no_data")
    if tpl.max_data_rows and data_rows > tpl.max_data_rows:
        run.file_issue("roster.too_many_rows", rows=data_rows, max=tpl.max_data_rows)
    if tpl.min_valid_phone_ratio is not None and data_rows and "phone" in cols:
        ratio = valid_phones / data_rows
        if ratio < tpl.min_valid_phone_ratio:
            run.file_issue("roster.phones_valid_ratio", valid=valid_phones, total=data_rows,
                           percent=int(ratio * 100), min=int(tpl.min_valid_phone_ratio * 100))
