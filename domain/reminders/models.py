"""Subscriptions and the delivery log (unique per recipient, deadline and lead time)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from domain.models import utcnow


class Subscription(SQLModel, table=True):
    __tablename__ = "reminder_subscriptions"

    user_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    programs: str = Field(default="member_protection,ss_card,mutual_aid,retiree", max_length=200)
    leads: str = Field(default="7d,3d,1d,morning", max_length=100)
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
