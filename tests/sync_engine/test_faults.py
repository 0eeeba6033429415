"""Faults between desks and the platform (proxy.py): drops, lost answers, 5xx, slow answers, duplicates,
cut and garbled bodies. Whatever happens on the way, once the faults stop and each desk syncs cleanly, every
desk equals the platform, every staff action was applied at most once and answered, and the platform refused
exactly the actions its rules refuse in the order it received them (double redemptions included)."""

from __future__ import annotations

import random

import pytest
from sync.helpers import STAFF, Platform

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.program import ProgramStatus as P
from frontdesk.domain.staff import StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.retry import RetryPolicy
from sync_engine.helpers import (
    Desk,
    DeskFactory,
    RuleModel,
    assert_converged,
    assert_no_lost_or_doubled,
    assert_search_index_intact,
    client,
    make_customers,
    sign_in,
)
from sync_engine.proxy import ALL_FAULTS, Fault, FaultProxy

ACCOUNTS = ("desk", "manager")
TIMEOUT = 0.3  # seconds per request through the proxy; a SLOW answer comes after it
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.0, max_delay=0.0)


def faulty_client(proxy: FaultProxy, seed: int, token: str | None = None) -> PlatformClient:
    return client(proxy.url, token, timeout=TIMEOUT, retry=FAST_RETRY, sleep=lambda _s: None, rng=random.Random(seed))


def settle_everyone(platform: Platform, desks: list[Desk]) -> None:
    """Faults have stopped: each desk syncs twice straight to the platform (the second round pulls what the
    other desks pushed in the first)."""
    clients = {account: client(platform.base_url, sign_in(platform.base_url, account)) for account in ACCOUNTS}
    for _round in range(2):
        for desk in desks:
            summary = desk.sync(clients[desk.account])
            assert summary.complete and summary.waiting == 0, summary.problem


def assert_summaries_account_for_every_action(desks: list[Desk]) -> None:
    for desk in desks:
        states = [e.state for e in desk.outbox()]
        reported = (sum(s.pushed for s in desk.summaries), sum(s.refused for s in desk.summaries))
        assert reported == (states.count("ACCEPTED"), states.count("REFUSED")), f"{desk.name}: {reported}"


@pytest.mark.parametrize("fault", ALL_FAULTS)
def test_each_fault_on_a_push_ends_with_the_action_applied_once(
    platform: Platform, make_desk: DeskFactory, fault: Fault
) -> None:
    [person] = make_customers(platform.engine, 1, vouchers=1)
    desk = make_desk("Desk A")
    token = sign_in(platform.base_url, "desk")
    with FaultProxy(platform.base_url, slow_seconds=TIMEOUT + 0.15) as proxy:
        through = faulty_client(proxy, 0, token)
        assert desk.sync(through).complete
        desk.mark_used(person.vouchers[0])
        proxy.script.append(fault)
        first = desk.sync(through)
        assert proxy.injected()[fault] == 1
        if fault is Fault.GARBLE:  # a 200 nobody can read: stop, keep the action, ask again next time
            assert (first.complete, first.problem_code, first.waiting) == (False, "protocol_error", 1)
            second = desk.sync(through)
            assert (second.complete, second.pushed, second.waiting) == (True, 1, 0)
        else:  # retried with the same key inside the same sync
            assert (first.complete, first.pushed, first.waiting) == (True, 1, 0), first.problem
    assert desk.voucher(person.vouchers[0]).status == "USED"
    assert_no_lost_or_doubled(platform.engine, [desk])
    assert_converged(platform.engine, [desk])
    assert_summaries_account_for_every_action([desk])


ROLES = {"Desk A": StaffRole.FRONT_DESK, "Desk B": StaffRole.FRONT_DESK, "Desk C": StaffRole.EMPLOYEE}
STATUSES = (P.ACTIVE, P.PENDING, P.IMPORTED, P.INACTIVE)
# Every fault twice as likely as a slow answer, which costs the desk a whole timeout.
WEIGHTED = tuple(f for f in ALL_FAULTS for _ in range(1 if f is Fault.SLOW else 2))


@pytest.mark.parametrize("seed", range(10))
def test_three_desks_converge_through_random_faults(platform: Platform, make_desk: DeskFactory, seed: int) -> None:
    rng = random.Random(seed)
    people = make_customers(platform.engine, 6, vouchers=1, statuses=STATUSES, rng=rng)  # few: desks collide
    vouchers = [v for p in people for v in p.vouchers]
    model = RuleModel({v: (VoucherStatus.UNUSED, None) for v in vouchers},
                      {p.connection_id: STATUSES[n % 4] for n, p in enumerate(people)})  # fmt: skip
    desks = [make_desk(name, role) for name, role in ROLES.items()]
    with FaultProxy(platform.base_url, seed=seed, rate=0.3, faults=WEIGHTED, slow_seconds=TIMEOUT + 0.15) as proxy:
        clients = {}
        for n, desk in enumerate(desks):
            through = faulty_client(proxy, seed * 10 + n)
            for _try in range(30):  # signing in goes through the faults too
                try:
                    through.sign_in(desk.account, STAFF[desk.account][0])
                    break
                except FrontDeskError:
                    continue
            clients[desk.name] = through
            for _try in range(30):  # the first load goes through the faults too
                if desk.sync(through).complete:
                    break
        for _round in range(5):
            for desk in desks:
                for _ in range(rng.randrange(1, 5)):
                    if rng.random() < 0.6:
                        kind = "mark" if rng.random() < 0.7 else "unmark"
                        desk.try_action(kind, rng.choice(vouchers))
                    else:
                        desk.try_action("status", rng.choice(people).user_id, rng.choice(STATUSES).value)
                if rng.random() < 0.7:  # sometimes a desk is simply offline this round
                    desk.sync(clients[desk.name])
        injected = proxy.injected()
    assert sum(n for fault, n in injected.items() if fault is not Fault.PASS) >= 5
    settle_everyone(platform, desks)

    ledger = assert_no_lost_or_doubled(platform.engine, desks)
    assert_converged(platform.engine, desks)
    model.replay(ledger, desks)
    model.assert_matches(platform.engine)
    assert model.checked == sum(len(d.made) for d in desks)
    assert_summaries_account_for_every_action(desks)
    for desk in desks:
        assert_search_index_intact(desk.db)
