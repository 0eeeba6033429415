"""Initial schema: replica tables, outbox, audit log, sync cursors and the FTS5 customer index.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# Searchable customer columns. External content: the index stores no copy of the text, triggers keep
# it in step. unicode61 folds case and accents ("jose" finds "José"); prefix indexes keep 1–3 letter
# type-ahead fast.
_FTS_COLUMNS = "first_name, last_name, email, other_emails, phone, phone_digits, member_number"
_NEW = ", ".join(f"new.{c.strip()}" for c in _FTS_COLUMNS.split(","))
_OLD = ", ".join(f"old.{c.strip()}" for c in _FTS_COLUMNS.split(","))
FTS_DDL = [
    f"""CREATE VIRTUAL TABLE customers_fts USING fts5({_FTS_COLUMNS}, content='customers', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    f"""CREATE TRIGGER customers_fts_ai AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_NEW}); END""",
    f"""CREATE TRIGGER customers_fts_ad AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.id, {_OLD}); END""",
    f"""CREATE TRIGGER customers_fts_au AFTER UPDATE OF {_FTS_COLUMNS} ON customers BEGIN
        INSERT INTO customers_fts(customers_fts, rowid, {_FTS_COLUMNS}) VALUES ('delete', old.id, {_OLD});
        INSERT INTO customers_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_NEW}); END""",
]


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("desk", sa.String(length=100), nullable=False),
        sa.Column("staff_name", sa.String(length=100), nullable=False),
        sa.Column("staff_role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("from_value", sa.String(length=32), nullable=False),
        sa.Column("to_value", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("outbox_key", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_customer_id"), ["customer_id"], unique=False)

    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("other_emails", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("phone_digits", sa.String(length=40), nullable=False),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("member_number", sa.String(length=40), nullable=False),
        sa.Column("last_mod_dt", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_member_number"), ["member_number"], unique=False)

    op.create_table(
        "desk_facts",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_desk_facts")),
    )
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("desk", sa.String(length=100), nullable=False),
        sa.Column("staff_name", sa.String(length=100), nullable=False),
        sa.Column("staff_role", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_state_customer", ["state", "customer_id"], unique=False)

    op.create_table(
        "sync_cursors",
        sa.Column("resource", sa.String(length=32), nullable=False),
        sa.Column("last_mod_dt", sa.DateTime(), nullable=True),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("resource", name=op.f("pk_sync_cursors")),
    )
    op.create_table(
        "connections",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("point_balance", sa.Integer(), nullable=False),
        sa.Column("home_location", sa.String(length=100), nullable=False),
        sa.Column("membership_status", sa.String(length=16), nullable=False),
        sa.Column("last_mod_dt", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_connections_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connections")),
        sa.UniqueConstraint("customer_id", name=op.f("uq_connections_customer_id")),
    )
    op.create_table(
        "vouchers",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("external_coupon_code", sa.String(length=64), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("used_location", sa.String(length=100), nullable=True),
        sa.Column("used_by_desk", sa.String(length=100), nullable=True),
        sa.Column("used_by_staff", sa.String(length=100), nullable=True),
        sa.Column("last_mod_dt", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], name=op.f("fk_vouchers_customer_id_customers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vouchers")),
        sa.UniqueConstraint("code", name=op.f("uq_vouchers_code")),
    )
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vouchers_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vouchers_external_coupon_code"), ["external_coupon_code"], unique=False)

    for statement in FTS_DDL:
        op.execute(statement)


def downgrade() -> None:
    for trigger in ("customers_fts_ai", "customers_fts_ad", "customers_fts_au"):
        op.execute(f"DROP TRIGGER {trigger}")
    op.execute("DROP TABLE customers_fts")
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vouchers_external_coupon_code"))
        batch_op.drop_index(batch_op.f("ix_vouchers_customer_id"))

    op.drop_table("vouchers")
    op.drop_table("connections")
    op.drop_table("sync_cursors")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state_customer")

    op.drop_table("outbox")
    op.drop_table("desk_facts")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_member_number"))

    op.drop_table("customers")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_customer_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
