"""Where pictures come from: one interface for a camera, a video file, a picture or a folder of pictures.

A source is opened, read and released on the thread that uses it (OpenCV captures are not meant to hop
between threads), and can be opened again after `release()` — that is how scanning reconnects.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.scanning.errors import SourceUnavailable
from frontdesk.scanning.frames import Frame

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})


class FrameSource(Protocol):
    @property
    def description(self) -> str:
        """Human words for the source, e.g. "Camera 0 (1280x720)" or "video visit.avi"."""
        ...

    def open(self) -> None:
        """Raise SourceUnavailable (CameraUnavailable for cameras) in plain words when it cannot be used."""
        ...

    def read(self) -> Frame | None:
        """The next BGR frame; None when a file or folder has ended. A camera that stops raises instead."""
        ...

    def release(self) -> None:
        """Give the device or file back; safe to call twice and after a failed open."""
        ...


class Pacer:
    """Holds a file source to a frame rate so it can stand in for a live camera (no-op without a rate)."""

    def __init__(
        self,
        fps: float | None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = 1.0 / fps if fps and fps > 0 else 0.0
        self._sleep, self._monotonic = sleep, monotonic
        self._due: float | None = None

    def wait(self) -> None:
        if not self.interval:
            return
        now = self._monotonic()
        if self._due is not None and self._due > now:
            self._sleep(self._due - now)
        # Schedule from the due time, not from now, so the average rate holds; resync after a long stall.
        base = self._due if self._due is not None and self._due > now - self.interval else now
        self._due = base + self.interval

    def reset(self) -> None:
        self._due = None


def read_image(path: Path, *, grey: bool = False) -> Frame:
    """The picture in BGR, or in grey (`grey`: a JPEG decodes a third faster without its colour).

    cv2.imread cannot open non-ASCII paths on Windows; decoding the bytes ourselves can."""
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError as error:
        raise SourceUnavailable(
            QT_TRANSLATE_NOOP("Camera", "The picture {name} could not be opened ({reason}).").fill(
                name=path.name, reason=str(error.strerror)
            )
        ) from error
    image = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE if grey else cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise SourceUnavailable(
            QT_TRANSLATE_NOOP("Camera", "The file {name} could not be read as a picture.").fill(name=path.name)
        )
    return image


class VideoFileSource:
    """A recorded clip through the same OpenCV capture code a camera uses; optionally paced and looping."""

    def __init__(self, path: Path, *, pace: bool = False, loop: bool = False) -> None:
        self.path = Path(path)
        self.pace, self.loop = pace, loop
        self.fps = 0.0
        self._capture: cv2.VideoCapture | None = None
        self._pacer = Pacer(None)

    @property
    def description(self) -> str:
        return f"video {self.path.name}"

    def open(self) -> None:
        self.release()
        if not self.path.is_file():
            raise SourceUnavailable(
                QT_TRANSLATE_NOOP("Camera", "The video file {path} was not found.").fill(path=str(self.path))
            )
        capture = cv2.VideoCapture(str(self.path))
        if not capture.isOpened():
            capture.release()
            raise SourceUnavailable(
                QT_TRANSLATE_NOOP("Camera", "The file {name} could not be read as a video.").fill(name=self.path.name)
            )
        self._capture = capture
        self.fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        self._pacer = Pacer(self.fps if self.pace else None)

    def read(self) -> Frame | None:
        if self._capture is None:
            raise SourceUnavailable(f"The video {self.path.name} is not open.")
        ok, frame = self._capture.read()
        if not ok and self.loop:
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._capture.read()
        if not ok or frame is None:
            return None
        self._pacer.wait()
        return frame

    def release(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


class ImageSource:
    """One picture, or every picture in a folder in name order; `fps` paces them like a slow camera."""

    def __init__(self, path: Path, *, loop: bool = False, fps: float | None = None) -> None:
        self.path = Path(path)
        self.loop = loop
        self._pacer = Pacer(fps)
        self._files: list[Path] = []
        self._next = 0

    @property
    def description(self) -> str:
        return f"{'pictures in ' if self.path.is_dir() else 'picture '}{self.path.name}"

    def open(self) -> None:
        if self.path.is_dir():
            files = sorted(p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
            if not files:
                raise SourceUnavailable(
                    QT_TRANSLATE_NOOP("Camera", "The folder {path} has no pictures in it.").fill(path=str(self.path))
                )
        elif self.path.is_file():
            files = [self.path]
        else:
            raise SourceUnavailable(
                QT_TRANSLATE_NOOP("Camera", "The picture {path} was not found.").fill(path=str(self.path))
            )
        self._files, self._next = files, 0
        self._pacer.reset()

    def read(self) -> Frame | None:
        if self._next >= len(self._files):
            if not (self.loop and self._files):
                return None
            self._next = 0
        frame = read_image(self._files[self._next])
        self._next += 1
        self._pacer.wait()
        return frame

    def release(self) -> None:
        self._files, self._next = [], 0


def file_source(path: Path, *, pace: bool = False, loop: bool = False) -> VideoFileSource | ImageSource:
    """The right source for a path a person picked: a folder or a picture, otherwise a video."""
    path = Path(path)
    if path.is_dir() or path.suffix.lower() in IMAGE_SUFFIXES:
        return ImageSource(path, loop=loop, fps=2.0 if pace else None)
    return VideoFileSource(path, pace=pace, loop=loop)
