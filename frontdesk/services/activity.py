"""The desk's activity: its audit log, newest first, filterable by customer and staff member, each entry with
what became of it — waiting to be sent, accepted by the platform, or refused (with the platform's reason and
who acknowledged the refusal). A refused action never reads as if it happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import and_, select

from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Conflict, Customer, OutboxEntry, Voucher


class Outcome(StrEnum):
    WAITING = "Waiting to be sent"
    ACCEPTED = "Accepted by the platform"
    REFUSED = "Refused by the platform"


_OUTCOMES = {"PENDING": Outcome.WAITING, "ACCEPTED": Outcome.ACCEPTED, "REFUSED": Outcome.REFUSED}


@dataclass(frozen=True, slots=True)
class ActivityEntry:
    at: datetime
    staff_name: str
    staff_role: str
    desk: str
    customer_id: int
    customer_name: str
    what: str  # plain words, naming the voucher: "Marked voucher 50000003 (Free smoothie) used"
    change: str  # "ACTIVE → INACTIVE"
    reason: str  # the staff member's own reason (setting a voucher back)
    outcome: Outcome
    refusal: str = ""  # the platform's reason, when it refused
    acknowledged_by: str | None = None  # who looked at the refusal
    voucher_code: str | None = None
    voucher_title: str | None = None

    @property
    def outcome_words(self) -> str:
        if self.outcome is not Outcome.REFUSED:
            return self.outcome.value
        words = f"{self.outcome.value}: {_sentence(self.refusal)}" if self.refusal else f"{self.outcome.value}."
        return f"{words} Acknowledged by {self.acknowledged_by}." if self.acknowledged_by else words

    @property
    def summary(self) -> str:
        """The whole row as one line: "Marked voucher 50000003 (Free smoothie) used — Refused by the platform: …"."""
        return f"{self.what} — {self.outcome_words}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def list_activity(db: Database, *, customer_id: int | None = None, staff_name: str | None = None,
                  limit: int = 200) -> tuple[ActivityEntry, ...]:  # fmt: skip
    columns = (Customer.first_name, Customer.last_name, OutboxEntry.state, Conflict.message, Conflict.acknowledged_by,
               Voucher.code, Voucher.title)  # fmt: skip
    query = (
        select(AuditEntry, *columns)
        .outerjoin(Customer, Customer.id == AuditEntry.customer_id)
        .outerjoin(OutboxEntry, OutboxEntry.key == AuditEntry.outbox_key)
        .outerjoin(Conflict, Conflict.outbox_key == AuditEntry.outbox_key)
        .outerjoin(Voucher, and_(AuditEntry.target_kind == "voucher", Voucher.id == AuditEntry.target_id))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    if customer_id is not None:
        query = query.where(AuditEntry.customer_id == customer_id)
    if staff_name:
        query = query.where(AuditEntry.staff_name == staff_name)
    with db.unit_of_work() as session:
        return tuple(_entry(*row) for row in session.execute(query))


def _what(a: AuditEntry, code: str | None, title: str | None) -> str:
    if a.target_kind != "voucher":
        return "Changed program status" if a.action == "change_program_status" else a.action
    voucher = f"voucher {code} ({title})" if code else f"voucher number {a.target_id}"
    if a.action == "mark_voucher_used":
        return f"Marked {voucher} used"
    if a.action == "set_voucher_back_to_unused":
        return f"Set {voucher} back to unused"
    return f"{a.action} ({voucher})"


def _entry(a: AuditEntry, first: str | None, last: str | None, state: str | None, refusal: str | None,
           acknowledged_by: str | None, code: str | None, title: str | None) -> ActivityEntry:  # fmt: skip
    name = f"{first} {last}" if first else f"Customer {a.customer_id}"
    # A refusal is known from its conflict even if the outbox row says otherwise; no outbox row: not sent yet.
    outcome = Outcome.REFUSED if refusal is not None else _OUTCOMES.get(state or "PENDING", Outcome.WAITING)
    return ActivityEntry(a.at, a.staff_name, a.staff_role, a.desk, a.customer_id, name, _what(a, code, title),
                         f"{a.from_value} → {a.to_value}", a.reason, outcome, refusal or "", acknowledged_by,
                         code, title)  # fmt: skip
