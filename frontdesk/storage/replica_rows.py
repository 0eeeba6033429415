"""Look-ups of the desk's replica rows (customers and their vouchers) that the use cases share: SQL lives here,
the rules and the plain-words refusals stay in the services."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from frontdesk.storage.models import Customer, Voucher


def customer_by_id(session: Session, customer_id: int) -> Customer | None:
    return session.get(Customer, customer_id)


def customer_by_member_number(session: Session, member_number: str) -> Customer | None:
    return session.scalars(select(Customer).where(Customer.member_number == member_number)).first()


def voucher_by_id(session: Session, voucher_id: int) -> Voucher | None:
    return session.get(Voucher, voucher_id)


def voucher_by_code(session: Session, code: str) -> Voucher | None:
    """By the voucher's own code or the external coupon code it carries (a canonical, cleaned code)."""
    query = select(Voucher).where(or_(Voucher.code == code, Voucher.external_coupon_code == code))
    return session.scalars(query).first()


def customers_holding(session: Session, code: str) -> list[int]:
    """Ids of the customers whose member number, voucher code or coupon code is exactly `code`, in that order."""
    by_member = select(Customer.id).where(Customer.member_number == code)
    by_voucher = select(Voucher.customer_id).where(or_(Voucher.code == code, Voucher.external_coupon_code == code))
    return list(dict.fromkeys([*session.scalars(by_member), *session.scalars(by_voucher)]))
