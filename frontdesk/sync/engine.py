"""One sync run: push the outbox in order, then pull each resource from its cursor."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.protocol.wire import Resource
from frontdesk.storage import desk_facts, outbox
from frontdesk.storage.database import Database
from frontdesk.sync import cursors
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.cursors import OVERLAP
from frontdesk.sync.index_builder import SearchIndexBuild
from frontdesk.sync.pull import BATCH_ROWS, RESOURCES, Progress, pull_resource
from frontdesk.sync.push import PushTally, push_outbox
from frontdesk.sync.scope import EVERYTHING, PullScope, restart_if_rescoped

log = logging.getLogger(__name__)
LAST_GOOD_SYNC = "last_good_sync"  # desk fact: when a sync last pushed and pulled everything


@dataclass(frozen=True)
class SyncSummary:
    pushed: int
    refused: int
    waiting: int  # staff actions still to be sent
    pulled: dict[str, int]
    open_conflicts: int
    seconds: float
    finished_at: datetime
    complete: bool  # pushed everything it could and pulled to the end
    problem: str | None = None  # plain words, when the run stopped early
    problem_code: str | None = None
    cancelled: bool = False
    refused_keys: tuple[str, ...] = ()  # outbox keys of the actions this run's push saw refused


class SyncEngine:
    def __init__(self, db: Database, client: PlatformClient, clock: Clock, *, page_size: int = 1000,
                 batch_rows: int = BATCH_ROWS, scope: PullScope = EVERYTHING, overlap: timedelta = OVERLAP,
                 side_by_side: bool = True) -> None:  # fmt: skip
        self.db = db
        self.client = client
        self.clock = clock
        self.page_size = page_size
        self.batch_rows = batch_rows  # pulled objects stored per transaction
        self.scope = scope  # which business (and home location) this desk replicates
        self.overlap = overlap  # how far before a fresh cursor a pull looks again (cursors.py)
        self.side_by_side = side_by_side  # a first load's connections and vouchers at once (False: bench baseline)

    def run(self, *, cancel: threading.Event | None = None, progress: Progress | None = None) -> SyncSummary:
        started = time.perf_counter()
        stop = cancel or threading.Event()
        pulled = {resource.name: 0 for resource in RESOURCES}
        problem: FrontDeskError | None = None
        tally = PushTally()  # filled as answers are stored: still right when the push stops with an error

        reporting = threading.Lock()  # two pulls may report at once (_side_by_side): one report at a time

        def counted(resource: str, done: int, total: int | None) -> None:  # pulls that stop half-way count too
            with reporting:
                pulled[resource] = done
                if progress is not None:
                    progress(resource, done, total)

        try:
            push_outbox(self.db, self.client, self.clock, should_stop=stop.is_set, tally=tally)
            if tally.stopped_by is not None:
                problem = FrontDeskError(
                    QT_TRANSLATE_NOOP("Sync", "The loyalty platform did not answer ({reason}).").fill(
                        reason=tally.stopped_by
                    ),
                    code="platform_unavailable",
                )
            else:
                restart_if_rescoped(self.db, self.scope)
                index = SearchIndexBuild(self.db)  # a first load's search index: built while the rest is pulled
                try:
                    self._pull_everything(stop, counted, pulled, index)
                finally:
                    index.finish()  # the sync ends with the index whole, however it ends
        except FrontDeskError as error:  # offline, signed out, a malformed reply: stop and say so
            problem = error
            log.info("sync stopped: %s", error.code)
        complete = problem is None and not stop.is_set()
        with self.db.unit_of_work(write=complete) as session:
            if complete:
                desk_facts.set_fact(session, LAST_GOOD_SYNC, self.clock.now().isoformat())
            waiting, conflicts = outbox.count_waiting(session), outbox.count_open_conflicts(session)
        return SyncSummary(
            pushed=tally.pushed,
            refused=tally.refused,
            waiting=waiting,
            pulled=pulled,
            open_conflicts=conflicts,
            seconds=round(time.perf_counter() - started, 3),
            finished_at=self.clock.now(),
            complete=complete,
            problem=problem.message if problem else None,
            problem_code=problem.code if problem else None,
            cancelled=stop.is_set(),
            refused_keys=tuple(tally.refused_keys),
        )

    def _pull(self, resource: Resource[Any], should_stop: Callable[[], bool], counted: Progress,
              index: SearchIndexBuild) -> int:  # fmt: skip
        return pull_resource(self.db, self.client, resource, page_size=self.page_size, should_stop=should_stop,
                             progress=counted, batch_rows=self.batch_rows, scope=self.scope, overlap=self.overlap,
                             index=index)  # fmt: skip

    def _pull_everything(self, stop: threading.Event, counted: Progress, pulled: dict[str, int],
                         index: SearchIndexBuild) -> None:  # fmt: skip
        """Users first (the rest refers to them), then the rest: one after the other, or side by side when the
        desk has never pulled any of them (a first load, see _side_by_side)."""
        users, *rest = RESOURCES
        if stop.is_set():
            return
        pulled[users.name] = self._pull(users, stop.is_set, counted, index)
        if stop.is_set():
            return
        if self.side_by_side and all(cursors.load_state(self.db, r.name).cursor is None for r in rest):
            _side_by_side(rest, lambda resource, should_stop: self._pull(resource, should_stop, counted, index),
                          stop, pulled)  # fmt: skip
            return
        for resource in rest:
            if stop.is_set():
                break
            pulled[resource.name] = self._pull(resource, stop.is_set, counted, index)


def _side_by_side(resources: list[Resource[Any]], pull: Callable[[Resource[Any], Callable[[], bool]], int],
                  stop: threading.Event, pulled: dict[str, int]) -> None:  # fmt: skip
    """Pull `resources` at once, each on its own thread (the first on this one), for a first load.

    One pull waits for the platform's next page most of the time; two keep the platform and both of the desk's
    cores busy. Each resource keeps its own cursor and order, and they never refer to each other. A failure of
    one stops the other after its current batch (as a cancel does) and is raised here once both have stopped."""
    failures: list[BaseException] = []
    given_up = threading.Event()

    def should_stop() -> bool:
        return stop.is_set() or given_up.is_set()

    def run(resource: Resource[Any]) -> None:
        try:
            pulled[resource.name] = pull(resource, should_stop)
        except BaseException as error:  # raised below, on the sync's own thread
            failures.append(error)
            given_up.set()

    others = [threading.Thread(target=run, args=(r,), name=f"sync-pull-{r.name}", daemon=True)
              for r in resources[1:]]  # fmt: skip
    for thread in others:
        thread.start()
    run(resources[0])
    for thread in others:
        thread.join()
    if failures:
        raise failures[0]
