"""StaffActions: every write is the changed row + one outbox entry + one audit entry, all or nothing."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from frontdesk.domain.errors import ChangeRefused, InvalidInput, NotFoundError, StorageError
from frontdesk.domain.program import PROGRAM_TRANSITIONS, ProgramStatus, check_program_change
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus, check_mark_used
from frontdesk.services.actions import StaffActions
from frontdesk.services.customers import load_customer
from frontdesk.services.search import search_customers
from frontdesk.storage.database import Database

if TYPE_CHECKING:
    from conftest import DataBuilder, FixedClock

Snapshot = Callable[[Path], dict[str, list[tuple[Any, ...]]]]
ALLOWED = [cell for cell, rule in PROGRAM_TRANSITIONS.items() if rule.allowed]
REFUSED = [cell for cell, rule in PROGRAM_TRANSITIONS.items() if not rule.allowed]
REPLICA = ("customers", "connections", "vouchers")
STAMP = "2026-11-01 12:00:00.000000"  # conftest.NOW as SQLite stores it


def _dicts(path: Path, table: str) -> list[dict[str, Any]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY rowid")]
    finally:
        connection.close()


def _assert_one_change(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]], table: str, row_id: int
) -> None:
    """Exactly one row of `table` changed (the one with this id), one outbox and one audit row were added,
    and nothing else in the database moved."""
    for name in before.keys() | after.keys():
        gone = set(before.get(name, [])) - set(after.get(name, []))
        new = set(after.get(name, [])) - set(before.get(name, []))
        if name == table:
            assert [r[0] for r in gone] == [row_id] and [r[0] for r in new] == [row_id], name
        elif name in ("outbox", "audit_log"):
            assert not gone and len(new) == 1, name
        else:
            assert not gone and not new, name


def _actions(db: Database, clock: FixedClock, role: StaffRole = StaffRole.FRONT_DESK) -> StaffActions:
    return StaffActions(db, StaffMember("Robin Desk", role, "Desk 1", "Downtown"), clock)


def _check_records(
    path: Path, *, key: str, kind: str, action: str, customer_id: int, target_id: int, before: str, after: str,
    reason: str = "", role: StaffRole = StaffRole.FRONT_DESK,
) -> tuple[dict[str, Any], dict[str, Any]]:  # fmt: skip
    (outbox,) = _dicts(path, "outbox")[-1:]
    (audit,) = _dicts(path, "audit_log")[-1:]
    assert uuid.UUID(outbox["key"]) and outbox["key"] == key
    assert (outbox["kind"], outbox["target_id"], outbox["customer_id"]) == (kind, target_id, customer_id)
    assert (outbox["desk"], outbox["staff_name"], outbox["staff_role"]) == ("Desk 1", "Robin Desk", role.value)
    assert (outbox["state"], outbox["attempts"], outbox["last_error"]) == ("PENDING", 0, None)
    assert outbox["created_at"] == STAMP
    payload = json.loads(outbox["payload"])
    assert payload["status"] == after
    assert (payload["desk"], payload["staff_name"]) == ("Desk 1", "Robin Desk")
    assert payload["acted_at"].startswith("2026-11-01T12:00:00")
    assert (audit["desk"], audit["staff_name"], audit["staff_role"]) == ("Desk 1", "Robin Desk", role.value)
    assert (audit["at"], audit["action"], audit["customer_id"], audit["target_id"]) == (
        STAMP,
        action,
        customer_id,
        target_id,
    )
    assert (audit["from_value"], audit["to_value"], audit["reason"]) == (before, after, reason)
    assert audit["target_kind"] == kind.split("_")[0]
    assert audit["outbox_key"] == key
    return outbox, payload


# ---- program status ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after"), ALLOWED, ids=[f"{b.value}->{a.value}" for b, a in ALLOWED])
def test_allowed_status_change_writes_row_outbox_and_audit(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot,
    before: ProgramStatus, after: ProgramStatus,
) -> None:  # fmt: skip
    cid = builder.customer("Katherine", "Johnson", status=before)
    connection_id = cid + 100_000
    start = snapshot(db.path)
    result = _actions(db, clock).change_program_status(cid, after)
    _assert_one_change(start, snapshot(db.path), "connections", connection_id)
    assert (result.before, result.after) == (before, after)
    assert result.customer.status is after and result.customer.has_pending_change
    (row,) = _dicts(db.path, "connections")
    assert row["status"] == after.value
    _check_records(db.path, key=result.outbox_key, kind="program_status", action="change_program_status",
                   customer_id=cid, target_id=connection_id, before=before.value, after=after.value)  # fmt: skip


@pytest.mark.parametrize(("before", "after"), REFUSED, ids=[f"{b.value}->{a.value}" for b, a in REFUSED])
def test_refused_status_change_writes_nothing(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot,
    before: ProgramStatus, after: ProgramStatus,
) -> None:  # fmt: skip
    cid = builder.customer("Katherine", "Johnson", status=before)
    start = snapshot(db.path)
    with pytest.raises(ChangeRefused) as refused:
        _actions(db, clock).change_program_status(cid, after)
    with pytest.raises(ChangeRefused) as rule:
        check_program_change(before, after)
    assert refused.value.message == rule.value.message
    assert snapshot(db.path) == start


@pytest.mark.parametrize("before", [ProgramStatus.IMPORTED, ProgramStatus.PENDING])
def test_the_desk_refuses_active_for_an_inactive_membership_as_the_platform_would(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, before: ProgramStatus
) -> None:
    cid = builder.customer("Felix", "Clark", status=before)
    builder._execute("UPDATE connections SET membership_status = 'INACTIVE' WHERE customer_id = ?", (cid,))
    start = snapshot(db.path)
    with pytest.raises(ChangeRefused) as refused:
        _actions(db, clock).change_program_status(cid, ProgramStatus.ACTIVE)
    assert refused.value.code == "membership_not_active" and "membership" in refused.value.message
    assert snapshot(db.path) == start  # no green "now Active", no outbox entry the platform would refuse
    assert _actions(db, clock).change_program_status(cid, ProgramStatus.INACTIVE).after is ProgramStatus.INACTIVE


def test_status_change_for_unknown_customer_or_one_outside_the_program(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot
) -> None:
    outside = builder.customer("Ada", "Lovelace", status=None)
    start = snapshot(db.path)
    with pytest.raises(NotFoundError) as missing:
        _actions(db, clock).change_program_status(999, ProgramStatus.ACTIVE)
    assert "There is no customer number 999" in missing.value.message
    with pytest.raises(NotFoundError) as not_in_program:
        _actions(db, clock).change_program_status(outside, ProgramStatus.ACTIVE)
    assert not_in_program.value.message == "Ada Lovelace is not in the loyalty program."
    assert snapshot(db.path) == start


def test_two_changes_get_two_keys(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    cid = builder.customer("Valerie", "Thomas", status=ProgramStatus.IMPORTED)
    actions = _actions(db, clock)
    first = actions.change_program_status(cid, ProgramStatus.PENDING)
    second = actions.change_program_status(cid, ProgramStatus.ACTIVE)
    assert first.outbox_key != second.outbox_key
    assert [r["outbox_key"] for r in _dicts(db.path, "audit_log")] == [first.outbox_key, second.outbox_key]
    assert [(r["from_value"], r["to_value"]) for r in _dicts(db.path, "audit_log")] == [
        ("IMPORTED", "PENDING"),
        ("PENDING", "ACTIVE"),
    ]


# ---- mark used ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["code", "noisy-scan", "id"])
def test_mark_used_writes_row_outbox_and_audit(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, how: str
) -> None:
    cid = builder.customer("Mary", "Jackson")
    vid = builder.voucher(cid, code="50012345")
    start = snapshot(db.path)
    actions = _actions(db, clock)
    if how == "id":
        result = actions.mark_used(voucher_id=vid)
    else:
        result = actions.mark_used(code="50012345" if how == "code" else "]C0 5001 2345\r\n")
    _assert_one_change(start, snapshot(db.path), "vouchers", vid)
    (row,) = _dicts(db.path, "vouchers")
    assert row["status"] == "USED" and row["used_at"] == STAMP
    assert (row["used_location"], row["used_by_desk"], row["used_by_staff"]) == ("Downtown", "Desk 1", "Robin Desk")
    assert (result.before, result.after) == (VoucherStatus.UNUSED, VoucherStatus.USED)
    assert result.voucher.status is VoucherStatus.USED and result.voucher.has_pending_change
    assert result.customer.id == cid and result.customer.has_pending_change
    _, payload = _check_records(db.path, key=result.outbox_key, kind="voucher_status", action="mark_voucher_used",
                                customer_id=cid, target_id=vid, before="UNUSED", after="USED")  # fmt: skip
    assert payload["location"] == "Downtown"


@pytest.mark.parametrize("typed", ["CPN-77AB", "cpn-77ab", "]Q1cpn-77ab\n"])
def test_mark_used_by_coupon_code(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, typed: str
) -> None:
    cid = builder.customer("Annie", "Easley")
    vid = builder.voucher(cid, coupon="CPN-77AB")
    start = snapshot(db.path)
    assert _actions(db, clock).mark_used(code=typed).voucher.id == vid
    _assert_one_change(start, snapshot(db.path), "vouchers", vid)


@pytest.mark.parametrize("status", [s for s in VoucherStatus if s is not VoucherStatus.UNUSED], ids=str)
@pytest.mark.parametrize("how", ["code", "id"])
def test_mark_used_refuses_every_other_status_and_writes_nothing(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, status: VoucherStatus, how: str,
) -> None:  # fmt: skip
    cid = builder.customer("Mary", "Jackson")
    vid = builder.voucher(cid, status, code="777")
    start = snapshot(db.path)
    with pytest.raises(ChangeRefused) as refused:
        _actions(db, clock).mark_used(**({"code": "777"} if how == "code" else {"voucher_id": vid}))
    assert snapshot(db.path) == start
    (row,) = _dicts(db.path, "vouchers")
    with pytest.raises(ChangeRefused) as rule:
        check_mark_used(status, used_at=_utc(row["used_at"]), used_where=row["used_location"],
                        expires_at=_utc(row["expires_at"]), now=clock.now())  # fmt: skip
    assert refused.value.message == rule.value.message
    if status is VoucherStatus.USED:
        assert "Harbour View" in refused.value.message and "Nothing was changed." in refused.value.message


def _utc(stored: str | None) -> datetime | None:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC) if stored else None


def test_mark_used_refuses_an_unused_voucher_past_its_date(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, now: datetime
) -> None:
    cid = builder.customer("Mary", "Jackson")
    builder.voucher(cid, code="888", expires_at=now - timedelta(minutes=1))
    start = snapshot(db.path)
    with pytest.raises(ChangeRefused) as refused:
        _actions(db, clock).mark_used(code="888")
    assert refused.value.code == "voucher_expired" and "expired" in refused.value.message
    assert snapshot(db.path) == start


def test_the_second_desk_to_mark_a_voucher_learns_when_and_where(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    cid = builder.customer("Mary", "Jackson")
    builder.voucher(cid, code="999")
    _actions(db, clock).mark_used(code="999")
    with pytest.raises(ChangeRefused) as refused:
        StaffActions(db, StaffMember("Kim", StaffRole.ADMIN, "Desk 2", "Riverside"), clock).mark_used(code="999")
    assert "Already used" in refused.value.message and "Downtown" in refused.value.message
    assert len(_dicts(db.path, "outbox")) == 1


@pytest.mark.parametrize("code", ["12345", "CPN-NOPE"])
def test_unknown_code_is_not_found_on_this_desk(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, code: str
) -> None:
    builder.voucher(builder.customer("Mary", "Jackson"), code="999")
    start = snapshot(db.path)
    with pytest.raises(NotFoundError) as missing:
        _actions(db, clock).mark_used(code=code)
    assert missing.value.message == f"Voucher {code} was not found on this desk."
    with pytest.raises(NotFoundError) as by_id:
        _actions(db, clock).mark_used(voucher_id=123)
    assert "There is no voucher number 123" in by_id.value.message
    assert snapshot(db.path) == start


@pytest.mark.parametrize("garbled", ["", "  \r\n", "hello world!", "@@@", "日本"])
def test_garbled_code_is_invalid_input(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, garbled: str
) -> None:
    builder.voucher(builder.customer("Mary", "Jackson"))
    start = snapshot(db.path)
    with pytest.raises(InvalidInput):
        _actions(db, clock).mark_used(code=garbled)
    with pytest.raises(InvalidInput):
        _actions(db, clock).look_up_voucher(garbled)
    assert snapshot(db.path) == start


def test_look_up_voucher_changes_nothing(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot
) -> None:
    cid = builder.customer("Mary", "Jackson")
    builder.voucher(cid, VoucherStatus.VOIDED, code="31337")
    start = snapshot(db.path)
    found = _actions(db, clock).look_up_voucher("]C031337")
    assert found.voucher.status is VoucherStatus.VOIDED and "cancelled" in found.voucher.explanation
    assert found.customer.name == "Mary Jackson"
    assert snapshot(db.path) == start
    with pytest.raises(NotFoundError):
        _actions(db, clock).look_up_voucher("31338")


# ---- set back to unused ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [StaffRole.EMPLOYEE, StaffRole.ADMIN], ids=str)
def test_set_back_to_unused(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, role: StaffRole
) -> None:
    cid = builder.customer("Mary", "Jackson")
    vid = builder.voucher(cid, VoucherStatus.USED)
    start = snapshot(db.path)
    result = _actions(db, clock, role).set_back_to_unused(vid, "  Scanned the wrong card  ")
    _assert_one_change(start, snapshot(db.path), "vouchers", vid)
    (row,) = _dicts(db.path, "vouchers")
    assert row["status"] == "UNUSED"
    assert [row[k] for k in ("used_at", "used_location", "used_by_desk", "used_by_staff")] == [None] * 4
    assert (result.before, result.after) == (VoucherStatus.USED, VoucherStatus.UNUSED)
    assert result.voucher.can_mark_used
    _, payload = _check_records(db.path, key=result.outbox_key, kind="voucher_status",
                                action="set_voucher_back_to_unused", customer_id=cid, target_id=vid, before="USED",
                                after="UNUSED", reason="Scanned the wrong card", role=role)  # fmt: skip
    assert payload["reason"] == "Scanned the wrong card"


def test_front_desk_role_cannot_set_back(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot
) -> None:
    vid = builder.voucher(builder.customer("Mary", "Jackson"), VoucherStatus.USED)
    start = snapshot(db.path)
    with pytest.raises(ChangeRefused) as refused:
        _actions(db, clock, StaffRole.FRONT_DESK).set_back_to_unused(vid, "mistake")
    assert refused.value.code == "role_not_allowed"
    assert snapshot(db.path) == start


@pytest.mark.parametrize("reason", ["", "   "])
def test_set_back_needs_a_reason(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, reason: str
) -> None:
    vid = builder.voucher(builder.customer("Mary", "Jackson"), VoucherStatus.USED)
    start = snapshot(db.path)
    with pytest.raises(InvalidInput) as error:
        _actions(db, clock, StaffRole.EMPLOYEE).set_back_to_unused(vid, reason)
    assert error.value.code == "reason_required"
    assert snapshot(db.path) == start


@pytest.mark.parametrize("status", [s for s in VoucherStatus if s is not VoucherStatus.USED], ids=str)
def test_set_back_refused_unless_used(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, status: VoucherStatus
) -> None:
    vid = builder.voucher(builder.customer("Mary", "Jackson"), status)
    start = snapshot(db.path)
    with pytest.raises(ChangeRefused) as refused:
        _actions(db, clock, StaffRole.ADMIN).set_back_to_unused(vid, "mistake")
    assert refused.value.code == "voucher_not_used"
    assert snapshot(db.path) == start
    with pytest.raises(NotFoundError):
        _actions(db, clock, StaffRole.ADMIN).set_back_to_unused(vid + 1000, "mistake")


# ---- atomicity ---------------------------------------------------------------------------------------------


def _break_inserts_into(path: Path, table: str) -> None:
    """A failure in the middle of the transaction: the row and one record are already written when it hits."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            f"CREATE TRIGGER test_fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
        )
    connection.close()


