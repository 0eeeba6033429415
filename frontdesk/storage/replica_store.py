"""Writing pulled rows into the desk's replica, and the look-ups a pull makes before it writes: the SQL of the
sync's pull lives here (frontdesk/sync keeps the rules: what is held back, when the index is rebuilt).

Rows are plain tuples in the order of COLUMNS[resource], already in storage form (types.sqlite_datetime text),
and go straight to the driver: SQLAlchemy's per-value processing would cost more than SQLite. They go as a few
statements of a few thousand rows each (one multi-row VALUES), not executemany's one step per row: the driver
lets go of the interpreter lock around every step, and with the pull's reading thread busy in Python each row then
waited up to a switch interval (5 ms) to get it back: 20,000 rows took 21.5 s instead of 0.15 s (the "convoy",
bench/replica_writes.py).
Ids go into look-ups as one JSON array (json_each): one statement text whatever the count, so SQLAlchemy
compiles and SQLite prepares it once instead of once per page size.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, select, text
from sqlalchemy.orm import Session

from frontdesk.storage.models import Connection, Customer, Voucher
from frontdesk.storage.outbox import OutboxState

Row = tuple[Any, ...]  # one replica row, in the order of COLUMNS[resource]

COLUMNS: dict[str, tuple[str, ...]] = {
    "users": ("id", "first_name", "last_name", "email", "other_emails", "phone", "phone_digits", "birthday",
              "member_number", "last_mod_dt"),
    "connections": ("id", "customer_id", "status", "point_balance", "home_location", "membership_status",
                    "last_mod_dt"),
    "vouchers": ("id", "customer_id", "code", "external_coupon_code", "title", "status", "points", "created_at",
                 "expires_at", "used_at", "used_location", "used_by_desk", "used_by_staff", "last_mod_dt"),
}  # fmt: skip

TABLES: dict[str, Table] = {
    "users": Customer.__table__,  # type: ignore[dict-item]
    "connections": Connection.__table__,  # type: ignore[dict-item]
    "vouchers": Voucher.__table__,  # type: ignore[dict-item]
}


def _upsert(table: Table, columns: tuple[str, ...]) -> str:
    """INSERT … ON CONFLICT (id) DO UPDATE: keeps the row (REPLACE would delete it, tripping keys and triggers)."""
    assert set(columns) == set(table.columns.keys()), f"COLUMNS[{table.name}] must name every column"
    changes = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    return (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            f" ON CONFLICT (id) DO UPDATE SET {changes}")  # fmt: skip


_UPSERT = {resource: _upsert(table, COLUMNS[resource]) for resource, table in TABLES.items()}
MOST_VARIABLES = 32766  # SQLite's default cap on the ? of one statement (since 3.32); a lower build cap is read


@functools.lru_cache(maxsize=32)
def _upsert_rows(resource: str, count: int) -> str:
    """The upsert of `count` rows in one statement (one multi-row VALUES)."""
    one = "(" + ", ".join("?" for _ in COLUMNS[resource]) + ")"
    head, _values, tail = _UPSERT[resource].partition(f"VALUES {one}")
    return f"{head}VALUES {', '.join([one] * count)}{tail}"


def _rows_per_statement(session: Session, resource: str) -> int:
    raw = session.connection().connection.dbapi_connection
    cap = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) if isinstance(raw, sqlite3.Connection) else 999
    return max(1, min(cap, MOST_VARIABLES) // len(COLUMNS[resource]))


# Waiting changes are found through the outbox index on (state, customer_id): by the customers the incoming rows
# name and the customers the desk's rows name now (the entry was written with the latter). Filtering on state
# alone would visit every waiting entry for each row stored, quadratic when thousands wait to be pushed.
_WAITING = {
    resource: text(
        f"SELECT DISTINCT o.target_id FROM outbox AS o WHERE o.state = '{OutboxState.PENDING.value}'"
        " AND o.customer_id IN"
        f" (SELECT value FROM json_each(:customers) UNION SELECT customer_id FROM {TABLES[resource].name}"
        "  WHERE id IN (SELECT value FROM json_each(:ids)))"
        " AND o.kind = :kind AND o.key != :except_key AND o.target_id IN (SELECT value FROM json_each(:ids))"
    )
    for resource in ("connections", "vouchers")
}
_ANY_WAITING = text(f"SELECT 1 FROM outbox WHERE state = '{OutboxState.PENDING.value}' LIMIT 1")
_MISSING = text(
    f"SELECT j.value FROM json_each(:ids) AS j WHERE NOT EXISTS (SELECT 1 FROM {Customer.__tablename__} AS c"
    " WHERE c.id = j.value)"
)
_HELD = {
    resource: text(f"SELECT id, last_mod_dt FROM {table.name} WHERE id IN (SELECT value FROM json_each(:ids))")
    for resource, table in TABLES.items()
}


def upsert(session: Session, resource: str, rows: Sequence[Row]) -> None:
    """Insert or update `rows` of `resource` by id, in page order (a later row of the same id wins)."""
    if not rows:
        return
    connection, step = session.connection(), _rows_per_statement(session, resource)
    for start in range(0, len(rows), step):
        part = rows[start : start + step]
        values = [value for row in part for value in row]
        connection.exec_driver_sql(_upsert_rows(resource, len(part)), tuple(values))


def waiting_targets(session: Session, resource: str, kind: str, rows: Sequence[Row], except_key: str) -> set[int]:
    """Ids of `rows` (connections or vouchers) with an outbox entry of `kind` still waiting, other than
    `except_key` (column 1 is the customer in both)."""
    if session.execute(_ANY_WAITING).first() is None:  # a first load has none: no look-up row by row
        return set()
    params = {
        "kind": kind,
        "except_key": except_key,
        "ids": json.dumps([r[0] for r in rows]),
        "customers": json.dumps(sorted({r[1] for r in rows})),
    }
    return {int(target) for target in session.execute(_WAITING[resource], params).scalars()}


def missing_customers(session: Session, user_ids: Iterable[int]) -> set[int]:
    """Which of `user_ids` the replica holds no customer for."""
    wanted = set(user_ids)
    if not wanted:
        return set()
    return {int(user_id) for user_id in session.execute(_MISSING, {"ids": json.dumps(sorted(wanted))}).scalars()}


def held_stamps(session: Session, resource: str, ids: Sequence[int]) -> dict[int, str | None]:
    """The last_mod_dt text the replica holds for each of `ids` it has."""
    rows = session.execute(_HELD[resource], {"ids": json.dumps(list(ids))}).all()
    return {int(row[0]): row[1] for row in rows}


def holds_customers(session: Session) -> bool:
    return session.scalars(select(Customer.id).limit(1)).first() is not None
