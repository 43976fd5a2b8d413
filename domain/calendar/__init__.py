"""Deadline calendar: data per protection year (``domain/data/calendar/<year>.yaml``), validated.

A file is rejected whole when any entry is wrong, with the line number of every problem, so an
admin loading next year's calendar never gets half of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "calendar"
TZ = ZoneInfo("Asia/Shanghai")
PROGRAMS = ("member_protection", "ss_card", "mutual_aid", "retiree", "member_card")
AUDIENCES = ("grassroots", "district", "unit", "retiree_unit", "member")
EVENTS = ("roster_submitted", "deduction_applied")


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

    def due_after(self, event_at: datetime) -> datetime:
        local = event_at.astimezone(TZ)
        return (local + timedelta(days=self.days)).replace(hour=23, minute=59, second=0, microsecond=0)


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


def parse_calendar(text: str) -> tuple[list[Deadline], list[Rule]]:
    """Parse one year's calendar; raise CalendarError listing every problem with its line."""
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
    deadlines, rules, seen = [], [], set()
    for kind in ("deadlines", "rules"):
        items = data.get(kind) or []
        item_nodes = nodes.get(kind).value if kind in nodes and hasattr(nodes.get(kind), "value") else []
        if not isinstance(items, list):
            problems.append(f"line {nodes[kind].start_mark.line + 1}: {kind} must be a list")
            continue
        for item, node in zip(items, item_nodes):
            line = node.start_mark.line + 1
            if not isinstance(item, dict):
                problems.append(f"line {line}: each entry must be a mapping")
                continue
            ident = str(item.get("id") or "")
            if not ident:
                problems.append(f"line {line}: id is missing")
            elif ident in seen:
                problems.append(f"line {line}: duplicate id {ident}")
            seen.add(ident)
            if item.get("program") not in PROGRAMS:
                problems.append(f"line {line}: program must be one of {', '.join(PROGRAMS)}")
            audience = item.get("audience") or []
            if not audience or any(a not in AUDIENCES for a in audience):
                problems.append(f"line {line}: audience must be a list of {', '.join(AUDIENCES)}")
            title = _texts(item.get("title"), line, problems, "title")
            missed = _texts(item.get("missed"), line, problems, "missed")
            note = _texts(item["note"], line, problems, "note") if item.get("note") else {}
            source = str(item.get("source") or "")
            if source not in ("000", "001", "002", "003", "004"):
                problems.append(f"line {line}: source must name a manual (000-004)")
            if kind == "deadlines":
                due = _time(item.get("due"), line, problems, "due")
                starts = _time(item["starts"], line, problems, "starts") if item.get("starts") else None
                if due and starts and starts > due:
                    problems.append(f"line {line}: starts is after due")
                if due:
                    deadlines.append(Deadline(ident, item.get("program"), year, title, due, tuple(audience), missed,
                                              source, starts, note))
            else:
                if item.get("after_event") not in EVENTS:
                    problems.append(f"line {line}: after_event must be one of {', '.join(EVENTS)}")
                if not isinstance(item.get("days"), int) or item["days"] <= 0:
                    problems.append(f"line {line}: days must be a positive whole number")
                else:
                    rules.append(Rule(ident, item.get("program"), year, item.get("after_event"), item["days"], title,
                                      tuple(audience), missed, source, note))
    if problems:
        raise CalendarError(problems)
    return deadlines, rules


def parse_calendar_xlsx(content: bytes) -> tuple[list[Deadline], list[Rule]]:
    """The same calendar as a sheet: columns id, program, protection_year, title_zh, title_en, starts, due,
    audience (comma separated), missed_zh, missed_en, source, note_zh, note_en. Rejected whole, with row numbers."""
    import io

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
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
        row = lines[line].split("# row ")[1] if "# row " in lines[line] else "?"
        return f"row {row}:" + problem.split(":", 1)[1]
    except (ValueError, IndexError):
        return problem


def load_all(folder: Path = DATA) -> tuple[list[Deadline], list[Rule]]:
    deadlines, rules = [], []
    for path in sorted(folder.glob("*.yaml")):
        d, r = parse_calendar(path.read_text(encoding="utf-8"))
        deadlines += d
        rules += r
    return sorted(deadlines, key=lambda x: x.due), rules


def upcoming(deadlines: list[Deadline], now: datetime, programs: set[str] | None = None,
             audiences: set[str] | None = None) -> list[Deadline]:
    return [d for d in deadlines if d.due >= now and (not programs or d.program in programs)
            and (not audiences or set(d.audience) & audiences)]
