"""When the desk syncs by itself, and what its status bar says — decided from each run's outcome, in plain Python.

Runs happen on start, at an interval, shortly after each staff action and on "Sync now", one at a time; while
the platform cannot be reached the interval backs off (doubling up to a ceiling), and a desk that is signed out
or holds another platform's data stops until a person acts. The window's QObject only turns the delays decided
here into timers; everything that can be reasoned about is here and tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.desk_state import DeskState

SIGNED_OUT_CODES = frozenset({"auth_required", "sign_in_refused"})
STOPPED_MODES = frozenset({"signed_out", "other_platform"})  # no automatic retry: a person has to act first
SIGN_IN_HINT = QT_TRANSLATE_NOOP("Sync", "Sign in with Desk → Connect to platform… to sync.")
_WITH_HINT = QT_TRANSLATE_NOOP("Sync", "{problem} Sign in with Desk → Connect to platform… to sync.")


@dataclass(frozen=True)
class SyncTiming:
    """When syncs run by themselves (seconds). Tests pass short ones; the desk's settings give the interval."""

    interval_s: float = 60
    soon_s: float = 1.5  # after a staff action: soon, but a burst of scans still goes in one run
    first_backoff_s: float = 5
    max_backoff_s: float = 300


@dataclass(frozen=True)
class SyncView:
    mode: str  # "not_connected" | "syncing" | "online" | "offline" | "signed_out" | "other_platform"
    waiting: int
    open_conflicts: int
    last_good_sync: datetime | None
    problem: str | None = None


@dataclass(frozen=True)
class AfterRun:
    """What to do once a run has ended: when the next one is due (None: not by itself) or run again now."""

    next_in_ms: int | None
    rerun_now: bool = False


class SyncSchedule:
    def __init__(self, timing: SyncTiming, *, linked: bool) -> None:
        self.timing = timing
        self.linked = linked
        self.mode = "not_connected" if not linked else "offline"
        self.problem: str | None = None
        self.state = DeskState(0, 0, None)
        self.running = False
        self.generation = 0  # bumped when the link changes: a run of the old link must not set the new state
        self._again = False
        self._backoff_s = 0.0
        self._cancelled = False

    @property
    def view(self) -> SyncView:
        s = self.state
        return SyncView(self.mode, s.waiting, s.open_conflicts, s.last_good_sync, self.problem)

    def link_changed(self, linked: bool) -> bool:
        """A new link (or none): the status starts again; whether a run should start now."""
        self.linked = linked
        self.generation += 1
        self.mode, self.problem = ("offline" if linked else "not_connected"), None
        return linked

    def signed_out(self) -> None:
        self.linked = False
        self.generation += 1
        self.mode, self.problem = "signed_out", SIGN_IN_HINT

    def cancel(self) -> None:
        self._cancelled = True

    def wants_soon(self) -> bool:
        """After a staff action: a run shortly (it sends what the action's own confirmation could not)."""
        return self.linked and self.mode not in STOPPED_MODES

    def try_start(self) -> int | None:
        """The generation of a run that may start now; None when there is no link or one is running (it is then
        run again as soon as the current one ends)."""
        if not self.linked:
            return None
        if self.running:
            self._again = True
            return None
        self.running = True
        self.mode = "syncing"
        return self.generation

    def finished(self, code: str | None, problem: str | None, generation: int, *, token_missing: bool) -> AfterRun:
        """A run ended (`code`/`problem` None: it reached its end)."""
        if generation != self.generation:  # the link changed during the run: its outcome is not this link's
            self.running = self._again = False
            return AfterRun(None, rerun_now=self.linked)
        if code in SIGNED_OUT_CODES:
            return self._after("signed_out", SIGN_IN_HINT if token_missing else _WITH_HINT.fill(problem=problem or ""))
        if code == "other_platform":
            return self._after("other_platform", problem)
        # unreachable, or a reply that broke the protocol: either way, keep working locally
        return self._after("offline" if problem is not None else "online", problem)

    def _after(self, mode: str, problem: str | None) -> AfterRun:
        self.running = False
        self.mode, self.problem = mode, problem
        if mode == "offline":
            t = self.timing
            self._backoff_s = min(t.max_backoff_s, max(t.first_backoff_s, self._backoff_s * 2))
            delay_ms = round(self._backoff_s * 1000)
        else:
            self._backoff_s = 0
            delay_ms = round(self.timing.interval_s * 1000)
        if self._cancelled or mode in STOPPED_MODES:
            return AfterRun(None)
        if self._again:
            self._again = False
            delay_ms = 0
        return AfterRun(delay_ms)
