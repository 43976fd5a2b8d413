"""Calculator subcommands:

    unionbot fee mutual-aid --items A0,B0,C0,A3,B3,C3 --insured 4 [--uninsured N] --start YYYY-MM-DD [--paid P] [--json]
    unionbot fee member-basic --type A --people 31 [--year Y] [--fee F --city C --district D --grassroots G] [--json]
    unionbot fee retiree --amount 300 --people 13 [--succeeded 9] [--year 2025] [--json]
    unionbot coverage --program mutual-aid --mode instant --submitted YYYY-MM-DD --items A0,B0 [--json]
    unionbot roster-numbers --program mutual-aid --planned 80 --last 100 --ss-code CODE:PLANNED:CONTRIBUTORS [--json]
    unionbot benefits [--program mutual-aid] [--year 2023] [--items A0,B3] [--json]

Exit status: 0 ok; 1 invalid input (the reason is printed; with --json also as {"ok": false, "errors": [...]}).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.calc import (
    CalcError,
    SplitRow,
    SsCode,
    coverage,
    member_basic_fee,
    mutual_aid_fee,
    program_data,
    refund_due,
    retiree_deduction,
    roster_numbers,
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _amount(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None


def _ss_code(text: str) -> SsCode:
    try:
        code, planned, contributors = text.rsplit(":", 2)
        return SsCode(code, int(planned), int(contributors))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected CODE:PLANNED:CONTRIBUTORS, got {text!r}") from None


def _person(text: str):
    from domain.calc.roster_numbers import Person

    try:
        gender, birth, zhibao = text.split(":")
        gender = {"F": "F", "M": "M", "女": "F", "男": "M"}[gender.strip().upper() if gender.isascii() else gender]
        return Person(gender, date.fromisoformat(birth), zhibao.strip().lower() in ("yes", "y", "1", "true", "是"))
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"expected F|M:YYYY-MM-DD:yes|no, got {text!r}") from None


def _translator(lang: str):
    from ui.i18n import BoundTranslator, get_translator

    return BoundTranslator(get_translator(), lang)


def _labelled(t, payload: dict) -> dict:
    """The JSON's labels, from the catalogs: a member-exclusive type's name right after its code."""
    if payload.get("program") != "member-basic":
        return payload
    out: dict = {}
    for key, value in payload.items():
        out[key] = value
        if key == "type":
            out["type_name"] = t("calc-mb-type-name", type=value)
    return out


def _refund(args, due):
    """(json extras, text lines) for ``--paid``; raises CalcError when underpaid."""
    if getattr(args, "paid", None) is None:
        return {}, []
    from domain.calc.common import fmt_money, jsonable

    refund = refund_due(due, args.paid)
    t = _translator(args.lang)
    return ({"paid": jsonable(args.paid), "refund": jsonable(refund)},
            [t("calc-refund", paid=fmt_money(args.paid), refund=fmt_money(refund))])


def _run(args, compute, render, due=None) -> int:
    from ui.calc_render import issue_lines

    t = _translator(args.lang)
    try:
        result = compute()
        extra_json, extra_text = _refund(args, due(result)) if due else ({}, [])
    except CalcError as exc:
        reasons = issue_lines(t, exc.issues)
        if args.json:
            print(json.dumps({"ok": False, "errors": [dict(i.as_dict(), message=m) for i, m in zip(exc.issues, reasons)]},
                             ensure_ascii=False))
        for reason in reasons:
            print(reason, file=sys.stderr)
        return 1
    if args.json:
        payload = _labelled(t, result.as_dict())
        payload["warnings"] = [dict(w, message=m) for w, m in zip(payload.get("warnings", []),
                                                                    issue_lines(t, result.warnings))]
        payload.update(extra_json)
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print("\n".join([render(t, result), *extra_text]))
    return 0


def cmd_fee_mutual_aid(args) -> int:
    from ui.calc_render import mutual_aid_text

    def compute():
        data = program_data("mutual_aid", args.year) if args.year else None
        return mutual_aid_fee(args.items, args.insured, args.uninsured, args.start, args.mode, args.collective_items,
                              data=data)

    return _run(args, compute, mutual_aid_text, due=lambda r: r.total)


def cmd_fee_member_basic(args) -> int:
    from ui.calc_render import member_basic_text

    override = None
    if args.fee is not None:
        override = SplitRow(args.fee, args.city, args.district, args.grassroots, args.valid_from, args.valid_to)
    return _run(args, lambda: member_basic_fee(args.type, args.people, args.year, args.on, override), member_basic_text)


def cmd_fee_retiree(args) -> int:
    from ui.calc_render import retiree_text

    return _run(args, lambda: retiree_deduction(args.amount, args.people, args.succeeded, args.year, args.on,
                                                args.premium), retiree_text, due=lambda r: r.unit_pays)


def cmd_coverage(args) -> int:
    from ui.calc_render import coverage_text

    return _run(args, lambda: coverage(args.program, args.mode, args.submitted, args.items, args.year), coverage_text)


def cmd_roster_numbers(args) -> int:
    from ui.calc_render import numbers_text

    return _run(args, lambda: roster_numbers(args.program, args.planned, args.last, args.ss_code, args.new_unit,
                                             people=args.person, on=args.on, year=args.year, unmatched=args.unmatched,
                                             new_retirees=args.new_retirees, uploaded=args.uploaded), numbers_text)


def cmd_benefits(args) -> int:
    from ui.calc_render import benefits_text
    from domain.calc.benefits import benefits
    from domain.vocabulary import calc_section
    from domain.calc.mutual_aid import parse_items

    def compute():
        return benefits(calc_section(args.program), args.year)

    items = parse_items(args.items) if args.items else None
    return _run(args, compute, lambda t, table: benefits_text(t, table, items))


def _common(p) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of text output and reasons")


def register(subparsers) -> None:
    fee = subparsers.add_parser("fee", help="premiums and fee splits")
    fee_sub = fee.add_subparsers(dest="fee_command", required=True)

    p = fee_sub.add_parser("mutual-aid", help="mutual-aid project 2020 premium")
    p.add_argument("--items", required=True, help="e.g. A0,B0,C0,A3,B3,C3")
    p.add_argument("--insured", type=int, required=True, help="people with social security (职保)")
    p.add_argument("--uninsured", type=int, default=0, help="people without social security")
    p.add_argument("--start", type=_date, help="cover start date (instant); collective uses the year start")
    p.add_argument("--mode", choices=["instant", "collective"], default="instant")
    p.add_argument("--collective-items", help="items of this year's collective enrollment (instant must match)")
    p.add_argument("--year", type=int, help="protection year (collective mode without --start)")
    p.add_argument("--paid", type=_amount, help="amount transferred: prints the refund due (manual: 1220 paid 2000 -> 780)")
    _common(p)
    p.set_defaults(func=cmd_fee_mutual_aid)

    p = fee_sub.add_parser("member-basic", help="member-exclusive basic protection fee split")
    p.add_argument("--type", required=True, help="A, A+, B, B+")
    p.add_argument("--people", type=int, required=True)
    p.add_argument("--year", type=int, help="protection year (default: the year of --on / today)")
    p.add_argument("--on", type=_date, help="date deciding the protection year")
    p.add_argument("--fee", type=_amount, help="district setting: fee per person (保障金额设置)")
    p.add_argument("--city", type=_amount, help="市统一划拨 per person")
    p.add_argument("--district", type=_amount, help="区局/各级工会 per person")
    p.add_argument("--grassroots", type=_amount, help="基层单位 per person")
    p.add_argument("--valid-from", type=_date)
    p.add_argument("--valid-to", type=_date)
    _common(p)
    p.set_defaults(func=cmd_fee_member_basic)

    p = fee_sub.add_parser("retiree", help="retiree plan: entrusted deduction and what the unit still pays")
    p.add_argument("--amount", type=_amount, required=True, help="deduction per person (>0, <=450)")
    p.add_argument("--people", type=int, required=True)
    p.add_argument("--succeeded", type=int, help="successful deductions (default: all)")
    p.add_argument("--premium", type=_amount, help="premium per person if known (the manual does not state it)")
    p.add_argument("--paid", type=_amount, help="amount the unit transferred: prints the refund due")
    p.add_argument("--year", type=int)
    p.add_argument("--on", type=_date)
    _common(p)
    p.set_defaults(func=cmd_fee_retiree)

    p = subparsers.add_parser("coverage", help="coverage dates and waiting periods")
    p.add_argument("--program", choices=["mutual-aid", "retiree", "member-basic"], required=True)
    p.add_argument("--mode", choices=["instant", "collective"], required=True)
    p.add_argument("--submitted", type=_date, help="submission date (instant); any date in the window (collective)")
    p.add_argument("--items", help="mutual-aid items, e.g. A0,B0")
    p.add_argument("--year", type=int)
    _common(p)
    p.set_defaults(func=cmd_coverage)

    p = subparsers.add_parser("benefits", help="what each protection item pays ([002] 一览表)")
    p.add_argument("--program", choices=["mutual-aid", "retiree", "member-basic"], default="mutual-aid")
    p.add_argument("--year", type=int, default=2023, help="protection year (start year)")
    p.add_argument("--items", help="only these items, e.g. A0,B3")
    _common(p)
    p.set_defaults(func=cmd_benefits)

    p = subparsers.add_parser("roster-numbers", help="roster headcount / social-security ratio checks")
    p.add_argument("--program", choices=["mutual-aid", "retiree"], default="mutual-aid")
    p.add_argument("--planned", type=int, help="people planned this year (default: sum of --ss-code)")
    p.add_argument("--last", type=int, help="people enrolled last year")
    p.add_argument("--ss-code", type=_ss_code, action="append", help="CODE:PLANNED:CONTRIBUTORS, repeatable")
    p.add_argument("--new-unit", action="store_true")
    p.add_argument("--unmatched", type=int, default=0, help="people not matched to a unit social-security code")
    p.add_argument("--uploaded", type=int, help="上传参保人员总数: checked against unmatched + the codes' planned people")
    p.add_argument("--new-retirees", type=int, default=0)
    p.add_argument("--person", type=_person, action="append",
                   help="over-age check, repeatable: F|M:BIRTH:yes|no (yes = in 职保), ages on --on or the year start")
    p.add_argument("--year", type=int)
    p.add_argument("--on", type=_date)
    _common(p)
    p.set_defaults(func=cmd_roster_numbers)
