"""What people asked and how the answers were judged, for reviewing the knowledge base."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from domain.models import utcnow

KINDS = ("unanswered", "helpful", "not_helpful")


class FaqFeedback(SQLModel, table=True):
    __tablename__ = "faq_feedback"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    query: str = Field(max_length=500)  # digits that could be ID or phone numbers are masked
    entry_id: str | None = Field(default=None, max_length=64)
    kind: str = Field(max_length=16, index=True)
    lang: str = Field(default="zh", max_length=8)
    created_at: datetime = Field(default_factory=utcnow)
