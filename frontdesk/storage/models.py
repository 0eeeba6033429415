"""The desk's replica of the platform (customers, connections, vouchers) and its own records
(outbox of staff actions, audit log, sync cursors, desk facts). Ids of replicated rows are the platform's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from frontdesk.storage.types import UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime}


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), default="")
    other_emails: Mapped[str] = mapped_column(Text, default="")  # newline-separated, searched like the primary
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone_digits: Mapped[str] = mapped_column(String(40), default="")  # lets "5550134" find "555-013-4…"
    birthday: Mapped[date | None] = mapped_column(Date, default=None)
    member_number: Mapped[str] = mapped_column(String(40), default="", index=True)
    last_mod_dt: Mapped[datetime | None] = mapped_column(default=None)

    connection: Mapped[Connection | None] = relationship(back_populates="customer", uselist=False)
    vouchers: Mapped[list[Voucher]] = relationship(back_populates="customer", order_by="Voucher.id.desc()")


class Connection(Base):
    """The customer's connection to this business: the loyalty program status."""

    __tablename__ = "connections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    point_balance: Mapped[int] = mapped_column(default=0)
    home_location: Mapped[str] = mapped_column(String(100), default="")
    membership_status: Mapped[str] = mapped_column(String(16), default="ACTIVE")
    last_mod_dt: Mapped[datetime | None] = mapped_column(default=None)

    customer: Mapped[Customer] = relationship(back_populates="connection")


class Voucher(Base):
    __tablename__ = "vouchers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    external_coupon_code: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_location: Mapped[str | None] = mapped_column(String(100), default=None)
    used_by_desk: Mapped[str | None] = mapped_column(String(100), default=None)
    used_by_staff: Mapped[str | None] = mapped_column(String(100), default=None)
    last_mod_dt: Mapped[datetime | None] = mapped_column(default=None)

    customer: Mapped[Customer] = relationship(back_populates="vouchers")


class OutboxEntry(Base):
    """A staff action waiting for the platform. `key` is sent as the Idempotency-Key."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_customer", "state", "customer_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(32))  # "program_status" | "voucher_status"
    target_id: Mapped[int]
    customer_id: Mapped[int]
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    desk: Mapped[str] = mapped_column(String(100))
    staff_name: Mapped[str] = mapped_column(String(100))
    staff_role: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="PENDING")  # PENDING → ACCEPTED | REFUSED
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class AuditEntry(Base):
    """Who did what, from which desk, when: written in the same transaction as the change."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    desk: Mapped[str] = mapped_column(String(100))
    staff_name: Mapped[str] = mapped_column(String(100))
    staff_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32))
    customer_id: Mapped[int] = mapped_column(index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    from_value: Mapped[str] = mapped_column(String(32))
    to_value: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text, default="")
    outbox_key: Mapped[str | None] = mapped_column(String(36), default=None)


class Conflict(Base):
    """A staff action the platform refused (e.g. the voucher was used at another desk meanwhile).
    Kept until a person acknowledges it."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime]
    outbox_key: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int]
    customer_id: Mapped[int] = mapped_column(index=True)
    code: Mapped[str] = mapped_column(String(64))  # the platform's machine code
    message: Mapped[str] = mapped_column(Text)  # the platform's plain words
    wanted: Mapped[str] = mapped_column(String(32))  # the status this desk tried to set
    acted_at: Mapped[datetime]  # when staff acted here
    desk: Mapped[str] = mapped_column(String(100))
    staff_name: Mapped[str] = mapped_column(String(100))
    platform_state: Mapped[dict[str, object]] = mapped_column(JSON)  # the object as the platform holds it
    acknowledged_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    acknowledged_by: Mapped[str | None] = mapped_column(String(100), default=None)


class SyncCursor(Base):
    __tablename__ = "sync_cursors"

    resource: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_mod_dt: Mapped[datetime | None] = mapped_column(default=None)
    last_id: Mapped[int] = mapped_column(default=0)


class DeskFact(Base):
    """Small key/value facts about this database, e.g. that it holds generated demo data."""

    __tablename__ = "desk_facts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DeskStaff(Base):
    """A staff member who unlocks this desk with a PIN: the PIN's salted hash (never the PIN), the role the
    platform gave at their last password sign-in, and their wrong PINs in a row (kept, so a restart resets none)."""

    __tablename__ = "desk_staff"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)  # as the platform spells it
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    pin_set_at: Mapped[datetime]
    failed_pins: Mapped[int] = mapped_column(default=0)
    wait_until: Mapped[datetime | None] = mapped_column(default=None)  # no PIN taken before then
    last_unlocked_at: Mapped[datetime | None] = mapped_column(default=None)
