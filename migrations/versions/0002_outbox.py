"""The outbox: messages a committed change owes a person, delivered after the commit.

Revision ID: 0002_outbox
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002_outbox"
down_revision = "0001_foundation"
branch_labels = ("outbox",)
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "outbox_groups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner_id", sa.BigInteger(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("progress_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("progress_message_id", sa.Integer(), nullable=True),
        sa.Column("created_at", T(), nullable=False),
        sa.Column("finished_at", T(), nullable=True),
    )
    op.create_index("ix_outbox_groups_finished_at", "outbox_groups", ["finished_at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("group_id", sa.Integer(), sa.ForeignKey("outbox_groups.id"), nullable=False),
        sa.Column("recipient_id", sa.BigInteger(), nullable=False),
        sa.Column("key", S(length=64), nullable=False),
        sa.Column("params", S(length=2000), nullable=False),
        sa.Column("created_at", T(), nullable=False),
        sa.Column("done_at", T(), nullable=True),
    )
    op.create_index("ix_outbox_group_id", "outbox", ["group_id"])
    op.create_index("ix_outbox_recipient_id", "outbox", ["recipient_id"])
    op.create_index("ix_outbox_done_at", "outbox", ["done_at"])


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("outbox_groups")
