"""The desk's side of batches: packing changes into a body the platform takes, and reading each answer as the
answer to its own PATCH — or refusing a batch answer that does not answer exactly the changes sent."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire import ProtocolError, Voucher, VoucherStatusChange
from frontdesk.protocol.wire_batch import (
    BATCH_MAX_BYTES,
    BATCH_MAX_CHANGES,
    BatchAnswer,
    BatchChange,
    ChangeAnswer,
    ChangeBatch,
)
from frontdesk.sync.batches import pack, read_answers
from frontdesk.sync.results import Accepted, Refused, Unknown

NOW = datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
VOUCHER = Voucher(50_000_001, 1, 1, "Free smoothie", "50000001", None, VoucherStatus.USED, 10, NOW, None, NOW,
                  "Downtown", "Desk 1", "Sam", NOW)  # fmt: skip


def change(n: int, reason_length: int = 0) -> BatchChange:
    reason = "r" * reason_length or None
    return BatchChange(f"key-{n}", "vouchers", 50_000_001 + n, VoucherStatusChange(VoucherStatus.USED, reason=reason))


@given(st.lists(st.integers(0, 3000), min_size=1, max_size=40), st.integers(200, 40_000))
def test_a_batch_takes_the_changes_that_fit_from_the_first_and_no_more(reasons: list[int], max_bytes: int) -> None:
    changes = [change(n, length) for n, length in enumerate(reasons)]
    count, body = pack(changes, max_bytes)
    sizes = [len(json.dumps(c.to_json(), separators=(",", ":"))) for c in changes]
    if count == 0:
        assert len('{"changes":[]}') + sizes[0] > max_bytes  # the first alone is too large: it goes as a PATCH
        return
    assert len(body) <= max_bytes
    assert ChangeBatch.from_json(json.loads(body)).changes == tuple(changes[:count])
    if count < len(changes):
        assert len(body) + 1 + sizes[count] > max_bytes  # the next one would not have fitted


def test_a_batch_holds_at_most_the_protocols_count() -> None:
    count, body = pack([change(n) for n in range(BATCH_MAX_CHANGES + 20)])
    assert count == BATCH_MAX_CHANGES and len(body) <= BATCH_MAX_BYTES


def answer(key: str, status: int, body: dict[str, object], replayed: bool = False) -> ChangeAnswer:
    return ChangeAnswer(key, status, replayed, body)


def test_each_answer_is_read_as_its_patchs_answer() -> None:
    sent = [change(n) for n in range(4)]
    refusal = {"errors": {"__all__": [{"code": "voucher_not_unused", "message": "Already used."}]},
               "current": VOUCHER.to_json()}  # fmt: skip
    results = read_answers(sent, BatchAnswer((
        answer("key-0", 200, VOUCHER.to_json()),
        answer("key-1", 200, VOUCHER.to_json(), replayed=True),
        answer("key-2", 409, refusal),
        answer("key-3", 503, {"errors": {"__all__": [{"code": "busy", "message": "Busy."}]}}),
    )))  # fmt: skip
    assert results[:3] == [
        Accepted(VOUCHER),
        Accepted(VOUCHER, replayed=True),
        Refused(409, "voucher_not_unused", "Already used.", VOUCHER),
    ]
    assert isinstance(results[3], Unknown)  # worth another try: it waits, with its key, for the next push


@pytest.mark.parametrize(
    "answers",
    [
        (answer("key-0", 200, VOUCHER.to_json()),),  # one answer short
        (answer("key-0", 200, VOUCHER.to_json()), answer("key-9", 200, VOUCHER.to_json())),  # another change's
        (answer("key-0", 200, VOUCHER.to_json()), answer("key-1", 200, {"status": "USED"})),  # not a voucher
    ],
)
def test_a_batch_answer_that_does_not_answer_the_changes_sent_is_a_protocol_error(
    answers: tuple[ChangeAnswer, ...],
) -> None:
    with pytest.raises(ProtocolError):
        read_answers([change(0), change(1)], BatchAnswer(answers))
