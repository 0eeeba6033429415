"""Honest collaborators for the scanning tests: a clock moved by hand, recorders for pipeline callbacks,
wrappers that watch a real source or capture, and a keyboard that plays key timings into the wedge detector."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import cv2

from frontdesk.domain.errors import FrontDeskError
from frontdesk.scanning import ENTER, ScannedCode, WedgeDetector
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.sources import FrameSource

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class ManualClock:
    def __init__(self, moment: datetime = START) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


class Recorder:
    """Collects what the pipeline reports, from its worker threads, and lets the test wait for the end."""

    def __init__(self) -> None:
        self.codes: list[ScannedCode] = []
        self.frames: list[int] = []
        self.errors: list[FrontDeskError] = []
        self.writable: list[bool] = []
        self.finished = threading.Event()
        self.first_code = threading.Event()
        self.frame_seen = threading.Event()

    def on_code(self, code: ScannedCode) -> None:
        self.codes.append(code)
        self.first_code.set()

    def on_frame(self, frame: Frame, index: int) -> None:
        self.frames.append(index)
        self.writable.append(bool(frame.flags.writeable))
        self.frame_seen.set()

    def on_error(self, error: FrontDeskError) -> None:
        self.errors.append(error)

    def on_finished(self) -> None:
        self.finished.set()

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_code": self.on_code,
            "on_frame": self.on_frame,
            "on_error": self.on_error,
            "on_finished": self.on_finished,
        }


class EndSignallingSource:
    """A real source that says when it has delivered its last frame (and counts opens and releases)."""

    def __init__(self, inner: FrameSource) -> None:
        self.inner = inner
        self.ended = threading.Event()
        self.opened = self.released = 0

    @property
    def description(self) -> str:
        return self.inner.description

    def open(self) -> None:
        self.opened += 1
        self.ended.clear()
        self.inner.open()

    def read(self) -> Frame | None:
        frame = self.inner.read()
        if frame is None:
            self.ended.set()
        return frame

    def release(self) -> None:
        self.released += 1
        self.inner.release()


class WatchedCapture:
    """A real cv2.VideoCapture (here on a clip standing in for a webcam) that records what is asked of it."""

    def __init__(self, target: str) -> None:
        self.capture = cv2.VideoCapture(target)
        self.released = False
        self.props: dict[int, float] = {}

    def isOpened(self) -> bool:  # OpenCV's spelling
        return bool(self.capture.isOpened())

    def read(self) -> tuple[bool, Frame | None]:
        ok, frame = self.capture.read()
        return bool(ok), frame

    def set(self, prop: int, value: float) -> bool:
        self.props[prop] = value
        return bool(self.capture.set(prop, value))

    def get(self, prop: int) -> float:
        return float(self.capture.get(prop))

    def release(self) -> None:
        self.released = True
        self.capture.release()


def type_keys(detector: WedgeDetector, events: Iterable[tuple[str, float]]) -> tuple[str, list[str], list[str]]:
    """Play (key, seconds) events like a Qt key filter with a one-shot flush timer that fires on time.

    Returns (what reached the text field, recognised scans, error messages)."""
    typed: list[str] = []
    scans: list[str] = []
    errors: list[str] = []

    def apply(outcome: Any, key: str | None) -> None:
        if outcome.retract:  # the burst's first key was delivered before it was known to be a scan
            del typed[-outcome.retract :]
        typed.extend(outcome.replay)
        if key is not None and not outcome.consumed:
            typed.append(key)
        if outcome.scan is not None:
            scans.append(outcome.scan)
        if outcome.error is not None:
            errors.append(outcome.error.message)

    for key, at in events:
        deadline = detector.deadline()
        if deadline is not None and deadline < at:
            apply(detector.flush(deadline + 0.001), None)
        apply(detector.feed(key, at), key)
    deadline = detector.deadline()
    if deadline is not None:
        apply(detector.flush(deadline + 0.001), None)
    return "".join("⏎" if k == ENTER else k for k in typed), scans, errors
