"""Sign-in rate limits, per staff name and per client address, counted the same whether the name exists or not.

Each attempt counts as a failure from the moment it starts (so attempts sent all at once cannot slip past the
limit before the first is judged); a good password then forgives the name's failures and that one attempt
of the address's. Once `limit` failures fall within `window`, the key waits until the oldest leaves it.
Everything lives in memory on the event loop's thread (one hub process), and each table keeps at most
`max_keys` keys, so a flood of made-up names cannot grow it without bound.
"""

from __future__ import annotations

import math
from collections import deque
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

    def forgive_all(self, key: str) -> None:
        self.failures.pop(key, None)

    def forgive_one(self, key: str) -> None:
        recent = self.failures.get(key)
        if recent:
            recent.pop()
        if not recent:
            self.failures.pop(key, None)

    def _make_room(self, now: datetime) -> None:
        stale = [key for key, recent in self.failures.items() if not recent or recent[-1] <= now - self.limit.window]
        for key in stale:
            del self.failures[key]
        while len(self.failures) >= self.max_keys:  # all still counting: the oldest-tracked goes first
            del self.failures[next(iter(self.failures))]


class SignInThrottle:
    def __init__(self, per_name: Limit, per_address: Limit, *, max_keys: int = 10_000) -> None:
        self._names = _Table(per_name, max_keys)
        self._addresses = _Table(per_address, max_keys)

    @staticmethod
    def _name_key(name: str) -> str:
        return name[:101]  # no account name is longer than 100 characters

    def begin(self, name: str, address: str, now: datetime) -> int:
        """Whole seconds to wait before trying again, or 0 after counting this attempt as a failure."""
        name = self._name_key(name)
        wait = max(self._names.wait(name, now), self._addresses.wait(address, now))
        if wait > 0:
            return max(1, math.ceil(wait))
        self._names.count(name, now)
        self._addresses.count(address, now)
        return 0

    def succeeded(self, name: str, address: str) -> None:
        self._names.forgive_all(self._name_key(name))
        self._addresses.forgive_one(address)
