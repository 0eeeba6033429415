"""Desk staff and their PIN hashes: who may unlock a shared desk, with the role the platform gave them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "desk_staff",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("pin_set_at", sa.DateTime(), nullable=False),
        sa.Column("failed_pins", sa.Integer(), nullable=False),
        sa.Column("wait_until", sa.DateTime(), nullable=True),
        sa.Column("last_unlocked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_desk_staff")),
    )


def downgrade() -> None:
    op.drop_table("desk_staff")
