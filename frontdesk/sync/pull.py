"""Pulling what changed on the platform, resource by resource, from a stored (last_mod_dt, id) cursor, re-reading
a short window before it when a late commit could have landed there (cursors.py).

Pages are fetched on a worker thread a few pages ahead, which reads only each page's keys (paging.pull_keyed) and
asks for the next page at once; this thread reads the pages' objects into replica rows (wire_rows.py) and stores
them meanwhile. So the platform prepares the next page while the desk reads and stores the last one, instead of
the two waiting for each other page by page. Pages are stored in batches of about BATCH_ROWS objects, each batch
with its cursor in one transaction (a few multi-row upserts, one commit): a crash or a cancel between batches
resumes where it stopped and never stores anything twice in a way that matters (upserts are idempotent).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from datetime import datetime, timedelta
from typing import Any

from frontdesk.domain.errors import FrontDeskError
from frontdesk.protocol.wire import CONNECTIONS, USERS, VOUCHERS, Cursor, Resource
from frontdesk.storage import replica_store
from frontdesk.storage.database import Database
from frontdesk.storage.replica_store import Row
from frontdesk.storage.search_index import resume_index, suspend_index
from frontdesk.sync import cursors, replica
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.index_builder import SearchIndexBuild
from frontdesk.sync.paging import KeyedPage, RowPage, pull_keyed
from frontdesk.sync.scope import EVERYTHING, PullScope

# Users first: connections and vouchers refer to them.
RESOURCES: tuple[Resource[Any], ...] = (USERS, CONNECTIONS, VOUCHERS)
Progress = Callable[[str, int, int | None], None]  # resource, objects so far, total (if the platform says)
AHEAD = 8  # pages fetched ahead of the one being stored: reading goes on while a batch waits for the lock
BATCH_ROWS = 5000  # objects stored per transaction: few fsyncs, yet a short hold on the write lock


class _Prefetch:
    """Iterates `pages`, up to AHEAD pages ahead on a worker thread; errors are raised here, in order.

    The first page is fetched here: most syncs have one short page per resource and need no worker thread.
    Only when it comes back full does a worker start fetching the rest.
    """

    def __init__(self, pages: Iterator[KeyedPage], page_size: int, client_lock: threading.Lock) -> None:
        self._pages = pages
        self._page_size = page_size
        self._lock = client_lock
        self._queue: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                with self._lock:
                    page = next(self._pages, None)
                if page is None:
                    break
                self._put(("page", page))
        except BaseException as error:  # handed to the storing thread, which raises it after the pages before it
            self._put(("error", error))
        self._put(("end", None))

    def _put(self, item: tuple[str, Any]) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return
            except queue.Full:
                continue

    def __iter__(self) -> Iterator[KeyedPage]:
        with self._lock:
            first = next(self._pages, None)
        if first is None:
            return
        if len(first.objects) < self._page_size:  # most likely the only page: go on without a worker
            yield first
            while (page := self._next_here()) is not None:
                yield page
            return
        self._thread = threading.Thread(target=self._run, name="sync-pull-prefetch", daemon=True)
        self._thread.start()
        yield first
        while True:
            kind, value = self._queue.get()
            if kind == "end":
                return
            if kind == "error":
                raise value
            yield value

    def _next_here(self) -> KeyedPage | None:
        with self._lock:
            return next(self._pages, None)

    def close(self) -> None:
        """Stop fetching; returns once the worker no longer uses the client (at most one request later)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


def _read_rows(pages: Iterator[KeyedPage]) -> Iterator[RowPage]:
    """Each fetched page's rows, read here (the fetching thread has gone on to the next page)."""
    for page in pages:
        yield page.rows()


