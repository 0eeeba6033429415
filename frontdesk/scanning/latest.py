"""A one-slot hand-over between the capture thread and the decode thread: newer frames replace older ones."""

from __future__ import annotations

import threading

from frontdesk.scanning.frames import Frame


class LatestFrame:
    """put() never blocks and overwrites; take() waits for a frame. After close(), take() returns the frame
    still waiting (so the last frame of a file is decoded) and then None."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._item: tuple[Frame, int] | None = None
        self._closed = False
        self.dropped = 0  # frames replaced before the decoder took them

    def put(self, frame: Frame, index: int) -> None:
        with self._ready:
            if self._item is not None:
                self.dropped += 1
            self._item = (frame, index)
            self._ready.notify()

    def take(self, timeout: float | None = None) -> tuple[Frame, int] | None:
        with self._ready:
            self._ready.wait_for(lambda: self._item is not None or self._closed, timeout)
            item, self._item = self._item, None
            return item

    def close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed
