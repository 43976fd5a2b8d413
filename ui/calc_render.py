"""Text for the calculators' results, shared by the chat (handlers/calc.py) and the CLI
(bot/dev/cli_calc.py) so both print the same figures. ``t`` is a bound translator."""

from __future__ import annotations

from domain.calc import Coverage, MemberBasicFee, MutualAidFee, RetireeDeduction, RosterNumbers
from decimal import Decimal

from domain.calc.benefits import CLAIMS_SOURCE, BenefitItem, BenefitTable, benefits_for
from domain.calc.common import CalcError, Issue, fmt_money
from domain.vocabulary import hyphenated
from ui.i18n import fmt_day

EXCEPTION_KEYS = {"accident_hospitalisation": "calc-cov-exception-accident-hospitalisation",
                  "disease_death_rider": "calc-cov-exception-disease-death-rider"}


def program_name(t, program: str) -> str:
    """A calculator programme's name (calc-program-*, the calculator buttons' spelling)."""
    return t(f"calc-program-{hyphenated(program)}")


def issue_lines(t, issues: list[Issue]) -> list[str]:
    return [t.err(i.code, **{k: (fmt_money(v) if isinstance(v, Decimal) else v) for k, v in i.params.items()})
            for i in issues]


def mutual_aid_text(t, r: MutualAidFee) -> str:
    lines = [t("calc-ma-title", year=r.year, mode=t(f"calc-mode-{r.mode}"), start=fmt_day(t, r.start),
               tier=t(f"calc-tier-{r.tier}"))]
    for line in r.lines:
        lines.append(t("calc-ma-line", item=line.item, fee=fmt_money(line.actual_fee), unit=fmt_money(line.unit_fee),
                       discount=fmt_money(line.discount), ins=line.insured_people, unins=line.uninsured_people,
                       has_disc="yes" if line.discount else "no", has_unins="yes" if line.uninsured_people else "no",
                       amount=fmt_money(line.amount)))
    lines.append(t("calc-ma-total", total=fmt_money(r.total), ins=fmt_money(r.insured_total),
                   unins=fmt_money(r.uninsured_total)))
    lines += ["⚠️ " + w for w in issue_lines(t, r.warnings)]
    try:
        table = benefits_for("mutual_aid", r.year)
    except CalcError as e:  # no table for that year: say so, the premium stands
        lines += ["ℹ️ " + w for w in issue_lines(t, e.issues)]
    else:
        lines += ["", benefits_text(t, table, r.items)]
        if table.year != r.year:
            lines.append(t("calc-bn-carried", year=table.year, for_year=r.year))
    return "\n".join(lines)


def _wan(value) -> str:
    """10000 -> '1', 18000 -> '1.8' (the manual writes amounts in 万元)."""
    return fmt_money(value / 10000)


def benefit_lines(t, row: BenefitItem) -> list[str]:
    lines = [t("calc-bn-item", item=row.item, line=t(f"calc-bn-line-{row.line}"),
               layer=t(f"calc-bn-layer-{row.layer}"), premium=fmt_money(row.premium))]
    for b in row.benefits:
        params = {}
        for k, v in b.values.items():
            if k == "in_situ":
                params["in_situ"] = "included" if v == "included" else "amount"
                if v != "included":
                    params["in_situ_amount"], params["in_situ_wan"] = fmt_money(v), _wan(v)
            elif k in ("max", "amount", "per_day"):
                params[k], params[f"{k}_wan"] = fmt_money(v), _wan(v)
            else:
                params[k] = v
        if b.kind == "deductible_subsidy":
            params["zhibao_only"] = "yes" if row.deductible_zhibao_only else "no"
        lines.append(t(f"calc-bn-{b.kind.replace('_', '-')}", **params))
    return lines


def benefits_text(t, table: BenefitTable, items=None) -> str:
    """The benefit rows of ``items`` (all items when None), with what the table leaves unsaid."""
    rows = list(table.items.values()) if items is None else table.select(items)
    lines = [t("calc-bn-title", year=table.year, source=table.source)]
    for row in rows:
        lines += benefit_lines(t, row)
    lines.append(t("calc-bn-silent", hotline=CLAIMS_SOURCE["hotline"], source=CLAIMS_SOURCE["source"]))
    return "\n".join(lines)


def member_basic_text(t, r: MemberBasicFee) -> str:
    def m(v):
        return t("calc-unknown") if v is None else fmt_money(v)

    lines = [
        t("calc-mb-title", type=r.type, year=r.year, people=r.people),
        t("calc-mb-lines", total=m(r.total), city=m(r.part("city")), district=m(r.part("district")),
          grassroots=m(r.part("grassroots"))),
        t("calc-mb-per-person", fee=m(r.row.fee), city=m(r.row.city), district=m(r.row.district),
          grassroots=m(r.row.grassroots), to=fmt_day(t, r.row.valid_to or r.period[1]),
          **{"from": fmt_day(t, r.row.valid_from or r.period[0])}),
    ]
    lines += ["⚠️ " + w for w in issue_lines(t, r.warnings)]
    return "\n".join(lines)


