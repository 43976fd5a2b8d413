"""Calendar files: one protection year's YAML (or the same as an .xlsx sheet) read and validated,
rejected whole with the line (or row) of every problem, and written back as YAML."""

from __future__ import annotations

from datetime import date, datetime

import yaml

from domain.calendar.model import (AUDIENCES, EVENTS, ID_FORM, KINDS, PROGRAMS, TZ, CalendarError, CalendarFile,
                                   Deadline, FileProblem, Rule)
from domain.calendar.workdays import NO_FILES, WorkdayData
from domain.messages import MessageRef


def _at(n, key: str, unit: str = "line", **params) -> FileProblem:
    """A problem on line (or row) ``n``: the message ``cal-p-<key>`` of locales/*/reminders.ftl."""
    return FileProblem(unit, n, MessageRef.of(f"cal-p-{key}", **params))


def _time(value, line: int, problems: list[FileProblem], name: str) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=TZ) if value.tzinfo is None else value
    try:
        return datetime.strptime(str(value).strip(), "%Y-%m-%d %H:%M").replace(tzinfo=TZ)
    except ValueError:
        problems.append(_at(line, "time", field=name, value=repr(value)))
        return None


def _texts(value, line: int, problems: list[FileProblem], name: str) -> dict:
    if not isinstance(value, dict) or not value.get("zh") or not value.get("en"):
        problems.append(_at(line, "texts", field=name))
        return {}
    return {"zh": str(value["zh"]), "en": str(value["en"])}


def parse_calendar(text: str) -> tuple[list[Deadline], list[Rule]]:
    """Parse one year's calendar; raise CalendarError listing every problem with its line."""
    parsed = read_calendar(text)
    return parsed.deadlines, parsed.rules


def _day_list(data: dict, nodes: dict, key: str, problems: list[FileProblem]) -> dict[date, int]:
    """An optional list of dates (YYYY-MM-DD): {day: its line}, each problem on the line of its item."""
    items = data.get(key)
    if items is None:
        return {}
    node = nodes.get(key)
    if not isinstance(items, list):
        problems.append(_at(node.start_mark.line + 1, "day-list", field=key))
        return {}
    days: dict[date, int] = {}
    for item, item_node in zip(items, node.value):
        line = item_node.start_mark.line + 1
        if isinstance(item, datetime) or not isinstance(item, date):
            problems.append(_at(line, "day-format", field=key, value=repr(item)))
        elif key == "working_weekends" and item.weekday() < 5:
            problems.append(_at(line, "not-weekend", day=item.isoformat()))
        else:
            days[item] = line
    return days


