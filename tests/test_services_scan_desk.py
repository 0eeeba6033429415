"""ScanDesk: what a scanned or typed code does — marked, ready to confirm, or refused with its reason — and
that nothing arriving from a scanner (noise, garbage, arbitrary bytes) can crash it or change anything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.actions import StaffActions
from frontdesk.services.dto import ScanResult, ScanSource
from frontdesk.services.scan_desk import EXCERPT_LENGTH, ScanDesk, excerpt
from frontdesk.storage.database import Database

if TYPE_CHECKING:
    from conftest import DataBuilder, FixedClock

Snapshot = Callable[[Path], dict[str, list[tuple[Any, ...]]]]


def _desk(db: Database, clock: FixedClock) -> ScanDesk:
    return ScanDesk(StaffActions(db, StaffMember("Robin Desk", StaffRole.FRONT_DESK, "Desk 1", "Downtown"), clock))


def test_an_unused_voucher_is_marked_at_once_with_its_audit_and_outbox_entries(
    db: Database, builder: DataBuilder, clock: FixedClock
) -> None:
    owner = builder.customer("Isla", "Lewis")
    voucher = builder.voucher(owner, code="50012345", title="Free smoothie")
    outcome = _desk(db, clock).scan("]C050012345\r", ScanSource.SCANNER)  # AIM prefix and CR from a scanner
    assert outcome.result is ScanResult.MARKED and outcome.ok
    assert (outcome.code, outcome.source, outcome.at) == ("50012345", ScanSource.SCANNER, clock.now())
    assert outcome.message == (
        "“Free smoothie” marked as used for Isla Lewis. "
        "Saved on this desk; it will be sent to the loyalty platform at the next sync."  # no platform to confirm it
    )
    assert outcome.answer is not None and not outcome.confirmed
    assert outcome.customer is not None and outcome.customer.id == owner
    assert outcome.voucher is not None and outcome.voucher.id == voucher
    assert (outcome.before, outcome.after) == (VoucherStatus.UNUSED, VoucherStatus.USED)
    assert builder.rows("SELECT status, used_by_desk FROM vouchers") == [("USED", "Desk 1")]
    assert builder.rows("SELECT action, target_id, from_value, to_value FROM audit_log") == [
        ("mark_voucher_used", voucher, "UNUSED", "USED")
    ]
    assert builder.rows("SELECT kind, target_id, state FROM outbox") == [("voucher_status", voucher, "PENDING")]


def test_a_qr_coupon_code_finds_its_voucher(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    builder.voucher(builder.customer("Ana", "Souza"), coupon="SPRING-7F3K2Q")
    outcome = _desk(db, clock).scan("spring-7f3k2q", ScanSource.CAMERA)
    assert outcome.result is ScanResult.MARKED and outcome.code == "SPRING-7F3K2Q"


@pytest.mark.parametrize(
    ("status", "expires_in_days", "words"),
    [
        (VoucherStatus.USED, 30, "Already used on"),
        (VoucherStatus.ISSUED, 30, "code the customer uses online"),
        (VoucherStatus.PROCESSING, 30, "fulfilled automatically"),
        (VoucherStatus.EXPIRED, -3, "expired"),
        (VoucherStatus.VOIDED, 30, "cancelled"),
        (VoucherStatus.UNUSED, -1, "expired"),  # unused, but past its expiry date
    ],
)
@pytest.mark.parametrize("confirm_first", [False, True])
def test_a_voucher_that_cannot_be_used_says_why_whose_it_is_and_changes_nothing(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot,
    status: VoucherStatus, expires_in_days: int, words: str, confirm_first: bool,
) -> None:  # fmt: skip
    owner = builder.customer("Noah", "Anderson")
    builder.voucher(owner, status, code="50000077", expires_at=clock.now() + timedelta(days=expires_in_days))
    before = snapshot(db.path)
    outcome = _desk(db, clock).scan("50000077", ScanSource.CAMERA, confirm_first=confirm_first)
    assert outcome.result is ScanResult.REFUSED and not outcome.ok
    assert words in outcome.message
    assert outcome.customer is not None and outcome.customer.name == "Noah Anderson"
    assert outcome.voucher is not None and outcome.voucher.title == "Free smoothie"
    assert outcome.before is outcome.after is status
    assert snapshot(db.path) == before


def test_used_says_where_and_when(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    builder.voucher(builder.customer("Maya", "Chen"), VoucherStatus.USED, code="50000078",
                    used_at=clock.now() - timedelta(hours=1), used_location="Harbour View")  # fmt: skip
    outcome = _desk(db, clock).scan("50000078", ScanSource.TYPED)
    assert outcome.message.startswith("Already used on ") and "at Harbour View" in outcome.message
    assert outcome.message.endswith("Nothing was changed.")


def test_the_same_voucher_twice_is_marked_once(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    builder.voucher(builder.customer("Ben", "Okafor"), code="50000079")
    desk = _desk(db, clock)
    first, second = desk.scan("50000079", ScanSource.CAMERA), desk.scan("50000079", ScanSource.SCANNER)
    assert (first.result, second.result) == (ScanResult.MARKED, ScanResult.REFUSED)
    assert "Already used" in second.message
    assert len(builder.rows("SELECT * FROM outbox")) == 1


def test_confirm_first_shows_the_voucher_and_marks_only_when_confirmed(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot
) -> None:
    builder.voucher(builder.customer("Chloe", "Martin"), code="50000080", title="Guest pass")
    desk = _desk(db, clock)
    before = snapshot(db.path)
    ready = desk.scan(" 5000 0080 ", ScanSource.CAMERA, confirm_first=True)
    assert ready.result is ScanResult.READY and ready.ok
    assert ready.message == "“Guest pass” for Chloe Martin is ready to use. Press Enter to mark it used."
    assert snapshot(db.path) == before
    marked = desk.mark(ready.code, ready.source)
    assert marked.result is ScanResult.MARKED
    assert builder.rows("SELECT status FROM vouchers") == [("USED",)]


def test_an_unknown_code_is_not_found_on_this_desk(db: Database, builder: DataBuilder, clock: FixedClock) -> None:
    builder.voucher(builder.customer("Elif", "Kaya"), code="50000081")
    outcome = _desk(db, clock).scan("59999999", ScanSource.CAMERA)
    assert outcome.result is ScanResult.NOT_FOUND and outcome.customer is None
    assert outcome.message.startswith("Voucher 59999999 was not found on this desk.")
    assert "search for the customer" in outcome.message


def test_a_member_number_is_recognised_as_a_customer(
    db: Database, builder: DataBuilder, clock: FixedClock, snapshot: Snapshot
) -> None:
    member = builder.customer("Goran", "Petrov", member_number="M0000042")
    before = snapshot(db.path)
    outcome = _desk(db, clock).scan("m0000042", ScanSource.SCANNER)
    assert outcome.result is ScanResult.MEMBER and not outcome.ok  # a member card, not "not found"
    assert outcome.customer is not None and outcome.customer.id == member
    assert outcome.message == "M0000042 is the member number of Goran Petrov, not a voucher. Nothing was marked."
    assert snapshot(db.path) == before


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("", "(empty)"), ("\r\n", "(empty)"), ("hello world!", "hello world!"), ("a\x00b c!", "a b c!"),
     ("x" * 100, "x" * (EXCERPT_LENGTH - 1) + "…")],
)  # fmt: skip
def test_garbage_is_unreadable_and_shown_safely(db: Database, clock: FixedClock, raw: str, shown: str) -> None:
    outcome = _desk(db, clock).scan(raw, ScanSource.SCANNER)
    assert outcome.result is ScanResult.UNREADABLE and outcome.code == shown
    assert outcome.message in (
        "The scan was empty. Please scan or type the code again.",
        "That does not look like a voucher code. Please scan again, or type the code printed under the barcode.",
    )


def test_excerpt_keeps_only_printable_text() -> None:
    assert excerpt("\x02]C0ABC\x03") == "]C0ABC"
    assert len(excerpt("é" * 500)) == EXCERPT_LENGTH


@pytest.fixture(scope="module")
def scan_db(tmp_path_factory: pytest.TempPathFactory, data_builder: type[DataBuilder]) -> Database:
    path = tmp_path_factory.mktemp("scan") / "desk.db"
    database = Database(path)
    builder = data_builder(path)
    for number, status in enumerate(VoucherStatus):  # UNUSED first: code 50000000 is the only usable one
        builder.voucher(builder.customer("Ada", status.value.title()), status, code=f"500000{number:02d}")
    return database


def _texts_and_bytes() -> st.SearchStrategy[str]:
    as_bytes = st.binary(max_size=80).map(lambda b: b.decode("utf-8", errors="replace"))
    as_latin = st.binary(max_size=80).map(lambda b: b.decode("latin-1"))
    near_codes = st.from_regex(r"\A[\x00-\x20\]]{0,3}[A-Za-z0-9\-_./: ]{0,70}[\r\n\t]{0,2}\Z")
    return st.one_of(st.text(max_size=120), as_bytes, as_latin, near_codes)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=_texts_and_bytes(), source=st.sampled_from(ScanSource), confirm_first=st.booleans())
def test_anything_a_scanner_sends_gets_a_clear_answer_and_changes_nothing_else(
    scan_db: Database, clock: FixedClock, snapshot: Snapshot, data_builder: type[DataBuilder],
    raw: str, source: ScanSource, confirm_first: bool,
) -> None:  # fmt: skip
    before = snapshot(scan_db.path)
    outcome = _desk(scan_db, clock).scan(raw, source, confirm_first=confirm_first)
    assert outcome.message.strip() and outcome.code.strip() and len(outcome.code) <= 70
    assert outcome.source is source
    assert outcome.result is not ScanResult.FAILED
    if outcome.result is ScanResult.MARKED:  # only the one Unused voucher can ever be marked, once
        assert outcome.voucher is not None and outcome.voucher.code == "50000000"
        (status,) = data_builder(scan_db.path).rows("SELECT status FROM vouchers WHERE code = '50000000'")[0]
        assert status == "USED"
    else:
        assert snapshot(scan_db.path) == before
