"""Sign-in rate limits, per staff name and per client address, counted the same whether the name exists or not.

Once `limit` wrong passwords fall within `window`, the name (or address) waits until the oldest leaves it; a
good password forgives the name's. Attempts for one name, and from one address, take turns (`turn`), so a
burst sent all at once is judged one by one and cannot slip past the limit before the first is counted,
while several desks signing in with one account at the same moment simply queue for a few milliseconds.
Everything lives in memory on the event loop's thread (one hub process); each table keeps at most `max_keys`
keys, so a flood of made-up names cannot grow it without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import math
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class Limit:
    failures: int
    window: timedelta


@dataclass
class _Table:
    limit: Limit
    max_keys: int
    failures: dict[str, deque[datetime]] = field(default_factory=dict)

    def wait(self, key: str, now: datetime) -> float:
        """Seconds until `key` may try again (0: now)."""
        recent = self.failures.get(key)
        if recent is None:
            return 0.0
        while recent and recent[0] <= now - self.limit.window:
            recent.popleft()
        if len(recent) < self.limit.failures:
            return 0.0
        return (recent[0] + self.limit.window - now).total_seconds()

    def count(self, key: str, now: datetime) -> None:
        if key not in self.failures and len(self.failures) >= self.max_keys:
            self._make_room(now)
        self.failures.setdefault(key, deque()).append(now)

    def forgive(self, key: str) -> None:
        self.failures.pop(key, None)

    def _make_room(self, now: datetime) -> None:
        """Forget the keys whose failures have all left the window, and if that is not a tenth of the table,
        the oldest-tracked tenth too (in one go, so a flood of new names costs one scan per tenth)."""
        stale = [key for key, recent in self.failures.items() if not recent or recent[-1] <= now - self.limit.window]
        for key in stale:
            del self.failures[key]
        excess = len(self.failures) - (self.max_keys - max(1, self.max_keys // 10))
        for key in list(itertools.islice(self.failures, max(0, excess))):
            del self.failures[key]


class _Turns:
    """One asyncio lock per key, kept only while someone holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def turn(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


class SignInThrottle:
    def __init__(self, per_name: Limit, per_address: Limit, *, max_keys: int = 10_000) -> None:
        self._names = _Table(per_name, max_keys)
        self._addresses = _Table(per_address, max_keys)
        self._name_turns = _Turns()
        self._address_turns = _Turns()

    @staticmethod
    def _name_key(name: str) -> str:
        return name[:101]  # no account name is longer than 100 characters

    @contextlib.asynccontextmanager
    async def turn(self, name: str, address: str) -> AsyncIterator[None]:
        """Wait for the turn of this name from this address (always the address first: no two waits cross)."""
        async with self._address_turns.turn(address), self._name_turns.turn(self._name_key(name)):
            yield

    def wait(self, name: str, address: str, now: datetime) -> int:
        """Whole seconds to wait before trying again (0: try now)."""
        wait = max(self._names.wait(self._name_key(name), now), self._addresses.wait(address, now))
        return max(1, math.ceil(wait)) if wait > 0 else 0

    def failed(self, name: str, address: str, now: datetime) -> None:
        self._names.count(self._name_key(name), now)
        self._addresses.count(address, now)

    def succeeded(self, name: str) -> None:
        self._names.forgive(self._name_key(name))

    def tracked(self) -> int:
        """How many names and addresses are being counted: at most `max_keys` of each."""
        return len(self._names.failures) + len(self._addresses.failures)
