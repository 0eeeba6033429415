"""Database rows as protocol objects, straight from Core rows (fast at 1,000 a page); shapes as in wire.py.

A list page is read as plain tuples in the fixed column order of PAGE_COLUMNS (no mapping per row, no type
processing: times as integer microseconds, a user's e-mails as their stored JSON text) and turned into the
page's objects by one loop per collection; the page goes out through orjson. One object (find_one, a change's
answer) goes through the mapping functions below, which give the same shapes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy import BigInteger, RowMapping, Select, Table, Text, select, type_coerce

from frontdesk.hub.models import Micros
from frontdesk.protocol.wire import JSON

Row = RowMapping


_DAY_US = 86_400_000_000


def raw_select(table: Table) -> Select[Any]:
    """SELECT every column, times as raw microseconds: formatting ints is several times faster than datetimes."""
    return select(*(type_coerce(c, BigInteger).label(c.name) if isinstance(c.type, Micros) else c for c in table.c))


_DAYS: dict[int, str] = {}  # days since 1970 -> "2024-05-01T"; a page's times fall on few days
_HOURS_MINUTES = [f"{h:02d}:{m:02d}:" for h in range(24) for m in range(60)]
_SECONDS = [f"{s:02d}." for s in range(60)]


def _calendar_day(days: int) -> str:
    if len(_DAYS) > 8192:
        _DAYS.clear()
    text = _DAYS[days] = (date(1970, 1, 1) + timedelta(days=days)).isoformat() + "T"
    return text


def micros_text(micros: int) -> str:
    """The same text as wire.format_dt gives for that moment: 2024-05-01T09:30:00.000000Z (a first load formats
    millions: table look-ups instead of formatting each part)."""
    days, rest = divmod(micros, _DAY_US)
    seconds, fraction = divmod(rest, 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    return f"{_DAYS.get(days) or _calendar_day(days)}{_HOURS_MINUTES[minutes]}{_SECONDS[seconds]}{fraction:06d}Z"


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


# -- list pages -------------------------------------------------------------------------------------------------

PAGE_COLUMNS: dict[str, tuple[str, ...]] = {
    "users": ("user_id", "first_name", "last_name", "emails", "phone_number", "birthday", "member_number",
              "last_mod_dt"),
    "connections": ("connection_id", "user_id", "business_id", "status", "point_balance", "home_location",
                    "membership_status", "last_mod_dt"),
    "vouchers": ("voucher_id", "user_id", "business_id", "title", "external_coupon_code", "status", "points",
                 "created_dt", "expires_dt", "used_dt", "used_location", "used_by_desk", "used_by_staff",
                 "last_mod_dt"),
}  # fmt: skip


def page_select(name: str, table: Table) -> Select[Any]:
    """SELECT the columns of PAGE_COLUMNS[name]: times as raw microseconds, e-mails and birthday as stored."""
    columns: list[Any] = []
    for column_name in PAGE_COLUMNS[name]:
        column = table.c[column_name]
        if isinstance(column.type, Micros):
            columns.append(type_coerce(column, BigInteger).label(column_name))
        elif column_name in ("emails", "birthday"):  # handed over as stored: no per-row type processing
            columns.append(type_coerce(column, Text).label(column_name))
        else:
            columns.append(column)
    return select(*columns)


def _emails(stored: Any) -> list[JSON]:
    """The stored e-mail list (JSON text on SQLite; PostgreSQL's driver may hand it over already decoded)."""
    emails = orjson.loads(stored) if isinstance(stored, str | bytes) else stored
    return [{"email": e["email"], "is_primary": bool(e["is_primary"])} for e in emails]


def _day_text(value: Any) -> str | None:
    """A birthday as SQLite keeps it (YYYY-MM-DD text) or as PostgreSQL's driver hands it over (a date)."""
    return value if value is None or isinstance(value, str) else value.isoformat()


Tuple = Sequence[Any]


def user_objects(rows: Sequence[Tuple]) -> list[JSON]:
    return [
        {"user_id": user_id, "first_name": first, "last_name": last, "emails": _emails(emails),
         "phone_number": phone, "birthday": _day_text(birthday), "member_number": member,
         "last_mod_dt": micros_text(stamp)}
        for user_id, first, last, emails, phone, birthday, member, stamp in rows
    ]  # fmt: skip


def connection_objects(rows: Sequence[Tuple]) -> list[JSON]:
    return [
        {"connection_id": connection_id, "user_id": user_id, "business_id": business_id, "status": status,
         "point_balance": points, "home_location": home, "membership_status": membership,
         "last_mod_dt": micros_text(stamp)}
        for connection_id, user_id, business_id, status, points, home, membership, stamp in rows
    ]  # fmt: skip


def voucher_objects(rows: Sequence[Tuple]) -> list[JSON]:
    return [
        {"voucher_id": voucher_id, "user_id": user_id, "business_id": business_id, "title": title,
         "code": str(voucher_id), "external_coupon_code": coupon, "status": status, "points": points,
         "created_dt": micros_text(created), "expires_dt": None if expires is None else micros_text(expires),
         "used_dt": None if used is None else micros_text(used), "used_location": location,
         "used_by_desk": desk, "used_by_staff": staff, "last_mod_dt": micros_text(stamp)}
        for (voucher_id, user_id, business_id, title, coupon, status, points, created, expires, used, location,
             desk, staff, stamp) in rows
    ]  # fmt: skip


PAGE_OBJECTS: dict[str, Callable[[Sequence[Tuple]], list[JSON]]] = {
    "users": user_objects,
    "connections": connection_objects,
    "vouchers": voucher_objects,
}


def page_json(meta: JSON, objects: list[JSON]) -> bytes:
    """The list envelope as UTF-8 JSON bytes (orjson: about ten times the standard library's speed)."""
    return orjson.dumps({"meta": meta, "objects": objects})
