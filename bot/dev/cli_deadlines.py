"""``unionbot deadlines [--program P] [--year Y] [--json]`` and ``unionbot calendar check|load FILE``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

PROGRAM_CHOICES = ["member_protection", "ss_card", "mutual_aid", "retiree", "member_card"]


def _rule_span(r) -> str:
    unit = ("working day" if r.working_days else "day") + ("" if r.days == 1 else "s")
    return f"+{r.days} {unit} after {r.after_event}"


def _problem(problem) -> str:
    """A calendar file's problem as the CLI prints it (English, plain text)."""
    import html

    from ui.deadline_render import problem_text
    from ui.i18n import translator_for

    return html.unescape(problem_text(translator_for("en"), problem))


def cmd_deadlines(args) -> int:
    from bot.dev.cli import settings_or_exit
    from domain.calendar import load_calendar

    cal = load_calendar(settings_or_exit().calendar_folder)
    for problem in cal.problems:
        print(f"warning: skipped loaded calendar {_problem(problem)}", file=sys.stderr)
    rows = [d for d in cal.deadlines if (not args.program or d.program == args.program)
            and (not args.year or d.protection_year == args.year)]
    rel = [r for r in cal.rules if (not args.program or r.program == args.program)
           and (not args.year or r.protection_year == args.year)]
    if args.json:
        print(json.dumps({
            "deadlines": [{"id": d.id, "program": d.program, "protection_year": d.protection_year, "kind": d.kind,
                           "starts": d.starts.isoformat() if d.starts else None, "due": d.due.isoformat(),
                           "title": d.title[args.lang], "audience": list(d.audience), "missed": d.missed[args.lang],
                           "note": d.note.get(args.lang), "source": d.source} for d in rows],
            "rules": [{"id": r.id, "program": r.program, "after_event": r.after_event, "days": r.days,
                       "working_days": r.working_days, "kind": r.kind, "title": r.title[args.lang],
                       "note": r.note.get(args.lang), "source": r.source} for r in rel],
        }, ensure_ascii=False, indent=2))
        return 0
    for d in rows:
        span = f"{d.starts:%Y-%m-%d %H:%M} – " if d.starts else ""
        opens = " (opens)" if d.kind == "opens" else ""
        print(f"{span}{d.due:%Y-%m-%d %H:%M}{opens}  [{d.program}] {d.title[args.lang]}  ({', '.join(d.audience)}; [{d.source}])")
        if d.note:
            print(f"    ! {d.note[args.lang]}")
    for r in rel:
        print(f"{_rule_span(r)}  [{r.program}] {r.title[args.lang]}  ([{r.source}])")
    return 0


def cmd_calendar(args) -> int:
    from bot.dev.cli import read_input
    from domain.calendar import CalendarError, parse_file, save_calendar

    path = Path(args.file)
    if args.action == "draft":
        return _draft(args, path)
    content = read_input(path)
    if content is None:
        return 2
    try:
        if args.action == "check":
            parsed = parse_file(path.name, content)
            year, deadlines, rules = parsed.year, parsed.deadlines, parsed.rules
        else:
            from bot.dev.cli import settings_or_exit

            folder = settings_or_exit().calendar_folder
            year, target, deadlines, rules = save_calendar(folder, path.name, content)
    except CalendarError as exc:
        for problem in exc.problems:
            print(_problem(problem), file=sys.stderr)
        print("the calendar was rejected whole; nothing was changed", file=sys.stderr)
        return 1
    print(f"calendar ok: protection year {year}, {len(deadlines)} deadlines, {len(rules)} relative rules")
    if args.action == "load":
        print(f"loaded into {target}; the bot and its reminders use it from the next minute")
    return 0


def _draft(args, path: Path) -> int:
    from bot.dev.cli import draft_refused, settings_or_exit
    from domain.calendar import draft_calendar, load_calendar
    from ui.deadline_render import draft_header, draft_note
    from ui.i18n import translator_for

    if draft_refused(args, path, "calendar"):
        return 2
    t = translator_for(args.lang)  # the admin's language: the file's opening comment is theirs
    text = draft_calendar(load_calendar(settings_or_exit().calendar_folder), args.year, draft_note(t.translator),
                          draft_header(t, args.year))
    path.write_text(text, encoding="utf-8")
    print(f"draft written to {path}: check every date against the {args.year} notice, delete the 'draft: true' "
          f"line, then: unionbot calendar load {path}")
    return 0


def cmd_reminder_log(args) -> int:
    """``unionbot reminders log``: the delivery log, summed per deadline and lead time."""
    import asyncio
    import json
    from datetime import datetime, timedelta, timezone

    from bot.dev.cli import settings_or_exit
    from bot.db import Database
    from domain.calendar import load_calendar
    from domain.reminders import store
    from domain.reminders.events import describe_key

    settings = settings_or_exit()
    cal = load_calendar(settings.calendar_folder)

    async def go() -> list[dict]:
        db = Database(settings.database_url)
        await db.upgrade()
        try:
            async with db.session() as session:
                since = datetime.now(timezone.utc) - timedelta(days=args.days)
                return await store.delivery_summary(session, since, limit=args.limit)
        finally:
            await db.dispose()

    rows = asyncio.run(go())
    for row in rows:
        kind, what = describe_key(cal.deadlines, cal.rules, row["key"])
        row["about"] = what[args.lang] if isinstance(what, dict) else f"{kind} {what}"
        last = row["last"]
        if last is not None:
            last = (last if last.tzinfo else last.replace(tzinfo=timezone.utc)).astimezone(settings.tz)
        row["last"] = last.isoformat(timespec="minutes") if last else None
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print(f"no reminders settled in the last {args.days} days")
    for row in rows:
        counts = ", ".join(f"{k} {row[k]}" for k in ("sent", "failed", "dropped", "dismissed", "sending") if row[k])
        print(f"{(row['last'] or '')[:16].replace('T', ' ')}  {row['key']} [{row['lead']}]  {counts}  — {row['about']}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("deadlines", help="the deadline calendar")
    p.add_argument("--program", choices=PROGRAM_CHOICES)
    p.add_argument("--year", type=int, help="protection year")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_deadlines)
    c = subparsers.add_parser("calendar", help="validate (check) or install (load) a year's calendar file, YAML or xlsx;"
                              " or write a draft of a new year to edit (draft FILE --year YYYY)")
    c.add_argument("action", choices=["check", "load", "draft"])
    c.add_argument("file")
    c.add_argument("--year", type=int, help="draft: the protection year to draft")
    c.add_argument("--force", action="store_true", help="draft: overwrite FILE")
    c.add_argument("--lang", choices=["zh", "en"], default="zh", help="draft: the language of the file's opening comment")
    r = subparsers.add_parser("reminders", help="what the reminder delivery log holds")
    r.add_argument("action", choices=["log"])
    r.add_argument("--days", type=int, default=14)
    r.add_argument("--limit", type=int, default=40)
    r.add_argument("--lang", choices=["zh", "en"], default="zh")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_reminder_log)
    c.set_defaults(func=cmd_calendar)
