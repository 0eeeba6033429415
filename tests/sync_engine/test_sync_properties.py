"""Random interleavings (hypothesis) of staff actions, syncs, outages and lost answers across two or three desks.

Whatever the order: the platform applies each idempotency key at most once; after final syncs every desk equals
the platform; every action ends ACCEPTED, or REFUSED with a conflict on the desk that made it; the platform
accepted exactly what its rules allow in the order it heard of the actions, so every double redemption is a
conflict on the later desk, naming the desk that used the voucher first.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync.helpers import Platform

from frontdesk.domain.program import ProgramStatus as P
from frontdesk.domain.staff import StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.sync.client import PlatformClient
from sync_engine.helpers import (
    Desk,
    RuleModel,
    assert_converged,
    assert_no_lost_or_doubled,
    client,
    make_customers,
    sign_in,
)
from sync_engine.proxy import Fault, FaultProxy

STATUSES = (P.ACTIVE, P.PENDING, P.IMPORTED, P.INACTIVE)
DESK_NAMES = ("Desk A", "Desk B", "Desk C")
ROLES = (StaffRole.EMPLOYEE, StaffRole.FRONT_DESK, StaffRole.FRONT_DESK)  # Desk A may set vouchers back

desk_index = st.integers(0, 2)
target = st.integers(0, 2)  # three customers, one voucher each: desks collide often
mark = st.tuples(st.just("mark"), desk_index, target, st.just(""))
step = st.one_of(
    mark,
    mark,  # twice as likely: double redemptions are the point
    st.tuples(st.just("unmark"), desk_index, target, st.just("")),
    st.tuples(st.just("status"), desk_index, target, st.sampled_from([s.value for s in STATUSES])),
    st.tuples(st.just("sync"), desk_index, st.just(0), st.just("")),
    st.tuples(st.just("outage"), desk_index, st.just(0), st.just("")),  # goes offline, or back online
    st.tuples(st.just("lossy_sync"), desk_index, st.just(0), st.just("")),  # the first answer is lost
)


@pytest.fixture(scope="module")
def proxy(shared_platform: Platform) -> Iterator[FaultProxy]:
    with FaultProxy(shared_platform.base_url) as running:
        yield running


@pytest.fixture(scope="module")
def tokens(shared_platform: Platform) -> dict[str, str]:
    return {account: sign_in(shared_platform.base_url, account) for account in ("desk", "manager")}


@settings(max_examples=20, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(desk_count=st.integers(2, 3), steps=st.lists(step, min_size=12, max_size=30))
def test_random_interleavings_converge_without_losing_or_doubling_anything(
    shared_platform: Platform,
    proxy: FaultProxy,
    tokens: dict[str, str],
    desk_template: Path,
    dead_url: str,
    desk_count: int,
    steps: list[tuple[str, int, int, str]],
) -> None:
    engine = shared_platform.engine
    people = make_customers(engine, 3, vouchers=1, statuses=STATUSES[1:])
    model = RuleModel({p.vouchers[0]: (VoucherStatus.UNUSED, None) for p in people},
                      {p.connection_id: STATUSES[1:][n] for n, p in enumerate(people)})  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        desks = []
        for n in range(desk_count):
            path = Path(folder) / f"desk-{n}.db"
            shutil.copyfile(desk_template, path)
            desks.append(Desk.open(DESK_NAMES[n], path, ROLES[n]))
        try:
            online = {d.name: client(proxy.url, tokens[d.account]) for d in desks}
            offline = {d.name: client(dead_url, tokens[d.account]) for d in desks}
            is_online = {d.name: True for d in desks}
            for desk in desks:
                assert desk.sync(online[desk.name]).complete

            for kind, which, index, status in steps:
                desk = desks[which % desk_count]
                if kind == "mark" or kind == "unmark":
                    desk.try_action(kind, people[index].vouchers[0])
                elif kind == "status":
                    desk.try_action(kind, people[index].user_id, status)
                elif kind == "outage":
                    is_online[desk.name] = not is_online[desk.name]
                else:
                    using: PlatformClient = online[desk.name] if is_online[desk.name] else offline[desk.name]
                    if kind == "lossy_sync" and is_online[desk.name]:
                        proxy.script.append(Fault.LOSE_ANSWER)
                    summary = desk.sync(using)
                    proxy.script.clear()
                    assert summary.complete or summary.problem_code == "platform_unavailable"

            for _round in range(2):  # everyone back online
                for desk in desks:
                    summary = desk.sync(online[desk.name])
                    assert summary.complete and summary.waiting == 0
            ledger = assert_no_lost_or_doubled(engine, desks, exclusive=False)
            assert_converged(engine, desks)
            model.replay(ledger, desks)
            model.assert_matches(engine)
            assert model.checked == sum(len(d.made) for d in desks)
            for desk in desks:  # each conflict holds what the platform said when it refused
                for conflict in desk.conflicts():
                    assert conflict.desk == desk.name
                    assert conflict.platform_state == ledger.answers[conflict.outbox_key][1]["current"]
        finally:
            for desk in desks:
                desk.db.close()
