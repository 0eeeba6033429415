"""Two processes (or two threads) doing the same thing to the same row at the same moment, on one real desk
database: exactly one succeeds, the other gets a plain refusal, and there is exactly one outbox entry and one
audit entry. A pulled row stored while a staff action on it commits never overwrites that action.

Each check-then-write takes SQLite's write lock before its first read (Database.unit_of_work(write=True));
with the default deferred transaction both sides read "unused" and both write (every round of these tests did,
in processes and in threads). The sides live in race_child.py; the pull is held still between its check for
waiting changes and its write, where a staff action used to slip in.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import re
import threading
from collections.abc import Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import race_child
from race_child import SET_BACK_REASON, Outcome
from sqlalchemy import Engine
from sync.helpers import STAFF, serve

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import add_staff, create_app, create_customer, create_schema, make_engine
from frontdesk.hub.models import VoucherRow
from frontdesk.hub.remote import create_voucher, update_object
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine
from frontdesk.sync.retry import RetryPolicy

if TYPE_CHECKING:
    from conftest import DataBuilder

FORKS = multiprocessing.get_context("forkserver")
TESTS = Path(__file__).resolve().parent
ROUNDS = 20
ANA = StaffMember("Ana Desk", StaffRole.EMPLOYEE, "Desk A", "Downtown")
BEN = StaffMember("Ben Desk", StaffRole.EMPLOYEE, "Desk B", "Downtown")
SIDES = ("processes", "threads")


@pytest.fixture(scope="module", autouse=True)
def forkserver() -> None:
    """Start the forkserver with race_child imported (tests/ on its path through PYTHONPATH: Python 3.11's
    forkserver ignores the parent's sys.path when preloading). Already running: race_child is imported on use."""
    FORKS.set_forkserver_preload(["race_child"])
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(TESTS), str(TESTS.parent), *([before] if before else [])])
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def race(sides: str, db: Database, action: str, targets: list[int]) -> dict[str, list[Outcome]]:
    """Ana and Ben each do `action` on every target, a barrier starting each round for both."""
    if sides == "threads":
        barrier = threading.Barrier(2)
        ana, ben = race_child.in_threads(
            lambda: race_child.staff_rounds(db, ANA, action, targets, barrier),
            lambda: race_child.staff_rounds(db, BEN, action, targets, barrier),
        )
        return {ANA.name: ana, BEN.name: ben}
    process_barrier = FORKS.Barrier(2)
    results = FORKS.Queue()
    processes = [
        FORKS.Process(
            target=race_child.staff_process,
            args=(str(db.path), staff, action, targets, process_barrier, results),
            daemon=True,
        )
        for staff in (ANA, BEN)
    ]
    for process in processes:
        process.start()
    collected = dict(results.get(timeout=race_child.WAIT * 2) for _ in processes)
    for process in processes:
        process.join(race_child.WAIT)
    return collected


def one_won_each_round(outcomes: dict[str, list[Outcome]], refusal: str | re.Pattern[str],
                       code: str) -> list[str]:  # fmt: skip
    """Per round exactly one side did it and the other was refused with `refusal` (a message or a pattern);
    returns who won each round."""
    winners, wrong = [], []
    for ana, ben in zip(outcomes[ANA.name], outcomes[BEN.name], strict=True):
        pair = {ANA.name: ana, BEN.name: ben}
        done = [name for name, outcome in pair.items() if outcome[0] == "done"]
        refused = [(refused_code, message) for kind, refused_code, message in pair.values() if kind == "refused"]
        plain = bool(refused) and refused[0][0] == code and _says(refusal, refused[0][1])
        if len(done) == 1 and len(refused) == 1 and plain:
            winners.append(done[0])
        else:
            wrong.append(pair)
    assert not wrong, f"{len(wrong)} of {len(outcomes[ANA.name])} rounds not one done, one refused: {wrong[:2]}"
    return winners


def _says(refusal: str | re.Pattern[str], message: str) -> bool:
    return bool(re.fullmatch(refusal, message)) if isinstance(refusal, re.Pattern) else message == refusal


def entries_per_target(builder: DataBuilder, column: str) -> tuple[dict[int, int], dict[int, int]]:
    """How many outbox and audit entries name each target (by `column`: target_id or customer_id)."""
    outbox = dict(builder.rows(f"SELECT {column}, count(*) FROM outbox GROUP BY {column}"))
    audit = dict(builder.rows(f"SELECT {column}, count(*) FROM audit_log GROUP BY {column}"))
    return outbox, audit


