"""The window during a sync, for bench/window.py: a fresh desk pulls N customers from the reference platform
(its own uvicorn process) in the background while someone types searches; how long does the GUI event loop
stall, and how long do results take? The baseline is the naive design: the same pull run inside a GUI slot.
"""

from __future__ import annotations

import itertools
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from qt_wait import longest_gap_ms, pause, stall_meter, wait_until
from sync import STAFF_NAME, STAFF_PASSWORD, platform_file, platform_process, signed_in

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.desk import DeskServices
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.sync.engine import SyncEngine
from ui.app import build_window, freeze_startup_objects

STAFF = StaffMember(STAFF_NAME, StaffRole.EMPLOYEE, "bench", "Downtown")
QUERIES = ("jo", "maria", "smith", "@gmail", "555-2")


def _more_than(items: list[float], count: int) -> Callable[[], bool]:
    return lambda: len(items) > count


def front_desk(url: str, folder: Path) -> dict[str, Any]:
    """The real window with a platform link: its SyncController pulls on a worker while keys are typed."""
    started = time.perf_counter()
    db = Database(folder / "desk.db")
    settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    link = PlatformLink(url, timeout=120)
    link.sign_in(STAFF_NAME, STAFF_PASSWORD)
    window = build_window(DeskServices(db, SystemClock()), STAFF, is_demo=False, settings=settings, link=link)
    window.show()
    freeze_startup_objects()  # as ui.app.run_window does
    QTest.qWaitForWindowExposed(window)
    done: list[float] = []
    window.sync.synced.connect(lambda _summary: done.append(time.perf_counter()))
    shown: list[float] = []
    window.search.results_shown.connect(lambda _result: shown.append(time.perf_counter()))
    beat, ticks = stall_meter()
    keys, latencies = 0, []
    for query in itertools.cycle(QUERIES):  # type while the first pull runs
        if done:
            break
        cleared = len(shown)
        window.search.field.clear()
        wait_until(_more_than(shown, cleared), 2)  # the empty query's answer is not a key's
        for char in query:
            before, pressed = len(shown), time.perf_counter()
            QTest.keyClicks(window.search.field, char)
            if wait_until(_more_than(shown, before), 5):
                latencies.append((shown[before] - pressed) * 1000)
            keys += 1
            pause(60)
    beat.stop()
    window.close()
    window._context.tasks.wait_idle()
    db.close()
    return {
        "pull_s": round(done[0] - started, 1) if done else None,
        "keystrokes_during_pull": keys,
        "key_to_results_p95_ms": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "key_to_results_median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "longest_stall_ms": longest_gap_ms(ticks),
    }  # fmt: skip


def naive(url: str, folder: Path) -> dict[str, Any]:
    """The same first pull run by a slot on the GUI thread (what a "Sync" button wired straight to it does)."""
    db = Database(folder / "naive-desk.db")
    beat, ticks = stall_meter()
    started = time.perf_counter()

    def pull() -> None:
        with signed_in(url) as client:
            SyncEngine(db, client, SystemClock()).run()

    QTimer.singleShot(20, pull)
    pause(40)  # the slot ran (and blocked) inside this wait
    seconds = time.perf_counter() - started
    pause(50)  # the meter ticks again once the loop is free: that gap is the stall
    beat.stop()
    db.close()
    return {"pull_s": round(seconds, 1), "longest_stall_ms": longest_gap_ms(ticks)}


def measure(customers: int) -> dict[str, Any]:
    platform_db, _ = platform_file(customers)
    with tempfile.TemporaryDirectory(prefix="frontdesk-sync-window-") as tmp:
        folder = Path(tmp)
        with platform_process(platform_db, folder / "server.log") as url:
            return {"customers": customers, "front_desk": front_desk(url, folder),
                    "baseline_pull_in_gui_slot": naive(url, folder)}  # fmt: skip
