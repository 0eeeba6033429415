"""Background sync in the window: the timers and signals around frontdesk/services/sync_schedule.py.

The schedule (plain Python) decides when a run is due and what the status bar says; this QObject turns its
delays into timers and runs each sync through the TaskRunner's background thread, never the GUI thread. Every
run first checks that the desk database belongs to the platform it is about to talk to (desk_state.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.desk_state import DeskState
from frontdesk.services.platform_link import PlatformLink, SyncSummary
from frontdesk.services.sync_schedule import SyncSchedule, SyncTiming, SyncView
from ui.context import DeskContext

__all__ = ["SyncController", "SyncTiming", "SyncView"]
log = logging.getLogger(__name__)
BACKGROUND_NICE = 10


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
    progress = Signal(str, int, object)  # resource, objects so far, total or None: a first load's progress

    def __init__(self, context: DeskContext, link: PlatformLink | None, *, timing: SyncTiming | None = None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._context = context
        self.link = context.link = link
        self.schedule = SyncSchedule(timing or SyncTiming(), linked=link is not None)
        self._logged_mode = self.schedule.mode
        self._cancel = threading.Event()
        self.scheduled_ms: int | None = None  # when the next automatic run is due (after the last run)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(round(self.schedule.timing.soon_s * 1000))
        self._soon.timeout.connect(self.sync_now)

    @property
    def timing(self) -> SyncTiming:
        return self.schedule.timing

    @property
    def state(self) -> DeskState:
        return self.schedule.state

    @property
    def view(self) -> SyncView:
        return self.schedule.view

    def start(self) -> None:
        self.refresh_state()
        if self.link is not None:
            self.sync_now()

    def set_link(self, link: PlatformLink | None) -> None:
        self.link = self._context.link = link
        run_now = self.schedule.link_changed(link is not None)
        self._shown()
        if run_now:
            self.sync_now()

    def sign_out(self) -> None:
        """The token is gone: stop syncing and say so; the changes waiting stay in the outbox."""
        self.link = self._context.link = None
        self.schedule.signed_out()
        self._timer.stop()
        self._soon.stop()
        self._shown()

    def staff_acted(self) -> None:
        """A staff action was saved locally: show it waiting, and sync shortly."""
        self.refresh_state()
        if self.schedule.wants_soon():
            self._soon.start()

    def refresh_state(self) -> None:
        self._context.tasks.submit(self._context.desk.state, self._state_read, self._ignore, channel="desk-state")

    def sync_now(self) -> None:
        generation = self.schedule.try_start()
        link = self.link
        if generation is None or link is None:
            return
        self._shown()
        desk, cancel = self._context.desk, self._cancel

        def run() -> tuple[SyncSummary, DeskState]:
            in_background()
            return desk.sync(link, cancel, self.progress.emit)  # a first load runs in a process of its own

        self._context.tasks.submit(run, lambda outcome: self._finished(outcome, generation),
                                   lambda error: self._failed(error, generation), background=True)  # fmt: skip

    def shutdown(self) -> None:
        self._cancel.set()  # a running sync stops between pages; its finished pages stay saved
        self.schedule.cancel()
        self._timer.stop()
        self._soon.stop()

    def closing_notice(self) -> str | None:
        waiting = self.state.waiting
        if not waiting:
            return None
        if self.schedule.mode == "signed_out" or self.link is None:
            return self.tr("%n change(s) saved on this computer will be sent to the loyalty platform after the next "
                           "sign-in. Nothing is lost.", "", waiting)  # fmt: skip
        return self.tr("%n change(s) saved on this computer will be sent to the loyalty platform the next time Front "
                       "Desk is online. Nothing is lost.", "", waiting)  # fmt: skip

    # results -----------------------------------------------------------------------------------
    def _finished(self, outcome: tuple[SyncSummary, DeskState], generation: int) -> None:
        summary, self.schedule.state = outcome
        self._settle(summary.problem_code, summary.problem, generation)
        self.synced.emit(summary)

    def _failed(self, error: FrontDeskError, generation: int) -> None:
        self._settle(error.code, error.message, generation)

    def _settle(self, code: str | None, problem: str | None, generation: int) -> None:
        missing = code == "auth_required" and self.link is not None and self.link.token is None
        after = self.schedule.finished(code, problem, generation, token_missing=missing)
        self._shown()
        if after.rerun_now:
            self.sync_now()
        elif after.next_in_ms is None:
            self.scheduled_ms = None
        else:
            self.scheduled_ms = after.next_in_ms
            self._timer.start(after.next_in_ms)
        self.refresh_state()  # makes any older state read still in flight stale, so it cannot undo this run's

    def _shown(self) -> None:
        mode = self.schedule.mode
        if mode not in ("syncing", self._logged_mode):  # support detail: when the desk went offline and back
            log.info("sync: %s → %s", self._logged_mode, mode)
            self._logged_mode = mode
        self.view_changed.emit(self.view)

    def _state_read(self, state: DeskState) -> None:
        self.schedule.state = state
        self.view_changed.emit(self.view)

    def _ignore(self, error: FrontDeskError) -> None:
        self.schedule.problem = error.message
        self.view_changed.emit(self.view)