def assert_one_entry_each(builder: DataBuilder, targets: Sequence[int], column: str = "target_id") -> None:
    outbox, audit = entries_per_target(builder, column)
    doubled = {t: (outbox.get(t), audit.get(t)) for t in targets if (outbox.get(t), audit.get(t)) != (1, 1)}
    assert not doubled, f"{len(doubled)} of {len(targets)} targets without exactly one outbox and audit entry"
    assert set(outbox) == set(audit) == set(targets)


def _customers_with_vouchers(builder: DataBuilder, status: VoucherStatus) -> tuple[list[int], list[int]]:
    customers = [builder.customer(f"Racer{n}", "Smith") for n in range(ROUNDS)]
    return customers, [builder.voucher(customer, status, expires_at=None) for customer in customers]


ALREADY_USED = re.compile(r"Already used on .+, at Downtown\. Nothing was changed\.")


@pytest.mark.parametrize("sides", SIDES)
@pytest.mark.parametrize("action", ["mark used by code", "mark used by id"])
def test_marking_one_voucher_twice_at_once_marks_it_once(
    sides: str, action: str, db: Database, builder: DataBuilder
) -> None:
    _, vouchers = _customers_with_vouchers(builder, VoucherStatus.UNUSED)
    winners = one_won_each_round(race(sides, db, action, vouchers), ALREADY_USED, "voucher_not_unused")
    assert_one_entry_each(builder, vouchers)
    used = builder.rows("SELECT used_by_staff FROM vouchers WHERE status = 'USED' ORDER BY id")
    assert [name for (name,) in used] == winners


@pytest.mark.parametrize("sides", SIDES)
def test_setting_one_voucher_back_twice_at_once_sets_it_back_once(
    sides: str, db: Database, builder: DataBuilder
) -> None:
    _, vouchers = _customers_with_vouchers(builder, VoucherStatus.USED)
    outcomes = race(sides, db, "set back to unused", vouchers)
    refusal = "Only a used voucher can be set back to unused; this one is Unused."
    one_won_each_round(outcomes, refusal, "voucher_not_used")
    assert_one_entry_each(builder, vouchers)
    assert builder.rows("SELECT DISTINCT status FROM vouchers") == [("UNUSED",)]
    assert builder.rows("SELECT DISTINCT reason FROM audit_log") == [(SET_BACK_REASON,)]


@pytest.mark.parametrize("sides", SIDES)
def test_changing_one_status_twice_at_once_changes_it_once(sides: str, db: Database, builder: DataBuilder) -> None:
    customers = [builder.customer(f"Racer{n}", "Smith", status=ProgramStatus.ACTIVE) for n in range(ROUNDS)]
    outcomes = race(sides, db, "status to inactive", customers)
    refusal = "Cannot change Inactive to Inactive. The customer is already Inactive."
    one_won_each_round(outcomes, refusal, "transition_not_allowed")
    assert_one_entry_each(builder, customers, "customer_id")
    assert builder.rows("SELECT DISTINCT status FROM connections") == [("INACTIVE",)]


def _refused_status_change(db: Database, customer_id: int) -> int:
    """A conflict as a sync stores it when the platform refused this desk's change to Active."""
    now = SystemClock().now()
    with db.unit_of_work() as session:
        conflict = Conflict(created_at=now, outbox_key=f"refused-{customer_id}", kind="program_status",
                            target_id=customer_id + 100_000, customer_id=customer_id, code="transition_not_allowed",
                            message="Cannot change Inactive to Active.", wanted="ACTIVE",
                            acted_at=now - timedelta(hours=1), desk="Desk A", staff_name="Ana Desk",
                            platform_state={"status": "INACTIVE"})  # fmt: skip
        session.add(conflict)
        session.flush()
        return conflict.id


@pytest.mark.parametrize("sides", SIDES)
def test_trying_one_conflict_again_twice_at_once_sends_the_change_once(
    sides: str, db: Database, builder: DataBuilder
) -> None:
    customers = [builder.customer(f"Racer{n}", "Smith", status=ProgramStatus.PENDING) for n in range(ROUNDS)]
    conflicts = [_refused_status_change(db, customer) for customer in customers]
    outcomes = race(sides, db, "try again", conflicts)
    closed_by = re.compile(r"(Ana|Ben) Desk already dealt with this conflict; nothing was changed\.")
    winners = one_won_each_round(outcomes, closed_by, "conflict_closed")
    assert_one_entry_each(builder, customers, "customer_id")
    assert [name for (name,) in builder.rows("SELECT acknowledged_by FROM conflicts ORDER BY id")] == winners
    assert builder.rows("SELECT DISTINCT status FROM connections") == [("ACTIVE",)]


