"""Storing what the platform says in the desk's replica: wire objects → rows, idempotent upserts.

Server truth never erases a staff change still waiting to be pushed: rows with a pending outbox entry
are left as the desk has them until the platform answers that entry. The SQL is storage/replica_store.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.protocol.wire import Connection, User, Voucher
from frontdesk.storage import replica_store
from frontdesk.storage.replica_store import COLUMNS, Row
from frontdesk.storage.types import sqlite_datetime

__all__ = ["COLUMNS", "KIND_OF_TABLE", "ROW_OF", "Row", "rows_for", "store"]

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


def store(session: Session, resource: str, rows: Sequence[Row], *, except_key: str | None = None) -> int:
    """Upsert rows unless a staff change to them is still waiting (other than outbox entry `except_key`);
    returns how many were stored."""
    if resource in KIND_OF_TABLE and rows:
        held = replica_store.waiting_targets(session, resource, KIND_OF_TABLE[resource], rows, except_key or "")
        if held:
            rows = [r for r in rows if r[0] not in held]
    replica_store.upsert(session, resource, rows)
    return len(rows)


ROW_OF: dict[str, Callable[[Any], Row]] = {
    "users": user_row,
    "connections": connection_row,
    "vouchers": voucher_row,
}


def rows_for(resource: str, objects: Sequence[Any]) -> list[Row]:
    make = ROW_OF[resource]
    return [make(o) for o in objects]
