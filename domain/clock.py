"""The platform's day: dates are Shanghai dates whatever the server's own time zone is (a container
on UTC would otherwise still be on yesterday between 00:00 and 08:00 Shanghai time)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def today() -> date:
    return datetime.now(SHANGHAI).date()


def now() -> datetime:
    """The current moment, aware, in Shanghai time."""
    return datetime.now(SHANGHAI)
