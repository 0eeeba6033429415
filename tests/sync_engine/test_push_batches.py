"""A desk pushes its waiting actions in batches (POST /v2/changes/): every action applied exactly once and in the
order staff made them, whatever happens to a batch on the way (a lost answer, a cut request, a garbled reply);
a platform without batches gets one PATCH per action, and the client remembers it."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_databases import HubDatabases
from sqlalchemy import Engine, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from sync.helpers import Platform

from frontdesk.domain.program import ProgramStatus as P
from frontdesk.domain.staff import StaffRole
from frontdesk.hub import create_app
from frontdesk.hub.models import ChangeLog
from frontdesk.protocol.wire_batch import BATCH_MAX_BYTES, BATCH_MAX_CHANGES, CHANGES_PATH
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.retry import RetryPolicy
from sync_engine.helpers import (
    Desk,
    DeskFactory,
    Made,
    assert_converged,
    assert_no_lost_or_doubled,
    client,
    make_customers,
    serve_at,
    sign_in,
)
from sync_engine.proxy import ALL_FAULTS, Fault, FaultProxy

NEXT_STATUS = {P.ACTIVE: P.INACTIVE, P.INACTIVE: P.PENDING, P.PENDING: P.ACTIVE}  # a cycle the rules allow
TIMEOUT = 2.0  # seconds per request through the proxy; a SLOW answer comes after it
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.0, max_delay=0.0)


def applied_keys(engine: Engine) -> list[str]:
    """The idempotency keys of the changes the platform applied, in the order it applied them."""
    with engine.connect() as db:
        return list(db.execute(select(ChangeLog.idempotency_key).order_by(ChangeLog.id)).scalars())


def requests_seen(proxy: FaultProxy) -> Counter[str]:
    """How many batches and single changes reached the proxy."""
    return Counter("batch" if path == CHANGES_PATH else "patch" for method, path, _ in proxy.log if method != "GET")


def act(desk: Desk, people: list[Made], count: int, rng: random.Random) -> None:
    """`count` actions on a few customers and vouchers, each allowed only after the one before on the same object
    (status cycles; a voucher marked, set back, marked ...): the platform refuses any of them sent out of order."""
    statuses = {p.user_id: P(desk.connection(p.connection_id).status) for p in people}
    used = {v for p in people for v in p.vouchers if desk.voucher(v).status == "USED"}
    for _ in range(count):
        person = rng.choice(people)
        if rng.random() < 0.5:
            statuses[person.user_id] = NEXT_STATUS[statuses[person.user_id]]
            desk.set_status(person.user_id, statuses[person.user_id])
        else:
            voucher_id = rng.choice(person.vouchers)
            if voucher_id in used:
                desk.set_back(voucher_id)
                used.remove(voucher_id)
            else:
                desk.mark_used(voucher_id)
                used.add(voucher_id)


def assert_each_applied_once_in_order(platform: Platform, desk: Desk) -> None:
    assert {e.state for e in desk.outbox()} == {"ACCEPTED"} and desk.conflicts() == []
    assert applied_keys(platform.engine) == desk.made
    assert_no_lost_or_doubled(platform.engine, [desk])
    assert_converged(platform.engine, [desk])


@pytest.fixture
def desk_with_people(platform: Platform, make_desk: DeskFactory) -> tuple[Desk, list[Made], str]:
    people = make_customers(platform.engine, 3, vouchers=2)
    desk = make_desk("Desk A", StaffRole.EMPLOYEE)  # may set a voucher back
    token = sign_in(platform.base_url, desk.account)
    assert desk.sync(client(platform.base_url, token)).complete
    return desk, people, token


@pytest.mark.parametrize("fault", [None, Fault.LOSE_ANSWER])
def test_a_backlog_goes_in_batches_each_action_applied_once_in_order(
    platform: Platform, desk_with_people: tuple[Desk, list[Made], str], fault: Fault | None
) -> None:
    desk, people, token = desk_with_people
    act(desk, people, 2 * BATCH_MAX_CHANGES + 100, random.Random(1))
    with FaultProxy(platform.base_url) as proxy:
        if fault is not None:  # the second batch is applied, and its answer lost
            proxy.script.extend([Fault.PASS, fault])
        through = client(proxy.url, token, timeout=30, retry=FAST_RETRY, sleep=lambda _s: None)
        summary = desk.sync(through)
    assert (summary.complete, summary.pushed, summary.refused, summary.waiting) == (True, len(desk.made), 0, 0)
    assert requests_seen(proxy) == {"batch": 3 if fault is None else 4}  # the faulty one once more, same keys
    assert_each_applied_once_in_order(platform, desk)


def faulty_client(proxy: FaultProxy, token: str, seed: int) -> PlatformClient:
    return client(proxy.url, token, timeout=TIMEOUT, retry=FAST_RETRY, sleep=lambda _s: None, rng=random.Random(seed))


@pytest.mark.parametrize("fault", ALL_FAULTS)
def test_each_fault_on_a_batch_ends_with_every_action_applied_once_in_order(
    platform: Platform, desk_with_people: tuple[Desk, list[Made], str], fault: Fault
) -> None:
    desk, people, token = desk_with_people
    act(desk, people, 40, random.Random(2))
    with FaultProxy(platform.base_url, slow_seconds=TIMEOUT + 0.3) as proxy:
        through = faulty_client(proxy, token, 0)
        proxy.script.append(fault)
        first = desk.sync(through)
        assert proxy.injected()[fault] == 1 and proxy.log[0][1] == CHANGES_PATH
        if fault is Fault.GARBLE:  # a 200 nobody can read: stop, keep every action, ask again next time
            assert (first.complete, first.problem_code, first.waiting) == (False, "protocol_error", 40)
            second = desk.sync(through)
            assert (second.complete, second.pushed, second.waiting) == (True, 40, 0)
        else:  # sent again with the same keys inside the same sync
            assert (first.complete, first.pushed, first.waiting) == (True, 40, 0), first.problem
    assert_each_applied_once_in_order(platform, desk)


@pytest.mark.parametrize("seed", range(3))
def test_random_faults_between_rounds_of_actions_apply_each_once_in_order(
    platform: Platform, desk_with_people: tuple[Desk, list[Made], str], seed: int
) -> None:
    desk, people, token = desk_with_people
    rng = random.Random(seed)
    with FaultProxy(platform.base_url, seed=seed, rate=0.5, slow_seconds=TIMEOUT + 0.3) as proxy:
        through = faulty_client(proxy, token, seed)
        for _round in range(6):
            act(desk, people, rng.randrange(1, 30), rng)
            summary = desk.sync(through)
            assert summary.complete or summary.problem_code in ("platform_unavailable", "protocol_error")
        assert sum(n for fault, n in proxy.injected().items() if fault is not Fault.PASS) >= 2
        assert requests_seen(proxy)["patch"] == 0 and requests_seen(proxy)["batch"] >= 6
    settled = desk.sync(client(platform.base_url, token))
    assert settled.complete and settled.waiting == 0
    assert_each_applied_once_in_order(platform, desk)


# -- a platform without batches -----------------------------------------------------------------------------------


async def _get_only(_request: Request) -> Response:
    return Response(b"{}", media_type="application/json")


OLDER_PLATFORMS = {
    "no such path": lambda routes: [r for r in routes if getattr(r, "path", "") != CHANGES_PATH],  # 404
    "the path, but not POST": lambda routes: [  # 405
        Route(CHANGES_PATH, _get_only, methods=["GET"]) if getattr(r, "path", "") == CHANGES_PATH else r for r in routes
    ],
}


@pytest.fixture(params=list(OLDER_PLATFORMS))
def older_platform(request: pytest.FixtureRequest, hub_databases: HubDatabases, tmp_path: Path) -> Iterator[Platform]:
    """The hub as a platform that has no batches: its routes without POST /v2/changes/."""
    with hub_databases.copy(tmp_path) as (engine, _url):
        app = create_app(engine)
        older = Starlette(routes=OLDER_PLATFORMS[request.param](app.routes), exception_handlers=app.exception_handlers)
        with serve_at(older) as url:
            yield Platform(url, engine)


def test_a_platform_without_batches_gets_one_patch_per_action_and_the_client_remembers(
    older_platform: Platform, make_desk: DeskFactory
) -> None:
    people = make_customers(older_platform.engine, 3, vouchers=2)
    desk = make_desk("Desk A", StaffRole.EMPLOYEE)
    token = sign_in(older_platform.base_url, desk.account)
    with FaultProxy(older_platform.base_url) as proxy:
        through = client(proxy.url, token)
        assert desk.sync(through).complete
        act(desk, people, 12, random.Random(3))
        first = desk.sync(through)
        assert (first.complete, first.pushed, first.waiting) == (True, 12, 0)
        assert requests_seen(proxy) == {"batch": 1, "patch": 12} and not through.takes_batches
        act(desk, people, 5, random.Random(4))
        second = desk.sync(through)
    assert (second.complete, second.pushed) == (True, 5)
    assert requests_seen(proxy) == {"batch": 1, "patch": 17}  # not asked again
    assert_each_applied_once_in_order(older_platform, desk)


def test_a_batch_refused_whole_goes_one_patch_per_action_each_with_its_answer(
    platform: Platform, desk_with_people: tuple[Desk, list[Made], str]
) -> None:
    """A reason holding a NUL character is a body the platform cannot store (422): the batch that carries it
    is refused whole, so its actions go one by one and only that one is refused, as its own PATCH would be."""
    desk, people, token = desk_with_people
    voucher_id = people[0].vouchers[0]
    desk.mark_used(voucher_id)
    desk.mark_used(people[1].vouchers[0])
    bad = desk.set_back(voucher_id, "scanner\x00noise")
    desk.mark_used(people[2].vouchers[0])
    with FaultProxy(platform.base_url) as proxy:
        through = client(proxy.url, token)
        summary = desk.sync(through)
        assert (summary.complete, summary.pushed, summary.refused) == (True, 3, 1)
        assert requests_seen(proxy) == {"batch": 1, "patch": 4} and through.takes_batches
    states = {e.key: e.state for e in desk.outbox()}
    assert [states[k] for k in desk.made] == ["ACCEPTED", "ACCEPTED", "REFUSED", "ACCEPTED"]
    [conflict] = desk.conflicts()
    assert (conflict.outbox_key, conflict.code) == (bad, "invalid_body")
    assert applied_keys(platform.engine) == [k for k in desk.made if k != bad]


def test_actions_too_large_for_one_request_go_in_the_next(
    platform: Platform, desk_with_people: tuple[Desk, list[Made], str]
) -> None:
    """Long reasons: the batch takes the actions that fit in BATCH_MAX_BYTES, the next request the rest."""
    desk, people, token = desk_with_people
    vouchers = [p.vouchers[0] for p in people]
    for voucher_id in vouchers:
        desk.mark_used(voucher_id)
    for voucher_id in vouchers:
        desk.set_back(voucher_id, "the customer explained at length: " + "x" * (BATCH_MAX_BYTES * 2 // 5))
    with FaultProxy(platform.base_url) as proxy:
        summary = desk.sync(client(proxy.url, token, timeout=30))
    assert (summary.complete, summary.pushed) == (True, 6)
    assert requests_seen(proxy) == {"batch": 2}  # 3 marks and 2 set-backs, then the last set-back
    assert_each_applied_once_in_order(platform, desk)
