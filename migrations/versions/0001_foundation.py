"""Foundation: users, units, invites, FSM state.

Revision ID: 0001_foundation
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("uscc", sqlmodel.sql.sqltypes.AutoString(length=18), nullable=True),
        sa.Column("enroll_code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column("district", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("uscc"),
    )
    op.create_index("ix_units_parent_id", "units", ["parent_id"])
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("lang", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("mode", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    op.create_index("ix_users_unit_id", "users", ["unit_id"])
    op.create_table(
        "invites",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_by", sa.BigInteger(), nullable=True),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )
    op.create_index("ix_invites_unit_id", "invites", ["unit_id"])
    op.create_table(
        "fsm_state",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=255), primary_key=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fsm_state")
    op.drop_index("ix_invites_unit_id", "invites")
    op.drop_table("invites")
    op.drop_index("ix_users_unit_id", "users")
    op.drop_table("users")
    op.drop_index("ix_units_parent_id", "units")
    op.drop_table("units")
