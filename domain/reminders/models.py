"""Subscriptions and the delivery log (unique per recipient, deadline and lead time)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.models import utcnow


class Subscription(SQLModel, table=True):
    __tablename__ = "reminder_subscriptions"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    programs: str = Field(default="unit", max_length=200)  # "unit": follow the unit's programs; else a list
    leads: str = Field(default="7d,3d,1d,morning,2h", max_length=100)
    active: bool = Field(default=True)
    updated_at: datetime = Field(default_factory=utcnow)


class Delivery(SQLModel, table=True):
    __tablename__ = "reminder_deliveries"
    __table_args__ = (UniqueConstraint("recipient_id", "deadline_key", "lead", name="uq_delivery_once"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    deadline_key: str = Field(max_length=100)
    lead: str = Field(max_length=16)
    status: str = Field(default="sending", max_length=16)  # sending / sent / failed / dropped
    detail: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class UnitEvent(SQLModel, table=True):
    """Something a unit did that starts a relative deadline (e.g. roster submitted → pay within 15 days).
    Undoing it keeps the row (undone_at) so the history stays, and the dependent deadline disappears."""

    __tablename__ = "unit_events"

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="units.id", index=True)
    program: str = Field(max_length=32)
    event: str = Field(max_length=32)
    occurred_at: datetime
    recorded_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)
    undone_at: datetime | None = Field(default=None)
    undone_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class UnitPrograms(SQLModel, table=True):
    """Which programs a unit takes part in; its clerks' reminders follow this unless they chose their own."""

    __tablename__ = "unit_programs"

    unit_id: int = Field(foreign_key="units.id", primary_key=True)
    programs: str = Field(max_length=200)
    updated_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    updated_at: datetime = Field(default_factory=utcnow)
