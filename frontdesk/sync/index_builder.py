"""A first load's search indexes, built in chunks on a thread of their own while the load goes on.

The users come first in a first load, with the indexes' per-row upkeep suspended (search_index.py). Once they are
in, the indexes are built chunk by chunk (storage/index_build.py) on this thread while the connections and
vouchers are fetched and stored: the chunks' C code runs beside the pull's Python, and each chunk holds the write
lock only briefly, so the pull's batches are stored between them. The two take turns here (writing), the pull's
batch first: left to SQLite's busy handler, a chunk taken again at once after the last one could keep the pull
waiting past its busy timeout. The sync ends only once the indexes are whole
and their upkeep is back (finish). If a chunk fails, finish rebuilds the indexes in one go instead; if the process
dies, the next opening of the file does (search_index.repair_index).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from frontdesk.storage import index_build
from frontdesk.storage.database import Database
from frontdesk.storage.search_index import resume_index

log = logging.getLogger(__name__)
BEFORE_EVERY_ID = -(2**63)


class SearchIndexBuild:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._thread: threading.Thread | None = None
        self._failed: BaseException | None = None
        self._turns = threading.Condition()
        self._writing = False
        self._batches_waiting = 0

    @contextmanager
    def writing(self) -> Iterator[None]:
        """The pull's turn to write a batch: after the chunk being written, before the next one."""
        with self._turns:
            self._batches_waiting += 1
            while self._writing:
                self._turns.wait()
            self._batches_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            self._done_writing()

    @contextmanager
    def _chunk_turn(self) -> Iterator[None]:
        with self._turns:
            while self._writing or self._batches_waiting:
                self._turns.wait()
            self._writing = True
        try:
            yield
        finally:
            self._done_writing()

    def _done_writing(self) -> None:
        with self._turns:
            self._writing = False
            self._turns.notify_all()

    def start(self) -> None:
        """Build the suspended indexes from the customers stored so far, on a thread of its own."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._build, name="sync-search-index", daemon=True)
            self._thread.start()

    def _build(self) -> None:
        try:
            with self._chunk_turn(), self._db.unit_of_work(write=True) as session:
                if not index_build.suspended(session):
                    return  # nothing to build: another process finished or repaired it
                index_build.clear(session)
            last: int | None = BEFORE_EVERY_ID
            while last is not None:
                with self._chunk_turn(), self._db.unit_of_work(write=True) as session:
                    last = index_build.index_chunk(session, last)
        except BaseException as error:  # finish() rebuilds instead, or raises what that says
            self._failed = error

    def finish(self) -> None:
        """Wait for the chunks, index what came in behind them and restore the upkeep; no-op if never started."""
        if self._thread is None:
            return
        self._thread.join()
        self._thread = None
        failed, self._failed = self._failed, None
        with self._db.unit_of_work(write=True) as session:
            if failed is not None:  # e.g. the write lock not had in time: one rebuild makes the indexes whole
                log.warning("building the search index in chunks failed (%s); rebuilding it in one go",
                            type(failed).__name__)  # fmt: skip
                resume_index(session)
            elif index_build.suspended(session):
                index_build.index_the_rest(session)
                index_build.restore_upkeep(session)
