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

from frontdesk.storage.bulk import insert_rows
from frontdesk.storage.models import Connection as ConnectionRow
from frontdesk.storage.models import Customer
from frontdesk.storage.models import Voucher as VoucherRow
from frontdesk.storage.types import sqlite_datetime
from frontdesk.sync.wire import Connection, User, Voucher

KIND_OF_TABLE = {"connections": "program_status", "vouchers": "voucher_status"}


def _dt(moment: datetime | None) -> str | None:
    """sqlite_datetime's text, about twice as fast for the UTC moments wire.py hands over (a first load formats
    millions of them)."""
    if moment is None:
        return None
    if moment.tzinfo is not UTC or moment.year < 1000:
        return sqlite_datetime(moment)
    return moment.isoformat(" ", "microseconds")[:-6]  # "2024-05-01 09:30:00.000000+00:00" without the offset


def user_row(user: User) -> dict[str, Any]:
    primary = next((e.email for e in user.emails if e.is_primary), user.emails[0].email if user.emails else "")
    others = [e.email for e in user.emails if e.email != primary]
    phone = user.phone_number or ""
    return {
        "id": user.user_id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": primary,
        "other_emails": "\n".join(others),
        "phone": phone,
        "phone_digits": "".join(ch for ch in phone if ch.isdigit()),
        "birthday": user.birthday.isoformat() if user.birthday else None,
        "member_number": user.member_number or "",
        "last_mod_dt": _dt(user.last_mod_dt),
    }


def connection_row(connection: Connection) -> dict[str, Any]:
    return {
        "id": connection.connection_id,
        "customer_id": connection.user_id,
        "status": connection.status.value,
        "point_balance": connection.point_balance,
        "home_location": connection.home_location or "",
        "membership_status": connection.membership_status.value,
        "last_mod_dt": _dt(connection.last_mod_dt),
    }


def voucher_row(voucher: Voucher) -> dict[str, Any]:
    return {
        "id": voucher.voucher_id,
        "customer_id": voucher.user_id,
        "code": voucher.code,
        "external_coupon_code": voucher.external_coupon_code,
        "title": voucher.title,
        "status": voucher.status.value,
        "points": voucher.points,
        "created_at": _dt(voucher.created_dt),
        "expires_at": _dt(voucher.expires_dt),
        "used_at": _dt(voucher.used_dt),
        "used_location": voucher.used_location,
        "used_by_desk": voucher.used_by_desk,
        "used_by_staff": voucher.used_by_staff,
        "last_mod_dt": _dt(voucher.last_mod_dt),
    }


# The ids go in as one JSON array (json_each): one statement text whatever the count, so SQLAlchemy compiles and
# SQLite prepares it once instead of once per page size.
_WAITING = text(
    "SELECT DISTINCT target_id FROM outbox WHERE state = 'PENDING' AND kind = :kind AND key != :except_key"
    " AND target_id IN (SELECT value FROM json_each(:ids))"
)
_MISSING = text(
    f"SELECT j.value FROM json_each(:ids) AS j WHERE NOT EXISTS (SELECT 1 FROM {Customer.__tablename__} AS c"
    " WHERE c.id = j.value)"
)


def waiting_targets(session: Session, kind: str, ids: Iterable[int], *, except_key: str | None = None) -> set[int]:
    """Ids among `ids` with a staff change of `kind` still waiting (other than the entry `except_key`)."""
    params = {"kind": kind, "except_key": except_key or "", "ids": json.dumps(list(ids))}
    return {int(target) for target in session.execute(_WAITING, params).scalars()}


def missing_customers(session: Session, user_ids: Iterable[int]) -> set[int]:
    wanted = set(user_ids)
    if not wanted:
        return set()
    return {int(user_id) for user_id in session.execute(_MISSING, {"ids": json.dumps(sorted(wanted))}).scalars()}


def store(session: Session, table: Table, rows: Sequence[dict[str, Any]], *, except_key: str | None = None) -> int:
    """Upsert rows unless a staff change to them is still waiting; returns how many were stored."""
    kind = KIND_OF_TABLE.get(table.name)
    if kind is not None:
        held = waiting_targets(session, kind, (r["id"] for r in rows), except_key=except_key)
        rows = [r for r in rows if r["id"] not in held]
    insert_rows(session, table, rows, upsert=True)
    return len(rows)


TABLES: dict[str, Table] = {
    "users": Customer.__table__,  # type: ignore[dict-item]
    "connections": ConnectionRow.__table__,  # type: ignore[dict-item]
    "vouchers": VoucherRow.__table__,  # type: ignore[dict-item]
}
ROW_OF: dict[str, Callable[[Any], dict[str, Any]]] = {
    "users": user_row,
    "connections": connection_row,
    "vouchers": voucher_row,
}


def rows_for(resource: str, objects: Sequence[Any]) -> list[dict[str, Any]]:
    make = ROW_OF[resource]
    return [make(o) for o in objects]
