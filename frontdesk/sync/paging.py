"""Incremental pulls: a cursor on (last_mod_dt, id) that never skips an object and never loops."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from frontdesk.protocol.wire import Cursor, Page, ProtocolError, Resource, format_dt
from frontdesk.storage.replica_store import Row
from frontdesk.sync import wire_rows
from frontdesk.sync.results import PulledPage, T
from frontdesk.sync.wire_rows import Key

ListPage = Callable[..., Page[Any]]
Item = TypeVar("Item")


@dataclass(frozen=True, slots=True)
class RowPage:
    """The new objects of one page as replica rows, their (last_mod_dt, id) keys, and the cursor to store once
    they are saved."""

    rows: list[Row]
    keys: list[Key]
    cursor: Cursor | None
    total_count: int | None
    server_time: datetime | None = None  # the platform's clock when it answered (HTTP Date)


Reader = Callable[[Page[Any]], tuple[Sequence[Item], list[Key]]]  # a page's items and their keys


Walked = tuple[Page[Any], Sequence[Item], list[Key], Cursor | None]  # a page, its new items, their keys, the cursor


def _walk(list_page: ListPage, resource: Resource[Any], read: Reader[Item], since: Cursor | None, limit: int,
          filters: Mapping[str, str | int]) -> Iterator[Walked[Item]]:  # fmt: skip
    """Everything changed after `since`, page by page, in (last_mod_dt, id) order: each page with its new items,
    their keys and the cursor past them.

    The request overlaps the cursor (last_mod_dt__gte) so objects sharing its timestamp are never skipped,
    and after_id continues by keyset, so objects changing mid-pull cannot shift later pages. Objects at or
    before `since` are dropped. The caller stores each page's objects, then its cursor, then asks for more.
    To re-read a window before its stored cursor, the caller passes an earlier `since` (cursors.py).
    """
    cursor, offset = since, 0
    while True:
        params: dict[str, str | int] = {**filters, "limit": limit, "offset": offset}
        if cursor is not None:
            params.update(last_mod_dt__gte=format_dt(cursor.last_mod_dt), after_id=cursor.id)
        page = list_page(resource, **params)
        items, keys = read(page)
        if any(later < earlier for earlier, later in itertools.pairwise(keys)):  # the cursor needs it
            raise ProtocolError(f"the {resource.name} page is not in last_mod_dt order")
        start = 0 if cursor is None else bisect.bisect_right(keys, (cursor.last_mod_dt, cursor.id))
        advanced = Cursor(*keys[-1]) if keys and start < len(keys) else cursor
        yield page, items[start:], keys[start:], advanced
        if len(page.objects) < limit:
            return
        # A server that ignores after_id (e.g. the real platform) can return a full page we have already
        # seen when more than `limit` objects share one timestamp: step past it by offset.
        offset = 0 if advanced != cursor else offset + len(page.objects)
        cursor = advanced


def pull_pages(list_page: ListPage, resource: Resource[T], since: Cursor | None, limit: int,
               filters: Mapping[str, str | int]) -> Iterator[PulledPage[T]]:  # fmt: skip
    """Everything changed after `since` as the wire's objects, page by page (see _walk)."""

    def read(page: Page[Any]) -> tuple[Sequence[T], list[Key]]:
        return page.objects, [(o.last_mod_dt, o.id) for o in page.objects]

    for page, objects, _keys, advanced in _walk(list_page, resource, read, since, limit, filters):
        yield PulledPage(tuple(objects), advanced, page.meta.total_count, page.server_time)


@dataclass(frozen=True, slots=True)
class KeyedPage:
    """The new objects of one page as the platform's JSON, already checked for their keys (wire_rows.read_keys):
    enough to ask for the next page. Their rows are read later (rows()), by the thread that stores them."""

    name: str
    objects: Sequence[object]
    keys: list[Key]
    cursor: Cursor | None
    total_count: int | None
    server_time: datetime | None = None

    def rows(self) -> RowPage:
        """The objects as replica rows; ProtocolError (naming the object and field) for one the protocol refuses."""
        rows = wire_rows.read_rows(self.name, self.objects)
        return RowPage(rows, self.keys, self.cursor, self.total_count, self.server_time)


def pull_keyed(list_page: ListPage, resource: Resource[Any], since: Cursor | None, limit: int,
               filters: Mapping[str, str | int]) -> Iterator[KeyedPage]:  # fmt: skip
    """Everything changed after `since`, page by page (see _walk), each page's objects still as JSON with their
    keys: the next page is asked for as soon as this one's keys are known."""

    def read(page: Page[Any]) -> tuple[Sequence[object], list[Key]]:
        return page.objects, wire_rows.read_keys(resource.name, page.objects)

    raw = wire_rows.RAW[resource.name]
    for page, objects, keys, advanced in _walk(list_page, raw, read, since, limit, filters):
        yield KeyedPage(resource.name, objects, keys, advanced, page.meta.total_count, page.server_time)
