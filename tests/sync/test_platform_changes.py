"""Every change is re-checked on the server with the domain rules; each refusal has its code and status."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine, select

from frontdesk.domain.program import PROGRAM_TRANSITIONS, ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub.models import ChangeLog
from frontdesk.hub.remote import create_customer, create_voucher
from frontdesk.protocol.wire import ConnectionStatusChange, MembershipStatus, Voucher, VoucherStatusChange
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import Accepted, PushResult, Refused
from sync.helpers import Platform


def key() -> str:
    return str(uuid.uuid4())


def customer(
    engine: Engine,
    status: ProgramStatus = ProgramStatus.ACTIVE,
    membership_status: MembershipStatus = MembershipStatus.ACTIVE,
) -> tuple[int, int]:
    return create_customer(
        engine, first_name="Ada", last_name="Lovelace", status=status, membership_status=membership_status
    )


def mark_used(
    client: PlatformClient, voucher_id: int, staff_name: str | None = None, acted_at: datetime | None = None
) -> PushResult[Voucher]:
    change = VoucherStatusChange(
        VoucherStatus.USED, location="Downtown", desk="Desk 1", staff_name=staff_name, acted_at=acted_at
    )
    return client.patch_voucher_status(voucher_id, change, idempotency_key=key())


def test_marking_an_unused_voucher_used_records_who_where_and_when(platform: Platform, desk: PlatformClient) -> None:
    user_id, _ = customer(platform.engine)
    voucher_id = create_voucher(platform.engine, user_id=user_id, now=datetime.now(UTC) - timedelta(days=1))
    before = desk.get_voucher(voucher_id)
    acted = datetime.now(UTC) - timedelta(hours=3)  # scanned offline three hours ago
    result = mark_used(desk, voucher_id, staff_name="Sam", acted_at=acted)
    assert isinstance(result, Accepted) and not result.replayed
    voucher = result.object
    assert voucher.status is VoucherStatus.USED and voucher.code == str(voucher_id)
    assert (voucher.used_location, voucher.used_by_desk, voucher.used_by_staff) == (
        "Downtown",
        "Desk 1",
        "Sam",
    )
    assert voucher.used_dt == acted
    assert before is not None and voucher.last_mod_dt > before.last_mod_dt
    assert desk.get_voucher(voucher_id) == voucher


def test_a_voucher_used_elsewhere_is_refused_with_who_used_it(platform: Platform, desk: PlatformClient) -> None:
    user_id, _ = customer(platform.engine)
    voucher_id = create_voucher(platform.engine, user_id=user_id)
    first = mark_used(desk, voucher_id, staff_name="Sam")
    assert isinstance(first, Accepted)
    second = mark_used(desk, voucher_id, staff_name="Kim")
    assert isinstance(second, Refused)
    assert (second.http_status, second.code) == (409, "voucher_not_unused")
    assert "Already used" in second.message and "Downtown" in second.message
    assert second.current == first.object
    raw = httpx.patch(
        f"{platform.base_url}/v2/vouchers/{voucher_id}/",
        json={"status": "USED"},
        headers={"Authorization": f"Bearer {desk.token}", "Idempotency-Key": key()},
    ).json()
    item = raw["errors"]["__all__"][0]
    assert (item["used_by_desk"], item["used_by_staff"], item["used_location"]) == (
        "Desk 1",
        "Sam",
        "Downtown",
    )
    assert item["used_dt"] == raw["current"]["used_dt"]


@pytest.mark.parametrize(
    "status", [VoucherStatus.ISSUED, VoucherStatus.PROCESSING, VoucherStatus.EXPIRED, VoucherStatus.VOIDED]
)
def test_vouchers_that_are_not_unused_cannot_be_marked(
    platform: Platform, desk: PlatformClient, status: VoucherStatus
) -> None:
    user_id, _ = customer(platform.engine)
    voucher_id = create_voucher(platform.engine, user_id=user_id, status=status)
    result = mark_used(desk, voucher_id)
    assert isinstance(result, Refused) and (result.http_status, result.code) == (409, "voucher_not_unused")
    assert result.current is not None and result.current.status is status


def test_an_unused_voucher_past_its_expiry_is_refused_as_expired(platform: Platform, desk: PlatformClient) -> None:
    user_id, _ = customer(platform.engine)
    expired = datetime.now(UTC) - timedelta(days=1)
    created = expired - timedelta(days=1)
    voucher_id = create_voucher(platform.engine, user_id=user_id, expires_dt=expired, now=created)
    result = mark_used(desk, voucher_id)
    assert isinstance(result, Refused) and (result.http_status, result.code) == (409, "voucher_expired")
    # Scanned offline before it expired: accepted, because staff acted in time.
    accepted = mark_used(desk, voucher_id, acted_at=expired - timedelta(hours=2))
    assert isinstance(accepted, Accepted)


def test_setting_back_to_unused_needs_a_used_voucher_a_reason_and_an_employee(platform: Platform) -> None:
    user_id, _ = customer(platform.engine)
    voucher_id = create_voucher(platform.engine, user_id=user_id)
    with platform.signed_in("desk") as desk, platform.signed_in("manager") as manager:
        back = VoucherStatusChange(VoucherStatus.UNUSED, reason="Scanned the wrong voucher", desk="Desk 2")
        not_used = manager.patch_voucher_status(voucher_id, back, idempotency_key=key())
        assert isinstance(not_used, Refused) and (not_used.http_status, not_used.code) == (
            409,
            "voucher_not_used",
        )
        assert isinstance(mark_used(desk, voucher_id), Accepted)
        role = desk.patch_voucher_status(voucher_id, back, idempotency_key=key())
        assert isinstance(role, Refused) and (role.http_status, role.code) == (403, "role_not_allowed")
        assert role.current is not None and role.current.status is VoucherStatus.USED
        blank = VoucherStatusChange(VoucherStatus.UNUSED, reason="  ")
        no_reason = manager.patch_voucher_status(voucher_id, blank, idempotency_key=key())
        assert isinstance(no_reason, Refused) and (no_reason.http_status, no_reason.code) == (
            409,
            "reason_required",
        )
        done = manager.patch_voucher_status(voucher_id, back, idempotency_key=key())
    assert isinstance(done, Accepted) and done.object.status is VoucherStatus.UNUSED
    assert done.object.used_dt is None and done.object.used_by_desk is None
    with platform.engine.connect() as db:
        log = db.execute(select(ChangeLog).where(ChangeLog.object_id == voucher_id).order_by(ChangeLog.id)).all()
    assert [(row.from_status, row.to_status) for row in log] == [("UNUSED", "USED"), ("USED", "UNUSED")]
    assert log[1].reason == "Scanned the wrong voucher" and log[1].account == "manager"


def test_unknown_objects_are_404(desk: PlatformClient) -> None:
    result = mark_used(desk, 99_999_999)
    assert isinstance(result, Refused) and (result.http_status, result.code, result.current) == (
        404,
        "not_found",
        None,
    )
    change = ConnectionStatusChange(ProgramStatus.INACTIVE)
    gone = desk.patch_connection_status(424242, change, idempotency_key=key())
    assert isinstance(gone, Refused) and gone.code == "not_found"
    assert desk.get_voucher(99_999_999) is None


@pytest.mark.parametrize(("current", "target"), sorted(PROGRAM_TRANSITIONS))
def test_program_status_changes_follow_the_domain_table(
    platform: Platform, desk: PlatformClient, current: ProgramStatus, target: ProgramStatus
) -> None:
    _, connection_id = customer(platform.engine, status=current)
    result = desk.patch_connection_status(connection_id, ConnectionStatusChange(target), idempotency_key=key())
    if PROGRAM_TRANSITIONS[(current, target)].allowed:
        assert isinstance(result, Accepted) and result.object.status is target
    else:
        assert isinstance(result, Refused) and (result.http_status, result.code) == (
            409,
            "transition_not_allowed",
        )
        assert result.current is not None and result.current.status is current


def test_active_needs_an_active_membership(platform: Platform, desk: PlatformClient) -> None:
    _, connection_id = customer(platform.engine, ProgramStatus.PENDING, MembershipStatus.INACTIVE)
    change = ConnectionStatusChange(ProgramStatus.ACTIVE, desk="Desk 1", staff_name="Sam")
    result = desk.patch_connection_status(connection_id, change, idempotency_key=key())
    assert isinstance(result, Refused) and (result.http_status, result.code) == (409, "membership_not_active")
    inactive = desk.patch_connection_status(
        connection_id, ConnectionStatusChange(ProgramStatus.INACTIVE), idempotency_key=key()
    )
    assert isinstance(inactive, Accepted) and inactive.object.status is ProgramStatus.INACTIVE


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"status": "USED", "acted_at": "yesterday"}',
        b'{"status": "VOIDED"}',
        b'{"state": "USED"}',
        b'{"status": "USED", "location": 7}',
        "\u00ff".encode("latin-1"),
    ],
)
def test_malformed_change_bodies_are_422(platform: Platform, desk: PlatformClient, body: bytes) -> None:
    reply = httpx.patch(
        f"{platform.base_url}/v2/vouchers/1/",
        content=body,
        headers={
            "Authorization": f"Bearer {desk.token}",
            "Idempotency-Key": key(),
            "Content-Type": "application/json",
        },
    )
    assert reply.status_code == 422
    assert reply.json()["errors"]["__all__"][0]["code"] == "invalid_body"


def test_a_change_without_an_idempotency_key_is_400(platform: Platform, desk: PlatformClient) -> None:
    for headers in ({}, {"Idempotency-Key": ""}, {"Idempotency-Key": "x" * 201}):
        reply = httpx.patch(
            f"{platform.base_url}/v2/connections/1/",
            json={"status": "INACTIVE"},
            headers={"Authorization": f"Bearer {desk.token}", **headers},
        )
        assert reply.status_code == 400
        assert reply.json()["errors"]["__all__"][0]["code"].startswith("idempotency_key_")
