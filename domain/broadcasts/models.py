"""A broadcast and its progress (kept, so an interrupted one is resumed after a restart)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from domain.models import utcnow

AUDIENCES = ("all", "members", "clerks")
STATUSES = ("running", "done", "cancelled")


class Broadcast(SQLModel, table=True):
    __tablename__ = "broadcasts"

    id: int | None = Field(default=None, primary_key=True)
    author_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    audience: str = Field(max_length=16)
    text: str = Field(max_length=4000)
    status: str = Field(default="running", max_length=16, index=True)
    total: int = 0
    sent: int = 0
    failed: int = 0
    progress_chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    progress_message_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