def retiree_text(t, r: RetireeDeduction) -> str:
    lines = [t("calc-rt-title", year=r.year),
             t("calc-rt-lines", people=r.people, ok=r.succeeded, amount=fmt_money(r.amount), failed=r.failed,
               total=fmt_money(r.total_premium), premium=fmt_money(r.premium), deducted=fmt_money(r.deducted),
               unit=fmt_money(r.unit_pays), unit_people=r.unit_pays_people)]
    lines += ["⚠️ " + w for w in issue_lines(t, r.warnings)]
    return "\n".join(lines)


def coverage_text(t, c: Coverage) -> str:
    lines = [t("calc-cov-title", program=program_name(t, c.program), mode=t(f"calc-mode-{c.mode}"), year=c.year),
             t("calc-cov-dates", start=fmt_day(t, c.start), end=fmt_day(t, c.end))]
    if c.tier:
        lines.append(t("calc-cov-tier", start=fmt_day(t, c.start), tier=t(f"calc-tier-{c.tier}")))
    silent = any(getattr(w, "code", "") == "calc.waiting_not_stated" for w in c.warnings)
    for item, when in c.claims_from.items():
        if silent:
            break  # the manuals give no waiting period: say so (the warning below), never "none"
        label = t("calc-cov-plan") if item == "plan" else item
        lines.append(t("calc-cov-claim", item=label, days=c.waiting_days[item],
                       wait="yes" if c.waiting_days[item] else "no", **{"from": fmt_day(t, when)}))
    for item, extra in c.exceptions.items():
        for name, when in extra.items():
            lines.append(t(EXCEPTION_KEYS[name], item=item, **{"from": fmt_day(t, when)}))
    lines += ["⚠️ " + w for w in issue_lines(t, c.warnings)]
    return "\n".join(lines)


def _code(t, code: str) -> str:
    """A social-security code as written (after a space), or nothing when the figures came without one."""
    return "" if code in ("", "—") else f" {code}"


def numbers_text(t, r: RosterNumbers) -> str:
    lines = [t("calc-num-title", program=program_name(t, r.program), year=r.year)]
    for c in r.checks:
        ok = "yes" if c["ok"] else "no"
        pct = "-" if c.get("pct") is None else fmt_money(c["pct"])
        if c["check"] == "headcount_change":
            lines.append(t("calc-num-headcount", ok=ok, last=c["last_year"], planned=c["planned"],
                           pct=("+" if c["change_pct"] > 0 else "") + fmt_money(c["change_pct"]),
                           limit=fmt_money(c["limit_pct"])))
        elif c["check"] == "ss_ratio" and r.program == "retiree":
            lines.append(t("calc-num-ratio-retiree", ok=ok, code=_code(t, c["code"]), pct=pct, min=fmt_money(c["min_pct"])))
        elif c["check"] == "ss_ratio":
            lines.append(t("calc-num-ratio", ok=ok, pct=pct, min=fmt_money(c["min_pct"]), max=fmt_money(c["max_pct"])))
        elif c["check"] == "ss_ratio_small_unit":
            lines.append(t("calc-num-ratio-small", ok=ok, code=_code(t, c["code"]), pct=pct, need=fmt_money(c["required_pct"])))
        elif c["check"] == "unmatched_confirm":
            lines.append(t("calc-num-unmatched", people=c["people"]))
        elif c["check"] == "count_identity":
            lines.append(t("calc-num-identity", ok=ok, uploaded=c["uploaded"], unmatched=c["unmatched"],
                           matched=c["matched"], derived=c["derived"] or "none",
                           sum=c["unmatched"] + c["matched"]))
    if r.over_age:
        lines.append(t("calc-num-over-age", rows=", ".join(str(i + 1) for i in r.over_age), count=len(r.over_age)))
    if r.ok and "doc.new_unit_ss_forms" in r.documents:
        lines.append(t("calc-num-ok-new-unit"))  # (a new unit uploads its forms whatever the ratio)
    else:
        lines.append(t("calc-num-ok-retiree" if r.program == "retiree" else "calc-num-ok") if r.ok else t("calc-num-fail"))
    if r.documents:
        lines.append(t("calc-num-docs"))
        lines += ["• " + t(code.replace(".", "-").replace("_", "-")) for code in r.documents]
    lines += ["⚠️ " + w for w in issue_lines(t, r.warnings)]
    return "\n".join(lines)
