"""The desk's activity: its audit log, newest first, filterable by customer and staff member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Customer, OutboxEntry

_ACTIONS = {
    "change_program_status": "changed program status",
    "mark_voucher_used": "marked a voucher used",
    "set_voucher_back_to_unused": "set a voucher back to unused",
}


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    at: datetime
    staff_name: str
    staff_role: str
    desk: str
    customer_id: int
    customer_name: str
    what: str  # plain words
    change: str  # "ACTIVE → INACTIVE"
    reason: str
    sync_state: str  # PENDING | ACCEPTED | REFUSED


def list_activity(db: Database, *, customer_id: int | None = None, staff_name: str | None = None,
                  limit: int = 200) -> tuple[ActivityEntry, ...]:  # fmt: skip
    query = (
        select(AuditEntry, Customer.first_name, Customer.last_name, OutboxEntry.state)
        .outerjoin(Customer, Customer.id == AuditEntry.customer_id)
        .outerjoin(OutboxEntry, OutboxEntry.key == AuditEntry.outbox_key)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    if customer_id is not None:
        query = query.where(AuditEntry.customer_id == customer_id)
    if staff_name:
        query = query.where(AuditEntry.staff_name == staff_name)
    with db.unit_of_work() as session:
        return tuple(_entry(a, first, last, state) for a, first, last, state in session.execute(query))


def _entry(a: AuditEntry, first: str | None, last: str | None, state: str | None) -> ActivityEntry:
    name = f"{first} {last}" if first else f"Customer {a.customer_id}"
    what = _ACTIONS.get(a.action, a.action)
    change = f"{a.from_value} → {a.to_value}"
    return ActivityEntry(a.at, a.staff_name, a.staff_role, a.desk, a.customer_id, name, what, change, a.reason,
                         state or "PENDING")  # fmt: skip
