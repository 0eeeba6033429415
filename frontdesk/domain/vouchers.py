"""Voucher status and what the desk may do with each (docs/architecture.md §2)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from frontdesk.domain.errors import ChangeRefused, InvalidInput
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words


class VoucherStatus(StrEnum):
    UNUSED = "UNUSED"
    USED = "USED"
    ISSUED = "ISSUED"
    PROCESSING = "PROCESSING"  # "Pending further processing": only the platform's API may change it
    EXPIRED = "EXPIRED"
    VOIDED = "VOIDED"

    @property
    def label(self) -> Words:
        return _LABELS[self]

    @classmethod
    def parse(cls, text: str) -> VoucherStatus:
        try:
            return cls(text.strip().upper())
        except ValueError:
            raise InvalidInput(
                QT_TRANSLATE_NOOP("Vouchers", "“{text}” is not a voucher status.").fill(text=text)
            ) from None


_LABELS = {
    VoucherStatus.UNUSED: QT_TRANSLATE_NOOP("Vouchers", "Unused"),
    VoucherStatus.USED: QT_TRANSLATE_NOOP("Vouchers", "Used"),
    VoucherStatus.ISSUED: QT_TRANSLATE_NOOP("Vouchers", "Issued"),
    # The platform calls it "Pending further processing"; "Processing" keeps it apart from program Pending.
    VoucherStatus.PROCESSING: QT_TRANSLATE_NOOP("Vouchers", "Processing"),
    VoucherStatus.EXPIRED: QT_TRANSLATE_NOOP("Vouchers", "Expired"),
    VoucherStatus.VOIDED: QT_TRANSLATE_NOOP("Vouchers", "Voided"),
}
# One line per status: what staff see next to a voucher that has no action, and on a refused scan.
_NO_ACTION = {
    VoucherStatus.ISSUED: QT_TRANSLATE_NOOP(
        "Vouchers", "This voucher holds a code the customer uses online; there is nothing to mark at the desk."
    ),
    VoucherStatus.PROCESSING: QT_TRANSLATE_NOOP(
        "Vouchers", "This voucher is being fulfilled automatically by the platform; it cannot be changed at the desk."
    ),
    VoucherStatus.EXPIRED: QT_TRANSLATE_NOOP("Vouchers", "This voucher has expired and can no longer be used."),
    VoucherStatus.VOIDED: QT_TRANSLATE_NOOP(
        "Vouchers", "This voucher was cancelled (its redemption was voided) and cannot be used."
    ),
}
# Already used: when and where, as far as the desk knows (times read in the staff's local time).
_USED = {
    (True, True): QT_TRANSLATE_NOOP("Vouchers", "Already used on {at:day} at {at:time}, at {where}."),
    (True, False): QT_TRANSLATE_NOOP("Vouchers", "Already used on {at:day} at {at:time}."),
    (False, True): QT_TRANSLATE_NOOP("Vouchers", "Already used, at {where}."),
    (False, False): QT_TRANSLATE_NOOP("Vouchers", "Already used."),
}
_EXPIRED_ON = QT_TRANSLATE_NOOP("Vouchers", "This voucher expired on {at:day} at {at:time} and can no longer be used.")
_NOTHING_CHANGED = QT_TRANSLATE_NOOP("Vouchers", "{why} Nothing was changed.")


def explain_status(
    status: VoucherStatus,
    *,
    used_at: datetime | None = None,
    used_where: str | None = None,
    expires_at: datetime | None = None,
) -> str:
    """A one-line explanation of the voucher's state for the profile and the scan card."""
    if status is VoucherStatus.UNUSED:
        return QT_TRANSLATE_NOOP("Vouchers", "Ready to use.")
    if status is VoucherStatus.USED:
        sentence = _USED[(used_at is not None, bool(used_where))]
        return sentence.fill(**({"at": used_at} if used_at else {}), **({"where": used_where} if used_where else {}))
    if status is VoucherStatus.EXPIRED and expires_at is not None:
        return _EXPIRED_ON.fill(at=expires_at)
    return _NO_ACTION[status]


def check_mark_used(
    status: VoucherStatus,
    *,
    used_at: datetime | None = None,
    used_where: str | None = None,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> None:
    """Only an Unused voucher that has not passed its expiry can be marked used."""
    if status is VoucherStatus.UNUSED and expires_at is not None and now is not None and expires_at <= now:
        raise ChangeRefused(explain_status(VoucherStatus.EXPIRED, expires_at=expires_at), code="voucher_expired")
    if status is not VoucherStatus.UNUSED:
        message = explain_status(status, used_at=used_at, used_where=used_where, expires_at=expires_at)
        if status is VoucherStatus.USED:
            message = _NOTHING_CHANGED.fill(why=message)
        raise ChangeRefused(message, code="voucher_not_unused")


def check_set_back_to_unused(status: VoucherStatus, reason: str) -> None:
    """A Used voucher may go back to Unused (a mistaken mark) with a reason; nothing else may."""
    if status is not VoucherStatus.USED:
        raise ChangeRefused(
            QT_TRANSLATE_NOOP("Vouchers", "Only a used voucher can be set back to unused; this one is {status}.").fill(
                status=status.label
            ),
            code="voucher_not_used",
        )
    if not reason.strip():
        raise InvalidInput(
            QT_TRANSLATE_NOOP("Vouchers", "Please give a reason for setting the voucher back to unused."),
            code="reason_required",
        )
