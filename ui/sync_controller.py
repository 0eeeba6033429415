"""Background sync: on start, at an interval, shortly after each staff action and on "Sync now".

Runs through the TaskRunner (never on the GUI thread), one run at a time; backs off while the platform
cannot be reached and tries again, so the desk catches up by itself when the network returns. Every run
first checks that the desk database belongs to the platform it is about to talk to (desk_state.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.desk_state import DeskState, claim_platform, read_desk_state
from frontdesk.services.platform_link import PlatformLink
from frontdesk.sync.engine import SyncSummary
from ui.context import DeskContext

log = logging.getLogger(__name__)
SIGNED_OUT_CODES = {"auth_required", "sign_in_refused"}
STOPPED_MODES = {"signed_out", "other_platform"}  # no automatic retry: a person has to act first
SIGN_IN_HINT = "Sign in with Desk → Connect to platform… to sync."
BACKGROUND_NICE = 10


@dataclass(frozen=True)
class SyncTiming:
    """When syncs run by themselves (seconds). Tests pass short ones; the desk's settings give the interval."""

    interval_s: float = 60
    soon_s: float = 1.5  # after a staff action: soon, but a burst of scans still goes in one run
    first_backoff_s: float = 5
    max_backoff_s: float = 300


@dataclass(frozen=True)
class SyncView:
    mode: str  # "not_connected" | "syncing" | "online" | "offline" | "signed_out" | "other_platform"
    waiting: int
    open_conflicts: int
    last_good_sync: datetime | None
    problem: str | None = None


def in_background() -> None:
    """A sync is bulk work: on a busy machine the GUI thread must win the CPU (Linux nices threads one by one;
    bench/window.py measured the longest stall during a first pull). Its page-fetching thread, started from
    here, inherits it. Elsewhere, or where the system refuses, the sync simply runs at normal priority."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICE)


class SyncController(QObject):
    view_changed = Signal(object)  # SyncView
    synced = Signal(object)  # SyncSummary, after each run that reached its end or stopped with a problem

    def __init__(self, context: DeskContext, link: PlatformLink | None, *, timing: SyncTiming | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._context = context
        self.link = context.link = link
        self.timing = timing or SyncTiming()
        self._backoff_s = 0.0
        self._running = False
        self._again = False
        self._cancel = threading.Event()
        self._generation = 0  # bumped when the link changes: a run of the old link must not set the new state
        self._mode = self._logged_mode = "not_connected" if link is None else "offline"
        self._problem: str | None = None
        self.state = DeskState(0, 0, None)
        self.scheduled_ms: int | None = None  # when the next automatic run is due (after the last run)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(round(self.timing.soon_s * 1000))
        self._soon.timeout.connect(self.sync_now)

    @property
    def view(self) -> SyncView:
        s = self.state
        return SyncView(self._mode, s.waiting, s.open_conflicts, s.last_good_sync, self._problem)

    def start(self) -> None:
        self.refresh_state()
        if self.link is not None:
            self.sync_now()

    def set_link(self, link: PlatformLink | None) -> None:
        self.link = self._context.link = link
        self._generation += 1
        self._show("not_connected" if link is None else "offline", None)
        if link is not None:
            self.sync_now()

    def sign_out(self) -> None:
        """The token is gone: stop syncing and say so; the changes waiting stay in the outbox."""
        self.link = self._context.link = None
        self._generation += 1
        self._timer.stop()
        self._soon.stop()
        self._show("signed_out", SIGN_IN_HINT)

    def staff_acted(self) -> None:
        """A staff action was saved locally: show it waiting, and send it shortly."""
        self.refresh_state()
        if self.link is not None and self._mode not in STOPPED_MODES:
            self._soon.start()

    def refresh_state(self) -> None:
        db = self._context.db
        self._context.tasks.submit(lambda: read_desk_state(db), self._state_read, self._ignore, channel="desk-state")

    def sync_now(self) -> None:
        if self.link is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._show("syncing", self._problem)
        link, db, clock, cancel = self.link, self._context.db, self._context.clock, self._cancel
        generation = self._generation

        def run() -> tuple[SyncSummary, DeskState]:
            in_background()
            claim_platform(db, link.url)  # before anything is sent: this database belongs to this platform
            summary = link.sync(db, clock, cancel)
            return summary, read_desk_state(db)  # read with the run: mode and last good sync change together

        self._context.tasks.submit(run, lambda outcome: self._finished(outcome, generation),
                                   lambda error: self._failed(error, generation), background=True)  # fmt: skip

    def shutdown(self) -> None:
        self._cancel.set()  # a running sync stops between pages; its finished pages stay saved
        self._timer.stop()
        self._soon.stop()

    def closing_notice(self) -> str | None:
        waiting = self.state.waiting
        if not waiting:
            return None
        when = ("after the next sign-in" if self._mode == "signed_out" or self.link is None
                else "the next time Front Desk is online")  # fmt: skip
        return (f"{waiting} change{'s are' if waiting != 1 else ' is'} saved on this computer and will be sent to the "
                f"loyalty platform {when}. Nothing is lost.")  # fmt: skip

    # results -----------------------------------------------------------------------------------
    def _finished(self, outcome: tuple[SyncSummary, DeskState], generation: int) -> None:
        summary, self.state = outcome
        self._settle(summary.problem_code, summary.problem, generation)
        self.synced.emit(summary)

    def _failed(self, error: FrontDeskError, generation: int) -> None:
        self._settle(error.code, error.message, generation)

    def _settle(self, code: str | None, problem: str | None, generation: int) -> None:
        if generation != self._generation:  # the link changed during the run: its outcome is not this link's
            self._running = self._again = False
            self.view_changed.emit(self.view)
            if self.link is not None:
                self.sync_now()
        elif code in SIGNED_OUT_CODES:
            missing = code == "auth_required" and self.link is not None and self.link.token is None
            self._after_run("signed_out", SIGN_IN_HINT if missing else f"{problem} {SIGN_IN_HINT}")
        elif code == "other_platform":
            self._after_run("other_platform", problem)
        else:  # unreachable, or a reply that broke the protocol: either way, keep working locally
            self._after_run("offline" if problem is not None else "online", problem)
        self.refresh_state()  # makes any older state read still in flight stale, so it cannot undo this run's

    def _after_run(self, mode: str, problem: str | None) -> None:
        self._running = False
        if mode == "offline":
            t = self.timing
            self._backoff_s = min(t.max_backoff_s, max(t.first_backoff_s, self._backoff_s * 2))
            delay_ms = round(self._backoff_s * 1000)
        else:
            self._backoff_s = 0
            delay_ms = round(self.timing.interval_s * 1000)
        self._show(mode, problem)
        if self._cancel.is_set() or mode in STOPPED_MODES:
            self.scheduled_ms = None
            return
        if self._again:
            self._again = False
            delay_ms = 0
        self.scheduled_ms = delay_ms
        self._timer.start(delay_ms)

    def _show(self, mode: str, problem: str | None) -> None:
        if mode not in ("syncing", self._logged_mode):  # support detail: when the desk went offline and back
            log.info("sync: %s → %s", self._logged_mode, mode)
            self._logged_mode = mode
        self._mode, self._problem = mode, problem
        self.view_changed.emit(self.view)

    def _state_read(self, state: DeskState) -> None:
        self.state = state
        self.view_changed.emit(self.view)

    def _ignore(self, error: FrontDeskError) -> None:
        self._problem = error.message
        self.view_changed.emit(self.view)
