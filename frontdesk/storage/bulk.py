"""Fast bulk inserts/upserts of plain rows, for demo data and initial pulls of a million customers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]], *, upsert: bool = False) -> None:
    """Insert (or, with upsert, insert-or-update by primary key) rows already in storage form
    (see types.sqlite_datetime).

    Goes straight to the driver's executemany: SQLAlchemy's per-value bind processing would cost more
    than SQLite's own work here.
    """
    if not rows:
        return
    columns = list(rows[0])
    statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    if upsert:
        # ON CONFLICT … DO UPDATE keeps the row (REPLACE would delete it, tripping foreign keys and triggers).
        keys = [c.name for c in table.primary_key.columns]
        changes = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
        statement += f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {changes}"
    session.connection().exec_driver_sql(statement, [tuple(row[c] for c in columns) for row in rows])
