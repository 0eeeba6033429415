"""ORM rows → DTOs. Kept in one place so every screen describes a voucher the same way."""

from __future__ import annotations

from datetime import datetime

from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus, explain_status
from frontdesk.services.dto import CustomerSummary, VoucherInfo
from frontdesk.storage import outbox
from frontdesk.storage.models import Connection, Customer, Voucher

pending_targets = outbox.waiting_targets  # which rows still have a staff change waiting for the platform


def summary(customer: Customer, connection: Connection | None, *, pending: bool = False) -> CustomerSummary:
    return CustomerSummary(
        id=customer.id,
        first_name=customer.first_name,
        last_name=customer.last_name,
        email=customer.email,
        phone=customer.phone,
        member_number=customer.member_number,
        status=ProgramStatus(connection.status) if connection else None,
        has_pending_change=pending,
    )


def membership_of(connection: Connection | None) -> MembershipStatus | None:
    """The customer's membership at the business as the platform last sent it (the sync checks the value);
    None for a customer not in the program."""
    return MembershipStatus(connection.membership_status) if connection else None


def voucher_info(voucher: Voucher, now: datetime, *, pending: bool = False) -> VoucherInfo:
    status = VoucherStatus(voucher.status)
    expired_unused = status is VoucherStatus.UNUSED and voucher.expires_at is not None and voucher.expires_at <= now
    shown = VoucherStatus.EXPIRED if expired_unused else status
    return VoucherInfo(
        id=voucher.id,
        customer_id=voucher.customer_id,
        code=voucher.code,
        external_coupon_code=voucher.external_coupon_code,
        title=voucher.title,
        status=status,
        points=voucher.points,
        created_at=voucher.created_at,
        expires_at=voucher.expires_at,
        used_at=voucher.used_at,
        used_location=voucher.used_location,
        used_by_desk=voucher.used_by_desk,
        used_by_staff=voucher.used_by_staff,
        explanation=explain_status(
            shown, used_at=voucher.used_at, used_where=voucher.used_location, expires_at=voucher.expires_at
        ),
        can_mark_used=status is VoucherStatus.UNUSED and not expired_unused,
        can_set_back=status is VoucherStatus.USED,
        has_pending_change=pending,
    )