@pytest.mark.parametrize("failing_table", ["audit_log", "outbox"])
@pytest.mark.parametrize("action", ["mark_used", "set_back", "change_status"])
def test_a_failure_mid_transaction_leaves_nothing_half_written(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot, failing_table: str, action: str
) -> None:
    cid = builder.customer("Mary", "Jackson", status=ProgramStatus.PENDING)
    unused = builder.voucher(cid, code="4242")
    used = builder.voucher(cid, VoucherStatus.USED)
    _break_inserts_into(db.path, failing_table)
    start = snapshot(db.path)
    actions = _actions(db, clock, StaffRole.ADMIN)
    with pytest.raises(StorageError) as error:
        if action == "mark_used":
            actions.mark_used(code="4242")
        elif action == "set_back":
            actions.set_back_to_unused(used, "mistake")
        else:
            actions.change_program_status(cid, ProgramStatus.ACTIVE)
    assert error.value.message == "The desk database could not be used. Nothing was changed; please try again."
    assert snapshot(db.path) == start
    rows = {r["id"]: r["status"] for r in _dicts(db.path, "vouchers")}
    assert rows == {unused: "UNUSED", used: "USED"}
    assert _dicts(db.path, "connections")[0]["status"] == "PENDING"
    assert _dicts(db.path, "outbox") == [] and _dicts(db.path, "audit_log") == []
    # and the database is fine afterwards: once the fault is gone the same action succeeds
    with sqlite3.connect(db.path) as connection:
        connection.execute(f"DROP TRIGGER test_fail_{failing_table}")
    connection.close()
    actions.mark_used(code="4242")
    assert len(_dicts(db.path, "outbox")) == len(_dicts(db.path, "audit_log")) == 1


