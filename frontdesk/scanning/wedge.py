"""Recognise a USB keyboard-wedge scanner among ordinary typing, from key timings alone (no Qt here).

A scanner "types" a whole code at a near-constant tiny interval — its USB polling rate, 1-20 ms a key — and
ends with Enter. A person's keys vary: 60 ms ± 40 ms on a loaded machine, and even a fast burst of rolled keys
(20-40 ms) wanders by more than a few milliseconds from key to key. So a burst is a scan only when its rhythm
is steady — every gap within 2 ms + 5 % of the burst's median gap, the median at most `max_gap` — and it lasts
`steady_length` keys. Mean speed alone is not enough (a person's jittered keys now and then come as fast as a
slow scanner's); the one exception is a burst whose average gap is below `tiny_gap` (8 ms), faster than any
person: on a coarse clock (Windows counts in 15.6 ms ticks) a scanner's gaps read 0, 0, 16 ms, so there speed
alone decides, from `min_length` keys.

A key that follows the previous one by more than a scanner's gap goes to the field at once (so people's typing
is never delayed); the keys that follow it as fast as a scanner's are held, and given back as ordinary typing
as soon as a slow key or the end of the burst shows a person. When a burst with a scanner's rhythm ends in
Enter it is a scan, and the one key already delivered at its start is taken back (`retract`), so nothing of it
stays typed.

How a key-event filter uses it: for each plain character or Enter, call `feed(key, seconds)`; first undo
`outcome.retract` keys already delivered (at most the burst's first), deliver `outcome.replay` (held keys,
in order) as ordinary typing, then let the current key through unless `outcome.consumed`. Call `flush(now)`
when `deadline()` passes (a one-shot timer), and `interrupt()` before any other key (arrows, shortcuts) so
held keys are given back before it. `outcome.scan` is a recognised code.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from frontdesk.domain.codes import normalize_code
from frontdesk.domain.errors import InvalidInput

ENTER = "\n"
_ENTER_KEYS = frozenset({"\n", "\r"})
STEADY_SLACK = 0.002  # seconds a scanner's gap may stray from its median (timestamps are whole milliseconds)
STEADY_SHARE = 0.05  # ... plus this share of the median


@dataclass(frozen=True)
class WedgeOutcome:
    consumed: bool = False  # the key just fed is held or used: do not deliver it now
    replay: tuple[str, ...] = ()  # held keys to deliver as ordinary typing first, in order (ENTER for Enter)
    retract: int = 0  # keys already delivered that were the start of this scan: take them back first
    scan: str | None = None  # a recognised scanner burst, cleaned with normalize_code
    error: InvalidInput | None = None  # a scanner burst that is not a usable code (say so, in plain words)


class WedgeDetector:
    """A burst of at least `steady_length` keys at a steady rhythm of at most `max_gap` seconds a key (or of at
    least `min_length` keys averaging under `tiny_gap`), then Enter, makes a scan."""

    def __init__(
        self,
        *,
        min_length: int = 4,
        steady_length: int = 6,
        max_gap: float = 0.020,
        tiny_gap: float = 0.008,
        normalize: Callable[[str], str] = normalize_code,
    ) -> None:
        self.min_length, self.steady_length = min_length, max(min_length, steady_length)
        self.max_gap, self.tiny_gap = max_gap, tiny_gap
        # The slowest key that can still belong to a steady burst: keys are held at most this long.
        self.hold_gap = max_gap * (1 + STEADY_SHARE) + STEADY_SLACK
        self._normalize = normalize
        self._lead: str | None = None  # the delivered first key of what may be a burst
        self._held: list[str] = []  # the keys after it, as fast as a scanner's
        self._times: list[float] = []  # when the lead and each held key came
        self._last: float | None = None

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def deadline(self) -> float | None:
        """When `flush` must run if no key arrives: the held keys are then known to be typing."""
        return None if self._last is None or not self._held else self._last + self.hold_gap

    def feed(self, key: str, at: float) -> WedgeOutcome:
        """One key press at `at` seconds (any monotonic clock): a single character, or "\\n"/"\\r" for Enter."""
        replay: tuple[str, ...] = ()
        if self._last is not None and at - self._last > self.hold_gap:
            replay = self._give_back()  # too slow for a scanner: what we held was typing
        if key in _ENTER_KEYS:
            if self._lead is not None and self._scanner_rhythm([*self._times, at]):
                return self._recognise(replay)
            replay += self._give_back()
            return WedgeOutcome(consumed=False, replay=replay)
        self._last = at
        self._times.append(at)
        if self._lead is None:  # the first key of a run: the person (or scanner) sees it at once
            self._lead = key
            return WedgeOutcome(consumed=False, replay=replay)
        self._held.append(key)
        return WedgeOutcome(consumed=True, replay=replay)

    def flush(self, now: float) -> WedgeOutcome:
        """Give back held keys once no further key came within `max_gap`; harmless to call early or often."""
        if self._last is not None and now - self._last > self.hold_gap:
            return WedgeOutcome(replay=self._give_back())
        return WedgeOutcome()

    def interrupt(self) -> WedgeOutcome:
        """Another kind of key (or focus change) arrived: give back everything held, at once."""
        return WedgeOutcome(replay=self._give_back())

    def _scanner_rhythm(self, times: list[float]) -> bool:
        """Key times of a burst, its Enter last: a scanner's steady rhythm, or faster than any person types."""
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        keys = len(gaps)  # one gap after each character, the last one before Enter
        if keys >= self.min_length and sum(gaps) / keys <= self.tiny_gap:
            return True
        if keys < self.steady_length:
            return False
        median = statistics.median(gaps)
        slack = STEADY_SLACK + STEADY_SHARE * median
        return median <= self.max_gap and all(abs(gap - median) <= slack for gap in gaps)

    def _recognise(self, replay: tuple[str, ...]) -> WedgeOutcome:
        burst = "".join([self._lead or "", *self._held])
        self._lead, self._held, self._times, self._last = None, [], [], None
        try:
            return WedgeOutcome(consumed=True, replay=replay, retract=1, scan=self._normalize(burst))
        except InvalidInput as error:
            return WedgeOutcome(consumed=True, replay=replay, retract=1, error=error)

    def _give_back(self) -> tuple[str, ...]:
        held = tuple(self._held)
        self._lead, self._held, self._times, self._last = None, [], [], None
        return held
