"""Voucher status and what the desk may do with each (docs/architecture.md §2)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from frontdesk.domain.errors import ChangeRefused, InvalidInput


class VoucherStatus(StrEnum):
    UNUSED = "UNUSED"
    USED = "USED"
    ISSUED = "ISSUED"
    PROCESSING = "PROCESSING"  # "Pending further processing": only the platform's API may change it
    EXPIRED = "EXPIRED"
    VOIDED = "VOIDED"

    @property
    def label(self) -> str:
        # The platform calls it "Pending further processing"; "Processing" keeps it apart from program Pending.
        return "Processing" if self is VoucherStatus.PROCESSING else self.value.capitalize()

    @classmethod
    def parse(cls, text: str) -> VoucherStatus:
        try:
            return cls(text.strip().upper())
        except ValueError:
            raise InvalidInput(f"“{text}” is not a voucher status.") from None


# One line per status: what staff see next to a voucher that has no action, and on a refused scan.
_NO_ACTION = {
    VoucherStatus.ISSUED: "This voucher holds a code the customer uses online; there is nothing to mark at the desk.",
    VoucherStatus.PROCESSING: "This voucher is being fulfilled automatically by the platform; it cannot be "
    "changed at the desk.",
    VoucherStatus.EXPIRED: "This voucher has expired and can no longer be used.",
    VoucherStatus.VOIDED: "This voucher was cancelled (its redemption was voided) and cannot be used.",
}


def _when(moment: datetime | None) -> str:
    # Staff read local wall-clock time; stored times are UTC.
    return f" on {moment.astimezone():%d %b %Y at %H:%M}" if moment else ""


def explain_status(
    status: VoucherStatus,
    *,
    used_at: datetime | None = None,
    used_where: str | None = None,
    expires_at: datetime | None = None,
) -> str:
    """A one-line explanation of the voucher's state for the profile and the scan card."""
    if status is VoucherStatus.UNUSED:
        return "Ready to use."
    if status is VoucherStatus.USED:
        where = f", at {used_where}" if used_where else ""
        return f"Already used{_when(used_at)}{where}."
    if status is VoucherStatus.EXPIRED and expires_at is not None:
        return f"This voucher expired{_when(expires_at)} and can no longer be used."
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
            message += " Nothing was changed."
        raise ChangeRefused(message, code="voucher_not_unused")


def check_set_back_to_unused(status: VoucherStatus, reason: str) -> None:
    """A Used voucher may go back to Unused (a mistaken mark) with a reason; nothing else may."""
    if status is not VoucherStatus.USED:
        raise ChangeRefused(
            f"Only a used voucher can be set back to unused; this one is {status.label}.",
            code="voucher_not_used",
        )
    if not reason.strip():
        raise InvalidInput("Please give a reason for setting the voucher back to unused.", code="reason_required")
