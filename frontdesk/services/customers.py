"""Loading one customer's profile: details, program status choices and vouchers."""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import NotFoundError
from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.program import ProgramStatus, transition
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.dto import CustomerDetail, StatusChoice
from frontdesk.services.mapping import membership_of, pending_targets, summary, voucher_info
from frontdesk.storage import replica_rows
from frontdesk.storage.database import Database
from frontdesk.storage.models import Customer


def get_customer_row(session: Session, customer_id: int) -> Customer:
    customer = replica_rows.customer_by_id(session, customer_id)
    if customer is None:
        raise NotFoundError(
            QT_TRANSLATE_NOOP("Customers", "There is no customer number {number} on this desk.").fill(
                number=str(customer_id)
            )
        )
    return customer


def status_choices(
    current: ProgramStatus | None, membership: MembershipStatus | None = None
) -> tuple[StatusChoice, ...]:
    """Every other status with whether the platform would accept it (the same rule it applies) and why."""
    if current is None:
        return ()
    return tuple(
        StatusChoice(target, rule.allowed, rule.note)
        for target in ProgramStatus
        if target is not current
        for rule in [transition(current, target, membership)]
    )


def load_customer(db: Database, customer_id: int, clock: Clock) -> CustomerDetail:
    now = clock.now()
    with db.unit_of_work() as session:
        customer = get_customer_row(session, customer_id)
        connection = customer.connection
        pending_status = bool(connection and pending_targets(session, "program_status", [connection.id]))
        pending_vouchers = pending_targets(session, "voucher_status", [v.id for v in customer.vouchers])
        head = summary(customer, connection, pending=pending_status)
        membership = membership_of(connection)
        emails = (customer.email, *[e for e in customer.other_emails.splitlines() if e.strip()])
        return CustomerDetail(
            summary=head,
            emails=tuple(e for e in emails if e),
            birthday=customer.birthday,
            point_balance=connection.point_balance if connection else 0,
            home_location=connection.home_location if connection else "",
            membership=membership,
            status_choices=status_choices(head.status, membership),
            vouchers=tuple(voucher_info(v, now, pending=v.id in pending_vouchers) for v in customer.vouchers),
        )
