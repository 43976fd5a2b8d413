"""Card applications, their history, card batches and the bank outlet catalogue."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column
from sqlmodel import Field, SQLModel

from domain.models import utcnow


class CardApplication(SQLModel, table=True):
    __tablename__ = "card_applications"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=24, unique=True)
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    unit_id: int | None = Field(default=None, foreign_key="units.id", index=True)
    kind: str = Field(max_length=16)  # enterprise / flexible / outside
    name: str = Field(max_length=40)
    doc_type: str = Field(max_length=24)
    doc_enc: str = Field(max_length=400)  # Fernet token
    doc_hash: str = Field(max_length=64, index=True)  # keyed HMAC for look-ups
    doc_masked: str = Field(max_length=40)
    birth_date: str | None = Field(default=None, max_length=10)
    gender: str | None = Field(default=None, max_length=1)
    expiry: str = Field(max_length=10)  # YYYY-MM-DD or 长期
    nationality: str | None = Field(default=None, max_length=40)
    mobile_enc: str = Field(max_length=400)
    mobile_masked: str = Field(max_length=20)
    address: str = Field(max_length=120)
    union_name: str = Field(max_length=100)
    member_no: str | None = Field(default=None, max_length=32)
    branch: str = Field(max_length=100)
    outlet: str = Field(max_length=100)
    bank_phone_enc: str = Field(max_length=400)
    channel: str = Field(max_length=8)  # normal / special
    status: str = Field(default="pending", max_length=16, index=True)
    reason: str | None = Field(default=None, max_length=200)
    batch_id: int | None = Field(default=None, foreign_key="card_batches.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class CardTransition(SQLModel, table=True):
    __tablename__ = "card_transitions"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="card_applications.id", index=True)
    from_status: str = Field(max_length=16)
    to_status: str = Field(max_length=16)
    actor_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    reason: str | None = Field(default=None, max_length=200)
    at: datetime = Field(default_factory=utcnow)


class CardBatch(SQLModel, table=True):
    __tablename__ = "card_batches"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=24, unique=True)
    unit_id: int | None = Field(default=None, foreign_key="units.id", index=True)
    channel: str = Field(max_length=8)
    branch: str = Field(max_length=100)
    outlet: str = Field(max_length=100)
    contact: str = Field(max_length=40)
    contact_phone_enc: str = Field(max_length=400)
    status: str = Field(default="submitted", max_length=16)  # submitted / closed / revoke_pending / revoked
    revoke_applicant: str | None = Field(default=None, max_length=40)
    revoke_reason: str | None = Field(default=None, max_length=200)
    revoke_phone_enc: str | None = Field(default=None, max_length=400)
    created_by: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    created_at: datetime = Field(default_factory=utcnow)


class BankOutlet(SQLModel, table=True):
    __tablename__ = "card_outlets"

    id: int | None = Field(default=None, primary_key=True)
    district: str = Field(max_length=40, index=True)
    branch: str = Field(max_length=100)
    outlet: str = Field(max_length=100)
    address: str | None = Field(default=None, max_length=200)
