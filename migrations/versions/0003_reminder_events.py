"""Per-unit events (relative deadlines) and the programs a unit takes part in.

Revision ID: 0003_reminder_events
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_reminder_events"
down_revision = "0002_reminders"
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "unit_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("program", S(length=32), nullable=False),
        sa.Column("event", S(length=32), nullable=False),
        sa.Column("occurred_at", T(), nullable=False),
        sa.Column("recorded_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", T(), nullable=False),
        sa.Column("undone_at", T(), nullable=True),
        sa.Column("undone_by", sa.BigInteger(), nullable=True),
    )
    op.create_index("ix_unit_events_unit_id", "unit_events", ["unit_id"])
    op.create_table(
        "unit_programs",
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("programs", S(length=200), nullable=False),
        sa.Column("updated_by", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", T(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("unit_programs")
    op.drop_index("ix_unit_events_unit_id", table_name="unit_events")
    op.drop_table("unit_events")
