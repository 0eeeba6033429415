"""A desk's first load in a process of its own, so that its Python never takes the window's time.

A first load reads every customer, connection and voucher of the business (a million customers: millions of
objects). Run on a worker thread of the window's process it still holds the interpreter lock most of the time,
and typing stalls (bench/window_sync.py measures it). So until a desk has finished a sync, its syncs run in a
child process (multiprocessing's spawn: no Qt, no threads of the window's carried over) that opens the same
desk file and writes it in short transactions while the window reads it as usual (SQLite's WAL). Once the desk
has its data, syncs are small and run on the window's worker thread as before.

The child sends its progress and, at the end, the sync's summary (or the error, in the same plain words a sync
in the window would give). The window's cancel stops it between batches, as it stops a sync in the window; the
child stops by itself when the window's process goes away. A child that dies half-way leaves the desk file as a
crash would: every stored batch with its cursor, nothing half-written (one transaction each), the search index
rebuilt when the file is next opened; the next sync, again in a child, goes on from there.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.platform_link import BACKGROUND_RETRY, PlatformLink
from frontdesk.storage import cursors as stored
from frontdesk.storage.database import Database
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import LAST_GOOD_SYNC, SyncEngine, SyncSummary
from frontdesk.sync.pull import RESOURCES
from frontdesk.sync.scope import PullScope

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int | None], None]  # resource, objects so far, total (if the platform says)
# A first load writes bigger batches: fewer commits (each an fsync), and the window only reads meanwhile.
FIRST_LOAD_BATCH_ROWS = 20_000
PAGE_SIZE = 1000  # the protocol's largest page
LOWEST_PRIORITY = 19  # Unix nice value of the child (where the system has no such thing, it runs as it is)
CANCEL_WAIT_S = 60.0  # after a cancel, how long the child may take to store its batch and stop
STOPPED = QT_TRANSLATE_NOOP(
    "Sync",
    "Loading the customers from the loyalty platform stopped before the end. What arrived is kept; "
    "the next sync goes on from there.",
)
BROKEN = QT_TRANSLATE_NOOP(
    "Sync",
    "Loading the customers from the loyalty platform failed. What arrived is kept; the details were written to "
    "the log for support.",
)


def needs_own_process(db: Database) -> bool:
    """A desk that never finished a sync, or whose cursors were reset (another scope), has a first load to do."""
    with db.unit_of_work() as session:
        if stored.fact(session, LAST_GOOD_SYNC) is None:
            return True
        return any(stored.cursor_of(session, resource.name) is None for resource in RESOURCES)


@dataclass(frozen=True)
class _Job:
    """What the child needs to run the sync: pickled to it (never on its command line, for the token)."""

    db_path: Path
    url: str
    token: str | None
    timeout: float
    scope: PullScope
    clock: Clock
    page_size: int
    batch_rows: int


def _child(job: _Job, orders: Connection, reports: Connection) -> None:
    """The child process: one sync, its progress and its outcome sent to `reports`."""
    with contextlib.suppress(AttributeError, OSError):  # bulk work: the window (and anything else) goes first
        os.setpriority(os.PRIO_PROCESS, 0, LOWEST_PRIORITY)
    cancel = threading.Event()

    def listen() -> None:  # "cancel" from the window, or the window's process gone (end of file)
        try:
            while orders.recv() != "cancel":
                pass
        except (EOFError, OSError):
            pass
        cancel.set()

    threading.Thread(target=listen, name="first-load-orders", daemon=True).start()
    try:
        db = Database(job.db_path, durable=False)  # a batch a power cut takes back is pulled again next time
        try:
            with PlatformClient(job.url, timeout=job.timeout, token=job.token, retry=BACKGROUND_RETRY) as client:
                engine = SyncEngine(db, client, job.clock, page_size=job.page_size, batch_rows=job.batch_rows,
                                    scope=job.scope)  # fmt: skip
                summary = engine.run(cancel=cancel, progress=lambda *report: reports.send(("progress", *report)))
        finally:
            db.close()
        reports.send(("done", summary))
    except FrontDeskError as error:
        reports.send(("failed", error.message, error.code))
    except Exception as error:  # the type only: a message could hold customer data
        reports.send(("broken", type(error).__name__))


def sync_in_own_process(link: PlatformLink, db: Database, clock: Clock, cancel: threading.Event | None = None,
                        progress: Progress | None = None, *, page_size: int = PAGE_SIZE,
                        batch_rows: int = FIRST_LOAD_BATCH_ROWS) -> SyncSummary:  # fmt: skip
    """Run one sync of `db` with `link`'s platform in a child process; its summary, or its error raised here.
    `clock` must pickle (the child gets a copy)."""
    link.ensure_signed_in()
    job = _Job(db.path, link.url, link.token, link.timeout, link.scope, clock, page_size, batch_rows)
    spawn = multiprocessing.get_context("spawn")
    orders_out, orders_in = spawn.Pipe(duplex=False)  # (receiving end, sending end)
    reports_out, reports_in = spawn.Pipe(duplex=False)
    child = spawn.Process(target=_child, args=(job, orders_out, reports_in), name="frontdesk-first-load", daemon=True)
    child.start()
    orders_out.close()
    reports_in.close()  # from now on an end of file means the child is gone
    try:
        return _follow(child, orders_in, reports_out, cancel or threading.Event(), progress)
    finally:
        orders_in.close()
        reports_out.close()
        child.join(CANCEL_WAIT_S)
        if child.is_alive():  # it did not stop when asked: a kill loses nothing a crash would not
            child.kill()
            child.join()


def _follow(child: Any, orders: Connection, reports: Connection, cancel: threading.Event,
            progress: Progress | None) -> SyncSummary:  # fmt: skip
    asked_to_stop = False
    while True:
        if cancel.is_set() and not asked_to_stop:
            asked_to_stop = True
            with contextlib.suppress(OSError):  # already gone: the end of file below says so
                orders.send("cancel")
        if not reports.poll(0.05):
            continue
        try:
            message = reports.recv()
        except EOFError:
            log.warning("the first-load process ended without an answer (exit code %s)", child.exitcode)
            raise FrontDeskError(STOPPED, code="first_load_stopped") from None
        kind = message[0]
        if kind == "progress":
            if progress is not None:
                progress(*message[1:])
        elif kind == "done":
            summary: SyncSummary = message[1]
            return summary
        elif kind == "failed":
            raise FrontDeskError(message[1], code=message[2])
        else:
            log.error("the first-load process failed: %s", message[1])
            raise FrontDeskError(BROKEN, code="first_load_failed")


def sync_for_window(link: PlatformLink, db: Database, clock: Clock, cancel: threading.Event | None = None,
                    progress: Progress | None = None) -> SyncSummary:  # fmt: skip
    """One sync for the window: a first load in a child process (see the module's docstring), others here."""
    if needs_own_process(db):
        return sync_in_own_process(link, db, clock, cancel, progress)
    return link.sync(db, clock, cancel)
