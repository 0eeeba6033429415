"""GET on the three collections: filters, (last_mod_dt, id) order, limit/offset and the keyset cursor.

A list page is answered as JSON bytes made here (serialize.py: tuples in, one loop per collection, orjson out),
never through a dict per database row and the standard library's encoder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Column, ColumnElement, Engine, Select, Table, func, literal, select, tuple_

from frontdesk.hub.errors import ApiError
from frontdesk.hub.models import MAX_ID, Base, ConnectionRow, UserRow, VoucherRow
from frontdesk.hub.scope import scope_filter
from frontdesk.hub.serialize import (
    PAGE_OBJECTS,
    Row,
    Tuple,
    connection_json,
    page_json,
    page_select,
    raw_select,
    user_json,
    voucher_json,
)
from frontdesk.protocol.wire import JSON, parse_dt

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class Collection:
    name: str
    table: Table
    id_column: str
    to_json: Callable[[Row], JSON]
    # query parameter -> column it filters on by equality (business and location: see scope.py)
    filters: Mapping[str, str]

    def column(self, name: str) -> Column[object]:
        return self.table.c[name]

    def page_select(self) -> Select[Any]:
        return page_select(self.name, self.table)

    def page_objects(self, rows: Sequence[Tuple]) -> list[JSON]:
        return PAGE_OBJECTS[self.name](rows)


def _table(model: type[Base]) -> Table:
    return Base.metadata.tables[model.__tablename__]


COLLECTIONS = {
    c.name: c
    for c in (
        Collection("users", _table(UserRow), "user_id", user_json, {}),
        Collection(
            "connections",
            _table(ConnectionRow),
            "connection_id",
            connection_json,
            {"user_id": "user_id", "status": "status"},
        ),
        Collection(
            "vouchers",
            _table(VoucherRow),
            "voucher_id",
            voucher_json,
            {"user_id": "user_id", "status": "status"},
        ),
    )
}


def _int(params: Mapping[str, str], name: str, default: int | None, low: int, high: int | None = None) -> int | None:
    text = params.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ApiError(422, "invalid_filter", f"{name} must be a whole number.") from None
    if value < low or value > (high or MAX_ID):
        raise ApiError(422, "invalid_filter", f"{name} must be between {low} and {high or MAX_ID}.")
    return value


def _moment(params: Mapping[str, str], name: str) -> datetime | None:
    text = params.get(name)
    if text is None:
        return None
    try:
        return parse_dt(text.replace(" ", "+"))  # an unescaped "+00:00" arrives as " 00:00"
    except ValueError:
        raise ApiError(422, "invalid_filter", f"{name} must be an ISO-8601 time with a zone.") from None


@dataclass(frozen=True)
class PageRows:
    """One page as the database gave it: tuples in PAGE_COLUMNS order, and the count on a first page."""

    rows: Sequence[Tuple]
    total: int | None
    limit: int
    offset: int


def page_rows(engine: Engine, coll: Collection, params: Mapping[str, str]) -> PageRows:
    """Check the list parameters and read one page (bench/sync_steps.py times this as the hub's query)."""
    if any("\x00" in value for value in params.values()):  # PostgreSQL refuses NUL in text
        raise ApiError(422, "invalid_filter", "A filter value cannot contain a NUL character.")
    limit = _int(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT) or DEFAULT_LIMIT
    offset = _int(params, "offset", 0, 0) or 0
    since, before = _moment(params, "last_mod_dt__gte"), _moment(params, "last_mod_dt__lt")
    after_id = _int(params, "after_id", None, 0)
    if after_id is not None and since is None:
        raise ApiError(422, "invalid_filter", "after_id only works together with last_mod_dt__gte.")
    stamp, ident = coll.column("last_mod_dt"), coll.column(coll.id_column)
    where: list[ColumnElement[bool]] = []
    if since is not None:
        where.append(stamp >= since)
        if after_id is not None:  # keyset: strictly after (since, after_id) in (last_mod_dt, id) order
            cursor = tuple_(literal(since, stamp.type), literal(after_id, ident.type))
            where.append(tuple_(stamp, ident) > cursor)
    if before is not None:
        where.append(stamp < before)
    for param, column in coll.filters.items():
        if param in params:
            value: object = _int(params, param, None, 0) if column.endswith("_id") else params[param]
            where.append(coll.column(column) == value)
    where += scope_filter(coll.name, coll.table, params)
    query = coll.page_select().where(*where)
    with engine.connect() as db:
        rows = db.execute(query.order_by(stamp, ident).limit(limit).offset(offset)).all()
        total = None
        if after_id is None:  # counting is a scan: only on the first page of a pull
            count = select(func.count()).select_from(coll.table).where(*where)
            total = db.execute(count).scalar_one()
    return PageRows(rows, total, limit, offset)


def page_body(coll: Collection, page: PageRows, params: Mapping[str, str], path: str) -> bytes:
    """The page's objects and meta as the answer's JSON bytes."""
    objects = coll.page_objects(page.rows)
    meta = _meta(params, path, page.limit, page.offset, page.total, objects, coll.id_column)
    return page_json(meta, objects)


def list_page(engine: Engine, coll: Collection, params: Mapping[str, str], path: str) -> bytes:
    """GET /v2/{collection}/: the answer's JSON body."""
    return page_body(coll, page_rows(engine, coll, params), params, path)


def _meta(
    params: Mapping[str, str],
    path: str,
    limit: int,
    offset: int,
    total: int | None,
    objs: list[JSON],
    id_key: str,
) -> JSON:
    more = len(objs) == limit if total is None else offset + len(objs) < total
    link = None
    if more:
        following = dict(params, limit=str(limit), offset=str(offset + limit))
        if "last_mod_dt__gte" in params:  # continue by keyset: immune to rows moving while we page
            last = objs[-1]
            following.update(last_mod_dt__gte=str(last["last_mod_dt"]), after_id=str(last[id_key]), offset="0")
        link = f"{path}?{urlencode(following)}"
    return {"limit": limit, "offset": offset, "total_count": total, "next": link}


def find_one(engine: Engine, coll: Collection, object_id: int) -> JSON | None:
    if object_id > MAX_ID:  # a larger number is no id the database could hold
        return None
    with engine.connect() as db:
        row = db.execute(raw_select(coll.table).where(coll.column(coll.id_column) == object_id)).mappings().first()
    return None if row is None else coll.to_json(row)


def get_one(engine: Engine, coll: Collection, object_id: int) -> JSON:
    found = find_one(engine, coll, object_id)
    if found is None:
        raise ApiError(404, "not_found", f"There is no {coll.name[:-1]} with id {object_id}.")
    return found
