"""Voucher statuses: what the desk may do with each, and what staff read when it may not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from frontdesk.domain.errors import ChangeRefused, InvalidInput
from frontdesk.domain.vouchers import VoucherStatus, check_mark_used, check_set_back_to_unused, explain_status

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
NOT_UNUSED = [s for s in VoucherStatus if s is not VoucherStatus.UNUSED]
# What each refusal must talk about, in a receptionist's words.
REFUSAL_WORDS = {
    VoucherStatus.USED: "Already used",
    VoucherStatus.ISSUED: "online",
    VoucherStatus.PROCESSING: "fulfilled automatically",
    VoucherStatus.EXPIRED: "expired",
    VoucherStatus.VOIDED: "cancelled",
}


def _local(moment: datetime) -> str:
    return f"{moment.astimezone():%d %b %Y at %H:%M}"


def test_unused_voucher_can_be_marked_used() -> None:
    check_mark_used(VoucherStatus.UNUSED, expires_at=NOW + timedelta(days=1), now=NOW)
    check_mark_used(VoucherStatus.UNUSED)  # no expiry at all


@pytest.mark.parametrize("expired_for", [timedelta(0), timedelta(seconds=1), timedelta(days=400)])
def test_unused_but_past_expiry_is_refused_as_expired(expired_for: timedelta) -> None:
    expires_at = NOW - expired_for
    with pytest.raises(ChangeRefused) as refused:
        check_mark_used(VoucherStatus.UNUSED, expires_at=expires_at, now=NOW)
    assert refused.value.code == "voucher_expired"
    assert "expired" in refused.value.message
    assert _local(expires_at) in refused.value.message


@pytest.mark.parametrize("status", NOT_UNUSED, ids=lambda s: s.value)
def test_every_other_status_is_refused_with_its_own_message(status: VoucherStatus) -> None:
    with pytest.raises(ChangeRefused) as refused:
        check_mark_used(status, now=NOW)
    assert refused.value.code == "voucher_not_unused"
    assert REFUSAL_WORDS[status] in refused.value.message
    assert refused.value.message[0].isupper() and refused.value.message.endswith(".")


def test_the_five_refusals_are_all_different() -> None:
    messages = set()
    for status in NOT_UNUSED:
        with pytest.raises(ChangeRefused) as refused:
            check_mark_used(status, now=NOW)
        messages.add(refused.value.message)
    assert len(messages) == len(NOT_UNUSED)


def test_used_refusal_says_when_and_where_and_that_nothing_changed() -> None:
    used_at = datetime(2026, 10, 30, 17, 45, tzinfo=UTC)
    with pytest.raises(ChangeRefused) as refused:
        check_mark_used(VoucherStatus.USED, used_at=used_at, used_where="Riverside", now=NOW)
    message = refused.value.message
    assert message.startswith("Already used")
    assert _local(used_at) in message
    assert "Riverside" in message
    assert "Nothing was changed." in message


def test_used_refusal_without_time_or_place_still_reads_well() -> None:
    with pytest.raises(ChangeRefused) as refused:
        check_mark_used(VoucherStatus.USED, now=NOW)
    assert refused.value.message == "Already used. Nothing was changed."


def test_expired_status_wins_over_the_date() -> None:
    # A voucher the platform marked Expired is refused even when its date has not passed yet.
    with pytest.raises(ChangeRefused):
        check_mark_used(VoucherStatus.EXPIRED, expires_at=NOW + timedelta(days=5), now=NOW)


def test_explain_status_for_every_status() -> None:
    assert explain_status(VoucherStatus.UNUSED) == "Ready to use."
    for status in NOT_UNUSED:
        assert REFUSAL_WORDS[status] in explain_status(status)
    when = NOW - timedelta(days=3)
    assert _local(when) in explain_status(VoucherStatus.EXPIRED, expires_at=when)


def test_only_a_used_voucher_can_be_set_back_to_unused() -> None:
    check_set_back_to_unused(VoucherStatus.USED, "Marked by mistake")


@pytest.mark.parametrize("status", [s for s in VoucherStatus if s is not VoucherStatus.USED], ids=lambda s: s.value)
def test_set_back_refused_for_every_other_status(status: VoucherStatus) -> None:
    with pytest.raises(ChangeRefused) as refused:
        check_set_back_to_unused(status, "Marked by mistake")
    assert refused.value.code == "voucher_not_used"
    assert status.label in refused.value.message
    assert "Only a used voucher" in refused.value.message


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_set_back_requires_a_reason(reason: str) -> None:
    with pytest.raises(InvalidInput) as error:
        check_set_back_to_unused(VoucherStatus.USED, reason)
    assert error.value.code == "reason_required"
    assert "reason" in error.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unused", VoucherStatus.UNUSED),
        (" Used ", VoucherStatus.USED),
        ("ISSUED", VoucherStatus.ISSUED),
        ("processing", VoucherStatus.PROCESSING),
        ("Expired", VoucherStatus.EXPIRED),
        ("voided\n", VoucherStatus.VOIDED),
    ],
)
def test_voucher_status_parse(text: str, expected: VoucherStatus) -> None:
    assert VoucherStatus.parse(text) is expected


@pytest.mark.parametrize("text", ["", "redeemed", "use", "UN USED", "ACTIVE"])
def test_voucher_status_parse_refuses_other_words(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        VoucherStatus.parse(text)
    assert "is not a voucher status" in error.value.message


def test_every_label_parses_back_to_its_status() -> None:
    for status in VoucherStatus:
        assert VoucherStatus.parse(status.label) is status
