"""Database rows as protocol objects, straight from Core rows (fast at 1,000 a page); shapes as in wire.py."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any

from sqlalchemy import BigInteger, RowMapping, Select, Table, select, type_coerce

from frontdesk.hub.models import Micros
from frontdesk.protocol.wire import JSON

Row = RowMapping


_DAY_US = 86_400_000_000


def raw_select(table: Table) -> Select[Any]:
    """SELECT every column, times as raw microseconds: formatting ints is several times faster than datetimes."""
    return select(*(type_coerce(c, BigInteger).label(c.name) if isinstance(c.type, Micros) else c for c in table.c))


@functools.lru_cache(maxsize=8192)
def _calendar_day(days: int) -> str:
    return (date(1970, 1, 1) + timedelta(days=days)).isoformat()


def micros_text(micros: int) -> str:
    """The same text as wire.format_dt gives for that moment: 2024-05-01T09:30:00.000000Z."""
    days, rest = divmod(micros, _DAY_US)
    seconds, fraction = divmod(rest, 1_000_000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return f"{_calendar_day(days)}T{hours:02d}:{minutes:02d}:{seconds:02d}.{fraction:06d}Z"


def _dt(value: int | None) -> str | None:
    return None if value is None else micros_text(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def user_json(row: Row) -> JSON:
    return {
        "user_id": row["user_id"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "emails": [{"email": e["email"], "is_primary": bool(e["is_primary"])} for e in row["emails"]],
        "phone_number": row["phone_number"],
        "birthday": _day(row["birthday"]),
        "member_number": row["member_number"],
        "last_mod_dt": micros_text(row["last_mod_dt"]),
    }


def connection_json(row: Row) -> JSON:
    return {
        "connection_id": row["connection_id"],
        "user_id": row["user_id"],
        "business_id": row["business_id"],
        "status": row["status"],
        "point_balance": row["point_balance"],
        "home_location": row["home_location"],
        "membership_status": row["membership_status"],
        "last_mod_dt": micros_text(row["last_mod_dt"]),
    }


def voucher_json(row: Row) -> JSON:
    return {
        "voucher_id": row["voucher_id"],
        "user_id": row["user_id"],
        "business_id": row["business_id"],
        "title": row["title"],
        "code": str(row["voucher_id"]),
        "external_coupon_code": row["external_coupon_code"],
        "status": row["status"],
        "points": row["points"],
        "created_dt": micros_text(row["created_dt"]),
        "expires_dt": _dt(row["expires_dt"]),
        "used_dt": _dt(row["used_dt"]),
        "used_location": row["used_location"],
        "used_by_desk": row["used_by_desk"],
        "used_by_staff": row["used_by_staff"],
        "last_mod_dt": micros_text(row["last_mod_dt"]),
    }