def _batches(pages: Iterator[RowPage], should_stop: Callable[[], bool],
             batch_rows: int) -> Iterator[list[RowPage]]:  # fmt: skip
    """Group pages into batches of about `batch_rows` objects. What arrived before a failure or a cancel is still
    handed over (and stored) before the failure is raised or the pull stops."""
    batch: list[RowPage] = []
    rows = 0
    try:
        for page in pages:
            batch.append(page)
            rows += len(page.rows)
            if should_stop():
                break
            if rows >= batch_rows:
                yield batch
                batch, rows = [], 0
    except FrontDeskError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _fetch_missing_parents(db: Database, client: PlatformClient, rows: list[Row],
                           client_lock: threading.Lock) -> list[Any]:  # fmt: skip
    """A connection or voucher can name a customer created after the users pull ended: fetch it first."""
    with db.unit_of_work() as session:
        missing = replica_store.missing_customers(session, (row[1] for row in rows))  # column 1: the customer
    if not missing:
        return []
    with client_lock:
        users = [client.get(USERS, user_id) for user_id in sorted(missing)]
    return [u for u in users if u is not None]


def _store(db: Database, client: PlatformClient, name: str, rows: list[Row], cursor: Cursor | None,
           horizon: datetime | None, client_lock: threading.Lock, index: SearchIndexBuild | None) -> int:  # fmt: skip
    """Store `rows` and, when given, the cursor past them with its horizon, in one transaction (in turn with the
    chunks of a search index being built beside the pull)."""
    if not rows and cursor is None:
        return 0  # nothing new (the usual sync): no write transaction, no fsync
    parents = _fetch_missing_parents(db, client, rows, client_lock) if name != "users" else []
    # The write lock first: a staff action committed between the check for waiting changes and the upsert
    # would otherwise be overwritten by the platform's older copy of the row.
    with index.writing() if index is not None else nullcontext(), db.unit_of_work(write=True) as session:
        if parents:
            replica.store(session, "users", replica.rows_for("users", parents))
        replica.store(session, name, rows)
        if cursor is not None:
            cursors.save(session, name, cursor, horizon)
    return len(rows)


def pull_resource(db: Database, client: PlatformClient, resource: Resource[Any], *, page_size: int,
                  should_stop: Callable[[], bool], progress: Progress | None = None, batch_rows: int = BATCH_ROWS,
                  scope: PullScope = EVERYTHING, overlap: timedelta = cursors.OVERLAP,
                  index: SearchIndexBuild | None = None) -> int:  # fmt: skip
    """Pull `resource` from its cursor to the end (or until `should_stop`); how many objects were stored.

    On an empty desk the users' search index is built once they are all in: by `index` on its own thread while the
    caller pulls the rest (the caller then ends with index.finish()), or here, in one rebuild, without it."""
    name = resource.name
    state = cursors.load_state(db, name)
    since, reread_to = state.plan(overlap)
    first_load = False
    if name == "users" and state.cursor is None:
        with db.unit_of_work(write=True) as session:
            first_load = not replica_store.holds_customers(session)
            if first_load:  # an empty desk: index once at the end instead of row by row
                suspend_index(session)
    stored, total = 0, None
    saved = state.cursor  # the cursor as stored: it only ever moves forward
    horizon, started = state.horizon, False  # becomes the platform's clock at this pull's first answer
    client_lock = threading.Lock()  # the prefetching worker and parent look-ups share the client
    pages = _Prefetch(pull_keyed(client.list_page, resource, since, page_size, scope.params()), page_size, client_lock)
    try:
        for batch in _batches(_read_rows(iter(pages)), should_stop, batch_rows):
            if not started:  # without a Date, keep the older horizon: always safe
                horizon, started = batch[0].server_time or state.horizon, True
            rows = [row for page in batch for row in page.rows]
            if reread_to is not None:
                keys = [key for page in batch for key in page.keys]
                rows, _ = cursors.drop_known(db, name, rows, keys, reread_to)
            end = next((page.cursor for page in reversed(batch) if page.cursor is not None), None)
            moved = end if end is not None and (saved is None or end > saved) else None
            stored += _store(db, client, name, rows, moved, horizon, client_lock, index)
            saved = moved or saved
            total = next((p.total_count for p in batch if p.total_count is not None), total)  # the first page's
            if progress is not None:
                progress(name, stored, total)
            if should_stop():
                break
        else:  # read to the end: what this pull re-read is settled up to its own horizon
            if reread_to is not None and saved == reread_to and horizon != state.horizon:
                with db.unit_of_work() as session:
                    cursors.save(session, name, None, horizon)
    finally:
        pages.close()
        if first_load and index is not None:
            index.start()
        elif first_load:
            with db.unit_of_work() as session:
                resume_index(session)
    return stored
