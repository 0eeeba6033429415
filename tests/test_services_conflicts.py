"""Conflicts: "try again" re-applies a refused status change and closes the conflict in one transaction (both
or neither); acknowledging keeps the first acknowledgement; a refused voucher cannot be tried again; with nothing
open, the overview still counts the refusals that were looked at instead of claiming all was accepted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from frontdesk.domain.errors import ChangeRefused, NotFoundError
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.conflicts import (
    acknowledge,
    conflicts_overview,
    count_open_conflicts,
    open_conflicts,
    try_again,
)
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict

if TYPE_CHECKING:
    from conftest import DataBuilder, FixedClock

Snapshot = Callable[[Path], dict[str, list[tuple[Any, ...]]]]
DANA = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Desk 1", "Downtown")
SAM = StaffMember("Sam Lee", StaffRole.EMPLOYEE, "Desk 2", "Downtown")


def _refused(db: Database, clock: FixedClock, customer_id: int, wanted: str, *, kind: str = "program_status") -> int:
    """A conflict as a sync stores it when the platform refuses this desk's change (test set-up)."""
    with db.unit_of_work() as session:
        conflict = Conflict(created_at=clock.now(), outbox_key=f"key-{customer_id}-{wanted}", kind=kind,
                            target_id=customer_id + 100_000, customer_id=customer_id, code="transition_not_allowed",
                            message="Cannot change Inactive to Active.", wanted=wanted,
                            acted_at=clock.now() - timedelta(hours=1), desk="Desk 1", staff_name="Dana Reyes",
                            platform_state={"status": "INACTIVE"})  # fmt: skip
        session.add(conflict)
        session.flush()
        return conflict.id


def test_try_again_reapplies_the_change_and_closes_the_conflict_together(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    customer = builder.customer("Ana", "Silva", status=ProgramStatus.PENDING)  # re-invited since the refusal
    conflict_id = _refused(db, clock, customer, "ACTIVE")
    (info,) = open_conflicts(db)
    assert info.can_try_again and info.headline == "Ana Silva: the platform refused a change to Active"
    changed = try_again(db, conflict_id, SAM, clock)
    assert (changed.before, changed.after, changed.customer.status) == (
        ProgramStatus.PENDING, ProgramStatus.ACTIVE, ProgramStatus.ACTIVE)  # fmt: skip
    assert builder.rows("SELECT kind, customer_id, state, staff_name FROM outbox") == [
        ("program_status", customer, "PENDING", "Sam Lee")]  # fmt: skip
    audit = builder.rows("SELECT staff_name, from_value, to_value FROM audit_log")
    assert audit == [("Sam Lee", "PENDING", "ACTIVE")]
    assert builder.rows("SELECT acknowledged_by FROM conflicts") == [("Sam Lee",)]
    assert count_open_conflicts(db) == 0 and open_conflicts(db) == ()


def test_a_second_try_again_sends_nothing_twice(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    customer = builder.customer("Ana", "Silva", status=ProgramStatus.PENDING)
    conflict_id = _refused(db, clock, customer, "INACTIVE")
    try_again(db, conflict_id, DANA, clock)
    with pytest.raises(ChangeRefused, match="Dana Reyes already dealt with this conflict") as refused:
        try_again(db, conflict_id, SAM, clock)  # a double click, or a second window
    assert refused.value.code == "conflict_closed"
    assert len(builder.rows("SELECT key FROM outbox")) == 1
    assert len(builder.rows("SELECT id FROM audit_log")) == 1


def test_a_change_refused_again_writes_nothing_and_keeps_the_conflict_open(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot
) -> None:
    customer = builder.customer("Ana", "Silva", status=ProgramStatus.INACTIVE)  # opted out: Active is not allowed
    conflict_id = _refused(db, clock, customer, "ACTIVE")
    before = snapshot(db.path)
    with pytest.raises(ChangeRefused, match="Cannot change Inactive to Active"):
        try_again(db, conflict_id, DANA, clock)
    assert snapshot(db.path) == before
    assert count_open_conflicts(db) == 1


def test_a_refused_voucher_cannot_be_tried_again(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    customer = builder.customer("Ana", "Silva")
    conflict_id = _refused(db, clock, customer, "USED", kind="voucher_status")
    (info,) = open_conflicts(db)
    assert not info.can_try_again
    with pytest.raises(NotFoundError, match="Only a refused status change"):
        try_again(db, conflict_id, DANA, clock)
    assert count_open_conflicts(db) == 1


def test_acknowledge_keeps_the_first_acknowledgement(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    customer = builder.customer("Ana", "Silva")
    conflict_id = _refused(db, clock, customer, "ACTIVE")
    acknowledge(db, conflict_id, DANA, clock)
    acknowledge(db, conflict_id, SAM, clock)
    assert builder.rows("SELECT acknowledged_by FROM conflicts") == [("Dana Reyes",)]
    with pytest.raises(NotFoundError):
        acknowledge(db, 4242, DANA, clock)


def test_closed_refusals_stay_in_the_record_and_are_never_called_accepted(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    nothing = conflicts_overview(db)
    assert (nothing.open, nothing.looked_at) == ((), 0)
    assert nothing.nothing_open == "No open conflicts. The platform has accepted everything this desk sent."
    ana, ben = builder.customer("Ana", "Silva"), builder.customer("Ben", "Okafor", status=ProgramStatus.PENDING)
    first = _refused(db, clock, ana, "ACTIVE")
    second = _refused(db, clock, ben, "ACTIVE")
    assert (len(conflicts_overview(db).open), conflicts_overview(db).looked_at) == (2, 0)

    acknowledge(db, first, DANA, clock)
    one = conflicts_overview(db)
    assert ([info.id for info in one.open], one.looked_at) == ([second], 1)
    try_again(db, second, SAM, clock)  # re-applied: closed, but it was refused all the same
    both = conflicts_overview(db)
    assert (both.open, both.looked_at) == ((), 2)
    assert both.nothing_open == "No open conflicts. 2 refused changes were looked at (see Activity)."
    assert "accepted" not in both.nothing_open
    assert conflicts_overview(db).open == open_conflicts(db)
