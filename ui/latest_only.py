"""Loads where only the newest request matters, one at a time.

Holding Down in the results asks for a new customer at every key repeat. Queueing a load for each would keep the
worker threads busy with customers nobody looks at any more; instead at most one load runs, the newest request
waits for it, and a load that was overtaken meanwhile is not shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from frontdesk.domain.errors import FrontDeskError
from ui.tasks import TaskRunner

T = TypeVar("T")
Request = tuple[Callable[[], T], Callable[[T], None], Callable[[FrontDeskError], None]]


class LatestOnly(Generic[T]):
    def __init__(self, tasks: TaskRunner) -> None:
        self._tasks = tasks
        self._running = False
        self._waiting: Request[T] | None = None

    @property
    def idle(self) -> bool:
        return not self._running

    def request(self, work: Callable[[], T], on_done: Callable[[T], None],
                on_error: Callable[[FrontDeskError], None]) -> None:  # fmt: skip
        if self._running:
            self._waiting = (work, on_done, on_error)  # replaces an older waiting request: it is never run
        else:
            self._start(work, on_done, on_error)

    def _start(self, work: Callable[[], T], on_done: Callable[[T], None],
               on_error: Callable[[FrontDeskError], None]) -> None:  # fmt: skip
        def done(result: T) -> None:
            if not self._overtaken():
                on_done(result)

        def failed(error: FrontDeskError) -> None:
            if not self._overtaken():
                on_error(error)

        self._running = True
        self._tasks.submit(work, done, failed)

    def _overtaken(self) -> bool:
        """A load ended: when a newer request waits, start it instead of showing this one's answer."""
        self._running = False
        waiting, self._waiting = self._waiting, None
        if waiting is None:
            return False
        self._start(*waiting)
        return True
