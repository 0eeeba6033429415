"""Recognise a USB keyboard-wedge scanner among ordinary typing, from key timings alone (no Qt here).

A scanner "types" a whole code in a burst — a few milliseconds per key — and ends with Enter; people type
80-300 ms per key. A key that follows the previous one by more than a scanner's gap goes to the field at
once (so people's typing is never delayed); the keys that follow it as fast as a scanner's are held, and
given back as ordinary typing as soon as the rhythm shows a person. When a burst ends in Enter it is a scan,
and the one key already delivered at its start is taken back (`retract`), so nothing of it stays typed.

How a key-event filter uses it: for each plain character or Enter, call `feed(key, seconds)`; first undo
`outcome.retract` keys already delivered (at most the burst's first), deliver `outcome.replay` (held keys,
in order) as ordinary typing, then let the current key through unless `outcome.consumed`. Call `flush(now)`
when `deadline()` passes (a one-shot timer), and `interrupt()` before any other key (arrows, shortcuts) so
held keys are given back before it. `outcome.scan` is a recognised code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from frontdesk.domain.codes import normalize_code
from frontdesk.domain.errors import InvalidInput

ENTER = "\n"
_ENTER_KEYS = frozenset({"\n", "\r"})


@dataclass(frozen=True)
class WedgeOutcome:
    consumed: bool = False  # the key just fed is held or used: do not deliver it now
    replay: tuple[str, ...] = ()  # held keys to deliver as ordinary typing first, in order (ENTER for Enter)
    retract: int = 0  # keys already delivered that were the start of this scan: take them back first
    scan: str | None = None  # a recognised scanner burst, cleaned with normalize_code
    error: InvalidInput | None = None  # a scanner burst that is not a usable code (say so, in plain words)


class WedgeDetector:
    """`min_length` characters with gaps of at most `max_gap` seconds, then Enter, make a scan."""

    def __init__(
        self,
        *,
        min_length: int = 4,
        max_gap: float = 0.035,
        normalize: Callable[[str], str] = normalize_code,
    ) -> None:
        self.min_length, self.max_gap = min_length, max_gap
        self._normalize = normalize
        self._lead: str | None = None  # the delivered first key of what may be a burst
        self._held: list[str] = []  # the keys after it, as fast as a scanner's
        self._last: float | None = None

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def deadline(self) -> float | None:
        """When `flush` must run if no key arrives: the held keys are then known to be typing."""
        return None if self._last is None or not self._held else self._last + self.max_gap

    def feed(self, key: str, at: float) -> WedgeOutcome:
        """One key press at `at` seconds (any monotonic clock): a single character, or "\\n"/"\\r" for Enter."""
        replay: tuple[str, ...] = ()
        if self._last is not None and at - self._last > self.max_gap:
            replay = self._give_back()  # too slow for a scanner: what we held was typing
        if key in _ENTER_KEYS:
            if self._lead is not None and 1 + len(self._held) >= self.min_length:
                return self._recognise(replay)
            replay += self._give_back()
            return WedgeOutcome(consumed=False, replay=replay)
        self._last = at
        if self._lead is None:  # the first key of a run: the person (or scanner) sees it at once
            self._lead = key
            return WedgeOutcome(consumed=False, replay=replay)
        self._held.append(key)
        return WedgeOutcome(consumed=True, replay=replay)

    def flush(self, now: float) -> WedgeOutcome:
        """Give back held keys once no further key came within `max_gap`; harmless to call early or often."""
        if self._last is not None and now - self._last > self.max_gap:
            return WedgeOutcome(replay=self._give_back())
        return WedgeOutcome()

    def interrupt(self) -> WedgeOutcome:
        """Another kind of key (or focus change) arrived: give back everything held, at once."""
        return WedgeOutcome(replay=self._give_back())

    def _recognise(self, replay: tuple[str, ...]) -> WedgeOutcome:
        burst = "".join([self._lead or "", *self._held])
        self._lead, self._held, self._last = None, [], None
        try:
            return WedgeOutcome(consumed=True, replay=replay, retract=1, scan=self._normalize(burst))
        except InvalidInput as error:
            return WedgeOutcome(consumed=True, replay=replay, retract=1, error=error)

    def _give_back(self) -> tuple[str, ...]:
        held = tuple(self._held)
        self._lead, self._held, self._last = None, [], None
        return held
