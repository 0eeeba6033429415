"""The scan page's camera: frontdesk.scanning.ScanPipeline on its own threads, reporting to the GUI by signals.

The pipeline's capture thread opens, reads and releases the camera; its decode thread reads codes from the
newest frame. Nothing here runs on the GUI thread except starting and the signal hand-over: the preview
picture is scaled and converted on the capture thread, and at most one preview waits for the GUI at a time,
so a busy window drops preview frames instead of queueing them up.

The feed keeps one Debouncer for all its runs: leaving the page stops the camera, and coming back within
AWAY_SECONDS restarts it remembering the codes it had in view, so a voucher just marked and still lying there
is not reported again (as "already used") when staff look back at the page.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import cv2
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.scanning import Debouncer, Decoder, FrameSource, ScannedCode, ScanPipeline, default_decoder
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.pipeline import DEFAULT_DEBOUNCE_SECONDS

PREVIEW_WIDTH = 960
AWAY_SECONDS = 30.0  # a camera stopped for a page switch this long or less remembers the codes it had seen
_REMEMBERED_FRAMES = 256  # capture times kept for latency figures (several seconds of video)


@dataclass(frozen=True)
class PreviewFrame:
    image: QImage  # RGB, already scaled for the preview
    frame_width: int  # the camera frame's size, to place code outlines given in frame pixels
    frame_height: int
    index: int


@dataclass(frozen=True)
class FoundCode:
    code: ScannedCode
    captured_at: float | None  # time.perf_counter() when the frame with the code was captured


class CameraFeed(QObject):
    preview = Signal(object)  # PreviewFrame
    code_found = Signal(object)  # FoundCode
    failed = Signal(object)  # FrontDeskError: no camera, busy, unplugged
    stopped = Signal()  # the pipeline's threads are done (source ended, failed or stopped)

    def __init__(self, clock: Clock, *, decoder: Callable[[], Decoder] = default_decoder,
                 preview_width: int = PREVIEW_WIDTH, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._clock, self._make_decoder, self._preview_width = clock, decoder, preview_width
        self._decoder: Decoder | None = None
        self._pipeline: ScanPipeline | None = None
        self.debouncer = Debouncer(clock, DEFAULT_DEBOUNCE_SECONDS)
        self._preview_waiting = threading.Event()
        self._captured: OrderedDict[int, float] = OrderedDict()
        self._lock = threading.Lock()
        self._run = 0  # which start() a callback belongs to: a stopped run's late reports are dropped
        self._stopping: list[threading.Thread] = []
        self.description = ""

    @property
    def running(self) -> bool:
        return self._pipeline is not None and self._pipeline.running

    def start(self, source: FrameSource) -> None:
        """Start scanning from `source`; a running pipeline is asked to stop first (no waiting here)."""
        self.stop()
        self._decoder = self._decoder or self._make_decoder()
        self.description = source.description
        with self._lock:
            self._captured.clear()
        self._preview_waiting.clear()
        self._run += 1
        run = self._run
        self.debouncer.resume(within=AWAY_SECONDS)
        self._pipeline = ScanPipeline(source, self._decoder, self._clock, on_code=partial(self._on_code, run),
                                      on_frame=partial(self._on_frame, run), on_error=partial(self._on_error, run),
                                      on_finished=partial(self._on_finished, run),
                                      debouncer=self.debouncer)  # fmt: skip
        self._pipeline.start()

    def stop(self) -> None:
        """Ask the threads to stop; they release the camera themselves and then emit `stopped`."""
        pipeline, self._pipeline = self._pipeline, None
        if pipeline is not None:
            self.debouncer.pause()
            # stop() joins the threads, and a camera can take a while to let go: never on the GUI thread.
            stopper = threading.Thread(target=pipeline.stop, name="scan-stop", daemon=True)
            stopper.start()
            self._stopping = [t for t in self._stopping if t.is_alive()] + [stopper]

    def wait_stopped(self, timeout: float = 5.0) -> None:
        """For closing the window: let the camera be released before the process ends."""
        self.stop()
        for stopper in self._stopping:
            stopper.join(timeout)

    def captured_at(self, index: int) -> float | None:
        """time.perf_counter() when frame `index` of the current run was captured (recent frames only)."""
        with self._lock:
            return self._captured.get(index)

    @property
    def frames_decoded(self) -> int:
        """Frames the current run has looked for codes in (0 before a start)."""
        return self._pipeline.frames_decoded if self._pipeline is not None else 0

    def preview_shown(self) -> None:
        """The GUI has painted the last preview; the next captured frame may be sent."""
        self._preview_waiting.clear()

    def forget(self, text: str | None = None) -> None:
        """Report this code (or any) again at its next sighting: staff asked to scan again."""
        self.debouncer.forget(text)

    # Worker threads ------------------------------------------------------------------------------
    def _on_frame(self, run: int, frame: Frame, index: int) -> None:
        if run != self._run:
            return
        with self._lock:
            self._captured[index] = time.perf_counter()
            while len(self._captured) > _REMEMBERED_FRAMES:
                self._captured.popitem(last=False)
        if self._preview_waiting.is_set():
            return  # the GUI has not shown the previous one yet: drop this preview, keep scanning
        self._preview_waiting.set()
        self.preview.emit(self._to_preview(frame, index))

    def _to_preview(self, frame: Frame, index: int) -> PreviewFrame:
        height, width = frame.shape[:2]
        scale = min(1.0, self._preview_width / width)
        small = cv2.resize(frame, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
        rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB if small.ndim == 3 else cv2.COLOR_GRAY2RGB)
        h, w = rgb.shape[:2]
        image = QImage(rgb.data, w, h, rgb.strides[0], QImage.Format.Format_RGB888).copy()  # own the pixels
        return PreviewFrame(image, width, height, index)

    def _on_code(self, run: int, code: ScannedCode) -> None:
        if run != self._run:
            return
        with self._lock:
            captured = self._captured.get(code.frame_index)
        self.code_found.emit(FoundCode(code, captured))

    def _on_error(self, run: int, error: FrontDeskError) -> None:
        if run == self._run:
            self.failed.emit(error)

    def _on_finished(self, run: int) -> None:
        if run == self._run:
            self.stopped.emit()
