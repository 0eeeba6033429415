"""The hub decides time and identity: a desk's `acted_at` counts only within the offline window, every change is
recorded with the signed-in account, and an Idempotency-Key belongs to the account that sent it."""

from __future__ import annotations

import argparse
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Row, select

from frontdesk.cli.server_cmd import register
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import create_app, create_customer, create_voucher
from frontdesk.hub.models import ChangeLog
from frontdesk.hub.settings import HubSettings
from frontdesk.protocol.wire import ConnectionStatusChange, VoucherStatusChange
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import Accepted, Refused
from sync.helpers import Platform, serve


def key() -> str:
    return str(uuid.uuid4())


def now() -> datetime:
    return datetime.now(UTC)


def new_voucher(engine: Engine, *, created: datetime, expires: datetime | None = None) -> int:
    user_id, _ = create_customer(engine, first_name="Time", last_name="Keeper")
    return create_voucher(engine, user_id=user_id, now=created, expires_dt=expires)


def use(
    client: PlatformClient, voucher_id: int, acted_at: datetime | None, idempotency_key: str | None = None
) -> object:
    change = VoucherStatusChange(VoucherStatus.USED, location="Downtown", desk="Desk 1", acted_at=acted_at)
    return client.patch_voucher_status(voucher_id, change, idempotency_key=idempotency_key or key())


def log_of(engine: Engine, object_id: int) -> list[Row[Any]]:
    with engine.connect() as db:
        query = select(ChangeLog.__table__).where(ChangeLog.object_id == object_id).order_by(ChangeLog.id)
        return list(db.execute(query).all())


def test_an_expired_voucher_cannot_be_used_by_backdating_the_scan(platform: Platform, desk: PlatformClient) -> None:
    voucher_id = new_voucher(platform.engine, created=now() - timedelta(days=10), expires=now() - timedelta(days=5))
    result = use(desk, voucher_id, acted_at=now() - timedelta(days=6))  # "scanned" the day before it expired
    assert isinstance(result, Refused) and (result.http_status, result.code) == (409, "acted_at_too_old")
    assert "more than 72 hours ago" in result.message
    assert result.current is not None and result.current.status is VoucherStatus.UNUSED
    expired = use(desk, voucher_id, acted_at=None)
    assert isinstance(expired, Refused) and expired.code == "voucher_expired"
    assert log_of(platform.engine, voucher_id) == []


def test_a_scan_made_offline_within_the_window_is_judged_at_its_time(platform: Platform, desk: PlatformClient) -> None:
    voucher_id = new_voucher(platform.engine, created=now() - timedelta(days=10), expires=now() - timedelta(hours=5))
    acted = now() - timedelta(hours=30)  # scanned offline while it was still valid
    result = use(desk, voucher_id, acted_at=acted)
    assert isinstance(result, Accepted) and result.object.used_dt == acted


def test_a_program_change_older_than_the_window_is_refused_as_a_conflict(
    platform: Platform, desk: PlatformClient
) -> None:
    _, connection_id = create_customer(platform.engine, first_name="Old", last_name="News", status=ProgramStatus.ACTIVE)
    change = ConnectionStatusChange(ProgramStatus.INACTIVE, desk="Desk 1", acted_at=now() - timedelta(hours=73))
    result = desk.patch_connection_status(connection_id, change, idempotency_key=key())
    assert isinstance(result, Refused) and (result.http_status, result.code) == (409, "acted_at_too_old")
    assert result.message.startswith("This change was made offline more than 72 hours ago")
    assert result.current is not None and result.current.status is ProgramStatus.ACTIVE


def test_a_change_dated_before_the_voucher_existed_is_refused(platform: Platform, desk: PlatformClient) -> None:
    voucher_id = new_voucher(platform.engine, created=now() - timedelta(hours=1))
    result = use(desk, voucher_id, acted_at=now() - timedelta(hours=2))
    assert isinstance(result, Refused) and result.code == "acted_at_too_old"
    assert "before the voucher existed" in result.message
    assert result.current is not None and result.current.status is VoucherStatus.UNUSED


def test_the_offline_window_is_a_hub_setting(platform_db: Engine) -> None:
    voucher_id = new_voucher(platform_db, created=now() - timedelta(days=1))
    settings = HubSettings(offline_window=timedelta(hours=1))
    with serve(create_app(platform_db, settings=settings)) as url, PlatformClient(url) as client:
        client.sign_in("desk", "desk-pass")
        refused = use(client, voucher_id, acted_at=now() - timedelta(hours=2))
        assert isinstance(refused, Refused) and refused.code == "acted_at_too_old"
        assert "more than 1 hour ago" in refused.message
        assert isinstance(use(client, voucher_id, acted_at=now() - timedelta(minutes=30)), Accepted)


def test_the_server_command_takes_the_offline_window_in_hours() -> None:
    root = argparse.ArgumentParser(prog="frontdesk")
    register(root.add_subparsers(dest="command", required=True))
    assert root.parse_args(["server", "--db", "x.db", "--port", "1"]).offline_window == 72
    assert root.parse_args(["server", "--db", "x.db", "--port", "1", "--offline-window", "24"]).offline_window == 24


def test_every_change_records_the_signed_in_account_whatever_staff_name_the_desk_sends(
    platform: Platform, desk: PlatformClient
) -> None:
    voucher_id = new_voucher(platform.engine, created=now() - timedelta(days=1))
    change = VoucherStatusChange(VoucherStatus.USED, desk="Desk 7", staff_name="admin")
    accepted = desk.patch_voucher_status(voucher_id, change, idempotency_key=key())
    assert isinstance(accepted, Accepted) and accepted.object.used_by_staff == "admin"  # the desk's label
    _, connection_id = create_customer(platform.engine, first_name="Who", last_name="Did", status=ProgramStatus.PENDING)
    status = ConnectionStatusChange(ProgramStatus.INACTIVE, desk="Desk 7", staff_name="manager")
    assert isinstance(desk.patch_connection_status(connection_id, status, idempotency_key=key()), Accepted)
    for object_id, staff_name in ((voucher_id, "admin"), (connection_id, "manager")):
        [entry] = [e for e in log_of(platform.engine, object_id) if e.desk == "Desk 7"]
        assert (entry.account, entry.staff_name) == ("desk", staff_name)


def test_one_key_from_two_accounts_is_two_changes(platform: Platform) -> None:
    shared = key()
    mine = new_voucher(platform.engine, created=now() - timedelta(days=1))
    theirs = new_voucher(platform.engine, created=now() - timedelta(days=1))
    with platform.signed_in("desk") as desk, platform.signed_in("manager") as manager:
        first = use(desk, mine, acted_at=None, idempotency_key=shared)
        second = use(manager, theirs, acted_at=None, idempotency_key=shared)
        assert isinstance(first, Accepted) and isinstance(second, Accepted)
        assert not first.replayed and not second.replayed
        again = use(desk, mine, acted_at=None, idempotency_key=shared)
        assert isinstance(again, Accepted) and again.replayed and again.object == first.object
        # The manager's key holds the manager's change: sending the desk's change with it is another request.
        crossed = use(manager, mine, acted_at=None, idempotency_key=shared)
        assert isinstance(crossed, Refused) and crossed.code == "idempotency_key_reused"
    assert [(e.account, e.idempotency_key) for e in log_of(platform.engine, mine)] == [("desk", shared)]
    assert [(e.account, e.idempotency_key) for e in log_of(platform.engine, theirs)] == [("manager", shared)]
