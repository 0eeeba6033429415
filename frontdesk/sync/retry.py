"""Bounded retries with exponential backoff and jitter; sleep and randomness are injected for tests."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.sync.results import Unknown

# Worth another try: the request may not have arrived, or the server was briefly unwell.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 4  # total tries, including the first
    base_delay: float = 0.5  # seconds before the 2nd try; doubles each time
    max_delay: float = 8.0

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.base_delay < 0 or self.max_delay < self.base_delay:
            raise ValueError("RetryPolicy needs attempts >= 1 and 0 <= base_delay <= max_delay")

    def delay(self, failed_attempt: int, rng: random.Random, retry_after: float | None = None) -> float:
        """Seconds to wait after try number `failed_attempt` (1-based) failed.

        "Equal jitter": half the backoff is fixed, half random, so desks that lost the network together do
        not all come back in the same instant, yet each still backs off. A server's Retry-After is honoured
        up to max_delay.
        """
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (failed_attempt - 1))
        wait = ceiling / 2 + rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            wait = max(wait, min(retry_after, self.max_delay))
        return wait


def retry_after_seconds(header: str | None) -> float | None:
    if header is None:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        return None  # an HTTP-date form: ignore rather than parse a clock we do not trust


def send_with_retries(
    http: httpx.Client,
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    rng: random.Random,
    method: str,
    path: str,
    **kwargs: Any,
) -> httpx.Response | Unknown:
    """Send, retrying transport errors and RETRY_STATUSES; any other answer is returned at once.

    The request is resent unchanged, so a change keeps its Idempotency-Key on every try.
    """
    reason: str = ""
    for attempt in range(1, policy.attempts + 1):
        retry_after = None
        try:
            response = http.request(method, path, **kwargs)
        except httpx.TransportError as error:  # timeouts, refused connections, truncated replies
            reason = QT_TRANSLATE_NOOP("Sync", "no complete answer from the platform ({error})").fill(
                error=type(error).__name__
            )
        else:
            if response.status_code not in RETRY_STATUSES:
                return response
            reason = QT_TRANSLATE_NOOP("Sync", "the platform answered HTTP {status}").fill(
                status=str(response.status_code)
            )
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
        if attempt < policy.attempts:
            sleep(policy.delay(attempt, rng, retry_after))
    return Unknown(reason, policy.attempts)
