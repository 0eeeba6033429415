"""The window during a sync (also part of bench/window.py): a fresh desk pulls N customers from the reference
platform (its own uvicorn process) while someone types searches; how long does the GUI event loop stall, and how
long do results take?

    .venv/bin/python bench/window_sync.py [--customers 100000] [--json]

Front Desk: the window's own sync, whose first load runs in a process of its own (services/first_load.py). In the
same run, the design before it — the same pull on a worker thread of the window's process, at the sync thread's
lower priority — and the naive one: the pull inside a GUI slot.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from qt_wait import longest_gap_ms, pause, stall_meter, wait_until
from sync import STAFF_NAME, STAFF_PASSWORD, platform_file, platform_process, signed_in

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.desk import DeskServices
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.sync.engine import SyncEngine
from ui.app import build_window, freeze_startup_objects
from ui.main_window import MainWindow
from ui.sync_controller import in_background

STAFF = StaffMember(STAFF_NAME, StaffRole.EMPLOYEE, "bench", "Downtown")
QUERIES = ("jo", "maria", "smith", "@gmail", "555-2")


def _more_than(items: list[float], count: int) -> Callable[[], bool]:
    return lambda: len(items) > count


def _window(db: Database, folder: Path, link: PlatformLink | None) -> MainWindow:
    settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    window = build_window(DeskServices(db, SystemClock()), STAFF, is_demo=False, settings=settings, link=link)
    window.show()
    freeze_startup_objects()  # as ui.app.run_window does
    QTest.qWaitForWindowExposed(window)
    return window


def _type_until(window: MainWindow, done: list[float], started: float) -> dict[str, Any]:
    """Type searches until `done` holds the moment the pull ended; the window's figures meanwhile."""
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
    return {
        "pull_s": round(done[0] - started, 1) if done else None,
        "keystrokes_during_pull": keys,
        "key_to_results_p95_ms": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "key_to_results_median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "longest_stall_ms": longest_gap_ms(ticks),
        "stalls_over_25_ms": sum(1 for a, b in itertools.pairwise(ticks) if b - a > 0.025),
        "stalls_over_50_ms": sum(1 for a, b in itertools.pairwise(ticks) if b - a > 0.050),
    }  # fmt: skip


def no_sync(folder: Path, seconds: float) -> dict[str, Any]:
    """The same typing for as long, with no sync at all: the floor the machine's own load sets."""
    started = time.perf_counter()
    db = Database(folder / "idle-desk.db")
    window = _window(db, folder, None)
    done: list[float] = []
    QTimer.singleShot(round(seconds * 1000), lambda: done.append(time.perf_counter()))
    figures = _type_until(window, done, started)
    window.close()
    window._context.tasks.wait_idle()
    db.close()
    return figures


def front_desk(url: str, folder: Path) -> dict[str, Any]:
    """The real window with a platform link: its SyncController's first load runs in a process of its own."""
    started = time.perf_counter()
    db = Database(folder / "desk.db")
    link = PlatformLink(url, timeout=120)
    link.sign_in(STAFF_NAME, STAFF_PASSWORD)
    window = _window(db, folder, link)
    done: list[float] = []
    window.sync.synced.connect(lambda _summary: done.append(time.perf_counter()))
    figures = _type_until(window, done, started)
    window.close()
    window._context.tasks.wait_idle()
    db.close()
    return figures


def worker_thread(url: str, folder: Path) -> dict[str, Any]:
    """The design before: the same first pull on a worker thread of the window's process (at the lower priority the
    sync thread takes), while keys are typed."""
    started = time.perf_counter()
    db = Database(folder / "thread-desk.db")
    window = _window(db, folder, None)
    done: list[float] = []

    def pull() -> None:
        in_background()
        with signed_in(url) as client:
            SyncEngine(db, client, SystemClock()).run()
        done.append(time.perf_counter())

    puller = threading.Thread(target=pull, name="bench-pull")
    puller.start()
    figures = _type_until(window, done, started)
    puller.join()
    window.close()
    window._context.tasks.wait_idle()
    db.close()
    return figures


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
            ours = front_desk(url, folder)
            return {"customers": customers, "loadavg_before": [round(x, 2) for x in os.getloadavg()],
                    "front_desk": ours, "pull_on_worker_thread": worker_thread(url, folder),
                    "typing_without_sync": no_sync(folder, ours["pull_s"] or 10.0),
                    "baseline_pull_in_gui_slot": naive(url, folder),
                    "loadavg_after": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    report = measure(args.customers)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"first pull of {args.customers:,} customers while typing (load {report['loadavg_before']} → "
          f"{report['loadavg_after']}); target: longest stall ≤ 50 ms (goal 25 ms)")  # fmt: skip
    print(f"{'design':<28}{'pull s':>8}{'keys':>6}{'key→results median':>20}{'p95':>8}{'longest stall':>15}"
          f"{'stalls > 25 / 50 ms':>21}")  # fmt: skip
    for name in ("front_desk", "pull_on_worker_thread", "baseline_pull_in_gui_slot", "typing_without_sync"):
        r = report[name]
        median, p95 = r.get("key_to_results_median_ms"), r.get("key_to_results_p95_ms")
        over = f"{r['stalls_over_25_ms']} / {r['stalls_over_50_ms']}" if "stalls_over_25_ms" in r else "-"
        print(f"{name:<28}{r['pull_s']:>8}{r.get('keystrokes_during_pull', '-'):>6}{median or '-':>17} ms"
              f"{p95 or '-':>5} ms{r['longest_stall_ms']:>12.1f} ms{over:>21}")  # fmt: skip
    del app


if __name__ == "__main__":
    main()
