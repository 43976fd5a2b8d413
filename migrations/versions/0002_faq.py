"""FAQ feedback: votes and unanswered questions.

Revision ID: 0002_faq
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002_faq"
down_revision = "0001_foundation"
branch_labels = ("faq",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "faq_feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("query", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("entry_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_faq_feedback_user_id", "faq_feedback", ["user_id"])
    op.create_index("ix_faq_feedback_kind", "faq_feedback", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_faq_feedback_kind", "faq_feedback")
    op.drop_index("ix_faq_feedback_user_id", "faq_feedback")
    op.drop_table("faq_feedback")
