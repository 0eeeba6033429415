"""Conflicts (refused staff actions kept for a person) and the time an outbox entry was settled.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("outbox_key", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("wanted", sa.String(length=32), nullable=False),
        sa.Column("acted_at", sa.DateTime(), nullable=False),
        sa.Column("desk", sa.String(length=100), nullable=False),
        sa.Column("staff_name", sa.String(length=100), nullable=False),
        sa.Column("platform_state", sa.JSON(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
        sa.UniqueConstraint("outbox_key", name=op.f("uq_conflicts_outbox_key")),
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflicts_acknowledged_at"), ["acknowledged_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflicts_customer_id"), ["customer_id"], unique=False)
    # A plain ADD COLUMN: batch mode would copy the outbox table, which a migration need not do here.
    op.add_column("outbox", sa.Column("finished_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("finished_at")
    op.drop_table("conflicts")
