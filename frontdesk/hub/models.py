"""The reference platform's own tables (not the desk's replica: that lives in frontdesk/storage)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_ID = 2**63 - 1  # the largest id (or offset) a BIGINT on PostgreSQL or an SQLite integer holds


def to_micros(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


class Micros(TypeDecorator[datetime]):
    """An aware UTC datetime stored as integer microseconds: exact, and ordered the same on every database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the platform stores aware datetimes only")
        return to_micros(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else from_micros(int(value))


class Base(DeclarativeBase):
    pass


class ServerClock(Base):
    __tablename__ = "server_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_us: Mapped[int] = mapped_column(BigInteger)


class StaffAccount(Base):
    __tablename__ = "staff_accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(300))


class AccessToken(Base):
    __tablename__ = "access_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256: a stolen database holds no token
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"))
    expires_at: Mapped[datetime] = mapped_column(Micros)


class UserRow(Base):
    __tablename__ = "users"
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    emails: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    phone_number: Mapped[str | None] = mapped_column(String(40))
    birthday: Mapped[date | None] = mapped_column(Date)
    member_number: Mapped[str | None] = mapped_column(String(40))
    last_mod_dt: Mapped[datetime] = mapped_column(Micros)
    __table_args__ = (Index("ix_users_pull", "last_mod_dt", "user_id"),)


class ConnectionRow(Base):
    __tablename__ = "connections"
    connection_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.user_id"))
    business_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    point_balance: Mapped[int] = mapped_column(Integer)
    home_location: Mapped[str | None] = mapped_column(String(100))
    membership_status: Mapped[str] = mapped_column(String(20))
    last_mod_dt: Mapped[datetime] = mapped_column(Micros)
    __table_args__ = (
        Index("ix_connections_pull", "last_mod_dt", "connection_id"),
        Index("ix_connections_user", "user_id", "business_id", unique=True),
    )


class VoucherRow(Base):
    __tablename__ = "vouchers"
    voucher_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.user_id"))
    business_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    external_coupon_code: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))
    points: Mapped[int] = mapped_column(Integer)
    created_dt: Mapped[datetime] = mapped_column(Micros)
    expires_dt: Mapped[datetime | None] = mapped_column(Micros)
    used_dt: Mapped[datetime | None] = mapped_column(Micros)
    used_location: Mapped[str | None] = mapped_column(String(100))
    used_by_desk: Mapped[str | None] = mapped_column(String(100))
    used_by_staff: Mapped[str | None] = mapped_column(String(100))
    last_mod_dt: Mapped[datetime] = mapped_column(Micros)
    __table_args__ = (
        Index("ix_vouchers_pull", "last_mod_dt", "voucher_id"),
        Index("ix_vouchers_user", "user_id"),
    )


class IdempotencyRecord(Base):
    """The first answer given for one account's key, written in the same transaction as the change it describes.

    Keys belong to the account that sent them: the same key from another account is another change
    (upgrade.py moves a hub's older, shared keys over).
    """

    __tablename__ = "idempotency_keys"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"))
    key: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of method, path and canonical body
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Micros)
    # Named: the shared-keys table it replaces still holds the default name while upgrade.py copies it.
    __table_args__ = (PrimaryKeyConstraint("staff_id", "key", name="idempotency_keys_by_account"),)


class ChangeLog(Base):
    """Who changed what from a desk, and when they acted: the audit trail of accepted changes."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(200))
    resource: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(BigInteger)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    desk: Mapped[str | None] = mapped_column(String(100))
    staff_name: Mapped[str | None] = mapped_column(String(100))
    account: Mapped[str] = mapped_column(String(100))  # the signed-in staff account that sent it
    acted_at: Mapped[datetime] = mapped_column(Micros)
    applied_at: Mapped[datetime] = mapped_column(Micros)
