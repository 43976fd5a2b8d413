"""Card batches: the reason a revocation was asked for (issue 18); a batch whose every result is in
is marked closed (status "closed", no schema change).

Revision ID: 0003_cards_revoke_reason
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003_cards_revoke_reason"
down_revision = "0002_cards"
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("card_batches") as batch:
        batch.add_column(sa.Column("revoke_reason", S(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("card_batches") as batch:
        batch.drop_column("revoke_reason")
