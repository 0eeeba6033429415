"""Frame → "marked used": how long after a voucher comes into view the desk has marked it, through the real
pipeline (a paced video file standing in for a 30 fps webcam, capture and decode threads, newest frame only)
and the real scan service on a real SQLite file. Used by bench/decode.py (`--latency-runs`).

The baseline is the naive loop most scanning scripts use: read a frame, decode it with zxing-cpp's defaults
in the same loop, never drop a frame, so a slow decode makes every later frame older.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import zxingcpp

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.scanning import ScannedCode, ScanPipeline, VideoFileSource, default_decoder
from frontdesk.scanning.frames import Frame
from frontdesk.services.actions import StaffActions
from frontdesk.services.dto import ScanResult, ScanSource
from frontdesk.services.scan_desk import ScanDesk
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from tests.scanning import synth

CODE = synth.PAYLOADS["code128"][1]
FPS, FRAMES, APPEARS_AT = 30.0, 60, 20
STAFF = StaffMember("Bench", StaffRole.FRONT_DESK, "bench desk", "Downtown")


def prepare(folder: Path, customers: int = 20_000) -> tuple[Path, Database]:
    clip = synth.write_voucher_video(folder / "voucher.avi", "code128", frames=FRAMES, appear_from=APPEARS_AT,
                                     fps=FPS, seed=5)  # fmt: skip
    db = Database(folder / "desk.db")
    demo_data.fill(db, customers, seed=3)
    with sqlite3.connect(db.path) as connection:
        connection.execute(
            "INSERT INTO vouchers (id, customer_id, code, title, status, points, created_at)"
            " VALUES (99000001, 1, ?, 'Free smoothie', 'UNUSED', 250, '2026-11-01 12:00:00.000000')"
            " ON CONFLICT (code) DO NOTHING",  # the demo data may hold this code already: reset() readies it
            (CODE,),
        )
    connection.close()
    return clip, db


def reset(db: Database) -> None:
    with sqlite3.connect(db.path) as connection:
        connection.execute(
            "UPDATE vouchers SET status = 'UNUSED', used_at = NULL, expires_at = NULL WHERE code = ?", (CODE,)
        )
        connection.execute("DELETE FROM outbox")
        connection.execute("DELETE FROM audit_log")
    connection.close()


def pipeline_run(clip: Path, db: Database) -> dict[str, float]:
    """One voucher held up: ms from its first frame (and from the frame that was read) to the committed mark."""
    captured: dict[int, float] = {}
    marked: list[tuple[ScannedCode, float]] = []
    done = threading.Event()
    desk = ScanDesk(StaffActions(db, STAFF, SystemClock()))

    def on_frame(_frame: Frame, index: int) -> None:
        captured[index] = time.perf_counter()

    def on_code(code: ScannedCode) -> None:
        if desk.scan(code.text, ScanSource.CAMERA).result is ScanResult.MARKED:
            marked.append((code, time.perf_counter()))
            done.set()

    pipeline = ScanPipeline(VideoFileSource(clip, pace=True), default_decoder(), SystemClock(), on_code=on_code,
                            on_frame=on_frame)  # fmt: skip
    pipeline.start()
    done.wait(10)
    pipeline.stop()
    if not marked:
        return {"from_appearance_ms": float("inf"), "from_read_frame_ms": float("inf"), "frames_late": -1}
    code, at = marked[0]
    return {
        "from_appearance_ms": (at - captured[APPEARS_AT]) * 1000,
        "from_read_frame_ms": (at - captured[code.frame_index]) * 1000,
        "frames_late": code.frame_index - APPEARS_AT,
    }


def naive_run(clip: Path, db: Database) -> dict[str, float]:
    """The baseline: decode every frame in the capture loop with zxing-cpp defaults, then mark."""
    desk = ScanDesk(StaffActions(db, STAFF, SystemClock()))
    source = VideoFileSource(clip, pace=True)
    source.open()
    appeared = float("nan")
    try:
        index = 0
        while (frame := source.read()) is not None:
            if index == APPEARS_AT:
                appeared = time.perf_counter()
            texts = [r.text for r in zxingcpp.read_barcodes(frame)]
            if CODE in texts and desk.scan(CODE, ScanSource.CAMERA).result is ScanResult.MARKED:
                late = index - APPEARS_AT
                return {"from_appearance_ms": (time.perf_counter() - appeared) * 1000, "frames_late": late}
            index += 1
    finally:
        source.release()
    return {"from_appearance_ms": float("inf"), "frames_late": -1}


def _summary(runs: list[dict[str, float]], key: str) -> dict[str, float]:
    values = sorted(run[key] for run in runs)
    return {"median_ms": round(statistics.median(values), 1), "max_ms": round(values[-1], 1)}


def measure_latency(runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="frontdesk-latency-") as folder:
        clip, db = prepare(Path(folder))
        ours, naive = [], []
        for _ in range(runs):
            reset(db)
            ours.append(pipeline_run(clip, db))
            reset(db)
            naive.append(naive_run(clip, db))
        db.close()
    return {
        "runs": runs,
        "camera": f"video file at {FPS:.0f} fps, 1280x720, voucher {CODE} in view from frame {APPEARS_AT}",
        "pipeline": {
            "from_appearance": _summary(ours, "from_appearance_ms"),
            "from_read_frame": _summary(ours, "from_read_frame_ms"),
            "frames_late_max": max(run["frames_late"] for run in ours),
        },
        "naive_loop": {
            "from_appearance": _summary(naive, "from_appearance_ms"),
            "frames_late_max": max(run["frames_late"] for run in naive),
        },
        "target_ms": 150,
    }
