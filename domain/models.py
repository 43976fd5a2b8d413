"""Foundation tables: users, units (工会组织 / 参保单位), clerk invites, FSM state.

Timestamps are timezone-aware UTC (``utcnow()``): SQLModel (>= 0.0.50) maps ``datetime`` to
``UTCDateTime`` (timestamptz on PostgreSQL) and refuses naive values.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, Text
from sqlmodel import Field, SQLModel

ROLES = ("member", "clerk", "admin")
MODES = ("member", "clerk")
UNIT_LEVELS = ("grassroots", "secondary", "district")


def utcnow() -> datetime:
    return datetime.now(UTC)


class User(SQLModel, table=True):
    """A Telegram user. ``id`` is the Telegram user id."""

    __tablename__ = "users"

    id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    lang: str | None = Field(default=None, max_length=8)
    role: str = Field(default="member", max_length=16)  # authorisation: member / clerk / admin
    mode: str | None = Field(default=None, max_length=16)  # which menu the person chose
    unit_id: int | None = Field(default=None, foreign_key="units.id", index=True)
    active: bool = Field(default=True)  # False once Telegram says the bot is blocked
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Unit(SQLModel, table=True):
    """A union organisation / enrolling unit."""

    __tablename__ = "units"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    uscc: str | None = Field(default=None, max_length=18, unique=True)  # 统一社会信用代码
    enroll_code: str | None = Field(default=None, max_length=32)  # 参保编码
    district: str | None = Field(default=None, max_length=100)  # district / industry union name
    level: str = Field(default="grassroots", max_length=16)
    parent_id: int | None = Field(default=None, foreign_key="units.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Invite(SQLModel, table=True):
    """Single-use, expiring clerk invite (deep link ``?start=<code>``)."""

    __tablename__ = "invites"

    code: str = Field(primary_key=True, max_length=40)
    unit_id: int = Field(foreign_key="units.id", index=True)
    role: str = Field(default="clerk", max_length=16)
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    used_at: datetime | None = None


class FsmRecord(SQLModel, table=True):
    """aiogram FSM state and data of one storage key."""

    __tablename__ = "fsm_state"

    key: str = Field(primary_key=True, max_length=255)
    state: str | None = Field(default=None, max_length=255)
    data: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)


