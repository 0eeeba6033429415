"""Upgrades of a hub database made by an older release; create_schema runs them before creating missing tables.

The hub has no migration tool: its schema is its models, created where missing. A change to an existing
table is an upgrade here, idempotent and in one transaction, so a hub file from before it keeps working.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, inspect, text

from frontdesk.hub.models import Base, IdempotencyRecord

_SHARED = "idempotency_keys_shared"


def upgrade(engine: Engine) -> None:
    with engine.begin() as conn:
        if _needs_keys_by_account(conn):
            _keys_by_account(conn)


def _needs_keys_by_account(conn: Connection) -> bool:
    names = inspect(conn).get_table_names()
    if IdempotencyRecord.__tablename__ not in names:
        return False
    return "staff_id" not in {c["name"] for c in inspect(conn).get_columns(IdempotencyRecord.__tablename__)}


def _keys_by_account(conn: Connection) -> None:
    """Idempotency keys were shared by every account; now each belongs to the account that sent it.

    A stored answer whose change was applied moves to the account the change log names, so a desk's retry of
    it is still replayed. The others (refusals) are dropped: a retry is decided afresh, against the same rules.
    """
    conn.execute(text(f"ALTER TABLE idempotency_keys RENAME TO {_SHARED}"))
    Base.metadata.tables[IdempotencyRecord.__tablename__].create(conn)
    conn.execute(
        text(
            "INSERT INTO idempotency_keys (staff_id, key, fingerprint, status_code, body, created_at) "
            "SELECT DISTINCT staff_accounts.id, shared.key, shared.fingerprint, shared.status_code, shared.body, "
            f"shared.created_at FROM {_SHARED} AS shared "
            "JOIN change_log ON change_log.idempotency_key = shared.key "
            "JOIN staff_accounts ON staff_accounts.name = change_log.account"
        )
    )
    conn.execute(text(f"DROP TABLE {_SHARED}"))
