"""list_activity: this desk's audit log, newest first, in plain words, filtered by customer and staff member."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.actions import StaffActions
from frontdesk.services.activity import list_activity
from frontdesk.storage.database import Database

if TYPE_CHECKING:
    from conftest import DataBuilder, FixedClock

DANA = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Desk 1", "Downtown")
SAM = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Desk 2", "Downtown")


def _day(db: Database, builder: DataBuilder, clock: FixedClock) -> tuple[int, int]:
    """Dana changes Ana's status and marks Ben's voucher; later Sam changes Ben's status; Dana sets it back."""
    ana = builder.customer("Ana", "Silva", status=ProgramStatus.PENDING)
    ben = builder.customer("Ben", "Okafor", status=ProgramStatus.ACTIVE)
    voucher = builder.voucher(ben, VoucherStatus.UNUSED, code="V-100")
    start = clock.moment
    StaffActions(db, DANA, clock).change_program_status(ana, ProgramStatus.ACTIVE)
    clock.moment = start + timedelta(minutes=1)
    StaffActions(db, DANA, clock).mark_used(code="V-100")
    clock.moment = start + timedelta(minutes=2)
    StaffActions(db, SAM, clock).change_program_status(ben, ProgramStatus.INACTIVE)
    clock.moment = start + timedelta(minutes=3)
    StaffActions(db, DANA, clock).set_back_to_unused(voucher, "scanned the wrong voucher")
    return ana, ben


def test_everything_newest_first_in_plain_words(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    _day(db, builder, clock)
    entries = list_activity(db)
    assert [(e.staff_name, e.customer_name, e.what, e.change) for e in entries] == [
        ("Dana Reyes", "Ben Okafor", "set a voucher back to unused", "USED → UNUSED"),
        ("Sam Lee", "Ben Okafor", "changed program status", "ACTIVE → INACTIVE"),
        ("Dana Reyes", "Ben Okafor", "marked a voucher used", "UNUSED → USED"),
        ("Dana Reyes", "Ana Silva", "changed program status", "PENDING → ACTIVE"),
    ]
    assert entries[0].reason == "scanned the wrong voucher" and entries[0].desk == "Desk 1"
    assert entries[1].staff_role == "FRONT_DESK" and entries[1].desk == "Desk 2"
    assert {e.sync_state for e in entries} == {"PENDING"}  # nothing sent yet
    assert entries[0].at > entries[-1].at


def test_filter_by_customer_and_by_staff(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    ana, ben = _day(db, builder, clock)
    assert [e.what for e in list_activity(db, customer_id=ana)] == ["changed program status"]
    assert [e.customer_id for e in list_activity(db, customer_id=ben)] == [ben, ben, ben]
    assert [e.change for e in list_activity(db, staff_name="Sam Lee")] == ["ACTIVE → INACTIVE"]
    assert len(list_activity(db, staff_name="Dana Reyes")) == 3
    both = list_activity(db, customer_id=ben, staff_name="Dana Reyes")
    assert [e.what for e in both] == ["set a voucher back to unused", "marked a voucher used"]
    assert list_activity(db, customer_id=ana, staff_name="Sam Lee") == ()
    assert list_activity(db, staff_name="Nobody") == ()
    assert len(list_activity(db, limit=2)) == 2
