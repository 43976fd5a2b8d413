"""Payment checks: refund of an overpayment and the special-receipt / e-receipt totals.

- Refund: paid more than the premium -> the difference is refunded (manual [002]: premium 1220,
  paid 2000, refund 780); paid less is an error.
- Receipts: mutual aid [002] says the special receipts must total EXACTLY the premium; the
  retiree plan [004] says the e-receipts must NOT EXCEED the amount paid (DOMAIN §7 item 14).
  The rule per program is kept here as data of this module, not merged.
"""

from __future__ import annotations

from decimal import Decimal

from domain.calc.common import CalcError, Issue, money

RECEIPT_RULES = {"mutual_aid": "equal", "retiree": "not_exceed"}


def refund_due(premium, paid) -> Decimal:
    premium, paid = money(premium), money(paid)
    if paid < premium:
        raise CalcError(Issue("calc.underpaid", {"premium": premium, "paid": paid, "missing": premium - paid}))
    return paid - premium


def check_receipts(program: str, due, amounts: list) -> list[Issue]:
    """Problems with the receipt amounts (empty = fine). ``due``: the premium (mutual aid) or the
    amount paid (retiree plan)."""
    program = program.replace("-", "_")
    rule = RECEIPT_RULES.get(program)
    if rule is None:
        return [Issue("calc.program_unknown", {"program": program})]
    values = [money(a) for a in amounts]
    if any(v <= 0 for v in values):
        return [Issue("calc.receipt_not_positive")]
    total, due = sum(values, Decimal(0)), money(due)
    if rule == "equal" and total != due:
        return [Issue("calc.receipts_must_equal", {"total": total, "due": due})]
    if rule == "not_exceed" and total > due:
        return [Issue("calc.receipts_exceed_paid", {"total": total, "due": due})]
    return []
