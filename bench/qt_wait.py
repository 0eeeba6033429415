"""Waiting in the benchmarks' Qt event loop without starving worker threads, and measuring its stalls.

QTest.qWait (PySide6 6.11) keeps the GIL while it sleeps between event batches, so a worker thread doing
Python work crawls: a first pull of 100,000 customers took 40 s in the window under a qWait polling loop
and 15 s under app.exec(). These waits run a QEventLoop, which gives the GIL up while it waits, as the app does.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait_until(predicate: Callable[[], bool], seconds: float, *, poll_ms: int = 5) -> bool:
    """Run the event loop until `predicate()` holds or `seconds` pass; the predicate's last answer."""
    if predicate():
        return True
    loop, deadline = QEventLoop(), time.perf_counter() + seconds

    def check() -> None:
        if predicate() or time.perf_counter() > deadline:
            loop.quit()

    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    return predicate()


def pause(ms: int) -> None:
    """Run the event loop for `ms` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def stall_meter() -> tuple[QTimer, list[float]]:
    """A 1 ms timer that notes when it fires: the longest gap between two notes is the longest stall."""
    ticks: list[float] = []
    beat = QTimer()
    beat.setInterval(1)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()
    return beat, ticks


def longest_gap_ms(ticks: list[float]) -> float:
    return round(max((b - a for a, b in itertools.pairwise(ticks)), default=0.0) * 1000, 1)
