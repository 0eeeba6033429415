"""The desk's activity: its audit log, newest first, filterable by customer and staff member, each entry with
what became of it — waiting to be sent, accepted by the platform, or refused (with the platform's reason and
who acknowledged the refusal). A refused action never reads as if it happened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words
from frontdesk.services.dto import customer_number
from frontdesk.storage import audit_log
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry


class Outcome(StrEnum):
    WAITING = "Waiting to be sent"
    ACCEPTED = "Accepted by the platform"
    REFUSED = "Refused by the platform"

    @property
    def words(self) -> Words:
        return _OUTCOME_WORDS[self]


_OUTCOME_WORDS = {
    Outcome.WAITING: QT_TRANSLATE_NOOP("Activity", "Waiting to be sent"),
    Outcome.ACCEPTED: QT_TRANSLATE_NOOP("Activity", "Accepted by the platform"),
    Outcome.REFUSED: QT_TRANSLATE_NOOP("Activity", "Refused by the platform"),
}
# Statuses as the audit log records them; English keeps the codes, other languages say them in their words.
_STATUS_CODES: dict[str, Words] = {
    code: code
    for code in (
        QT_TRANSLATE_NOOP("Activity", "IMPORTED"),
        QT_TRANSLATE_NOOP("Activity", "PENDING"),
        QT_TRANSLATE_NOOP("Activity", "ACTIVE"),
        QT_TRANSLATE_NOOP("Activity", "INACTIVE"),
        QT_TRANSLATE_NOOP("Activity", "UNUSED"),
        QT_TRANSLATE_NOOP("Activity", "USED"),
        QT_TRANSLATE_NOOP("Activity", "ISSUED"),
        QT_TRANSLATE_NOOP("Activity", "PROCESSING"),
        QT_TRANSLATE_NOOP("Activity", "EXPIRED"),
        QT_TRANSLATE_NOOP("Activity", "VOIDED"),
    )
}


def change_words(before: str, after: str) -> Words:
    """ "ACTIVE → INACTIVE": a status change as the log records it."""
    return QT_TRANSLATE_NOOP("Activity", "{before} → {after}").fill(
        before=_STATUS_CODES.get(before, before), after=_STATUS_CODES.get(after, after)
    )


def refused_words(refusal: str) -> Words:
    """ "Refused by the platform: <the platform's reason>." (its reason ends as a sentence)."""
    return QT_TRANSLATE_NOOP("Activity", "Refused by the platform: {reason:sentence}").fill(reason=refusal)


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
            return self.outcome.words
        words = (
            refused_words(self.refusal) if self.refusal else QT_TRANSLATE_NOOP("Activity", "Refused by the platform.")
        )
        if not self.acknowledged_by:
            return words
        return QT_TRANSLATE_NOOP("Activity", "{outcome} Acknowledged by {who}.").fill(
            outcome=words, who=self.acknowledged_by
        )

    @property
    def summary(self) -> str:
        """The whole row as one line: "Marked voucher 50000003 (Free smoothie) used — Refused by the platform: …"."""
        return QT_TRANSLATE_NOOP("Activity", "{what} — {outcome}").fill(what=self.what, outcome=self.outcome_words)


def list_activity(db: Database, *, customer_id: int | None = None, staff_name: str | None = None,
                  limit: int = 200) -> tuple[ActivityEntry, ...]:  # fmt: skip
    with db.unit_of_work() as session:
        rows = audit_log.newest_entries(session, customer_id=customer_id, staff_name=staff_name, limit=limit)
        return tuple(_entry(*row) for row in rows)


def voucher_words(code: str | None, title: str | None, voucher_id: int) -> Words:
    """ "voucher 50000003 (Free smoothie)", or its number when the desk no longer holds it."""
    if code:
        return QT_TRANSLATE_NOOP("Activity", "voucher {code} ({title})").fill(code=code, title=title or "")
    return QT_TRANSLATE_NOOP("Activity", "voucher number {number}").fill(number=str(voucher_id))


def _what(a: AuditEntry, code: str | None, title: str | None) -> str:
    if a.target_kind != "voucher":
        return (
            QT_TRANSLATE_NOOP("Activity", "Changed program status") if a.action == "change_program_status" else a.action
        )
    voucher = voucher_words(code, title, a.target_id)
    if a.action == "mark_voucher_used":
        return QT_TRANSLATE_NOOP("Activity", "Marked {voucher} used").fill(voucher=voucher)
    if a.action == "set_voucher_back_to_unused":
        return QT_TRANSLATE_NOOP("Activity", "Set {voucher} back to unused").fill(voucher=voucher)
    return f"{a.action} ({voucher})"


def _entry(a: AuditEntry, first: str | None, last: str | None, state: str | None, refusal: str | None,
           acknowledged_by: str | None, code: str | None, title: str | None) -> ActivityEntry:  # fmt: skip
    name = f"{first} {last}" if first else customer_number(a.customer_id)
    # A refusal is known from its conflict even if the outbox row says otherwise; no outbox row: not sent yet.
    outcome = Outcome.REFUSED if refusal is not None else _OUTCOMES.get(state or "PENDING", Outcome.WAITING)
    return ActivityEntry(a.at, a.staff_name, a.staff_role, a.desk, a.customer_id, name, _what(a, code, title),
                         change_words(a.from_value, a.to_value), a.reason, outcome, refusal or "", acknowledged_by,
                         code, title)  # fmt: skip
