"""Deadline calendar: data per protection year (``domain/data/calendar/<year>.yaml``), validated.

A file is rejected whole when any entry is wrong, with the line number of every problem, so an
admin loading next year's calendar never gets half of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

from domain import clock
from domain.calendar.workdays import NO_FILES, WorkdayData

DATA = Path(__file__).resolve().parents[1] / "data" / "calendar"
TZ = clock.TZ  # the platform's zone (settings TIMEZONE)
PROGRAMS = ("member_protection", "ss_card", "mutual_aid", "retiree", "member_card")
AUDIENCES = ("grassroots", "district", "unit", "retiree_unit", "member")
# what a clerk can record in /events; the calendar's rules say what follows from each
EVENTS = ("status_fetched", "code_applied", "name_change_applied", "roster_submitted", "attachments_uploaded",
          "deduction_applied", "voucher_uploaded")  # roughly the order a unit meets them
KINDS = ("deadline", "opens")  # a cut-off, or a moment something becomes possible (a window opens)
_ID = re.compile(r"[A-Za-z0-9_.-]{1,40}")  # ids go into delivery-log keys and Telegram button data


@dataclass(frozen=True)
class Deadline:
    id: str
    program: str
    protection_year: int
    title: dict
    due: datetime  # aware, Asia/Shanghai
    audience: tuple[str, ...]
    missed: dict
    source: str
    starts: datetime | None = None
    note: dict = field(default_factory=dict)
    kind: str = "deadline"
    unit_id: int | None = None  # a per-unit deadline (from a recorded event), else None
    carried_from: int | None = None  # estimated: this year's date moved on, no calendar of its own loaded

    def text(self, key: str, lang: str) -> str:
        value = getattr(self, key) or {}
        return value.get(lang) or value.get("zh") or ""


@dataclass(frozen=True)
class Rule:
    """A deadline relative to an event a unit records (e.g. pay within 15 days of the roster)."""

    id: str
    program: str
    protection_year: int
    after_event: str
    days: int
    title: dict
    audience: tuple[str, ...]
    missed: dict
    source: str
    note: dict = field(default_factory=dict)
    working_days: bool = False  # count mainland working days (holidays and in-lieu weekends, see workdays)
    kind: str = "deadline"

    def due_after(self, event_at: datetime, workdays: WorkdayData = NO_FILES) -> datetime:
        return self.due_and_known(event_at, workdays)[0]

    def due_and_known(self, event_at: datetime, workdays: WorkdayData = NO_FILES) -> tuple[datetime, bool]:
        """The due moment, and whether the holiday schedule of every day counted was known (calendar-day
        rules always are). A deadline ends at 23:59 of its last day; something that opens does so at
        09:00 of its day."""
        moment = event_at.astimezone(TZ)
        known = True
        if self.working_days:
            day, known = workdays.add_working_days(moment.date(), self.days)
            moment = moment.replace(year=day.year, month=day.month, day=day.day)
        else:
            moment += timedelta(days=self.days)
        if self.kind == "opens":
            return moment.replace(hour=9, minute=0, second=0, microsecond=0), known
        return moment.replace(hour=23, minute=59, second=0, microsecond=0), known


class CalendarError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _time(value, line: int, problems: list[str], name: str) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=TZ) if value.tzinfo is None else value
    try:
        return datetime.strptime(str(value).strip(), "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
    except ValueError:
        problems.append(f"line {line}: {name} must be YYYY-MM-DD HH:MM, not {value!r}")
        return None


def _texts(value, line: int, problems: list[str], name: str) -> dict:
    if not isinstance(value, dict) or not value.get("zh") or not value.get("en"):
        problems.append(f"line {line}: {name} needs zh and en texts")
        return {}
    return {"zh": str(value["zh"]), "en": str(value["en"])}


@dataclass(frozen=True)
class CalendarFile:
    year: int
    deadlines: list[Deadline]
    rules: list[Rule]
    workdays: WorkdayData = NO_FILES  # optional days_off / working_weekends lists of the file


def parse_calendar(text: str) -> tuple[list[Deadline], list[Rule]]:
    """Parse one year's calendar; raise CalendarError listing every problem with its line."""
    parsed = read_calendar(text)
    return parsed.deadlines, parsed.rules


