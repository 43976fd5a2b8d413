"""``unionbot roster check FILE --kind K [--report OUT.xlsx] [--json] [--as-of YYYY-MM-DD]``,
``unionbot roster fix IN.xlsx --kind K OUT.xlsx`` and ``unionbot roster template --kind K OUT.xlsx``.

Exit status of ``check``: 0 no errors, 1 errors, 2 the file cannot be read. ``fix``: 0 when a
file was written, 2 when the input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from domain.roster import KINDS, CheckOptions, RosterResult, check_roster, load_config
from ui.i18n import translator_for


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None




def result_json(result: RosterResult, t, fixed=None) -> dict:
    """kind, rows, issues (row, column, code, severity, message), file_issues, and with a fix the
    changes the fixed file makes (row, column, before, after) and the rows it leaves out."""
    from domain.roster.report import issue_text
    out = {
        "kind": result.kind,
        "rows": result.rows,
        "issues": [
            {"row": i.row, "column": i.column, "code": i.code, "severity": i.severity, "message": issue_text(t, i)}
            for i in result.issues
        ],
        "file_issues": [
            {"code": i.code, "severity": i.severity, "message": issue_text(t, i)} for i in result.file_issues
        ],
    }
    if fixed is not None:
        out["fixes"] = [{"row": f.row, "column": f.column, "before": f.before, "after": f.after} for f in fixed.fixes]
        out["left_out"] = [{"row": row, "codes": [i.code for i in issues]} for row, issues in fixed.left_out]
    return out


def _print_text(result: RosterResult, t, file_name: str) -> None:
    from domain.roster.report import issue_text

    kind = t(f"roster-kind-{result.kind}") if result.kind else "?"
    print(f"{file_name}: {kind}")
    print(f"rows={result.rows} errors={result.errors} warnings={result.warnings}"
          + (f" as_of={result.as_of.isoformat()}" if result.as_of else ""))
    for i in result.file_issues:
        print(f"  [{i.severity}] {i.code}: {issue_text(t, i)}")
    for i in result.issues:
        print(f"  {i.column or '-'}{i.row} [{i.severity}] {i.code}: {issue_text(t, i)}")


def _read(path: Path) -> tuple[bytes, int] | None:
    limits = load_config().limits
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            # Do not even read a file past the cap: check_roster reports it from a prefix.
            with path.open("rb") as fh:
                data = fh.read(limits.max_file_bytes + 1)
        else:
            data = path.read_bytes()
    except OSError as exc:
        print(f"error: cannot open {path}: {exc.strerror or exc}", file=sys.stderr)
        return None
    return data, size


def _check_file(path: Path, kind, options: CheckOptions):
    """The pre-check of one file on disk, or None (the error printed) when it cannot be opened."""
    read = _read(path)
    if read is None:
        return None
    data, size = read
    return check_roster(data, kind, options, size=size)


def cmd_check(args) -> int:
    from domain.roster.fixer import fix_roster
    from domain.roster.report import write_report

    t = translator_for(args.lang)
    path = Path(args.file)
    options = CheckOptions(as_of=args.as_of, member_type=args.member_type, needs_card=args.needs_card)
    result = _check_file(path, args.kind, options)
    if result is None:
        return 2
    if result.needs_kind:
        if args.json:
            print(json.dumps({"kind": None, "rows": 0, "issues": [], "file_issues": [
                {"code": "roster.kind_unknown", "severity": "error",
                 "message": "the header does not tell the roster kind; pass --kind"}]}, ensure_ascii=False, indent=2))
        else:
            print("error: the header does not tell the roster kind; pass --kind " + "|".join(KINDS), file=sys.stderr)
        return 2
    if args.json:
        fixed = fix_roster(result, options) if result.readable else None
        print(json.dumps(result_json(result, t, fixed), ensure_ascii=False, indent=2))
    else:
        _print_text(result, t, path.name)
    if args.report:
        if result.readable:
            Path(args.report).write_bytes(write_report(result, t))
            if not args.json:
                print(f"annotated copy: {args.report}")
        else:
            print("no annotated copy: the file could not be read", file=sys.stderr)
    return result.exit_code


def cmd_fix(args) -> int:
    from domain.roster.fixer import fix_roster, part_names
    from domain.roster.report import issue_text, write_report

    t = translator_for(args.lang)
    path = Path(args.file)
    options = CheckOptions(as_of=args.as_of, member_type=args.member_type, needs_card=args.needs_card)
    result = _check_file(path, args.kind, options)
    if result is None:
        return 2
    if result.needs_kind:
        print("error: the header does not tell the roster kind; pass --kind " + "|".join(KINDS), file=sys.stderr)
        return 2
    if not result.readable:
        issue = result.file_issues[0]
        print(f"error: {path.name} cannot be read: {issue_text(t, issue)}", file=sys.stderr)
        return 2
    fixed = fix_roster(result, options)
    out = Path(args.out)
    names = part_names(str(out.with_suffix("")), len(fixed.parts))
    for name, part in zip(names, fixed.parts):
        Path(name).write_bytes(part)
    print(f"{path.name}: {fixed.rows_written} rows written to " + ", ".join(names))
    print(f"changes: {len(fixed.fixes)}")
    for f in fixed.fixes:
        print(f"  {f.column}{f.row} {f.header}: {f.before!r} -> {f.after!r}")
    print(f"rows left out (they need a person): {len(fixed.left_out)}")
    for row, issues in fixed.left_out:
        for i in issues:
            print(f"  row {row} {i.column or '-'} [{i.code}] {issue_text(t, i)}")
    for i in fixed.file_issues:
        print(f"  [{i.severity}] {i.code}: {issue_text(t, i)}")
    if args.report:
        Path(args.report).write_bytes(write_report(result, t, fixed=fixed))
        print(f"annotated copy: {args.report}")
    return 0


def cmd_convert(args) -> int:
    from domain.roster.convert import convert_roster
    from domain.roster.report import issue_text

    t = translator_for(args.lang)
    path = Path(args.file)
    result = _check_file(path, args.from_kind, CheckOptions())
    if result is None:
        return 2
    if not result.readable or result.needs_kind:
        issue = result.file_issues[0] if result.file_issues else None
        print(f"error: {path.name} cannot be read" + (f": {issue_text(t, issue)}" if issue else ""), file=sys.stderr)
        return 2
    converted = convert_roster(result, args.to_kind)
    Path(args.out).write_bytes(converted.data)
    print(f"{path.name} ({t(f'roster-kind-{args.from_kind}')}) -> {args.out} ({t(f'roster-kind-{args.to_kind}')}): "
          f"{converted.rows} rows")
    for header, count in converted.derived.items():
        print(f"  filled from the ID number: {header} ({count} rows)")
    if converted.to_fill:
        print("  left empty for you to fill in: " + ", ".join(converted.to_fill))
    return 0


def cmd_template(args) -> int:
    from domain.roster.report import write_template

    t = translator_for(args.lang)
    Path(args.out).write_bytes(write_template(args.kind, t))
    print(f"{args.kind} template: {args.out}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("roster", help="roster pre-check: the platform's import rules before you upload")
    sub = p.add_subparsers(dest="roster_command", required=True)

    c = sub.add_parser("check", help="check an .xlsx roster (exit 0 clean, 1 errors, 2 unreadable)")
    c.add_argument("file")
    c.add_argument("--kind", choices=KINDS, help="template kind (default: from the header)")
    c.add_argument("--report", metavar="OUT.xlsx", help="write the annotated copy here")
    c.add_argument("--json", action="store_true")
    c.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD",
                   help="age reference date (default: start of the protection year)")
    c.add_argument("--member-type", help="members: 灵活就业类 / 企业外入会类 / 关联企业类")
    c.add_argument("--needs-card", action=argparse.BooleanOptionalAction, default=None,
                   help="members: they get a member service card, so the work address (>= 6 characters) "
                        "is required [001]; default: not known, a missing or short address is a warning "
                        "for 关联企业类")
    c.add_argument("--lang", choices=["zh", "en"], default="zh")
    c.set_defaults(func=cmd_check)

    f = sub.add_parser("fix", help="write the fixed file(s) ready to upload (exit 0 written, 2 unreadable)")
    f.add_argument("file", metavar="IN.xlsx")
    f.add_argument("out", metavar="OUT.xlsx", help="OUT.xlsx, and OUT-part2.xlsx … past the row cap")
    f.add_argument("--kind", choices=KINDS, help="template kind (default: from the header)")
    f.add_argument("--report", metavar="REPORT.xlsx", help="also write the annotated copy with the changes")
    f.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD")
    f.add_argument("--member-type", help="members: 灵活就业类 / 企业外入会类 / 关联企业类")
    f.add_argument("--needs-card", action=argparse.BooleanOptionalAction, default=None)
    f.add_argument("--lang", choices=["zh", "en"], default="zh")
    f.set_defaults(func=cmd_fix)

    cv = sub.add_parser("convert", help="the same people on another roster template (exit 0 written, 2 unreadable)")
    cv.add_argument("file", metavar="IN.xlsx")
    cv.add_argument("--from", dest="from_kind", choices=KINDS, required=True)
    cv.add_argument("--to", dest="to_kind", choices=KINDS, required=True)
    cv.add_argument("out", metavar="OUT.xlsx")
    cv.add_argument("--lang", choices=["zh", "en"], default="zh")
    cv.set_defaults(func=cmd_convert)

    tp = sub.add_parser("template", help="write an empty roster template")
    tp.add_argument("--kind", choices=KINDS, required=True)
    tp.add_argument("out", metavar="OUT.xlsx")
    tp.add_argument("--lang", choices=["zh", "en"], default="zh")
    tp.set_defaults(func=cmd_template)
