"""The scan page in the real window (offscreen), for bench/window.py: a voucher comes into view of a 30 fps
"camera" (a paced video file through the real capture loop) — how long until the result card shows "marked",
and how long the GUI event loop stalls meanwhile. The baseline is the naive design: a 30 fps timer whose slot
reads the frame, decodes it with zxing-cpp's defaults, shows it and marks the voucher, all on the GUI thread.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

import cv2
import zxingcpp
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from qt_wait import longest_gap_ms, stall_meter, wait_until

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.scanning import VideoFileSource
from frontdesk.scanning.catalog import file_choice
from frontdesk.services.actions import StaffActions
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import ScanOutcome, ScanResult, ScanSource
from frontdesk.services.scan_desk import ScanDesk
from frontdesk.storage.database import Database
from tests.scanning import synth
from ui.app import build_window, freeze_startup_objects

CODE = synth.PAYLOADS["code128"][1]
FPS, FRAMES, APPEARS_AT = 30.0, 45, 15
STAFF = StaffMember("Bench", StaffRole.EMPLOYEE, "bench", "Downtown")


class VoucherState:
    """Puts the benchmark's voucher back to Unused between runs and restores the database afterwards."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with sqlite3.connect(path) as connection:
            self.original = connection.execute(
                "SELECT status, used_at, expires_at, used_location, used_by_desk, used_by_staff FROM vouchers"
                " WHERE code = ?", (CODE,)).fetchone()  # fmt: skip
            self.outbox = connection.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
            self.audit = connection.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
        connection.close()
        if self.original is None:
            raise SystemExit(f"the benchmark database has no voucher {CODE}")

    def ready(self) -> None:
        self._run("UPDATE vouchers SET status = 'UNUSED', used_at = NULL, expires_at = NULL WHERE code = ?", (CODE,))

    def restore(self) -> None:
        self._run("UPDATE vouchers SET status = ?, used_at = ?, expires_at = ?, used_location = ?, used_by_desk = ?,"
                  " used_by_staff = ? WHERE code = ?", (*self.original, CODE))  # fmt: skip
        self._run("DELETE FROM outbox WHERE seq > ?", (self.outbox,))
        self._run("DELETE FROM audit_log WHERE id > ?", (self.audit,))

    def _run(self, sql: str, params: tuple[Any, ...]) -> None:
        with sqlite3.connect(self.path) as connection:
            connection.execute(sql, params)
        connection.close()


def make_clip(folder: Path) -> Path:
    return synth.write_voucher_video(folder / "bench-voucher.avi", "code128", frames=FRAMES, appear_from=APPEARS_AT,
                                     fps=FPS, seed=11)  # fmt: skip


def front_desk(db_path: Path, clip: Path, runs: int) -> dict[str, Any]:
    state = VoucherState(db_path)
    db = Database(db_path, create=False)
    settings = QSettings(str(clip.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.clear()
    services = DeskServices(db, SystemClock())
    window = build_window(services, STAFF, is_demo=True, settings=settings, catalog=lambda: [file_choice(clip)])
    window.show()
    freeze_startup_objects()  # as ui.app.run_window does
    QTest.qWaitForWindowExposed(window)
    shown: list[tuple[ScanOutcome, float]] = []
    window.scan.outcome_shown.connect(lambda outcome, _at: shown.append((outcome, time.perf_counter())))
    latencies: list[float] = []
    beat, ticks = stall_meter()
    try:
        window.show_scan()
        wait_until(lambda: window.scan.feed.running, 10)
        for _ in range(runs):
            state.ready()
            shown.clear()
            window.scan.start_camera()  # the clip starts again from frame 0: the voucher comes into view anew
            wait_until(lambda: bool(shown), 10)
            appeared = window.scan.feed.captured_at(APPEARS_AT)
            if shown and shown[0][0].result is ScanResult.MARKED and appeared is not None:
                latencies.append((shown[0][1] - appeared) * 1000)
            else:
                latencies.append(float("inf"))
    finally:
        beat.stop()
        window.scan.feed.wait_stopped()
        window.close()
        window._context.tasks.wait_idle()
        db.close()
        state.restore()
    return _report(latencies, ticks)


class _GuiSlotScanner:
    """The naive design: every 33 ms the GUI thread reads, shows and decodes a frame, and marks the voucher."""

    def __init__(self, clip: Path, desk: ScanDesk, label: QLabel) -> None:
        self.source, self.desk, self.label = VideoFileSource(clip), desk, label
        self.loop, self.index, self.appeared = QEventLoop(), 0, 0.0
        self.latency: float | None = None

    def run(self) -> float | None:
        self.source.open()
        timer = QTimer()
        timer.setInterval(round(1000 / FPS))
        timer.timeout.connect(self.tick)
        timer.start()
        self.loop.exec()
        timer.stop()
        self.source.release()
        return self.latency

    def tick(self) -> None:
        frame = self.source.read()
        if frame is None:
            self.loop.quit()
            return
        if self.index == APPEARS_AT:
            self.appeared = time.perf_counter()
        self.index += 1
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
        image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888)
        self.label.setPixmap(QPixmap.fromImage(image.scaled(960, 540)))
        found = any(r.text == CODE for r in zxingcpp.read_barcodes(frame))
        if found and self.desk.scan(CODE, ScanSource.CAMERA).result is ScanResult.MARKED:
            self.latency = (time.perf_counter() - self.appeared) * 1000
            self.loop.quit()


def naive(db_path: Path, clip: Path, runs: int) -> dict[str, Any]:
    state = VoucherState(db_path)
    db = Database(db_path, create=False)
    desk = ScanDesk(StaffActions(db, STAFF, SystemClock()))
    label = QLabel()
    label.resize(960, 540)
    label.show()
    latencies: list[float] = []
    beat, ticks = stall_meter()
    try:
        for _ in range(runs):
            state.ready()
            latency = _GuiSlotScanner(clip, desk, label).run()
            latencies.append(float("inf") if latency is None else latency)
    finally:
        beat.stop()
        label.close()
        db.close()
        state.restore()
    return _report(latencies, ticks)


def _report(latencies: list[float], ticks: list[float]) -> dict[str, Any]:
    QApplication.processEvents()
    ordered = sorted(latencies)
    return {
        "runs": len(latencies),
        "frame_to_card_median_ms": round(statistics.median(ordered), 1) if ordered else None,
        "frame_to_card_max_ms": round(ordered[-1], 1) if ordered else None,
        "longest_stall_ms": round(longest_gap_ms(ticks), 1),
    }
