"""Storing what the platform says in the desk's replica: wire objects → rows, idempotent upserts.

Server truth never erases a staff change still waiting to be pushed: rows with a pending outbox entry
are left as the desk has them until the platform answers that entry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.orm import Session

from frontdesk.protocol.wire import Connection, User, Voucher
from frontdesk.storage.models import Connection as ConnectionRow
from frontdesk.storage.models import Customer
from frontdesk.storage.models import Voucher as VoucherRow
from frontdesk.storage.outbox import OutboxState
from frontdesk.storage.types import sqlite_datetime

KIND_OF_TABLE = {  # resource -> the outbox kind that changes its rows
    "connections": "program_status",
    "vouchers": "voucher_status",
}


def _dt(moment: datetime | None) -> str | None:
    """sqlite_datetime's text, about twice as fast for the UTC moments wire.py hands over (a first load formats
    millions of them)."""
    if moment is None:
        return None
    if moment.tzinfo is not UTC or moment.year < 1000:
        return sqlite_datetime(moment)
    return moment.isoformat(" ", "microseconds")[:-6]  # "2024-05-01 09:30:00.000000+00:00" without the offset


def stamp_text(moment: datetime) -> str | None:
    """A last_mod_dt as the replica holds it (raw SQL reads give this text back)."""
    return _dt(moment)


Row = tuple[Any, ...]  # one replica row, in the order of COLUMNS[resource]

COLUMNS: dict[str, tuple[str, ...]] = {
    "users": ("id", "first_name", "last_name", "email", "other_emails", "phone", "phone_digits", "birthday",
              "member_number", "last_mod_dt"),
    "connections": ("id", "customer_id", "status", "point_balance", "home_location", "membership_status",
                    "last_mod_dt"),
    "vouchers": ("id", "customer_id", "code", "external_coupon_code", "title", "status", "points", "created_at",
                 "expires_at", "used_at", "used_location", "used_by_desk", "used_by_staff", "last_mod_dt"),
}  # fmt: skip


def user_row(user: User) -> Row:
    emails = user.emails
    primary = next((e.email for e in emails if e.is_primary), emails[0].email) if emails else ""
    others = "\n".join(e.email for e in emails if e.email != primary) if len(emails) > 1 else ""
    phone = user.phone_number or ""
    birthday = user.birthday
    return (
        user.user_id,
        user.first_name,
        user.last_name,
        primary,
        others,
        phone,
        "".join(filter(str.isdigit, phone)),
        None if birthday is None else birthday.isoformat(),
        user.member_number or "",
        _dt(user.last_mod_dt),
    )


def connection_row(connection: Connection) -> Row:
    return (
        connection.connection_id,
        connection.user_id,
        connection.status.value,
        connection.point_balance,
        connection.home_location or "",
        connection.membership_status.value,
        _dt(connection.last_mod_dt),
    )


def voucher_row(voucher: Voucher) -> Row:
    return (
        voucher.voucher_id,
        voucher.user_id,
        voucher.code,
        voucher.external_coupon_code,
        voucher.title,
        voucher.status.value,
        voucher.points,
        _dt(voucher.created_dt),
        _dt(voucher.expires_dt),
        _dt(voucher.used_dt),
        voucher.used_location,
        voucher.used_by_desk,
        voucher.used_by_staff,
        _dt(voucher.last_mod_dt),
    )


# The ids go in as one JSON array (json_each): one statement text whatever the count, so SQLAlchemy compiles and
# SQLite prepares it once instead of once per page size.
#
# Waiting changes are found through the outbox index on (state, customer_id): by the customers the incoming rows
# name and the customers the desk's rows name now (the entry was written with the latter). Filtering on state
# alone would visit every waiting entry for each row stored, quadratic when thousands wait to be pushed.
_WAITING = {
    resource: text(
        f"SELECT DISTINCT o.target_id FROM outbox AS o WHERE o.state = '{OutboxState.PENDING.value}'"
        " AND o.customer_id IN"
        f" (SELECT value FROM json_each(:customers) UNION SELECT customer_id FROM {table}"
        "  WHERE id IN (SELECT value FROM json_each(:ids)))"
        " AND o.kind = :kind AND o.key != :except_key AND o.target_id IN (SELECT value FROM json_each(:ids))"
    )
    for resource, table in (("connections", "connections"), ("vouchers", "vouchers"))
}
_MISSING = text(
    f"SELECT j.value FROM json_each(:ids) AS j WHERE NOT EXISTS (SELECT 1 FROM {Customer.__tablename__} AS c"
    " WHERE c.id = j.value)"
)


def waiting_targets(session: Session, resource: str, rows: Sequence[Row], *, except_key: str | None = None) -> set[int]:
    """Ids of `rows` (connections or vouchers) with a staff change still waiting, other than entry `except_key`."""
    params = {
        "kind": KIND_OF_TABLE[resource],
        "except_key": except_key or "",
        "ids": json.dumps([r[0] for r in rows]),
        "customers": json.dumps(sorted({r[1] for r in rows})),  # column 1 is customer_id in both
    }
    return {int(target) for target in session.execute(_WAITING[resource], params).scalars()}


def missing_customers(session: Session, user_ids: Iterable[int]) -> set[int]:
    wanted = set(user_ids)
    if not wanted:
        return set()
    return {int(user_id) for user_id in session.execute(_MISSING, {"ids": json.dumps(sorted(wanted))}).scalars()}


def store(session: Session, resource: str, rows: Sequence[Row], *, except_key: str | None = None) -> int:
    """Upsert rows unless a staff change to them is still waiting; returns how many were stored."""
    if resource in KIND_OF_TABLE and rows:
        held = waiting_targets(session, resource, rows, except_key=except_key)
        if held:
            rows = [r for r in rows if r[0] not in held]
    if rows:
        # Straight to the driver's executemany: SQLAlchemy's per-value processing would cost more than SQLite.
        session.connection().exec_driver_sql(_UPSERT[resource], list(rows))
    return len(rows)


TABLES: dict[str, Table] = {
    "users": Customer.__table__,  # type: ignore[dict-item]
    "connections": ConnectionRow.__table__,  # type: ignore[dict-item]
    "vouchers": VoucherRow.__table__,  # type: ignore[dict-item]
}


def _upsert(table: Table, columns: tuple[str, ...]) -> str:
    """INSERT … ON CONFLICT (id) DO UPDATE: keeps the row (REPLACE would delete it, tripping keys and triggers)."""
    assert set(columns) == set(table.columns.keys()), f"COLUMNS[{table.name}] must name every column"
    changes = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    return (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
            f" ON CONFLICT (id) DO UPDATE SET {changes}")  # fmt: skip


_UPSERT = {resource: _upsert(table, COLUMNS[resource]) for resource, table in TABLES.items()}
ROW_OF: dict[str, Callable[[Any], Row]] = {
    "users": user_row,
    "connections": connection_row,
    "vouchers": voucher_row,
}


def rows_for(resource: str, objects: Sequence[Any]) -> list[Row]:
    make = ROW_OF[resource]
    return [make(o) for o in objects]