class Hub:
    """The reference platform on 127.0.0.1 with one customer and ROUNDS vouchers, and a desk synced from it."""

    def __init__(self, engine: Engine, base_url: str) -> None:
        self.engine = engine
        self.base_url = base_url
        user_id, _ = create_customer(engine, first_name="Racer", last_name="Smith")
        self.vouchers = [create_voucher(engine, user_id=user_id) for _ in range(ROUNDS)]
        with PlatformClient(base_url, timeout=30, retry=RetryPolicy(attempts=1)) as client:
            self.token = client.sign_in("manager", STAFF["manager"][0]).access_token

    def first_sync(self, db: Database) -> None:
        with PlatformClient(self.base_url, token=self.token, timeout=30, retry=RetryPolicy(attempts=1)) as client:
            assert SyncEngine(db, client, SystemClock()).run().complete

    def change(self, voucher_id: int, number: int) -> None:
        """The platform changes the voucher's title, so the next pull brings it."""
        update_object(self.engine, VoucherRow, voucher_id, title=f"Free smoothie (round {number})")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    engine = make_engine(str(tmp_path / "platform.db"))
    create_schema(engine)
    add_staff(engine, "manager", STAFF["manager"][0], StaffRole.EMPLOYEE, cost=2**10)
    try:
        with serve(create_app(engine)) as url:
            yield Hub(engine, url)
    finally:
        engine.dispose()


def _pull_against_marking(sides: str, db: Database, hub: Hub) -> tuple[list[int], list[Outcome]]:
    """Per round the platform changes one voucher; the desk pulls it while Ben marks it used at the desk."""
    threads = sides == "threads"
    step = threading.Barrier(3) if threads else FORKS.Barrier(3)  # the platform's side, the pull, the marking
    race_barrier = threading.Barrier(2) if threads else FORKS.Barrier(2)
    staff_done = threading.Event() if threads else FORKS.Event()

    def platform_rounds() -> None:
        for number, voucher_id in enumerate(hub.vouchers):
            hub.change(voucher_id, number)
            staff_done.clear()
            step.wait(race_child.WAIT)  # go
            step.wait(race_child.WAIT)  # both sides are done with this round

    if threads:
        pulled, marked, _ = race_child.in_threads(
            lambda: race_child.pull_rounds(db, hub.base_url, hub.token, ROUNDS, step, race_barrier, staff_done),
            lambda: race_child.marking_rounds(db, BEN, hub.vouchers, step, race_barrier, staff_done),
            platform_rounds,
        )
        return pulled, marked
    results = FORKS.Queue()
    sides_args = [
        (race_child.pull_process, (str(db.path), hub.base_url, hub.token, ROUNDS)),
        (race_child.marking_process, (str(db.path), BEN, hub.vouchers)),
    ]
    processes = [
        FORKS.Process(target=target, args=(*args, step, race_barrier, staff_done, results), daemon=True)
        for target, args in sides_args
    ]
    for process in processes:
        process.start()
    platform_rounds()
    collected = dict(results.get(timeout=race_child.WAIT) for _ in processes)
    for process in processes:
        process.join(race_child.WAIT)
    return collected["pull"], collected[BEN.name]


@pytest.mark.parametrize("sides", SIDES)
def test_a_pulled_voucher_never_overwrites_a_staff_action_committed_while_it_is_stored(
    sides: str, db: Database, builder: DataBuilder, hub: Hub
) -> None:
    hub.first_sync(db)
    pulled, marked = _pull_against_marking(sides, db, hub)
    assert [kind for kind, _, _ in marked] == ["done"] * ROUNDS, marked
    assert pulled == [1] * ROUNDS  # each round's change reached the desk
    rows = builder.rows("SELECT id, status, used_by_staff FROM vouchers ORDER BY id")
    lost = [row for row in rows if row[1:] != ("USED", BEN.name)]
    assert not lost, f"{len(lost)} of {ROUNDS} staff actions overwritten by pulled data: {lost[:3]}"
    assert builder.rows("SELECT DISTINCT state FROM outbox") == [("PENDING",)]
    assert_one_entry_each(builder, hub.vouchers)
