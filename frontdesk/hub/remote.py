"""Changes made "on the platform" rather than at a desk: a customer joins online, a voucher is voided...

Tests and demos use these to simulate the real platform moving under the desks. Each call is one
transaction that takes a fresh write stamp, so the change shows up in the next incremental pull.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import NotFoundError
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub.db import engine_for, next_stamp
from frontdesk.hub.models import Base, ConnectionRow, UserRow, VoucherRow
from frontdesk.hub.seed import FIRST_VOUCHER_ID
from frontdesk.protocol.wire import MembershipStatus

Model = type[UserRow] | type[ConnectionRow] | type[VoucherRow]


def _new_id(session: Session, column: Any, floor: int = 1) -> int:
    return max(int(session.execute(select(func.max(column))).scalar() or 0) + 1, floor)


def create_customer(
    db: str | Engine,
    *,
    first_name: str,
    last_name: str,
    email: str | None = None,
    business_id: int = 1,
    status: ProgramStatus = ProgramStatus.ACTIVE,
    membership_status: MembershipStatus = MembershipStatus.ACTIVE,
    home_location: str | None = None,
    point_balance: int = 0,
    now: datetime | None = None,
) -> tuple[int, int]:
    """A customer who joined online (or was added on the platform): returns (user_id, connection_id)."""
    engine, owned = engine_for(db)
    try:
        with Session(engine) as session, session.begin():
            stamp = next_stamp(session, now or SystemClock().now())
            user_id = _new_id(session, UserRow.user_id)
            connection_id = _new_id(session, ConnectionRow.connection_id)
            emails = [{"email": email, "is_primary": True}] if email else []
            session.execute(
                insert(UserRow).values(
                    user_id=user_id,
                    first_name=first_name,
                    last_name=last_name,
                    emails=emails,
                    phone_number=None,
                    birthday=None,
                    member_number=None,
                    last_mod_dt=stamp,
                )
            )
            session.execute(
                insert(ConnectionRow).values(
                    connection_id=connection_id,
                    user_id=user_id,
                    business_id=business_id,
                    status=status.value,
                    point_balance=point_balance,
                    home_location=home_location,
                    membership_status=membership_status.value,
                    last_mod_dt=stamp,
                )
            )
        return user_id, connection_id
    finally:
        if owned:
            engine.dispose()


def create_voucher(
    db: str | Engine,
    *,
    user_id: int,
    business_id: int = 1,
    title: str = "Free smoothie",
    status: VoucherStatus = VoucherStatus.UNUSED,
    points: int = 200,
    expires_dt: datetime | None = None,
    external_coupon_code: str | None = None,
    now: datetime | None = None,
    **used: Any,
) -> int:
    """A customer redeemed a reward (online or on the phone): returns the new voucher_id (= its code)."""
    engine, owned = engine_for(db)
    moment = now or SystemClock().now()
    try:
        with Session(engine) as session, session.begin():
            stamp = next_stamp(session, moment)
            voucher_id = _new_id(session, VoucherRow.voucher_id, FIRST_VOUCHER_ID)
            values = dict(
                voucher_id=voucher_id,
                user_id=user_id,
                business_id=business_id,
                title=title,
                external_coupon_code=external_coupon_code,
                status=status.value,
                points=points,
                created_dt=moment,
                expires_dt=expires_dt,
                last_mod_dt=stamp,
                **used,
            )
            session.execute(insert(VoucherRow).values(values))
        return voucher_id
    finally:
        if owned:
            engine.dispose()


def update_object(db: str | Engine, model: Model, object_id: int, **values: Any) -> datetime:
    """Change columns of one row as the platform would (enums stored by value); returns its new stamp."""
    engine, owned = engine_for(db)
    table = Base.metadata.tables[model.__tablename__]
    key = table.primary_key.columns.values()[0]
    unknown = set(values) - set(table.columns.keys())
    if unknown:
        raise ValueError(f"{model.__tablename__} has no column(s) {sorted(unknown)}")
    stored = {name: getattr(value, "value", value) for name, value in values.items()}
    try:
        with Session(engine) as session, session.begin():
            stamp = next_stamp(session, SystemClock().now())
            result = session.execute(update(model).where(key == object_id).values(**stored, last_mod_dt=stamp))
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise NotFoundError(f"There is no {model.__tablename__} row {object_id}.")
            if model is ConnectionRow and "home_location" in values:
                _restamp_owner(session, object_id, stamp)
        return stamp
    finally:
        if owned:
            engine.dispose()


def _restamp_owner(session: Session, connection_id: int, stamp: datetime) -> None:
    """A customer moved to another home location: their user row and their vouchers at that business change
    stamp too, so a desk pulling by location (hub/scope.py) gets them with the connection."""
    connection = session.get(ConnectionRow, connection_id)
    assert connection is not None
    session.execute(update(UserRow).where(UserRow.user_id == connection.user_id).values(last_mod_dt=stamp))
    owned_vouchers = (VoucherRow.user_id == connection.user_id, VoucherRow.business_id == connection.business_id)
    session.execute(update(VoucherRow).where(*owned_vouchers).values(last_mod_dt=stamp))


def void_voucher(db: str | Engine, voucher_id: int) -> datetime:
    return update_object(db, VoucherRow, voucher_id, status=VoucherStatus.VOIDED)


def set_connection_status(db: str | Engine, connection_id: int, status: ProgramStatus) -> datetime:
    """E.g. the customer opted out online (INACTIVE) or joined from an invitation (ACTIVE)."""
    return update_object(db, ConnectionRow, connection_id, status=status)
