"""Reminders to members: a card that the bank has accepted (办卡成功) is waiting at the chosen outlet,
and the member has to go there in person (manual 003). Timing is data (domain/data/reminders/member.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from domain.reminders.planning import TZ, Planned, out_of_quiet

CONFIG = Path(__file__).resolve().parents[1] / "data" / "reminders" / "member.yaml"


@dataclass(frozen=True)
class CardCollect:
    status: str
    after_days: tuple[int, ...]
    hour: int
    give_up_after: timedelta
    source: str


@lru_cache(maxsize=1)
def card_collect_rule(path: Path = CONFIG) -> CardCollect:
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {})["card_collect"]
    days = tuple(sorted(int(d) for d in data["after_days"]))
    if not days or days[0] <= 0 or not 0 <= int(data["hour"]) <= 23:
        raise ValueError(f"{path}: after_days must be positive days and hour 0-23")
    return CardCollect(str(data["status"]), days, int(data["hour"]), timedelta(days=int(data["give_up_after_days"])),
                       str(data.get("source", "")))


def card_key(application_id: int) -> str:
    return f"card{application_id}-collect"


def card_plan(since: datetime, rule: CardCollect) -> list[Planned]:
    start = since.astimezone(TZ)
    out = []
    for days in rule.after_days:
        at = (start + timedelta(days=days)).replace(hour=rule.hour, minute=0, second=0, microsecond=0)
        out.append(Planned(f"{days}d", out_of_quiet(at, at + timedelta(days=1))))
    return out


def card_due(since: datetime, now: datetime, rule: CardCollect) -> Planned | None:
    """The collection reminder to send now (the latest whose time has come), or None."""
    if now >= since + rule.give_up_after:
        return None
    ready = [p for p in card_plan(since, rule) if p.send_at <= now]
    return ready[-1] if ready else None