def _day_list(data: dict, nodes: dict, key: str, problems: list[str]) -> dict[date, int]:
    """An optional list of dates (YYYY-MM-DD): {day: its line}, each problem on the line of its item."""
    items = data.get(key)
    if items is None:
        return {}
    node = nodes.get(key)
    if not isinstance(items, list):
        problems.append(f"line {node.start_mark.line + 1}: {key} must be a list of dates (YYYY-MM-DD)")
        return {}
    days: dict[date, int] = {}
    for item, item_node in zip(items, node.value):
        line = item_node.start_mark.line + 1
        if isinstance(item, datetime) or not isinstance(item, date):
            problems.append(f"line {line}: {key} must be dates written YYYY-MM-DD, not {item!r}")
        elif key == "working_weekends" and item.weekday() < 5:
            problems.append(f"line {line}: {item} is not a Saturday or Sunday")
        else:
            days[item] = line
    return days


def read_calendar(text: str) -> CalendarFile:
    """Parse one year's calendar file; raise CalendarError listing every problem with its line."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CalendarError([f"line {mark.line + 1 if mark else '?'}: not valid YAML"]) from None
    data = yaml.safe_load(text)
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("protection_year"), int):
        raise CalendarError(["line 1: the file needs protection_year: YYYY and a deadlines list"])
    year = data["protection_year"]
    nodes = {k.value: v for k, v in root.value} if root is not None else {}
    if data.get("draft"):
        draft_line = nodes["draft"].start_mark.line + 1
        raise CalendarError([f"line {draft_line}: this calendar is a draft: check every date against the year's "
                             "notice, then delete the draft line"])
    deadlines, rules, seen = [], [], set()
    for kind in ("deadlines", "rules"):
        items = data.get(kind) or []
        item_nodes = nodes.get(kind).value if kind in nodes and hasattr(nodes.get(kind), "value") else []
        if not isinstance(items, list):
            problems.append(f"line {nodes[kind].start_mark.line + 1}: {kind} must be a list")
            continue
        for item, node in zip(items, item_nodes):
            line = node.start_mark.line + 1
            # each problem is reported on the line of the field it is about
            lines = {k.value: v.start_mark.line + 1 for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}

            def at(name: str, lines=lines, line=line) -> int:
                return lines.get(name, line)

            if not isinstance(item, dict):
                problems.append(f"line {line}: each entry must be a mapping")
                continue
            ident = str(item.get("id") or "")
            if not ident:
                problems.append(f"line {line}: id is missing")
            elif not _ID.fullmatch(ident):
                problems.append(f"line {at('id')}: id must be 1-40 letters, digits, _ . or -, not {ident!r}")
            elif ident in seen:
                problems.append(f"line {at('id')}: duplicate id {ident}")
            seen.add(ident)
            if item.get("program") not in PROGRAMS:
                problems.append(f"line {at('program')}: program must be one of {', '.join(PROGRAMS)}")
            audience = item.get("audience") or []
            if not audience or any(a not in AUDIENCES for a in audience):
                problems.append(f"line {at('audience')}: audience must be a list of {', '.join(AUDIENCES)}")
            title = _texts(item.get("title"), at("title"), problems, "title")
            missed = _texts(item.get("missed"), at("missed"), problems, "missed")
            note = _texts(item["note"], at("note"), problems, "note") if item.get("note") else {}
            entry_kind = item.get("kind", "deadline")
            if entry_kind not in KINDS:
                problems.append(f"line {at('kind')}: kind must be one of {', '.join(KINDS)}")
            source = str(item.get("source") or "")
            if not source or len(source) > 60:
                problems.append(f"line {at('source')}: source must name the manual or notice the date comes from")
            if kind == "deadlines":
                due = _time(item.get("due"), at("due"), problems, "due")
                starts = _time(item["starts"], at("starts"), problems, "starts") if item.get("starts") else None
                if due and starts and starts > due:
                    problems.append(f"line {at('starts')}: starts is after due")
                if due:
                    deadlines.append(Deadline(ident, item.get("program"), year, title, due, tuple(audience), missed,
                                              source, starts, note, entry_kind))
            else:
                if item.get("after_event") not in EVENTS:
                    problems.append(f"line {at('after_event')}: after_event must be one of {', '.join(EVENTS)}")
                count_key = "working_days" if "working_days" in item else "days"
                days = item.get(count_key)
                if ("working_days" in item) == ("days" in item):
                    problems.append(f"line {line}: give either days or working_days")
                elif not isinstance(days, int) or isinstance(days, bool) or days <= 0:
                    problems.append(f"line {at(count_key)}: {count_key} must be a positive whole number")
                else:
                    rules.append(Rule(ident, item.get("program"), year, item.get("after_event"), days, title,
                                      tuple(audience), missed, source, note, count_key == "working_days", entry_kind))
    days_off = _day_list(data, nodes, "days_off", problems)
    working_weekends = _day_list(data, nodes, "working_weekends", problems)
    for day in sorted(days_off.keys() & working_weekends.keys()):
        problems.append(f"line {working_weekends[day]}: {day} is in days_off as well")
    if problems:
        raise CalendarError(problems)
    return CalendarFile(year, deadlines, rules, WorkdayData(frozenset(days_off), frozenset(working_weekends)))


def parse_calendar_xlsx(content: bytes) -> tuple[list[Deadline], list[Rule]]:
    """The same calendar as a sheet: columns id, program, protection_year, title_zh, title_en, starts, due,
    audience (comma separated), missed_zh, missed_en, source, and optionally kind, note_zh, note_en.
    Relative rules stay in YAML. Rejected whole, with row numbers."""
    import io

    from openpyxl import load_workbook

    from domain.spreadsheet import WorkbookError, guard_workbook

    try:
        guard_workbook(content)  # size, format, encryption and zip-bomb checks before openpyxl sees it
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except WorkbookError as exc:
        raise CalendarError([f"row 1: not a readable .xlsx file ({exc.code})"]) from None
    except Exception:
        raise CalendarError(["row 1: not a readable .xlsx file"]) from None
    rows = list(wb.worksheets[0].iter_rows(values_only=True, max_row=2000, max_col=20))
    wb.close()
    if not rows:
        raise CalendarError(["row 1: the sheet is empty"])
    header = [str(c or "").strip() for c in rows[0]]
    years = set()
    lines = ["deadlines:"]
    for n, row in enumerate(rows[1:], 2):
        rec = dict(zip(header, row))
        if not any(v not in (None, "") for v in rec.values()):
            continue
        years.add(rec.get("protection_year"))

        def q(v):
            return yaml.safe_dump(str(v if v is not None else ""), allow_unicode=True).strip().removesuffix("...").strip()

        lines.append(f"  - id: {q(rec.get('id'))}  # row {n}")
        lines.append(f"    program: {q(rec.get('program'))}")
        lines.append(f"    title: {{zh: {q(rec.get('title_zh'))}, en: {q(rec.get('title_en'))}}}")
        if rec.get("starts"):
            lines.append(f"    starts: {q(rec.get('starts'))}")
        lines.append(f"    due: {q(rec.get('due'))}")
        lines.append(f"    audience: [{', '.join(a.strip() for a in str(rec.get('audience') or '').split(','))}]")
        lines.append(f"    missed: {{zh: {q(rec.get('missed_zh'))}, en: {q(rec.get('missed_en'))}}}")
        lines.append(f"    source: {q(rec.get('source'))}")
        if rec.get("kind"):
            lines.append(f"    kind: {q(rec.get('kind'))}")
        if rec.get("note_zh") or rec.get("note_en"):
            lines.append(f"    note: {{zh: {q(rec.get('note_zh'))}, en: {q(rec.get('note_en'))}}}")
    if len(years) != 1:
        raise CalendarError(["row 2: every row needs the same protection_year"])
    try:
        return parse_calendar(f"protection_year: {int(next(iter(years)))}\n" + "\n".join(lines))
    except CalendarError as exc:
        # YAML lines -> sheet rows: each entry starts with its "# row N" comment
        raise CalendarError([_to_row(p, lines) for p in exc.problems]) from None


def _to_row(problem: str, lines: list[str]) -> str:
    try:
        line = int(problem.split(":")[0].split()[1]) - 2  # after the protection_year line
        # the entry's first line carries "# row N": walk back to it from the field's line
        row = next((lines[i].split("# row ")[1] for i in range(line, -1, -1) if "# row " in lines[i]), "?")
        return f"row {row}:" + problem.split(":", 1)[1]
    except (ValueError, IndexError):
        return problem


def to_yaml(year: int, deadlines: list[Deadline], rules: list[Rule], workdays: WorkdayData = NO_FILES) -> str:
    """Write a parsed calendar back as the YAML the bot keeps (an imported xlsx is stored this way)."""
    def stamp(moment: datetime) -> str:
        return moment.astimezone(TZ).strftime("%Y-%m-%d %H:%M")

    out: dict = {"protection_year": year, "deadlines": [], "rules": []}
    for d in deadlines:
        item = {"id": d.id, "program": d.program, "title": d.title}
        if d.starts:
            item["starts"] = stamp(d.starts)
        item.update({"due": stamp(d.due), "audience": list(d.audience), "missed": d.missed, "source": d.source})
        if d.kind != "deadline":
            item["kind"] = d.kind
        if d.note:
            item["note"] = d.note
        out["deadlines"].append(item)
    for r in rules:
        item = {"id": r.id, "program": r.program, "after_event": r.after_event,
                ("working_days" if r.working_days else "days"): r.days, "title": r.title,
                "audience": list(r.audience), "missed": r.missed, "source": r.source}
        if r.kind != "deadline":
            item["kind"] = r.kind
        if r.note:
            item["note"] = r.note
        out["rules"].append(item)
    if not out["rules"]:
        del out["rules"]
    if workdays.days_off:
        out["days_off"] = sorted(workdays.days_off)
    if workdays.working_weekends:
        out["working_weekends"] = sorted(workdays.working_weekends)
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=200)


def parse_file(name: str, content: bytes) -> CalendarFile:
    """A calendar upload (``.yaml``/``.yml`` or ``.xlsx``), or CalendarError. Working-day lists
    (days_off, working_weekends) can only come in YAML."""
    if name.lower().endswith(".xlsx"):
        deadlines, rules = parse_calendar_xlsx(content)
        parsed = CalendarFile(deadlines[0].protection_year if deadlines else 0, deadlines, rules)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CalendarError(["line 1: the file is not UTF-8 text (YAML) or .xlsx"]) from None
        parsed = read_calendar(text)
    if not parsed.deadlines and not parsed.rules:
        raise CalendarError(["line 1: the file has no deadlines"])
    return parsed


@dataclass
class Calendar:
    deadlines: list[Deadline]
    rules: list[Rule]
    problems: list[str]  # loaded files that are no longer valid (skipped), for the admin
    workdays: WorkdayData = NO_FILES  # the files' days_off / working_weekends, all years together


_cache: dict[Path, tuple[float, int, tuple]] = {}


def _parse_cached(path: Path) -> CalendarFile:
    """One file, parsed again only when it changed."""
    stat = path.stat()
    hit = _cache.get(path)
    if hit and hit[0] == stat.st_mtime and hit[1] == stat.st_size:
        return hit[2]
    value = read_calendar(path.read_text(encoding="utf-8"))
    _cache[path] = (stat.st_mtime, stat.st_size, value)
    return value


def load_calendar(*extra: Path | None) -> Calendar:
    """The shipped calendar plus the years an admin loaded (``extra`` folders). A loaded file replaces
    the shipped one of the same protection year; a loaded file that stopped being valid is skipped and
    reported, never half-used."""
    by_year: dict[int, CalendarFile] = {}
    problems: list[str] = []
    for folder in (DATA, *[f for f in extra if f]):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.yaml")):
            try:
                parsed = _parse_cached(path)
            except CalendarError as exc:
                if folder == DATA:
                    raise
                problems.append(f"{path.name}: {exc.problems[0]}")
                continue
            by_year[parsed.year] = parsed
    files = [by_year[y] for y in sorted(by_year)]
    deadlines = [d for f in files for d in f.deadlines]
    rules = [r for f in files for r in f.rules]
    off: frozenset[date] = frozenset()
    worked: frozenset[date] = frozenset()
    for f in files:  # a day two files disagree on: the later protection year's file wins
        off = (off - f.workdays.working_weekends) | f.workdays.days_off
        worked = (worked - f.workdays.days_off) | f.workdays.working_weekends
    workdays = WorkdayData(off, worked)
    return Calendar(sorted(deadlines, key=lambda x: x.due), rules, problems, workdays)


def load_all(*extra: Path | None) -> tuple[list[Deadline], list[Rule]]:
    cal = load_calendar(*extra)
    return cal.deadlines, cal.rules


def save_calendar(folder: Path, name: str, content: bytes) -> tuple[int, Path, list[Deadline], list[Rule]]:
    """Validate an upload and keep it as ``<folder>/<year>.yaml``; a bad file changes nothing."""
    parsed = parse_file(name, content)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{parsed.year}.yaml"
    tmp = target.with_suffix(".yaml.tmp")
    tmp.write_text(to_yaml(parsed.year, parsed.deadlines, parsed.rules, parsed.workdays), encoding="utf-8")
    tmp.replace(target)  # atomic: readers see the old year or the new one, never half a file
    return parsed.year, target, parsed.deadlines, parsed.rules


def _shift_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February into a common year
        return moment.replace(year=moment.year + years, day=28)


DRAFT_NOTE = {"zh": "草稿：由 {src} 年度的日期顺延推算，导入前须按当年通知逐项核对。",
              "en": "Draft: carried over from the {src} dates; check against the year's notice before loading."}


def draft_calendar(cal: Calendar, year: int) -> str:
    """A starting point for an admin writing the ``year`` calendar: each program's entries of its latest
    protection year, dates moved on by whole years, every entry noted as carried over. The file says
    ``draft: true`` so that it cannot be loaded before someone has checked it and deleted that line."""
    latest = {}
    for item in [*cal.deadlines, *cal.rules]:
        latest[item.program] = max(latest.get(item.program, 0), item.protection_year)
    deadlines, rules = [], []

    def carried(item, src: int) -> dict:
        note = {k: (item.note.get(k, "") + ("" if k == "zh" else " ") + DRAFT_NOTE[k].format(src=src)).strip()
                for k in ("zh", "en")}
        return {"id": item.id.replace(str(src), str(year)), "protection_year": year, "note": note}

    for d in cal.deadlines:
        src = latest[d.program]
        if d.protection_year == src and d.unit_id is None:
            deadlines.append(Deadline(**{**d.__dict__, **carried(d, src), "due": _shift_years(d.due, year - src),
                                         "starts": _shift_years(d.starts, year - src) if d.starts else None}))
    for r in cal.rules:
        src = latest[r.program]
        if r.protection_year == src:
            rules.append(Rule(**{**r.__dict__, **carried(r, src)}))
    header = (f"# DRAFT calendar for protection year {year}, carried over from earlier years by `unionbot calendar draft`.\n"
              "# Check every date against the year's notice, correct it, add days_off / working_weekends if the\n"
              "# holiday package does not know the year yet, take the 'Draft:' sentence out of each note you\n"
              "# have checked, delete the `draft: true` line, then load the file.\n")
    return header + "draft: true\n" + to_yaml(year, sorted(deadlines, key=lambda x: x.due), rules)


def upcoming(deadlines: list[Deadline], now: datetime, programs: set[str] | None = None,
             audiences: set[str] | None = None) -> list[Deadline]:
    return [d for d in deadlines if d.due >= now and (not programs or d.program in programs)
            and (not audiences or set(d.audience) & audiences)]


def carried_over(deadlines: list[Deadline], now: datetime, horizon: int | None = None) -> list[Deadline]:
    """Estimated dates for programs whose calendar has nothing left to come: the latest loaded year's
    entries moved on by whole years (as ``draft_calendar`` does), the coming ones up to the protection
    year ``horizon`` (default: next year), each marked ``carried_from``. Never reminded; shown so that
    /deadlines answers for the year people live in, saying it is an estimate."""
    horizon = horizon or now.year + 1
    latest: dict[str, int] = {}
    for d in deadlines:
        if d.unit_id is None:
            latest[d.program] = max(latest.get(d.program, 0), d.protection_year)
    out: list[Deadline] = []
    for program, year in sorted(latest.items()):
        if any(d.program == program and d.due >= now for d in deadlines):
            continue  # the loaded calendar still has something to come for this program
        entries = [d for d in deadlines if d.program == program and d.protection_year == year and d.unit_id is None]
        for step in range(1, horizon - year + 1):
            for d in entries:
                due = _shift_years(d.due, step)
                if due >= now:
                    out.append(Deadline(**{**d.__dict__, "id": d.id.replace(str(year), str(year + step)),
                                           "protection_year": year + step, "due": due, "carried_from": year,
                                           "starts": _shift_years(d.starts, step) if d.starts else None}))
    return sorted(out, key=lambda d: d.due)


def current_protection_year(program: str, today: date) -> int:
    """The protection year a calendar program is in (or, from its collective season on, preparing):
    mutual aid and the retiree plan run July-June, labelled by the July (May-June prepares the coming
    one); member protection is a calendar year whose collective enrollment runs in October-December."""
    if program in ("mutual_aid", "retiree"):
        return today.year if today.month >= 5 else today.year - 1
    if program == "member_protection" and today.month >= 10:
        return today.year + 1
    return today.year


def missing_years(cal: Calendar, today: date) -> list[tuple[str, int, int]]:
    """(program, current protection year, latest loaded year) for every program whose calendar of the
    current protection year is not loaded: what admins are asked to load."""
    latest: dict[str, int] = {}
    for item in [*cal.deadlines, *cal.rules]:
        if getattr(item, "unit_id", None) is None:
            latest[item.program] = max(latest.get(item.program, 0), item.protection_year)
    out = []
    for program in PROGRAMS:
        if program in latest and latest[program] < current_protection_year(program, today):
            out.append((program, current_protection_year(program, today), latest[program]))
    return out
