"""Each Idempotency-Key is applied at most once and always gets its first answer back."""

from __future__ import annotations

import threading
import uuid

import httpx
from sqlalchemy import func, select

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub.models import ChangeLog, IdempotencyRecord
from frontdesk.hub.remote import create_customer, create_voucher, void_voucher
from frontdesk.protocol.wire import ConnectionStatusChange, VoucherStatusChange
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import Accepted, Refused
from sync.helpers import Platform

USE = VoucherStatusChange(VoucherStatus.USED, location="Downtown", desk="Desk 1", staff_name="Sam")


def new_voucher(platform: Platform) -> int:
    user_id, _ = create_customer(platform.engine, first_name="Grace", last_name="Hopper")
    return create_voucher(platform.engine, user_id=user_id)


def applied(platform: Platform, key: str) -> int:
    with platform.engine.connect() as db:
        return db.execute(select(func.count()).where(ChangeLog.idempotency_key == key)).scalar_one()


def test_a_repeated_key_replays_the_first_answer_and_applies_once(platform: Platform, desk: PlatformClient) -> None:
    voucher_id, key = new_voucher(platform), str(uuid.uuid4())
    first = desk.patch_voucher_status(voucher_id, USE, idempotency_key=key)
    again = desk.patch_voucher_status(voucher_id, USE, idempotency_key=key)
    assert isinstance(first, Accepted) and isinstance(again, Accepted)
    assert not first.replayed and again.replayed
    assert again.object == first.object
    assert applied(platform, key) == 1


def test_the_first_answer_is_replayed_even_after_the_state_changed(platform: Platform, desk: PlatformClient) -> None:
    voucher_id, key = new_voucher(platform), str(uuid.uuid4())
    first = desk.patch_voucher_status(voucher_id, USE, idempotency_key=key)
    void_voucher(platform.engine, voucher_id)  # the platform voids it after the desk's mark was accepted
    again = desk.patch_voucher_status(voucher_id, USE, idempotency_key=key)
    assert isinstance(first, Accepted) and isinstance(again, Accepted)
    assert again.object == first.object and again.object.status is VoucherStatus.USED
    current = desk.get_voucher(voucher_id)
    assert current is not None and current.status is VoucherStatus.VOIDED


def test_a_refusal_is_replayed_too(platform: Platform, desk: PlatformClient) -> None:
    voucher_id, key = new_voucher(platform), str(uuid.uuid4())
    assert isinstance(desk.patch_voucher_status(voucher_id, USE, idempotency_key=str(uuid.uuid4())), Accepted)
    refused = desk.patch_voucher_status(voucher_id, USE, idempotency_key=key)
    again = desk.patch_voucher_status(voucher_id, USE, idempotency_key=key)
    assert isinstance(refused, Refused) and refused == again
    assert applied(platform, key) == 0


def test_a_key_reused_for_another_change_is_422(platform: Platform, desk: PlatformClient) -> None:
    voucher_id, other_id, key = new_voucher(platform), new_voucher(platform), str(uuid.uuid4())
    assert isinstance(desk.patch_voucher_status(voucher_id, USE, idempotency_key=key), Accepted)
    for sent in (
        lambda: desk.patch_voucher_status(other_id, USE, idempotency_key=key),
        lambda: desk.patch_voucher_status(voucher_id, VoucherStatusChange(VoucherStatus.USED), idempotency_key=key),
        lambda: desk.patch_connection_status(1, ConnectionStatusChange(ProgramStatus.INACTIVE), idempotency_key=key),
    ):
        result = sent()
        assert isinstance(result, Refused) and (result.http_status, result.code) == (
            422,
            "idempotency_key_reused",
        )
    other = desk.get_voucher(other_id)
    assert other is not None and other.status is VoucherStatus.UNUSED


def test_concurrent_duplicates_of_one_key_apply_once(platform: Platform, desk: PlatformClient) -> None:
    voucher_id, key = new_voucher(platform), str(uuid.uuid4())
    url = f"{platform.base_url}/v2/vouchers/{voucher_id}/"
    headers = {"Authorization": f"Bearer {desk.token}", "Idempotency-Key": key}
    start = threading.Barrier(8)
    replies: list[httpx.Response] = []

    def send() -> None:
        with httpx.Client(timeout=30) as http:
            start.wait()
            replies.append(http.patch(url, json=USE.to_json(), headers=headers))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in replies] == [200] * 8
    assert len({r.content for r in replies}) == 1
    assert sorted(r.headers.get("Idempotent-Replayed", "") for r in replies) == [""] + ["true"] * 7
    assert applied(platform, key) == 1
    with platform.engine.connect() as db:
        assert db.execute(select(func.count()).where(IdempotencyRecord.key == key)).scalar_one() == 1


def test_concurrent_different_keys_on_one_voucher_let_exactly_one_win(platform: Platform) -> None:
    """Two desks that both scanned the same voucher offline: one is accepted, the other told who won."""
    voucher_id = new_voucher(platform)
    start = threading.Barrier(6)
    results: list[object] = []

    def desk_pushes(number: int) -> None:
        with platform.signed_in("desk") as client:
            change = VoucherStatusChange(VoucherStatus.USED, desk=f"Desk {number}")
            start.wait()
            results.append(client.patch_voucher_status(voucher_id, change, idempotency_key=str(uuid.uuid4())))

    threads = [threading.Thread(target=desk_pushes, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [r for r in results if isinstance(r, Accepted)]
    losers = [r for r in results if isinstance(r, Refused)]
    assert len(winners) == 1 and len(losers) == 5
    assert {r.code for r in losers} == {"voucher_not_unused"}
    assert all(r.current == winners[0].object for r in losers)
