"""load_customer: the side panel's data — details, status choices with reasons, vouchers with explanations."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import update

from frontdesk.domain.errors import NotFoundError
from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.program import ProgramStatus, allowed_targets
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.customers import load_customer, status_choices
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection

if TYPE_CHECKING:
    from datetime import datetime

    from conftest import DataBuilder, FixedClock


def test_details(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    cid = builder.customer(
        "Grace",
        "Hopper",
        email="grace@navy.example",
        other_emails="g.hopper@work.example\n\n  \nadmiral@cobol.example",
        phone="555-010-1906",
        member_number="M0001906",
    )
    detail = load_customer(db, cid, clock)
    assert detail.summary.name == "Grace Hopper"
    assert detail.summary.member_number == "M0001906" and detail.summary.phone == "555-010-1906"
    assert detail.summary.status is ProgramStatus.ACTIVE
    assert detail.emails == ("grace@navy.example", "g.hopper@work.example", "admiral@cobol.example")
    assert detail.birthday is not None and detail.birthday.isoformat() == "1990-05-17"
    assert (detail.point_balance, detail.home_location) == (1234, "Riverside")
    assert detail.vouchers == ()
    assert detail.summary.has_pending_change is False


def test_unknown_customer(db: Database, clock: FixedClock) -> None:
    with pytest.raises(NotFoundError) as error:
        load_customer(db, 4242, clock)
    assert error.value.message == "There is no customer number 4242 on this desk."


def test_customer_outside_the_program_has_no_status_and_no_choices(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    cid = builder.customer("Ada", "Lovelace", status=None)
    detail = load_customer(db, cid, clock)
    assert detail.summary.status is None
    assert detail.status_choices == ()
    assert (detail.point_balance, detail.home_location, detail.membership) == (0, "", None)


@pytest.mark.parametrize("status", list(ProgramStatus), ids=lambda s: s.value)
def test_status_choices_for_every_status(
    db: Database, builder: DataBuilder, clock: FixedClock, status: ProgramStatus
) -> None:
    cid = builder.customer("Katherine", "Johnson", status=status)
    choices = load_customer(db, cid, clock).status_choices
    assert [c.status for c in choices] == [s for s in ProgramStatus if s is not status]
    assert [c.status for c in choices if c.allowed] == allowed_targets(status)
    for choice in choices:
        assert len(choice.note) > 10 and choice.note.endswith(".")
    assert choices == status_choices(status)


def test_vouchers_newest_first_with_explanations(
    db: Database, builder: DataBuilder, clock: FixedClock, now: datetime
) -> None:
    cid = builder.customer("Dorothy", "Vaughan")
    made = {status: builder.voucher(cid, status) for status in VoucherStatus}
    stale = builder.voucher(cid, VoucherStatus.UNUSED, expires_at=now - timedelta(hours=1))
    detail = load_customer(db, cid, clock)
    assert [v.id for v in detail.vouchers] == sorted([*made.values(), stale], reverse=True)
    by_id = {v.id: v for v in detail.vouchers}

    ready = by_id[made[VoucherStatus.UNUSED]]
    assert ready.explanation == "Ready to use." and ready.can_mark_used and not ready.can_set_back

    used = by_id[made[VoucherStatus.USED]]
    assert used.explanation.startswith("Already used") and "Harbour View" in used.explanation
    assert used.can_set_back and not used.can_mark_used

    for status in (VoucherStatus.ISSUED, VoucherStatus.PROCESSING, VoucherStatus.EXPIRED, VoucherStatus.VOIDED):
        info = by_id[made[status]]
        assert info.status is status
        assert not info.can_mark_used and not info.can_set_back
        assert info.explanation and info.explanation != "Ready to use."
    assert len({v.explanation for v in detail.vouchers}) == len(detail.vouchers)  # each says its own thing

    past = by_id[stale]  # Unused on the platform, but its date has passed: shown as expired, not markable
    assert past.status is VoucherStatus.UNUSED
    assert "expired" in past.explanation and not past.can_mark_used
    assert all(v.has_pending_change is False for v in detail.vouchers)


def test_coupon_code_is_shown(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    cid = builder.customer("Mae", "Jemison")
    builder.voucher(cid, VoucherStatus.ISSUED, coupon="CPN-1992")
    (voucher,) = load_customer(db, cid, clock).vouchers
    assert voucher.external_coupon_code == "CPN-1992"
    assert "online" in voucher.explanation


@pytest.mark.parametrize("status", [ProgramStatus.IMPORTED, ProgramStatus.PENDING], ids=lambda s: s.value)
def test_an_inactive_membership_is_not_offered_active_and_says_why(
    db: Database, builder: DataBuilder, clock: FixedClock, status: ProgramStatus
) -> None:
    cid = builder.customer("Felix", "Clark", status=status)
    with db.unit_of_work() as session:  # the platform sent the membership as inactive
        session.execute(update(Connection).where(Connection.customer_id == cid).values(membership_status="INACTIVE"))
    detail = load_customer(db, cid, clock)
    assert detail.membership is MembershipStatus.INACTIVE
    active = next(c for c in detail.status_choices if c.status is ProgramStatus.ACTIVE)
    assert not active.allowed
    assert active.note == "The customer's membership is not active, so they cannot be set Active in the program."
    assert [c.status for c in detail.status_choices if c.allowed] == [
        t for t in allowed_targets(status) if t is not ProgramStatus.ACTIVE
    ]


def test_an_active_membership_is_reported_and_changes_nothing(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    cid = builder.customer("Mae", "Jemison", status=ProgramStatus.PENDING)
    detail = load_customer(db, cid, clock)
    assert detail.membership is MembershipStatus.ACTIVE
    assert [c.status for c in detail.status_choices if c.allowed] == [ProgramStatus.ACTIVE, ProgramStatus.INACTIVE]
