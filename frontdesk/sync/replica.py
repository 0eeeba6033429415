"""Storing what the platform says in the desk's replica: wire objects → rows, idempotent upserts.

Server truth never erases a staff change still waiting to be pushed: rows with a pending outbox entry
are left as the desk has them until the platform answers that entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from frontdesk.storage.bulk import insert_rows
from frontdesk.storage.models import Connection as ConnectionRow
from frontdesk.storage.models import Customer, OutboxEntry
from frontdesk.storage.models import Voucher as VoucherRow
from frontdesk.storage.types import sqlite_datetime
from frontdesk.sync.wire import Connection, User, Voucher

KIND_OF_TABLE = {"connections": "program_status", "vouchers": "voucher_status"}


def _dt(moment: Any) -> str | None:
    return None if moment is None else sqlite_datetime(moment)


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


def waiting_targets(session: Session, kind: str, ids: Iterable[int], *, except_key: str | None = None) -> set[int]:
    query = select(OutboxEntry.target_id).where(
        OutboxEntry.state == "PENDING", OutboxEntry.kind == kind, OutboxEntry.target_id.in_(list(ids))
    )
    if except_key is not None:
        query = query.where(OutboxEntry.key != except_key)
    return set(session.scalars(query))


def missing_customers(session: Session, user_ids: Iterable[int]) -> set[int]:
    wanted = set(user_ids)
    if not wanted:
        return set()
    return wanted - set(session.scalars(select(Customer.id).where(Customer.id.in_(wanted))))


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
