"""Guides: clerk progress per unit, guide and protection year.

Revision ID: 0002_guides
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002_guides"
down_revision = "0001_foundation"
branch_labels = ("guides",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guide_progress",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("guide", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("scope", "guide", "year", name="uq_guide_progress_scope"),
    )
    op.create_index("ix_guide_progress_scope", "guide_progress", ["scope"])
    op.create_index("ix_guide_progress_unit_id", "guide_progress", ["unit_id"])
    op.create_index("ix_guide_progress_updated_by", "guide_progress", ["updated_by"])


def downgrade() -> None:
    op.drop_index("ix_guide_progress_updated_by", table_name="guide_progress")
    op.drop_index("ix_guide_progress_unit_id", table_name="guide_progress")
    op.drop_index("ix_guide_progress_scope", table_name="guide_progress")
    op.drop_table("guide_progress")
