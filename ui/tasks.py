"""Run service calls off the GUI thread and hand results back to it (the window never freezes).

Each task runs on a QThreadPool worker; its result or error comes back as a queued signal on the GUI
thread. A task submitted on a named channel makes earlier tasks of that channel stale: their results
are dropped, so an old search can never overwrite a newer one.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)
T = TypeVar("T")
UNEXPECTED = QT_TRANSLATE_NOOP(
    "TaskRunner", "Something went wrong. Nothing was changed; the details were written to the log for support."
)


class _Relay(QObject):
    """Lives on the GUI thread; its signals, emitted from a worker, are delivered there."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except FrontDeskError as error:
            self._relay.failed.emit(error)
        except Exception:  # a bug must reach the log and the screen, not vanish with the worker thread
            log.exception("background task failed")
            self._relay.failed.emit(FrontDeskError(UNEXPECTED, code="unexpected"))
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Submit work; get `on_done(result)` or `on_error(FrontDeskError)` back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        # Long bulk work (a sync) gets a thread of its own, so it never holds up a search, and may lower that
        # thread's priority without slowing the tasks that come after it.
        self._background = QThreadPool(self)
        self._background.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._relays: dict[int, _Relay] = {}

    def submit(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[FrontDeskError], None],
        *,
        channel: str | None = None,
        background: bool = False,
    ) -> int:
        task_id = next(self._ids)
        if channel is not None:
            self._latest[channel] = task_id
        relay = _Relay()
        self._relays[task_id] = relay

        def finish(deliver: Callable[[Any], None], value: Any) -> None:
            self._relays.pop(task_id, None)
            if channel is not None and self._latest.get(channel) != task_id:
                return  # stale: a newer task on this channel was submitted meanwhile
            deliver(value)

        relay.succeeded.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda error: finish(on_error, error))
        (self._background if background else self._pool).start(_Job(work, relay))
        return task_id

    def busy(self) -> bool:
        return bool(self._relays)

    def wait_idle(self, msecs: int = 5000) -> bool:
        """For shutdown: let running work finish so no write is cut off half-way."""
        return self._pool.waitForDone(msecs) and self._background.waitForDone(msecs)
