"""The two sides of each race in test_races.py. They run in two processes (forked from a forkserver that has
already imported this module, so a side starts in milliseconds) or in two threads of the test's own process.

Before every round both sides wait at a barrier, so they act on the same row at the same moment. What each
side saw comes back as plain tuples: ("done", outbox key, ""), ("refused", code, message) or, for anything
else, ("failed", error type, message), which the test reports.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from sqlalchemy import event

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import ChangeRefused
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember
from frontdesk.protocol.wire import VOUCHERS
from frontdesk.services.actions import StaffActions
from frontdesk.services.conflicts import try_again
from frontdesk.storage.database import Database
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.pull import pull_resource
from frontdesk.sync.retry import RetryPolicy

Outcome = tuple[str, str, str]
WAIT = 60.0  # seconds a side waits at a barrier before the round counts as broken
SET_BACK_REASON = "race test: marked by mistake"
# How long the pull holds still between its check and its write, waiting for the staff action to finish. With
# the write lock taken first the action cannot finish meanwhile, so every round waits this long.
PULL_PAUSE = 0.1


class Barrier(Protocol):
    def wait(self, timeout: float | None = None) -> int: ...


class Flag(Protocol):
    def set(self) -> None: ...
    def wait(self, timeout: float | None = None) -> bool: ...


class Results(Protocol):
    def put(self, item: Any) -> None: ...


def _mark_by_code(actions: StaffActions, _db: Database, target: int) -> str:
    return actions.mark_used(code=str(target)).outbox_key


def _mark_by_id(actions: StaffActions, _db: Database, target: int) -> str:
    return actions.mark_used(voucher_id=target).outbox_key


def _set_back(actions: StaffActions, _db: Database, target: int) -> str:
    return actions.set_back_to_unused(target, SET_BACK_REASON).outbox_key


def _make_inactive(actions: StaffActions, _db: Database, target: int) -> str:
    return actions.change_program_status(target, ProgramStatus.INACTIVE).outbox_key


def _try_again(actions: StaffActions, db: Database, target: int) -> str:
    return try_again(db, target, actions.staff, actions.clock).outbox_key


ACTIONS: dict[str, Callable[[StaffActions, Database, int], str]] = {
    "mark used by code": _mark_by_code,
    "mark used by id": _mark_by_id,
    "set back to unused": _set_back,
    "status to inactive": _make_inactive,
    "try again": _try_again,
}


def attempt(act: Callable[[], str]) -> Outcome:
    try:
        return ("done", act(), "")
    except ChangeRefused as refused:
        return ("refused", refused.code, refused.message)
    except Exception as error:  # handed to the test, which fails the round and shows it
        return ("failed", type(error).__name__, str(error))


def staff_rounds(
    db: Database, staff: StaffMember, action: str, targets: Sequence[int], barrier: Barrier
) -> list[Outcome]:
    """One action per target, each started together with the other side's."""
    actions = StaffActions(db, staff, SystemClock())
    act = ACTIONS[action]
    outcomes = []
    for target in targets:
        barrier.wait(WAIT)
        outcomes.append(attempt(lambda: act(actions, db, target)))  # noqa: B023 - called before the next round
    return outcomes


def staff_process(db_path: str, staff: StaffMember, action: str, targets: list[int], barrier: Barrier,
                  results: Results) -> None:  # fmt: skip
    db = Database(db_path, create=False)
    try:
        results.put((staff.name, staff_rounds(db, staff, action, targets, barrier)))
    finally:
        db.close()


class PauseBetweenCheckAndWrite:
    """Holds a pull still right after it has looked for waiting staff changes and before it writes the vouchers
    it pulled: sqlite3 calls the trace callback as the upsert statement begins. There the pull meets the staff
    side at `race` and waits until the staff action is done (or PULL_PAUSE has passed): the interleaving that
    lost staff changes when the check ran before the write lock was taken."""

    def __init__(self, db: Database, race: Barrier, staff_done: Flag) -> None:
        self.race = race
        self.staff_done = staff_done
        self.armed = False
        event.listen(db.engine, "checkout", self._watch)

    def _watch(self, dbapi_connection: sqlite3.Connection, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(self._trace)

    def _trace(self, statement: str) -> None:
        if self.armed and statement.startswith("INSERT INTO vouchers"):
            self.armed = False
            self.race.wait(WAIT)
            self.staff_done.wait(PULL_PAUSE)


def pull_rounds(db: Database, base_url: str, token: str, rounds: int, step: Barrier, race: Barrier,
                staff_done: Flag) -> list[int]:  # fmt: skip
    """Each round pulls the vouchers the platform changed since the last one; returns how many each stored."""
    pause = PauseBetweenCheckAndWrite(db, race, staff_done)
    stored = []
    with PlatformClient(base_url, token=token, timeout=30, retry=RetryPolicy(attempts=1)) as client:
        for _ in range(rounds):
            step.wait(WAIT)  # the platform has changed this round's voucher
            pause.armed = True
            stored.append(pull_resource(db, client, VOUCHERS, page_size=100, should_stop=lambda: False))
            step.wait(WAIT)
    return stored


def marking_rounds(db: Database, staff: StaffMember, vouchers: Sequence[int], step: Barrier, race: Barrier,
                   staff_done: Flag) -> list[Outcome]:  # fmt: skip
    """Each round marks its voucher as soon as the pull has checked for waiting changes."""
    actions = StaffActions(db, staff, SystemClock())
    outcomes = []
    for voucher_id in vouchers:
        step.wait(WAIT)
        race.wait(WAIT)
        outcomes.append(attempt(lambda: actions.mark_used(voucher_id=voucher_id).outbox_key))  # noqa: B023
        staff_done.set()
        step.wait(WAIT)
    return outcomes


def pull_process(db_path: str, base_url: str, token: str, rounds: int, step: Barrier, race: Barrier,
                 staff_done: Flag, results: Results) -> None:  # fmt: skip
    db = Database(db_path, create=False)
    try:
        results.put(("pull", pull_rounds(db, base_url, token, rounds, step, race, staff_done)))
    finally:
        db.close()


def marking_process(db_path: str, staff: StaffMember, vouchers: list[int], step: Barrier, race: Barrier,
                    staff_done: Flag, results: Results) -> None:  # fmt: skip
    db = Database(db_path, create=False)
    try:
        results.put((staff.name, marking_rounds(db, staff, vouchers, step, race, staff_done)))
    finally:
        db.close()


def in_threads(*targets: Callable[[], Any]) -> list[Any]:
    """Run each callable on its own thread; their results in order (an exception is re-raised here)."""
    results: list[Any] = [None] * len(targets)
    errors: list[BaseException] = []

    def run(index: int, target: Callable[[], Any]) -> None:
        try:
            results[index] = target()
        except BaseException as error:  # re-raised on the test's thread below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, t), daemon=True) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
    if errors:
        raise errors[0]
    assert not any(thread.is_alive() for thread in threads), "a side never finished"
    return results
