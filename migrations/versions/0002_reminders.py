"""Reminder subscriptions and the delivery log.

Revision ID: 0002_reminders
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002_reminders"
down_revision = "0001_foundation"
branch_labels = ("reminders",)
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "reminder_subscriptions",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("programs", S(length=200), nullable=False),
        sa.Column("leads", S(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", T(), nullable=False),
    )
    op.create_table(
        "reminder_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("deadline_key", S(length=100), nullable=False),
        sa.Column("lead", S(length=16), nullable=False),
        sa.Column("status", S(length=16), nullable=False),
        sa.Column("detail", S(length=200), nullable=True),
        sa.Column("created_at", T(), nullable=False),
        sa.Column("updated_at", T(), nullable=False),
        sa.UniqueConstraint("recipient_id", "deadline_key", "lead", name="uq_delivery_once"),
    )


def downgrade() -> None:
    op.drop_table("reminder_deliveries")
    op.drop_table("reminder_subscriptions")
