"""Report a code once while it stays in front of the camera, using the injected clock."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from frontdesk.domain.clock import Clock


class Debouncer:
    """accept(text) is True for a code not seen in the last `seconds`.

    Every sighting restarts the quiet period, so a voucher held up for a minute is reported once; it is
    reported again only after it has been out of view for `seconds`. A clock that jumps backwards
    (a corrected system time) ends the quiet period instead of stretching it. While the camera is off
    (`pause` … `resume`) nothing is seen, so a short break does not count as the codes leaving the view.
    """

    def __init__(self, clock: Clock, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the debounce period cannot be negative")
        self.clock = clock
        self.window = timedelta(seconds=seconds)
        self._last_seen: dict[str, datetime] = {}
        self._paused_at: datetime | None = None
        self._lock = threading.Lock()

    def accept(self, text: str) -> bool:
        now = self.clock.now()
        with self._lock:
            last = self._last_seen.get(text)
            self._last_seen[text] = now
            fresh = last is None or not timedelta(0) <= now - last < self.window
            if len(self._last_seen) > 64:  # forget codes long gone; a desk sees few codes a minute
                self._last_seen = {k: t for k, t in self._last_seen.items() if timedelta(0) <= now - t < self.window}
            return fresh

    def pause(self) -> None:
        """The camera stops (staff went to another page): from now on, time passes without sightings."""
        with self._lock:
            self._paused_at = self.clock.now()

    def resume(self, within: float) -> None:
        """The camera starts again. Back within `within` seconds, the codes seen before the pause stay reported —
        their quiet period goes on from where it stopped, so a voucher still lying in view is not reported a
        second time; after a longer break the time counts, and a code gone quiet is reported at its next sighting."""
        with self._lock:
            paused, self._paused_at = self._paused_at, None
            if paused is None:
                return
            away = self.clock.now() - paused
            if timedelta(0) <= away <= timedelta(seconds=within):
                self._last_seen = {code: seen + away for code, seen in self._last_seen.items()}

    def forget(self, text: str | None = None) -> None:
        """Let `text` (or every code) be reported at its next sighting, e.g. after staff press "scan again"."""
        with self._lock:
            if text is None:
                self._last_seen.clear()
            else:
                self._last_seen.pop(text, None)
