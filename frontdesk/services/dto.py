"""Frozen data handed to the UI and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words


def customer_number(customer_id: int) -> Words:
    """How a customer the desk does not hold by name is called: "Customer 42"."""
    return QT_TRANSLATE_NOOP("Customers", "Customer {number}").fill(number=str(customer_id))


@dataclass(frozen=True, slots=True)
class CustomerSummary:
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    member_number: str
    status: ProgramStatus | None
    has_pending_change: bool = False

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class VoucherHit:
    """The typed text is exactly this voucher's code (or its coupon code): open its owner and point at it."""

    customer_id: int
    voucher_id: int
    code: str  # the voucher's code as the desk holds it


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    customers: tuple[CustomerSummary, ...]
    more: bool  # more matches exist than were returned
    voucher: VoucherHit | None = None


@dataclass(frozen=True, slots=True)
class VoucherInfo:
    id: int
    customer_id: int
    code: str
    external_coupon_code: str | None
    title: str
    status: VoucherStatus
    points: int
    created_at: datetime
    expires_at: datetime | None
    used_at: datetime | None
    used_location: str | None
    used_by_desk: str | None
    used_by_staff: str | None
    explanation: str  # one plain line: why there is (no) action
    can_mark_used: bool
    can_set_back: bool  # the status allows it; the role is checked separately
    has_pending_change: bool = False


@dataclass(frozen=True, slots=True)
class StatusChoice:
    status: ProgramStatus
    allowed: bool
    note: str


@dataclass(frozen=True, slots=True)
class CustomerDetail:
    summary: CustomerSummary
    emails: tuple[str, ...]
    birthday: date | None
    point_balance: int
    home_location: str
    membership: MembershipStatus | None  # at the business, as the platform last sent it; None: not in the program
    status_choices: tuple[StatusChoice, ...]  # every other status, allowed or not (table and membership), with why
    vouchers: tuple[VoucherInfo, ...]


class Confirmation(StrEnum):
    """What the platform said about a staff action, as far as the desk knows when it shows the answer."""

    CONFIRMED = "confirmed"  # the platform accepted it
    KEPT = "kept"  # saved on this desk only: the platform was not reached in time; sent at the next sync
    REFUSED = "refused"  # the platform refused it; the desk shows the platform's state again


@dataclass(frozen=True, slots=True)
class PlatformAnswer:
    confirmation: Confirmation
    message: str  # plain words: the platform's reason for a refusal, or why the action is waiting on the desk

    @property
    def confirmed(self) -> bool:
        return self.confirmation is Confirmation.CONFIRMED


NOT_SENT = PlatformAnswer(
    Confirmation.KEPT,
    QT_TRANSLATE_NOOP("Actions", "Saved on this desk; it will be sent to the loyalty platform at the next sync."),
)


@dataclass(frozen=True, slots=True)
class StatusChanged:
    customer: CustomerSummary  # as the desk holds it after the platform's answer (its state again if refused)
    before: ProgramStatus
    after: ProgramStatus  # what staff asked for
    outbox_key: str
    answer: PlatformAnswer = NOT_SENT


@dataclass(frozen=True, slots=True)
class VoucherChanged:
    voucher: VoucherInfo  # as the desk holds it after the platform's answer (its state again if refused)
    customer: CustomerSummary
    before: VoucherStatus
    after: VoucherStatus  # what staff asked for
    outbox_key: str
    answer: PlatformAnswer = NOT_SENT


@dataclass(frozen=True, slots=True)
class VoucherLookup:
    """A voucher found by a scanned or typed code, with its owner, for the scan card."""

    voucher: VoucherInfo
    customer: CustomerSummary


class ScanSource(StrEnum):
    """How a code reached the desk; shown in the session's list of scans."""

    CAMERA = "camera"
    SCANNER = "scanner"  # a USB keyboard-wedge scanner
    TYPED = "typed"


class ScanResult(StrEnum):
    MARKED = "marked"  # green: the voucher is now used
    READY = "ready"  # found and usable; waiting for staff to confirm (the "confirm with Enter" setting)
    REFUSED = "refused"  # red: the voucher exists but cannot be used (used, expired, issued, ...)
    NOT_FOUND = "not_found"  # red: no voucher with that code on this desk
    MEMBER = "member"  # not a voucher but a customer's member card: whose it is, and a way to open them
    UNREADABLE = "unreadable"  # red: not a voucher code at all (scanner noise, garbage)
    FAILED = "failed"  # red: the desk could not check or save (busy or full disk); nothing changed


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    """What one scan did, for the result card and the list of this session's scans."""

    result: ScanResult
    code: str  # the cleaned code, or a printable excerpt of what arrived when it was unreadable
    source: ScanSource
    message: str  # plain words, always present
    at: datetime
    voucher: VoucherInfo | None = None
    customer: CustomerSummary | None = None  # the voucher's owner, or whose member number the code is
    before: VoucherStatus | None = None
    after: VoucherStatus | None = None
    outbox_key: str | None = None  # the staff action this scan made, so a later refusal can find its row
    answer: PlatformAnswer | None = None  # for MARKED: confirmed by the platform, or only kept on this desk

    @property
    def ok(self) -> bool:
        return self.result in (ScanResult.MARKED, ScanResult.READY)

    @property
    def confirmed(self) -> bool:
        return self.answer is not None and self.answer.confirmed


@dataclass(frozen=True, slots=True)
class RefusalNotice:
    """A staff action the platform refused after the desk had shown it as done: every place must say so."""

    outbox_key: str
    conflict_id: int
    customer_id: int
    customer_name: str
    kind: str  # "voucher_status" | "program_status"
    voucher_code: str | None
    voucher_title: str | None
    headline: str  # one line naming customer and voucher (or status)
    reason: str  # the platform's words
