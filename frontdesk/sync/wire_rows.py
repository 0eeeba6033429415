"""A list page's objects straight into replica rows, with exactly the protocol's checks but no wire object per row.

A first load reads millions of objects: building a frozen dataclass per object (wire_objects.py) and then a row
from it cost more than the rest of the desk's work together. Here each object goes from its JSON dict to the
row replica.py would make of it (same columns, same text), checking every field the way wire.py does. The fast
path takes only the platform's usual shapes — exact JSON types, times in the canonical `…T09:30:00.000000Z`
form; anything else (another offset, a missing optional, a wrong type) is handed to the wire parser for that
object, which raises its ProtocolError naming the field, or accepts it and replica.py makes the row. So a page
is read exactly as wire.py would read it, and tests/sync/test_wire_rows.py holds the two paths equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire import CONNECTIONS, USERS, VOUCHERS, Resource
from frontdesk.storage.replica_store import Row
from frontdesk.sync.replica import ROW_OF

Key = tuple[datetime, int]  # (last_mod_dt, id): the order a page is in, and where a pull's cursor stands

# The canonical wire time, year 1000 on (replica.py keeps earlier years in another text form), every field within
# its range; a 29th, 30th or 31st may still name no day (30 February): those few are asked of the calendar.
_CANONICAL_TIME = re.compile(
    r"[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}Z"
).fullmatch
_PROGRAM = frozenset(s.value for s in ProgramStatus)
_MEMBERSHIP = frozenset(s.value for s in MembershipStatus)
_VOUCHER = frozenset(s.value for s in VoucherStatus)


class _Unusual(Exception):
    """This object is not in the platform's usual shape: the wire parser reads it instead."""


def _int(value: object) -> int:
    if type(value) is not int:  # bool is no whole number on the wire
        raise _Unusual
    return value


def _text(value: object) -> str:
    if type(value) is not str:
        raise _Unusual
    return value


def _optional_text(value: object) -> str | None:
    if value is not None and type(value) is not str:
        raise _Unusual
    return value


def _time_text(value: object) -> str | None:
    """The replica's text for an optional canonical wire time: exactly the times datetime.fromisoformat takes."""
    if value is None:
        return None
    if type(value) is not str or not _CANONICAL_TIME(value):
        raise _Unusual
    if value[8:10] >= "29":
        date.fromisoformat(value[:10])  # ValueError (say, 30 February): unusual
    return value[:10] + " " + value[11:26]


def _stamp(value: object) -> str:
    """The replica's text for a required canonical wire time."""
    text = _time_text(value)
    if text is None:
        raise _Unusual
    return text


def _user(o: dict[str, Any]) -> Row:
    user_id = _int(o["user_id"])
    emails = o["emails"]
    if type(emails) is not list:
        raise _Unusual
    addresses: list[str] = []
    primary: str | None = None
    for email in emails:
        if type(email) is not dict:
            raise _Unusual
        address, is_primary = _text(email["email"]), email["is_primary"]
        if type(is_primary) is not bool:
            raise _Unusual
        addresses.append(address)
        if is_primary and primary is None:
            primary = address
    if primary is None:
        primary = addresses[0] if addresses else ""
    others = "\n".join(a for a in addresses if a != primary) if len(addresses) > 1 else ""
    phone = _optional_text(o.get("phone_number")) or ""
    birthday = o.get("birthday")
    day = None if birthday is None else date.fromisoformat(_text(birthday)).isoformat()
    return (user_id, _text(o["first_name"]), _text(o["last_name"]), primary, others, phone,
            "".join(filter(str.isdigit, phone)), day, _optional_text(o.get("member_number")) or "",
            _stamp(o["last_mod_dt"]))  # fmt: skip


# The checks below are written out field by field rather than through the helpers above: a first load reads
# millions of objects, and a function call per field costs more than its check.


def _connection(o: dict[str, Any]) -> Row:
    connection_id, user_id, business, points = o["connection_id"], o["user_id"], o["business_id"], o["point_balance"]
    status, membership, home = o["status"], o["membership_status"], o.get("home_location")
    if (type(connection_id) is not int or type(user_id) is not int or type(business) is not int
            or type(points) is not int or type(status) is not str or status not in _PROGRAM
            or type(membership) is not str or membership not in _MEMBERSHIP
            or (home is not None and type(home) is not str)):  # fmt: skip
        raise _Unusual
    return connection_id, user_id, status, points, home or "", membership, _stamp(o["last_mod_dt"])