# ---- pending marks -----------------------------------------------------------------------------------------


def test_pending_marks_show_in_search_and_profile(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    cid = builder.customer("Gladys", "West", status=ProgramStatus.PENDING)
    other = builder.customer("Gladys", "Westwood")
    vid = builder.voucher(cid, code="1000")
    untouched = builder.voucher(cid, code="1001")

    def marks() -> dict[int, bool]:
        return {c.id: c.has_pending_change for c in search_customers(db, "gladys").customers}

    assert marks() == {cid: False, other: False}
    _actions(db, clock).mark_used(code="1000")
    assert marks() == {cid: True, other: False}
    detail = load_customer(db, cid, clock)
    assert {v.id: v.has_pending_change for v in detail.vouchers} == {vid: True, untouched: False}
    assert detail.summary.has_pending_change is False  # the status itself has nothing waiting

    _actions(db, clock).change_program_status(cid, ProgramStatus.ACTIVE)
    assert load_customer(db, cid, clock).summary.has_pending_change is True

    # once the platform has accepted them, the marks go away
    with sqlite3.connect(db.path) as connection:
        connection.execute("UPDATE outbox SET state = 'ACCEPTED'")
    connection.close()
    assert marks() == {cid: False, other: False}
    detail = load_customer(db, cid, clock)
    assert detail.summary.has_pending_change is False
    assert not any(v.has_pending_change for v in detail.vouchers)
