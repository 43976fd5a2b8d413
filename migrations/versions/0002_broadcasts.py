"""Admin broadcasts and their progress.

Revision ID: 0002_broadcasts
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002_broadcasts"
down_revision = "0001_foundation"
branch_labels = ("broadcasts",)
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("author_id", sa.BigInteger(), nullable=True),
        sa.Column("audience", S(length=16), nullable=False),
        sa.Column("text", S(length=4000), nullable=False),
        sa.Column("status", S(length=16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("progress_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_message_id", sa.Integer(), nullable=True),
        sa.Column("created_at", T(), nullable=False),
        sa.Column("updated_at", T(), nullable=False),
    )
    op.create_index("ix_broadcasts_status", "broadcasts", ["status"])


def downgrade() -> None:
    op.drop_index("ix_broadcasts_status", table_name="broadcasts")
    op.drop_table("broadcasts")
