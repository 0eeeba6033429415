"""Incremental pulls: a cursor on (last_mod_dt, id) that never skips an object and never loops."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from frontdesk.protocol.wire import Cursor, Page, ProtocolError, Resource, format_dt
from frontdesk.sync.results import PulledPage, T

ListPage = Callable[..., Page[T]]


def pull_pages(
    list_page: ListPage[T],
    resource: Resource[T],
    since: Cursor | None,
    limit: int,
    filters: Mapping[str, str | int],
) -> Iterator[PulledPage[T]]:
    """Everything changed after `since`, page by page, in (last_mod_dt, id) order.

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
        keys = [Cursor(o.last_mod_dt, o.id) for o in page.objects]
        if keys != sorted(keys):  # the cursor is only sound if the order holds
            raise ProtocolError(f"the {resource.name} page is not in last_mod_dt order")
        fresh = tuple(o for o, key in zip(page.objects, keys, strict=True) if cursor is None or key > cursor)
        advanced = keys[-1] if keys and (cursor is None or keys[-1] > cursor) else cursor
        yield PulledPage(fresh, advanced, page.meta.total_count, page.server_time)
        if len(page.objects) < limit:
            return
        # A server that ignores after_id (e.g. the real platform) can return a full page we have already
        # seen when more than `limit` objects share one timestamp: step past it by offset.
        offset = 0 if advanced != cursor else offset + len(page.objects)
        cursor = advanced
