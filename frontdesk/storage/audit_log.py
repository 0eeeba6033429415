"""The audit log's read queries: each entry with its customer's name, what became of its outbox change (and the
platform's refusal, if any) and the voucher it names. Wording stays in services/activity.py and report.py."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, RowMapping, and_, select
from sqlalchemy.orm import Session

from frontdesk.storage.models import AuditEntry, Conflict, Customer, OutboxEntry, Voucher

_A = AuditEntry
# Plain columns, not ORM objects: a busy month's rows load several times faster.
_REPORT_COLUMNS = (_A.at, _A.staff_name, _A.staff_role, _A.desk, _A.action, _A.customer_id, _A.target_id,
                   _A.from_value, _A.to_value, _A.reason, Customer.first_name, Customer.last_name, OutboxEntry.state,
                   OutboxEntry.payload, Conflict.message, Voucher.code, Voucher.title)  # fmt: skip


def _with_context(*columns: Any) -> Any:
    """Customer name, outbox state, conflict and voucher of each entry: outer joins, as any may be missing."""
    return (
        select(*columns)
        .outerjoin(Customer, Customer.id == _A.customer_id)
        .outerjoin(OutboxEntry, OutboxEntry.key == _A.outbox_key)
        .outerjoin(Conflict, Conflict.outbox_key == _A.outbox_key)
        .outerjoin(Voucher, and_(_A.target_kind == "voucher", Voucher.id == _A.target_id))
    )


def newest_entries(session: Session, *, customer_id: int | None, staff_name: str | None,
                   limit: int) -> Sequence[Row[*tuple[Any, ...]]]:  # fmt: skip
    """Newest first: (entry, first name, last name, outbox state, refusal, acknowledged by, voucher code, title)."""
    query = _with_context(_A, Customer.first_name, Customer.last_name, OutboxEntry.state, Conflict.message,
                          Conflict.acknowledged_by, Voucher.code, Voucher.title)  # fmt: skip
    if customer_id is not None:
        query = query.where(_A.customer_id == customer_id)
    if staff_name:
        query = query.where(_A.staff_name == staff_name)
    rows: Sequence[Row[*tuple[Any, ...]]] = session.execute(
        query.order_by(_A.at.desc(), _A.id.desc()).limit(limit)
    ).all()
    return rows


def entries_between(session: Session, start: datetime, end: datetime,
                    actions: Collection[str]) -> Sequence[RowMapping]:  # fmt: skip
    """Oldest first, from `start` (inclusive) to `end` (exclusive), only these actions: at, staff_name, staff_role,
    desk, action, customer_id, target_id, from_value, to_value, reason, first_name, last_name, state, payload,
    message (the refusal), code, title."""
    query = _with_context(*_REPORT_COLUMNS).where(_A.at >= start, _A.at < end, _A.action.in_(actions))
    rows: Sequence[RowMapping] = session.execute(query.order_by(_A.at, _A.id)).mappings().all()
    return rows
