"""The frame-to-code pipeline: a capture thread and a decode thread joined by a one-slot "latest frame" holder.

The capture thread owns the source (opens, reads and releases it), hands every frame to the preview callback
and overwrites the slot; the decode thread always takes the newest frame, so when decoding is slower than
the camera, stale frames are dropped instead of queueing up. Callbacks run on these worker threads: a Qt page
should turn them into signals. Errors (camera gone) arrive through `on_error`, never as a lost exception.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.scanning.debounce import Debouncer
from frontdesk.scanning.decoder import Corners, Decoder
from frontdesk.scanning.errors import ScanningFailed
from frontdesk.scanning.frames import Frame, read_only
from frontdesk.scanning.latest import LatestFrame
from frontdesk.scanning.sources import FrameSource

log = logging.getLogger(__name__)
DEFAULT_DEBOUNCE_SECONDS = 3.0


@dataclass(frozen=True)
class ScannedCode:
    text: str
    format: str
    position: Corners
    frame_index: int
    timestamp: datetime
    decoder: str


class ScanPipeline:
    """Scan codes from `source` with `decoder`; each code is reported once while it stays in view.

    on_frame(frame, index) — every captured frame (read-only BGR array), for the live preview;
    on_code(ScannedCode)   — a newly seen code (the same text again only after `debounce_seconds` without it);
    on_error(FrontDeskError) — the source failed (CameraUnavailable when a camera is missing, busy or unplugged);
    on_finished()          — both threads are done: the source ended, failed, or stop() was called.
    """

    def __init__(
        self,
        source: FrameSource,
        decoder: Decoder,
        clock: Clock,
        *,
        on_code: Callable[[ScannedCode], None],
        on_frame: Callable[[Frame, int], None] | None = None,
        on_error: Callable[[FrontDeskError], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        debounce_seconds: float = DEFAULT_DEBOUNCE_SECONDS,
        debouncer: Debouncer | None = None,  # one that outlives this pipeline (a restarted camera remembers)
    ) -> None:
        self.source, self.decoder, self.clock = source, decoder, clock
        self._on_code, self._on_frame = on_code, on_frame
        self._on_error, self._on_finished = on_error, on_finished
        self.debouncer = debouncer or Debouncer(clock, debounce_seconds)
        self._stop = threading.Event()
        self._done = threading.Event()  # set just before on_finished, so on_finished may call start() again
        self._slot = LatestFrame()
        self._capture: threading.Thread | None = None
        self._decode: threading.Thread | None = None
        self.frames_decoded = 0

    @property
    def frames_dropped(self) -> int:
        """Frames of the current run replaced by a newer one before the decoder got to them."""
        return self._slot.dropped

    @property
    def running(self) -> bool:
        return self._decode is not None and self._decode.is_alive() and not self._done.is_set()

    def start(self) -> None:
        """Open the source and start scanning; after a stop or an error this reopens it (reconnect)."""
        if self.running:
            return
        self.stop()  # join threads of a previous run that ended on its own
        self._stop.clear()
        self._done.clear()
        self._slot = LatestFrame()
        self.frames_decoded = 0
        self._capture = threading.Thread(target=self._capture_loop, name="scan-capture", daemon=True)
        self._decode = threading.Thread(
            target=self._decode_loop, args=(self._capture,), name="scan-decode", daemon=True
        )
        self._capture.start()
        self._decode.start()

    def stop(self, timeout: float | None = 5.0) -> None:
        """Stop both threads and release the source. From a callback it only asks them to stop (no waiting)."""
        self._stop.set()
        self._slot.close()
        workers = (self._capture, self._decode)
        if threading.current_thread() in workers:
            return
        for thread in workers:
            if thread is not None:
                thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until scanning has finished (a file source ended, an error, a stop); True if it has."""
        if self._decode is not None and self._decode is not threading.current_thread():
            self._decode.join(timeout)
        return not self.running

    def _capture_loop(self) -> None:
        index = 0
        try:
            self.source.open()
            while not self._stop.is_set():
                frame = self.source.read()
                if frame is None:
                    break
                frame = read_only(frame)
                if self._on_frame is not None:
                    self._on_frame(frame, index)
                self._slot.put(frame, index)
                index += 1
        except Exception as error:  # every failure must reach the caller, not die with the thread
            self._report(error)
        finally:
            try:
                self.source.release()
            finally:
                self._slot.close()

    def _decode_loop(self, capture: threading.Thread) -> None:
        try:
            while not self._stop.is_set() and (item := self._slot.take()) is not None:
                frame, index = item
                found = self.decoder.decode(frame)
                self.frames_decoded += 1
                for code in found:
                    if not self._stop.is_set() and self.debouncer.accept(code.text):
                        now = self.clock.now()
                        self._on_code(ScannedCode(code.text, code.format, code.position, index, now, code.decoder))
        except Exception as error:
            self._report(error)
            self._stop.set()
            self._slot.close()
        finally:
            capture.join()
            self._done.set()
            if self._on_finished is not None:
                self._on_finished()

    def _report(self, error: Exception) -> None:
        if not isinstance(error, FrontDeskError):
            log.exception("scanning stopped unexpectedly", exc_info=error)
            wrapped = ScanningFailed(
                QT_TRANSLATE_NOOP("Camera", "Scanning stopped because of an unexpected problem ({problem}).").fill(
                    problem=str(error)
                )
            )
            wrapped.__cause__ = error
            error = wrapped
        if self._on_error is not None:
            self._on_error(error)
