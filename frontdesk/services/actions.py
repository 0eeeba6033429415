"""Staff actions. Each is one transaction that writes the changed row, an outbox entry for the platform
and an audit entry together, so a crash can never leave one without the others."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.domain.clock import Clock
from frontdesk.domain.codes import normalize_code
from frontdesk.domain.errors import NotFoundError
from frontdesk.domain.program import ProgramStatus, check_program_change
from frontdesk.domain.staff import Permission, StaffMember
from frontdesk.domain.vouchers import VoucherStatus, check_mark_used, check_set_back_to_unused
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.confirm import Confirmer
from frontdesk.services.customers import get_customer_row
from frontdesk.services.dto import StatusChanged, VoucherChanged, VoucherLookup
from frontdesk.services.mapping import membership_of, pending_targets, summary, voucher_info
from frontdesk.storage import outbox, replica_rows
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher


def find_voucher_row(session: Session, code: str) -> Voucher:
    canonical = normalize_code(code)
    voucher = replica_rows.voucher_by_code(session, canonical)
    if voucher is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP("Actions", "Voucher {code} was not found on this desk.").fill(code=canonical),
            code="voucher_not_found",
        )
    return voucher


def _voucher_by_id(session: Session, voucher_id: int) -> Voucher:
    voucher = replica_rows.voucher_by_id(session, voucher_id)
    if voucher is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP("Actions", "There is no voucher number {number} on this desk.").fill(
                number=str(voucher_id)
            ),
            code="voucher_not_found",
        )
    return voucher


class StaffActions:
    """What a signed-in staff member does at this desk. Collaborators come in through the constructor.

    With a `confirm` (the desk is linked to a platform), each action is sent at once after it is saved and the
    answer handed back is the platform's: confirmed, refused (the desk's rows show the platform's state again)
    or kept on the desk for the next sync. Without one, every action is kept for the next sync."""

    def __init__(self, db: Database, staff: StaffMember, clock: Clock, confirm: Confirmer | None = None) -> None:
        self.db = db
        self.staff = staff
        self.clock = clock
        self.confirm = confirm

    def _record(self, session: Session, *, kind: str, action: str, customer_id: int, target_id: int,
                before: str, after: str, reason: str, payload: dict[str, Any]) -> str:  # fmt: skip
        now, key, staff = self.clock.now(), str(uuid.uuid4()), self.staff
        who = outbox.Actor(staff.name, staff.role.value, staff.desk)
        outbox.record_action(session, key=key, at=now, actor=who, kind=kind, action=action, customer_id=customer_id,
                             target_id=target_id, before=before, after=after, reason=reason,
                             payload={**payload, "acted_at": now.isoformat(), "desk": staff.desk,
                                      "staff_name": staff.name})  # fmt: skip
        return key

    def change_program_status(self, customer_id: int, target: ProgramStatus) -> StatusChanged:
        with self.db.unit_of_work(write=True) as session:
            change = self.change_program_status_in(session, customer_id, target)
        return self.status_answered(change)

    def status_answered(self, change: StatusChanged) -> StatusChanged:
        """The change as the platform answered it (unchanged when there is no platform to ask)."""
        if self.confirm is None:
            return change
        answer = self.confirm(change.outbox_key)
        with self.db.unit_of_work() as session:
            customer = get_customer_row(session, change.customer.id)
            connection = customer.connection
            waiting = bool(connection and pending_targets(session, "program_status", [connection.id]))
            return dataclasses.replace(change, customer=summary(customer, connection, pending=waiting), answer=answer)

    def change_program_status_in(self, session: Session, customer_id: int, target: ProgramStatus) -> StatusChanged:
        """The status change inside a transaction the caller holds (conflicts' "try again" closes one with it)."""
        self.staff.require(Permission.CHANGE_PROGRAM_STATUS)
        customer = get_customer_row(session, customer_id)
        connection = customer.connection
        if connection is None:
            raise NotFoundError(
                QT_TRANSLATE_NOOP("Actions", "{customer} is not in the loyalty program.").fill(
                    customer=f"{customer.first_name} {customer.last_name}"
                )
            )
        before = ProgramStatus(connection.status)
        check_program_change(before, target, membership_of(connection))  # the platform's own rule book
        connection.status = target.value
        key = self._record(session, kind="program_status", action="change_program_status", customer_id=customer.id,
                           target_id=connection.id, before=before.value, after=target.value, reason="",
                           payload={"status": target.value})  # fmt: skip
        return StatusChanged(summary(customer, connection, pending=True), before, target, key)

    def look_up_voucher(self, code: str) -> VoucherLookup:
        """What the scan card shows before (or instead of) any change."""
        with self.db.unit_of_work() as session:
            voucher = find_voucher_row(session, code)
            return VoucherLookup(
                voucher_info(voucher, self.clock.now()), summary(voucher.customer, voucher.customer.connection)
            )

    def mark_used(self, *, code: str | None = None, voucher_id: int | None = None) -> VoucherChanged:
        self.staff.require(Permission.MARK_VOUCHER_USED)
        now = self.clock.now()
        with self.db.unit_of_work(write=True) as session:
            voucher = find_voucher_row(session, code) if code is not None else _voucher_by_id(session, voucher_id or 0)
            before = VoucherStatus(voucher.status)
            check_mark_used(before, used_at=voucher.used_at, used_where=voucher.used_location,
                            expires_at=voucher.expires_at, now=now)  # fmt: skip
            voucher.status = VoucherStatus.USED.value
            voucher.used_at = now
            voucher.used_location = self.staff.location or None
            voucher.used_by_desk = self.staff.desk
            voucher.used_by_staff = self.staff.name
            key = self._record(session, kind="voucher_status", action="mark_voucher_used",
                               customer_id=voucher.customer_id, target_id=voucher.id, before=before.value,
                               after=VoucherStatus.USED.value, reason="",
                               payload={"status": "USED", "location": self.staff.location})  # fmt: skip
            change = self._changed(voucher, before, key)
        return self._voucher_answered(change)

    def set_back_to_unused(self, voucher_id: int, reason: str) -> VoucherChanged:
        self.staff.require(Permission.SET_VOUCHER_BACK_TO_UNUSED)
        with self.db.unit_of_work(write=True) as session:
            voucher = _voucher_by_id(session, voucher_id)
            before = VoucherStatus(voucher.status)
            check_set_back_to_unused(before, reason)
            voucher.status = VoucherStatus.UNUSED.value
            voucher.used_at = voucher.used_location = voucher.used_by_desk = voucher.used_by_staff = None
            key = self._record(session, kind="voucher_status", action="set_voucher_back_to_unused",
                               customer_id=voucher.customer_id, target_id=voucher.id, before=before.value,
                               after=VoucherStatus.UNUSED.value, reason=reason.strip(),
                               payload={"status": "UNUSED", "reason": reason.strip()})  # fmt: skip
            change = self._changed(voucher, before, key)
        return self._voucher_answered(change)

    def _voucher_answered(self, change: VoucherChanged) -> VoucherChanged:
        if self.confirm is None:
            return change
        answer = self.confirm(change.outbox_key)
        with self.db.unit_of_work() as session:
            voucher = _voucher_by_id(session, change.voucher.id)
            waiting = bool(pending_targets(session, "voucher_status", [voucher.id]))
            info = voucher_info(voucher, self.clock.now(), pending=waiting)
            owner = summary(voucher.customer, voucher.customer.connection)
            return dataclasses.replace(change, voucher=info, customer=owner, answer=answer)

    def _changed(self, voucher: Voucher, before: VoucherStatus, key: str) -> VoucherChanged:
        info = voucher_info(voucher, self.clock.now(), pending=True)
        owner = summary(voucher.customer, voucher.customer.connection, pending=True)
        return VoucherChanged(info, owner, before, VoucherStatus(voucher.status), key)
