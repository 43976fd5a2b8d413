"""``unionbot rates draft|check|load FILE``: a year's fee table goes the same way as a calendar —
a draft carried over from the latest year, checked against the year's notice by an admin (who
deletes the ``draft: true`` line), validated, then loaded into ``RATES_DIR`` (default data/rates/),
where it overrides the shipped table of the same year from the next calculation on."""

from __future__ import annotations

import sys
from pathlib import Path

from domain.vocabulary import CALCULATORS


def cmd_rates(args) -> int:
    from domain.calc.data import DataFileError, draft_year, parse_year_text, save_year

    from bot.dev.cli import draft_refused, read_input

    path = Path(args.file)
    if args.action == "draft":
        if draft_refused(args, path, "rates"):
            return 2
        path.write_text(draft_year(args.year), encoding="utf-8")
        print(f"draft written to {path}: check every figure and date against the {args.year} notice, delete the "
              f"'draft: true' line, then: unionbot rates check {path}; unionbot rates load {path}")
        return 0
    content = read_input(path)
    if content is None:
        return 2
    try:
        if args.action == "check":
            doc = parse_year_text(content.decode("utf-8-sig"), path.name)
            year, programs = doc["year"], [p for p in CALCULATORS if p in doc]
        else:
            from bot.dev.cli import settings_or_exit

            year, target, programs = save_year(settings_or_exit().rates_folder, content, path.name)
    except (DataFileError, UnicodeDecodeError) as exc:
        print(str(exc), file=sys.stderr)
        print("the fee table was rejected whole; nothing was changed", file=sys.stderr)
        return 1
    print(f"fee table ok: year {year}, programs {', '.join(programs) or 'none'}")
    if args.action == "load":
        print(f"loaded into {target}; calculators use it from the next calculation")
    return 0


def register(subparsers) -> None:
    r = subparsers.add_parser("rates", help="a year's fee table: draft FILE --year YYYY (carried over, to check), "
                              "check FILE (validate), load FILE (install; drafts are refused)")
    r.add_argument("action", choices=["draft", "check", "load"])
    r.add_argument("file")
    r.add_argument("--year", type=int, help="draft: the protection year to draft")
    r.add_argument("--force", action="store_true", help="draft: overwrite FILE")
    r.set_defaults(func=cmd_rates)
