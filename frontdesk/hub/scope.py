"""The business and location filters of the three lists: which part of the platform one desk replicates.

A person belongs to a business through a connection, and a connection has a home location, so:

- connections: `business` is the connection's business, `location` its home location;
- users: people with a connection matching both filters (the same connection: at that business, with that
  home location);
- vouchers: `business` is the voucher's business; `location` keeps the vouchers whose owner's connection at
  the voucher's business has that home location.

A customer whose home location changes is re-stamped with their vouchers (remote.update_object), so a
location-filtered pull sees them arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy import ColumnElement, Table, exists

from frontdesk.hub.errors import ApiError
from frontdesk.hub.models import MAX_ID, Base, ConnectionRow

SCOPE_PARAMETERS = ("business", "location")
_CONNECTIONS: Table = Base.metadata.tables[ConnectionRow.__tablename__]


def _business(params: Mapping[str, str]) -> int | None:
    text = params.get("business")
    if text is None:
        return None
    try:
        business = int(text)
    except ValueError:
        business = -1
    if not 0 <= business <= MAX_ID:
        raise ApiError(422, "invalid_filter", "business must be a whole number.")
    return business


def _connection_matches(params: Mapping[str, str]) -> list[ColumnElement[bool]]:
    conn = _CONNECTIONS.c
    where: list[ColumnElement[bool]] = []
    business = _business(params)
    if business is not None:
        where.append(conn.business_id == business)
    if "location" in params:
        where.append(conn.home_location == params["location"])
    return where


def _users(table: Table, params: Mapping[str, str]) -> list[ColumnElement[bool]]:
    matches = _connection_matches(params)
    if not matches:
        return []
    return [exists().where(_CONNECTIONS.c.user_id == table.c.user_id, *matches)]


def _connections(table: Table, params: Mapping[str, str]) -> list[ColumnElement[bool]]:
    return _connection_matches(params)


def _vouchers(table: Table, params: Mapping[str, str]) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    business = _business(params)
    if business is not None:
        where.append(table.c.business_id == business)
    if "location" in params:
        conn = _CONNECTIONS.c
        owner = (conn.user_id == table.c.user_id, conn.business_id == table.c.business_id)
        where.append(exists().where(*owner, conn.home_location == params["location"]))
    return where


SCOPES: dict[str, Callable[[Table, Mapping[str, str]], list[ColumnElement[bool]]]] = {
    "users": _users,
    "connections": _connections,
    "vouchers": _vouchers,
}


def scope_filter(collection: str, table: Table, params: Mapping[str, str]) -> list[ColumnElement[bool]]:
    """WHERE clauses for the business and location filters of `collection` (none when neither is given)."""
    return SCOPES[collection](table, params)
