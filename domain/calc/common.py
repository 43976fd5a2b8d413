"""Shared result types for the calculators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Issue:
    """A message code with parameters (Fluent id ``err-<code>``)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "params": {k: jsonable(v) for k, v in self.params.items()}}


class CalcError(Exception):
    """Input the calculator cannot work with; ``issues`` says why (codes, not text)."""

    def __init__(self, issues: list[Issue] | Issue):
        self.issues = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__(", ".join(i.code for i in self.issues))


def money(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def jsonable(value):
    """Money as int when whole (4780), else float (67.5); dates as ISO strings."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def fmt_money(value) -> str:
    """Human figure: 4780, 67.5."""
    v = jsonable(money(value))
    return f"{v:,}" if isinstance(v, int) else f"{v:,.2f}".rstrip("0").rstrip(".")
