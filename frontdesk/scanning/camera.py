"""Webcams through OpenCV: open by number at a chosen resolution, notice unplugging, list what is there.

Never pass -1 ("first available") to OpenCV: with opencv 5.0 and 4.14 it crashes the process when there is
no camera (dependency spike §4). Cameras are probed by explicit numbers instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

import cv2

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.scanning.errors import CameraUnavailable
from frontdesk.scanning.frames import Frame

_DESCRIPTION = QT_TRANSLATE_NOOP("Camera", "Camera {number} ({width}x{height})")
DEFAULT_RESOLUTION = (1280, 720)  # a Code 128 voucher is unreadable at 640x480 (spike §3.4)


class Capture(Protocol):
    """The part of cv2.VideoCapture a camera source uses."""

    def isOpened(self) -> bool: ...  # OpenCV's spelling
    def read(self) -> tuple[bool, Frame | None]: ...
    def set(self, prop: int, value: float) -> bool: ...
    def get(self, prop: int) -> float: ...
    def release(self) -> None: ...


CaptureOpener = Callable[[int], Capture]


def open_capture(index: int) -> Capture:
    if index < 0:  # -1 segfaults OpenCV; refuse before it gets there
        raise ValueError(f"camera numbers start at 0, got {index}")
    return cv2.VideoCapture(index)


@contextlib.contextmanager
def quiet_opencv() -> Iterator[None]:
    """OpenCV logs a warning for every camera number it cannot open; probing is expected to miss."""
    logging = cv2.utils.logging
    previous = logging.getLogLevel()
    logging.setLogLevel(logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        logging.setLogLevel(previous)


class CameraSource:
    """Camera number `index`, asking for `resolution`; `actual_resolution` says what the camera gave."""

    def __init__(
        self,
        index: int = 0,
        *,
        resolution: tuple[int, int] = DEFAULT_RESOLUTION,
        opener: CaptureOpener = open_capture,
        max_failed_reads: int = 5,
    ) -> None:
        if index < 0:
            raise ValueError(f"camera numbers start at 0, got {index}")
        self.index, self.resolution = index, resolution
        self.actual_resolution: tuple[int, int] | None = None
        self._opener, self._max_failed_reads = opener, max(1, max_failed_reads)
        self._capture: Capture | None = None

    @property
    def description(self) -> str:
        width, height = self.actual_resolution or self.resolution
        return _DESCRIPTION.fill(number=str(self.index), width=str(width), height=str(height))

    def open(self) -> None:
        self.release()
        with quiet_opencv():
            capture = self._opener(self.index)
        if not capture.isOpened():
            capture.release()
            raise CameraUnavailable(
                QT_TRANSLATE_NOOP(
                    "Camera",
                    "Camera {number} could not be started. Check that it is plugged in and that no other program "
                    "(a video call, another Front Desk window) is using it, then try again.",
                ).fill(number=str(self.index)),
            )
        # MJPG first: many USB webcams only deliver 1280x720 at full frame rate compressed.
        capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
        capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.resolution[0])
        capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.resolution[1])
        self.actual_resolution = _size(capture) or None
        self._capture = capture

    def read(self) -> Frame:
        if self._capture is None:
            raise CameraUnavailable(
                QT_TRANSLATE_NOOP("Camera", "Camera {number} is not started.").fill(number=str(self.index))
            )
        # A single dropped frame happens; several in a row mean the camera is gone.
        for _ in range(self._max_failed_reads):
            ok, frame = self._capture.read()
            if ok and frame is not None:
                self.actual_resolution = (frame.shape[1], frame.shape[0])
                return frame
        raise CameraUnavailable(
            QT_TRANSLATE_NOOP(
                "Camera", "Camera {number} stopped sending pictures. Check its cable, then start scanning again."
            ).fill(number=str(self.index)),
        )

    def release(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def _size(capture: Capture) -> tuple[int, int] | None:
    width, height = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
    return (width, height) if width > 0 and height > 0 else None


@dataclass(frozen=True)
class CameraInfo:
    index: int
    width: int
    height: int

    @property
    def description(self) -> str:
        return _DESCRIPTION.fill(number=str(self.index), width=str(self.width), height=str(self.height))


def list_cameras(max_index: int = 4, *, opener: CaptureOpener = open_capture) -> list[CameraInfo]:
    """Cameras that open at numbers 0..max_index (never -1). A camera busy in another program is not listed."""
    found = []
    for index in range(max(0, max_index) + 1):
        with quiet_opencv():
            capture = opener(index)
        try:
            if capture.isOpened():
                width, height = _size(capture) or (0, 0)
                found.append(CameraInfo(index, width, height))
        finally:
            capture.release()
    return found
