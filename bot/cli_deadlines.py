"""``unionbot deadlines [--program P] [--year Y] [--json]`` and ``unionbot calendar check FILE``."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def cmd_deadlines(args) -> int:
    from domain.calendar import load_all

    deadlines, rules = load_all()
    rows = [d for d in deadlines if (not args.program or d.program == args.program)
            and (not args.year or d.protection_year == args.year)]
    rel = [r for r in rules if (not args.program or r.program == args.program)
           and (not args.year or r.protection_year == args.year)]
    if args.json:
        print(json.dumps({
            "deadlines": [{"id": d.id, "program": d.program, "protection_year": d.protection_year,
                           "starts": d.starts.isoformat() if d.starts else None, "due": d.due.isoformat(),
                           "title": d.title[args.lang], "audience": list(d.audience), "missed": d.missed[args.lang],
                           "note": d.note.get(args.lang), "source": d.source} for d in rows],
            "rules": [{"id": r.id, "program": r.program, "after_event": r.after_event, "days": r.days,
                       "title": r.title[args.lang], "note": r.note.get(args.lang), "source": r.source} for r in rel],
        }, ensure_ascii=False, indent=2))
        return 0
    for d in rows:
        span = f"{d.starts:%Y-%m-%d %H:%M} – " if d.starts else ""
        print(f"{span}{d.due:%Y-%m-%d %H:%M}  [{d.program}] {d.title[args.lang]}  ({', '.join(d.audience)}; [{d.source}])")
        if d.note:
            print(f"    ! {d.note[args.lang]}")
    for r in rel:
        print(f"+{r.days} days after {r.after_event}  [{r.program}] {r.title[args.lang]}  ([{r.source}])")
    return 0


def cmd_calendar_check(args) -> int:
    from domain.calendar import CalendarError, parse_calendar, parse_calendar_xlsx

    path = Path(args.file)
    try:
        if path.suffix.lower() == ".xlsx":
            deadlines, rules = parse_calendar_xlsx(path.read_bytes())
        else:
            deadlines, rules = parse_calendar(path.read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"error: {exc.strerror}: {path}", file=sys.stderr)
        return 2
    except CalendarError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"calendar ok: {len(deadlines)} deadlines, {len(rules)} relative rules")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("deadlines", help="the deadline calendar")
    p.add_argument("--program", choices=["member_protection", "ss_card", "mutual_aid", "retiree", "member_card"])
    p.add_argument("--year", type=int, help="protection year")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_deadlines)
    c = subparsers.add_parser("calendar", help="validate next year's calendar file (YAML or xlsx)")
    c.add_argument("action", choices=["check"])
    c.add_argument("file")
    c.set_defaults(func=cmd_calendar_check)
