"""Card applications, transitions, batches, bank outlets.

Revision ID: 0002_cards
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002_cards"
down_revision = "0001_foundation"
branch_labels = ("cards",)
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
T = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "card_batches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", S(length=24), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("channel", S(length=8), nullable=False),
        sa.Column("branch", S(length=100), nullable=False),
        sa.Column("outlet", S(length=100), nullable=False),
        sa.Column("contact", S(length=40), nullable=False),
        sa.Column("contact_phone_enc", S(length=400), nullable=False),
        sa.Column("status", S(length=16), nullable=False),
        sa.Column("revoke_applicant", S(length=40), nullable=True),
        sa.Column("revoke_phone_enc", S(length=400), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", T(), nullable=False),
        sa.UniqueConstraint("ref"),
    )
    op.create_index("ix_card_batches_unit_id", "card_batches", ["unit_id"])
    op.create_table(
        "card_applications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", S(length=24), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("kind", S(length=16), nullable=False),
        sa.Column("name", S(length=40), nullable=False),
        sa.Column("doc_type", S(length=24), nullable=False),
        sa.Column("doc_enc", S(length=400), nullable=False),
        sa.Column("doc_hash", S(length=64), nullable=False),
        sa.Column("doc_masked", S(length=40), nullable=False),
        sa.Column("birth_date", S(length=10), nullable=True),
        sa.Column("gender", S(length=1), nullable=True),
        sa.Column("expiry", S(length=10), nullable=False),
        sa.Column("nationality", S(length=40), nullable=True),
        sa.Column("mobile_enc", S(length=400), nullable=False),
        sa.Column("mobile_masked", S(length=20), nullable=False),
        sa.Column("address", S(length=120), nullable=False),
        sa.Column("union_name", S(length=100), nullable=False),
        sa.Column("member_no", S(length=32), nullable=True),
        sa.Column("branch", S(length=100), nullable=False),
        sa.Column("outlet", S(length=100), nullable=False),
        sa.Column("bank_phone_enc", S(length=400), nullable=False),
        sa.Column("channel", S(length=8), nullable=False),
        sa.Column("status", S(length=16), nullable=False),
        sa.Column("reason", S(length=200), nullable=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("card_batches.id"), nullable=True),
        sa.Column("created_at", T(), nullable=False),
        sa.Column("updated_at", T(), nullable=False),
        sa.UniqueConstraint("ref"),
    )
    for col in ("user_id", "unit_id", "doc_hash", "status", "batch_id"):
        op.create_index(f"ix_card_applications_{col}", "card_applications", [col])
    op.create_table(
        "card_transitions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("application_id", sa.Integer(), sa.ForeignKey("card_applications.id"), nullable=False),
        sa.Column("from_status", S(length=16), nullable=False),
        sa.Column("to_status", S(length=16), nullable=False),
        sa.Column("actor_id", sa.BigInteger(), nullable=True),
        sa.Column("reason", S(length=200), nullable=True),
        sa.Column("at", T(), nullable=False),
    )
    op.create_index("ix_card_transitions_application_id", "card_transitions", ["application_id"])
    op.create_table(
        "card_outlets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("district", S(length=40), nullable=False),
        sa.Column("branch", S(length=100), nullable=False),
        sa.Column("outlet", S(length=100), nullable=False),
        sa.Column("address", S(length=200), nullable=True),
    )
    op.create_index("ix_card_outlets_district", "card_outlets", ["district"])


def downgrade() -> None:
    op.drop_table("card_outlets")
    op.drop_table("card_transitions")
    op.drop_table("card_applications")
    op.drop_table("card_batches")
