"""The Mini App's latest roster check of each clerk, kept in the database (encrypted) so that the
report and fixed files can be downloaded from whichever worker process answers.

Revision ID: 0004_webapp_roster_checks
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004_webapp_roster_checks"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None

T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "webapp_roster_checks",
        sa.Column("user_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("sealed", sa.Text(), nullable=False),
        sa.Column("created_at", T(), nullable=False),
    )
    op.create_index("ix_webapp_roster_checks_created_at", "webapp_roster_checks", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_webapp_roster_checks_created_at", table_name="webapp_roster_checks")
    op.drop_table("webapp_roster_checks")
