"""Background sync: on start, at an interval, shortly after each staff action and on "Sync now".

Runs through the TaskRunner (never on the GUI thread), one run at a time; backs off while the platform
cannot be reached and tries again, so the desk catches up by itself when the network returns.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.desk_state import DeskState, read_desk_state
from frontdesk.services.platform_link import PlatformLink
from frontdesk.sync.engine import SyncSummary
from ui.context import DeskContext

SOON_MS = 1500  # after a staff action: soon, but a burst of scans still goes in one run
FIRST_BACKOFF_S, MAX_BACKOFF_S = 5, 300
SIGNED_OUT_CODES = {"auth_required", "sign_in_refused"}


@dataclass(frozen=True)
class SyncView:
    mode: str  # "not_connected" | "syncing" | "online" | "offline" | "signed_out"
    waiting: int
    open_conflicts: int
    last_good_sync: datetime | None
    problem: str | None = None


class SyncController(QObject):
    view_changed = Signal(object)  # SyncView
    synced = Signal(object)  # SyncSummary, after each run

    def __init__(self, context: DeskContext, link: PlatformLink | None, *, interval_s: int = 60,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._context = context
        self.link = link
        self._interval_ms = interval_s * 1000
        self._backoff_s = 0
        self._running = False
        self._again = False
        self._cancel = threading.Event()
        self._mode = "not_connected" if link is None else "offline"
        self._problem: str | None = None
        self.state = DeskState(0, 0, None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SOON_MS)
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
        self.link = link
        self._mode = "not_connected" if link is None else "offline"
        self._problem = None
        self.view_changed.emit(self.view)
        if link is not None:
            self.sync_now()

    def staff_acted(self) -> None:
        """A staff action was saved locally: show it waiting, and send it shortly."""
        self.refresh_state()
        if self.link is not None and self._mode != "signed_out":
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
        self._mode = "syncing"
        self.view_changed.emit(self.view)
        link, db, clock, cancel = self.link, self._context.db, self._context.clock, self._cancel
        self._context.tasks.submit(lambda: link.sync(db, clock, cancel), self._finished, self._failed)

    def shutdown(self) -> None:
        self._cancel.set()  # a running sync stops between pages; its finished pages stay saved
        self._timer.stop()
        self._soon.stop()

    # results -----------------------------------------------------------------------------------
    def _finished(self, summary: SyncSummary) -> None:
        if summary.problem_code in SIGNED_OUT_CODES:
            mode = "signed_out"
        else:  # unreachable, or a reply that broke the protocol: either way, keep working locally
            mode = "offline" if summary.problem is not None else "online"
        self.state = DeskState(summary.waiting, summary.open_conflicts, self.state.last_good_sync)
        self._after_run(mode, summary.problem)  # shows the new counts at once; refresh_state adds the time
        self.refresh_state()
        self.synced.emit(summary)

    def _failed(self, error: FrontDeskError) -> None:
        self._after_run("signed_out" if error.code in SIGNED_OUT_CODES else "offline", error.message)
        self.refresh_state()

    def _after_run(self, mode: str, problem: str | None) -> None:
        self._running = False
        self._mode, self._problem = mode, problem
        if mode == "offline":
            self._backoff_s = min(MAX_BACKOFF_S, max(FIRST_BACKOFF_S, self._backoff_s * 2))
            delay_ms = self._backoff_s * 1000
        else:
            self._backoff_s = 0
            delay_ms = self._interval_ms
        self.view_changed.emit(self.view)
        if self._cancel.is_set() or mode == "signed_out":
            return
        if self._again:
            self._again = False
            delay_ms = 0
        self._timer.start(delay_ms)

    def _state_read(self, state: DeskState) -> None:
        self.state = state
        self.view_changed.emit(self.view)

    def _ignore(self, error: FrontDeskError) -> None:
        self._problem = error.message
        self.view_changed.emit(self.view)
