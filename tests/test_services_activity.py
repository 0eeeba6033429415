"""list_activity: this desk's audit log, newest first, in plain words, filtered by customer and staff member;
each entry says what became of it (waiting, accepted, refused and why, acknowledged by whom) and names its voucher."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.actions import StaffActions
from frontdesk.services.activity import Outcome, list_activity
from frontdesk.services.conflicts import acknowledge
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict, OutboxEntry

if TYPE_CHECKING:
    from conftest import DataBuilder, FixedClock

DANA = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Desk 1", "Downtown")
SAM = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Desk 2", "Downtown")
ALREADY_USED = "Already used on 31 Oct at 09:15, at Riverside. Nothing was changed."


def _day(db: Database, builder: DataBuilder, clock: FixedClock) -> tuple[int, int]:
    """Dana changes Ana's status and marks Ben's voucher; later Sam changes Ben's status; Dana sets it back."""
    ana = builder.customer("Ana", "Silva", status=ProgramStatus.PENDING)
    ben = builder.customer("Ben", "Okafor", status=ProgramStatus.ACTIVE)
    voucher = builder.voucher(ben, VoucherStatus.UNUSED, code="V-100", title="Free smoothie")
    start = clock.moment
    StaffActions(db, DANA, clock).change_program_status(ana, ProgramStatus.ACTIVE)
    clock.moment = start + timedelta(minutes=1)
    StaffActions(db, DANA, clock).mark_used(code="V-100")
    clock.moment = start + timedelta(minutes=2)
    StaffActions(db, SAM, clock).change_program_status(ben, ProgramStatus.INACTIVE)
    clock.moment = start + timedelta(minutes=3)
    StaffActions(db, DANA, clock).set_back_to_unused(voucher, "scanned the wrong voucher")
    return ana, ben


def _settle(db: Database, clock: FixedClock, outbox_key: str, refusal: str | None = None) -> int | None:
    """The platform's answer as a sync stores it: the outbox entry settled and, for a refusal, its conflict."""
    with db.unit_of_work(write=True) as session:
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.key == outbox_key)).one()
        entry.state, entry.finished_at = ("ACCEPTED" if refusal is None else "REFUSED"), clock.now()
        if refusal is None:
            return None
        conflict = Conflict(created_at=clock.now(), outbox_key=entry.key, kind=entry.kind, target_id=entry.target_id,
                            customer_id=entry.customer_id, code="voucher_not_unused", message=refusal,
                            wanted=str(entry.payload["status"]), acted_at=entry.created_at, desk=entry.desk,
                            staff_name=entry.staff_name, platform_state={"status": "USED"})  # fmt: skip
        session.add(conflict)
        session.flush()
        return conflict.id


def test_everything_newest_first_in_plain_words(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    _day(db, builder, clock)
    entries = list_activity(db)
    assert [(e.staff_name, e.customer_name, e.what, e.change) for e in entries] == [
        ("Dana Reyes", "Ben Okafor", "Set voucher V-100 (Free smoothie) back to unused", "USED → UNUSED"),
        ("Sam Lee", "Ben Okafor", "Changed program status", "ACTIVE → INACTIVE"),
        ("Dana Reyes", "Ben Okafor", "Marked voucher V-100 (Free smoothie) used", "UNUSED → USED"),
        ("Dana Reyes", "Ana Silva", "Changed program status", "PENDING → ACTIVE"),
    ]
    assert entries[0].reason == "scanned the wrong voucher" and entries[0].desk == "Desk 1"
    assert entries[1].staff_role == "FRONT_DESK" and entries[1].desk == "Desk 2"
    assert [(e.voucher_code, e.voucher_title) for e in entries] == [
        ("V-100", "Free smoothie"), (None, None), ("V-100", "Free smoothie"), (None, None)]  # fmt: skip
    assert {e.outcome for e in entries} == {Outcome.WAITING}  # nothing sent yet
    assert {e.outcome_words for e in entries} == {"Waiting to be sent"}
    assert entries[0].at > entries[-1].at


def test_each_entry_says_whether_the_platform_accepted_or_refused_it_and_why(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    _day(db, builder, clock)
    keys = [key for (key,) in builder.rows("SELECT outbox_key FROM audit_log ORDER BY id")]
    _settle(db, clock, keys[0])  # Ana's status change: accepted
    _settle(db, clock, keys[1], refusal=ALREADY_USED)  # the voucher: another desk used it first
    set_back, sams, marked, anas = list_activity(db)

    assert (anas.outcome, anas.outcome_words, anas.refusal) == (Outcome.ACCEPTED, "Accepted by the platform", "")
    assert (marked.outcome, marked.refusal, marked.acknowledged_by) == (Outcome.REFUSED, ALREADY_USED, None)
    assert marked.outcome_words == f"Refused by the platform: {ALREADY_USED}"
    assert marked.summary == f"Marked voucher V-100 (Free smoothie) used — Refused by the platform: {ALREADY_USED}"
    assert (sams.outcome, set_back.outcome) == (Outcome.WAITING, Outcome.WAITING)  # not sent yet


def test_an_acknowledged_refusal_still_reads_as_refused_and_names_who_looked_at_it(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    _day(db, builder, clock)
    keys = [key for (key,) in builder.rows("SELECT outbox_key FROM audit_log ORDER BY id")]
    conflict_id = _settle(db, clock, keys[1], refusal="Already used")  # a reason without a full stop
    assert conflict_id is not None
    acknowledge(db, conflict_id, SAM, clock)
    (marked,) = [e for e in list_activity(db) if e.what.startswith("Marked")]
    assert (marked.outcome, marked.acknowledged_by) == (Outcome.REFUSED, "Sam Lee")
    assert marked.outcome_words == "Refused by the platform: Already used. Acknowledged by Sam Lee."


def test_filter_by_customer_and_by_staff(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    ana, ben = _day(db, builder, clock)
    assert [e.what for e in list_activity(db, customer_id=ana)] == ["Changed program status"]
    assert [e.customer_id for e in list_activity(db, customer_id=ben)] == [ben, ben, ben]
    assert [e.change for e in list_activity(db, staff_name="Sam Lee")] == ["ACTIVE → INACTIVE"]
    assert len(list_activity(db, staff_name="Dana Reyes")) == 3
    both = list_activity(db, customer_id=ben, staff_name="Dana Reyes")
    assert [e.what for e in both] == ["Set voucher V-100 (Free smoothie) back to unused",
                                      "Marked voucher V-100 (Free smoothie) used"]  # fmt: skip
    assert list_activity(db, customer_id=ana, staff_name="Sam Lee") == ()
    assert list_activity(db, staff_name="Nobody") == ()
    assert len(list_activity(db, limit=2)) == 2
