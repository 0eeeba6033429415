"""One scanned or typed voucher code: look it up, mark it used (at once, or after staff confirm), and always
say what happened in plain words. A scan never silently "succeeds" (docs/architecture.md §2): every outcome names the
voucher and its owner where they are known, and says why nothing changed when nothing did."""

from __future__ import annotations

import logging

from frontdesk.domain.codes import normalize_code
from frontdesk.domain.errors import ChangeRefused, FrontDeskError, InvalidInput, NotFoundError, StorageError
from frontdesk.domain.staff import Permission
from frontdesk.domain.vouchers import VoucherStatus, check_mark_used
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.actions import StaffActions
from frontdesk.services.dto import (
    Confirmation,
    CustomerSummary,
    PlatformAnswer,
    ScanOutcome,
    ScanResult,
    ScanSource,
    VoucherInfo,
    VoucherLookup,
)
from frontdesk.services.mapping import summary
from frontdesk.storage import replica_rows

log = logging.getLogger(__name__)
EXCERPT_LENGTH = 32


def excerpt(raw: str) -> str:
    """What arrived, safe to show: printable characters only, whitespace collapsed, cut to a short length."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())
    if not text:
        return "(empty)"
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def refusal(voucher: VoucherInfo, actions: StaffActions) -> str | None:
    """Why this voucher cannot be marked used now, in the same words the mark itself would refuse with."""
    why_not = actions.staff.why_not(Permission.MARK_VOUCHER_USED)
    if why_not:
        return why_not
    try:
        check_mark_used(voucher.status, used_at=voucher.used_at, used_where=voucher.used_location,
                        expires_at=voucher.expires_at, now=actions.clock.now())  # fmt: skip
    except ChangeRefused as refused:
        return refused.message
    return None


class ScanDesk:
    """The scan station's use case; `actions` carries the database, the staff member and the clock."""

    def __init__(self, actions: StaffActions) -> None:
        self.actions = actions

    def scan(self, raw: str, source: ScanSource, *, confirm_first: bool = False) -> ScanOutcome:
        """Handle what a camera, a USB scanner or a person delivered. Never raises for bad input."""
        try:
            code = normalize_code(raw)
        except InvalidInput as error:
            return self._outcome(ScanResult.UNREADABLE, excerpt(raw), source, error.message)
        return self.look(code, source) if confirm_first else self.mark(code, source)

    def look(self, code: str, source: ScanSource) -> ScanOutcome:
        """Find the voucher without changing it: READY when staff may mark it, otherwise why not."""
        try:
            found = self.actions.look_up_voucher(code)
        except NotFoundError as missing:
            return self._not_found(code, source, missing.message)
        except StorageError as error:
            return self._outcome(ScanResult.FAILED, code, source, error.message)
        why_not = refusal(found.voucher, self.actions)
        if why_not is not None:
            return self._refused(code, source, why_not, found)
        message = QT_TRANSLATE_NOOP(
            "Scans", "“{title}” for {customer} is ready to use. Press Enter to mark it used."
        ).fill(title=found.voucher.title, customer=found.customer.name)
        return self._outcome(ScanResult.READY, code, source, message, found.voucher, found.customer)

    def mark(self, code: str, source: ScanSource) -> ScanOutcome:
        """Mark the voucher with this code used: one transaction (row + outbox + audit), re-checked here."""
        try:
            change = self.actions.mark_used(code=code)
        except NotFoundError as missing:
            return self._not_found(code, source, missing.message)
        except ChangeRefused as refused:
            try:
                found = self.actions.look_up_voucher(code)
            except FrontDeskError as error:  # gone or unreadable since: the refusal still stands
                both = QT_TRANSLATE_NOOP("Scans", "{refusal} {problem}").fill(
                    refusal=refused.message, problem=error.message
                )
                return self._outcome(ScanResult.REFUSED, code, source, both)
            return self._refused(code, source, refused.message, found)
        except StorageError as error:
            return self._outcome(ScanResult.FAILED, code, source, error.message)
        voucher, owner, answer = change.voucher, change.customer, change.answer
        if answer.confirmation is Confirmation.REFUSED:  # the platform's word wins: the card turns red
            message = QT_TRANSLATE_NOOP("Scans", "The loyalty platform refused it: {reason} Nothing was marked.").fill(
                reason=answer.message
            )
            return self._outcome(ScanResult.REFUSED, code, source, message, voucher, owner, change.before,
                                 voucher.status, key=change.outbox_key, answer=answer)  # fmt: skip
        message = QT_TRANSLATE_NOOP("Scans", "“{title}” marked as used for {customer}. {answer}").fill(
            title=voucher.title,
            customer=owner.name,
            answer=answer.message,  # confirmed, or only kept
        )
        return self._outcome(ScanResult.MARKED, code, source, message, voucher, owner, change.before, change.after,
                             key=change.outbox_key, answer=answer)  # fmt: skip

    def _refused(self, code: str, source: ScanSource, why: str, found: VoucherLookup) -> ScanOutcome:
        status = found.voucher.status
        return self._outcome(ScanResult.REFUSED, code, source, why, found.voucher, found.customer, status, status)

    def _not_found(self, code: str, source: ScanSource, message: str) -> ScanOutcome:
        member = self._member(code)
        if member is not None:  # a member card held up by mistake, or to find the customer: say whose it is
            text = QT_TRANSLATE_NOOP(
                "Scans", "{code} is the member number of {customer}, not a voucher. Nothing was marked."
            )
            text = text.fill(code=code, customer=member.name)
            return self._outcome(ScanResult.MEMBER, code, source, text, customer=member)
        text = QT_TRANSLATE_NOOP(
            "Scans", "{problem} If it was redeemed a moment ago, sync and scan again, or search for the customer."
        ).fill(problem=message)
        return self._outcome(ScanResult.NOT_FOUND, code, source, text)

    def _member(self, code: str) -> CustomerSummary | None:
        try:
            with self.actions.db.unit_of_work() as session:
                customer = replica_rows.customer_by_member_number(session, code)
                return summary(customer, customer.connection) if customer is not None else None
        except StorageError:
            return None  # only a hint; the not-found answer stands without it

    def _outcome(self, result: ScanResult, code: str, source: ScanSource, message: str,
                 voucher: VoucherInfo | None = None, customer: CustomerSummary | None = None,
                 before: VoucherStatus | None = None, after: VoucherStatus | None = None, *, key: str | None = None,
                 answer: PlatformAnswer | None = None) -> ScanOutcome:  # fmt: skip
        log.info("scan from %s: %s", source.value, result.value)  # no codes or names: support needs the shape only
        return ScanOutcome(result, code, source, message, self.actions.clock.now(), voucher, customer,
                           before, after, key, answer)  # fmt: skip
