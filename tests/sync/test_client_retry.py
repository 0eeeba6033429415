"""Retries: bounded, exponential with jitter, same Idempotency-Key every time, never on a 4xx refusal."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

import httpx
import pytest

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire import USERS, ConnectionStatusChange, VoucherStatusChange
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import Accepted, PlatformUnavailable, Refused, SignInRefused, Unknown
from frontdesk.sync.retry import RetryPolicy
from sync.test_client_parsing import VOUCHER

CONNECTION = {
    "connection_id": 3, "user_id": 1, "business_id": 1, "status": "INACTIVE", "point_balance": 0,
    "home_location": None, "membership_status": "ACTIVE", "last_mod_dt": "2024-05-01T09:30:00.000001Z",
}  # fmt: skip
POLICY = RetryPolicy(attempts=5, base_delay=0.5, max_delay=4.0)


class Script:
    """A MockTransport handler that plays a list of replies (or exceptions) and records each request."""

    def __init__(self, *steps: httpx.Response | Exception) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        return step


def client_for(script: Script, sleeps: list[float], seed: int = 3) -> PlatformClient:
    return PlatformClient(
        "http://platform.test", transport=httpx.MockTransport(script), token="t", retry=POLICY,
        sleep=sleeps.append, rng=random.Random(seed),
    )  # fmt: skip


def ok(body: object) -> httpx.Response:
    return httpx.Response(200, json=body)


def error(status: int, code: str = "server_error", **extra: object) -> httpx.Response:
    return httpx.Response(status, json={"errors": {"__all__": [{"code": code, "message": "m"}]}, **extra})


TIMEOUT: Callable[[], Exception] = lambda: httpx.ReadTimeout("timed out")  # noqa: E731


def test_5xx_and_timeouts_are_retried_with_the_same_key_then_accepted() -> None:
    script = Script(error(500), TIMEOUT(), httpx.ConnectError("refused"), error(503), ok(VOUCHER))
    sleeps: list[float] = []
    with client_for(script, sleeps) as client:
        result = client.patch_voucher_status(50000001, VoucherStatusChange(VoucherStatus.USED), idempotency_key="a1")
    assert isinstance(result, Accepted) and result.object.voucher_id == 50000001
    assert [r.headers["Idempotency-Key"] for r in script.requests] == ["a1"] * 5
    assert len({r.content for r in script.requests}) == 1
    ceilings = [0.5, 1.0, 2.0, 4.0]
    assert len(sleeps) == 4 and all(c / 2 <= s <= c for s, c in zip(sleeps, ceilings, strict=True))


def test_backoff_is_deterministic_for_a_seeded_random_and_capped() -> None:
    rng_a, rng_b = random.Random(9), random.Random(9)
    waits = [POLICY.delay(n, rng_a) for n in range(1, 9)]
    assert waits == [POLICY.delay(n, rng_b) for n in range(1, 9)]
    assert max(waits) <= POLICY.max_delay and waits[-1] >= POLICY.max_delay / 2
    assert POLICY.delay(1, random.Random(0), retry_after=3.0) == 3.0
    assert POLICY.delay(1, random.Random(0), retry_after=60.0) == POLICY.max_delay


def test_when_every_try_fails_the_change_is_unknown_not_failed() -> None:
    script = Script(*(TIMEOUT() for _ in range(5)))
    sleeps: list[float] = []
    with client_for(script, sleeps) as client:
        change = ConnectionStatusChange(ProgramStatus.ACTIVE)
        result = client.patch_connection_status(3, change, idempotency_key="b2")
    assert isinstance(result, Unknown) and result.attempts == 5 and "ReadTimeout" in result.reason
    assert len(script.requests) == 5 and len(sleeps) == 4


def test_a_persistent_500_on_a_read_is_unavailable() -> None:
    script = Script(*(error(502) for _ in range(5)))
    with client_for(script, []) as client, pytest.raises(PlatformUnavailable, match="HTTP 502"):
        client.list_page(USERS)


@pytest.mark.parametrize(("status", "code"), [(409, "transition_not_allowed"), (403, "role_not_allowed"),
                                              (422, "invalid_body"), (404, "not_found")])  # fmt: skip
def test_refusals_are_never_retried(status: int, code: str) -> None:
    script = Script(error(status, code, current=CONNECTION))
    sleeps: list[float] = []
    with client_for(script, sleeps) as client:
        result = client.patch_connection_status(3, ConnectionStatusChange(ProgramStatus.ACTIVE), idempotency_key="c")
    assert isinstance(result, Refused) and (result.http_status, result.code) == (status, code)
    assert result.current is not None and result.current.status is ProgramStatus.INACTIVE
    assert len(script.requests) == 1 and sleeps == []


def test_sign_in_retries_a_dropped_connection_but_not_a_wrong_password() -> None:
    grant = {
        "access_token": "tok",
        "token_type": "Bearer",
        "expires_in": 60,
        "staff": {"name": "d", "role": "ADMIN"},
    }
    script = Script(httpx.ConnectError("down"), ok(grant))
    with client_for(script, []) as client:
        assert client.sign_in("d", "pw").access_token == "tok" and client.token == "tok"
    form = dict(httpx.QueryParams(script.requests[-1].content.decode()))
    assert form == {"grant_type": "password", "username": "d", "password": "pw", "client_id": "frontdesk"}
    refused = Script(error(401, "invalid_credentials"))
    with client_for(refused, []) as client, pytest.raises(SignInRefused):
        client.sign_in("d", "bad")
    assert len(refused.requests) == 1


def test_replayed_answers_are_marked() -> None:
    script = Script(httpx.Response(200, json=VOUCHER, headers={"Idempotent-Replayed": "true"}))
    with client_for(script, []) as client:
        result = client.patch_voucher_status(50000001, VoucherStatusChange(VoucherStatus.USED), idempotency_key="d")
    assert isinstance(result, Accepted) and result.replayed
    assert json.loads(script.requests[0].content)["status"] == "USED"
