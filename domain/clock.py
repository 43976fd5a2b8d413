"""The platform's time, in one place: its time zone (settings ``TIMEZONE``, Asia/Shanghai unless
configured), its day, and how a typed date is read. Dates are platform dates whatever the server's
own time zone is (a container on UTC would otherwise still be on yesterday between 00:00 and 08:00
Shanghai time).

``TZ`` is one object that every module uses (``TZ = clock.TZ``); ``use(name)`` points it at the
configured zone when the settings are loaded, so a module's constant follows the setting."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Shanghai"


class PlatformZone(tzinfo):
    """The configured zone behind one stable object (a tzinfo that delegates to a ZoneInfo)."""

    def __init__(self, name: str = DEFAULT_ZONE):
        self.zone = ZoneInfo(name)

    @property
    def key(self) -> str:
        return self.zone.key

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return self.zone.utcoffset(dt)

    def dst(self, dt: datetime | None) -> timedelta | None:
        return self.zone.dst(dt)

    def tzname(self, dt: datetime | None) -> str | None:
        return self.zone.tzname(dt)

    def fromutc(self, dt: datetime) -> datetime:
        return self.zone.fromutc(dt.replace(tzinfo=self.zone)).replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"PlatformZone({self.zone.key!r})"


TZ = PlatformZone()


def use(name: str) -> None:
    """Point ``TZ`` at the zone ``name`` (the settings' TIMEZONE)."""
    TZ.zone = ZoneInfo(name)


def today() -> date:
    return datetime.now(TZ).date()


def now() -> datetime:
    """The current moment, aware, in the platform's zone."""
    return datetime.now(TZ)


_SPACE = re.compile(r"\s+")
_DATE_FORMS = [
    re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def parse_date(raw: str | None) -> date | None:
    """A typed (or written) date: 2026-11-24, 2026/11/24, 2026.11.24, 2026年11月24日, 20261124
    (full-width digits and any white space allowed); None when it is not one. The one date reader of
    the chat, the card form, /events and the roster fixer."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", str(raw or "")))
    for form in _DATE_FORMS:
        m = form.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None