def read_calendar(text: str) -> CalendarFile:
    """Parse one year's calendar file; raise CalendarError listing every problem with its line."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CalendarError([_at(mark.line + 1 if mark else "?", "yaml")]) from None
    data = yaml.safe_load(text)
    problems: list[FileProblem] = []
    if not isinstance(data, dict) or not isinstance(data.get("protection_year"), int):
        raise CalendarError([_at(1, "shape", year_key="protection_year", list_key="deadlines")])
    year = data["protection_year"]
    nodes = {k.value: v for k, v in root.value} if root is not None else {}
    if data.get("draft"):
        draft_line = nodes["draft"].start_mark.line + 1
        raise CalendarError([_at(draft_line, "draft")])
    deadlines, rules, seen = [], [], set()
    for kind in ("deadlines", "rules"):
        items = data.get(kind) or []
        item_nodes = nodes.get(kind).value if kind in nodes and hasattr(nodes.get(kind), "value") else []
        if not isinstance(items, list):
            problems.append(_at(nodes[kind].start_mark.line + 1, "list", field=kind))
            continue
        for item, node in zip(items, item_nodes):
            line = node.start_mark.line + 1
            # each problem is reported on the line of the field it is about
            lines = {k.value: v.start_mark.line + 1 for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}

            def at(name: str, lines=lines, line=line) -> int:
                return lines.get(name, line)

            if not isinstance(item, dict):
                problems.append(_at(line, "mapping"))
                continue
            ident = str(item.get("id") or "")
            if not ident:
                problems.append(_at(line, "id-missing"))
            elif not ID_FORM.fullmatch(ident):
                problems.append(_at(at("id"), "id-form", value=repr(ident)))
            elif ident in seen:
                problems.append(_at(at("id"), "id-duplicate", value=ident))
            seen.add(ident)
            if item.get("program") not in PROGRAMS:
                problems.append(_at(at("program"), "choice", field="program", choices=", ".join(PROGRAMS)))
            audience = item.get("audience") or []
            if not audience or any(a not in AUDIENCES for a in audience):
                problems.append(_at(at("audience"), "audience", choices=", ".join(AUDIENCES)))
            title = _texts(item.get("title"), at("title"), problems, "title")
            missed = _texts(item.get("missed"), at("missed"), problems, "missed")
            note = _texts(item["note"], at("note"), problems, "note") if item.get("note") else {}
            entry_kind = item.get("kind", "deadline")
            if entry_kind not in KINDS:
                problems.append(_at(at("kind"), "choice", field="kind", choices=", ".join(KINDS)))
            source = str(item.get("source") or "")
            if not source or len(source) > 60:
                problems.append(_at(at("source"), "source"))
            if kind == "deadlines":
                due = _time(item.get("due"), at("due"), problems, "due")
                starts = _time(item["starts"], at("starts"), problems, "starts") if item.get("starts") else None
                if due and starts and starts > due:
                    problems.append(_at(at("starts"), "starts-after-due"))
                if due:
                    deadlines.append(Deadline(ident, item.get("program"), year, title, due, tuple(audience), missed,
                                              source, starts, note, entry_kind))
            else:
                if item.get("after_event") not in EVENTS:
                    problems.append(_at(at("after_event"), "choice", field="after_event", choices=", ".join(EVENTS)))
                count_key = "working_days" if "working_days" in item else "days"
                days = item.get(count_key)
                if ("working_days" in item) == ("days" in item):
                    problems.append(_at(line, "days-either", one="days", other="working_days"))
                elif not isinstance(days, int) or isinstance(days, bool) or days <= 0:
                    problems.append(_at(at(count_key), "days-positive", field=count_key))
                else:
                    rules.append(Rule(ident, item.get("program"), year, item.get("after_event"), days, title,
                                      tuple(audience), missed, source, note, count_key == "working_days", entry_kind))
    days_off = _day_list(data, nodes, "days_off", problems)
    working_weekends = _day_list(data, nodes, "working_weekends", problems)
    for day in sorted(days_off.keys() & working_weekends.keys()):
        problems.append(_at(working_weekends[day], "both-lists", day=day.isoformat(), other="days_off"))
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
        raise CalendarError([_at(1, "xlsx-refused", "row", code=exc.code)]) from None
    except Exception:
        raise CalendarError([_at(1, "xlsx-unreadable", "row")]) from None
    rows = list(wb.worksheets[0].iter_rows(values_only=True, max_row=2000, max_col=20))
    wb.close()
    if not rows:
        raise CalendarError([_at(1, "sheet-empty", "row")])
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
        raise CalendarError([_at(2, "one-year", "row", field="protection_year")])
    try:
        return parse_calendar(f"protection_year: {int(next(iter(years)))}\n" + "\n".join(lines))
    except CalendarError as exc:
        # YAML lines -> sheet rows: each entry starts with its "# row N" comment
        raise CalendarError([_to_row(p, lines) for p in exc.problems]) from None


def _to_row(problem: FileProblem, lines: list[str]) -> FileProblem:
    if problem.unit != "line" or not isinstance(problem.n, int):
        return problem
    line = problem.n - 2  # after the protection_year line
    # the entry's first line carries "# row N": walk back to it from the field's line
    row = next((lines[i].split("# row ")[1] for i in range(min(line, len(lines) - 1), -1, -1) if "# row " in lines[i]), "?")
    return FileProblem("row", int(row) if row.isdigit() else row, problem.message, problem.file)


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