def _voucher(o: dict[str, Any]) -> Row:
    voucher_id, user_id, business, points = o["voucher_id"], o["user_id"], o["business_id"], o["points"]
    code, title, status = o["code"], o["title"], o["status"]
    get = o.get
    coupon, location, desk, staff = (
        get("external_coupon_code"),
        get("used_location"),
        get("used_by_desk"),
        get("used_by_staff"),
    )
    if (type(voucher_id) is not int or type(user_id) is not int or type(business) is not int
            or type(points) is not int or type(code) is not str or type(title) is not str
            or type(status) is not str or status not in _VOUCHER
            or (coupon is not None and type(coupon) is not str)
            or (location is not None and type(location) is not str)
            or (desk is not None and type(desk) is not str)
            or (staff is not None and type(staff) is not str)):  # fmt: skip
        raise _Unusual
    return (voucher_id, user_id, code, coupon, title, status, points, _stamp(o["created_dt"]),
            _time_text(get("expires_dt")), _time_text(get("used_dt")), location, desk, staff,
            _stamp(o["last_mod_dt"]))  # fmt: skip


_FAST: dict[str, Callable[[dict[str, Any]], Row]] = {
    "users": _user,
    "connections": _connection,
    "vouchers": _voucher,
}
_RESOURCES: dict[str, Resource[Any]] = {r.name: r for r in (USERS, CONNECTIONS, VOUCHERS)}
_ID_FIELD = {"users": "user_id", "connections": "connection_id", "vouchers": "voucher_id"}


def read_rows(name: str, objects: Sequence[object]) -> list[Row]:
    """The replica rows of a page's raw objects, in page order.

    Raises ProtocolError (from wire.py, naming the object and field) for the first object the protocol does not
    allow: each object in an unusual shape is read by the wire parser, whose verdict and error count."""
    fast, resource, make_row = _FAST[name], _RESOURCES[name], ROW_OF[name]
    rows: list[Row] = []
    for index, raw in enumerate(objects):
        try:
            if type(raw) is not dict:
                raise _Unusual
            rows.append(fast(raw))
        except (_Unusual, KeyError, ValueError):
            rows.append(make_row(resource.parse(raw, f"{name}[{index}]")))
    return rows


def read_keys(name: str, objects: Sequence[object]) -> list[Key]:
    """The (last_mod_dt, id) keys of a page's raw objects, in page order, at a fraction of read_rows' cost: a pull
    needs a page's keys to ask for the next page, and reads its rows afterwards, on another thread, while the
    platform prepares that page.

    An object whose key is not in the usual shape sends the whole page through read_rows first, so a page the
    protocol refuses is refused here already, with read_rows' error (the first bad object in page order)."""
    id_field = _ID_FIELD[name]
    keys: list[Key] = []
    try:
        for raw in objects:
            if type(raw) is not dict:
                raise _Unusual
            object_id, moment = raw[id_field], raw["last_mod_dt"]
            if type(object_id) is not int or type(moment) is not str or not _CANONICAL_TIME(moment):
                raise _Unusual
            keys.append((datetime.fromisoformat(moment), object_id))
    except (_Unusual, KeyError, ValueError):
        read_rows(name, objects)  # raises for a page the protocol refuses; else the wire parser gives the keys
        resource = _RESOURCES[name]
        parsed = [resource.parse(raw, f"{name}[{index}]") for index, raw in enumerate(objects)]
        return [(p.last_mod_dt, p.id) for p in parsed]
    return keys


def read_objects(name: str, objects: Sequence[object]) -> tuple[list[Row], list[Key]]:
    """The replica rows of a page's raw objects and their (last_mod_dt, id) keys, in page order (ProtocolError as
    read_rows raises it)."""
    return read_rows(name, objects), read_keys(name, objects)


def _as_is(data: object, _where: str) -> Any:
    return data


# Resources whose pages keep their objects as raw JSON: the list envelope is still checked by wire.Page.
RAW: dict[str, Resource[Any]] = {name: Resource(name, _as_is) for name in _FAST}
