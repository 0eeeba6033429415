"""A hub database from the release whose Idempotency-Keys were shared by every account keeps working: its
applied changes' keys move to the account that sent them, so a desk's retry is still answered with a replay."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import Engine, insert, inspect, select, text

from frontdesk.domain.staff import StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import add_staff, create_app, create_customer, create_voucher, make_engine
from frontdesk.hub.db import create_schema
from frontdesk.hub.idempotency import fingerprint
from frontdesk.hub.models import Base, ChangeLog, IdempotencyRecord, VoucherRow
from frontdesk.hub.remote import update_object
from frontdesk.protocol.wire import VoucherStatusChange
from frontdesk.sync.client import PlatformClient
from sync.helpers import NO_WAIT, serve

# The table as that release created it.
SHARED_KEYS = (
    "CREATE TABLE idempotency_keys (key VARCHAR(200) NOT NULL, fingerprint VARCHAR(64) NOT NULL, "
    "status_code INTEGER NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (key))"
)
STORE = "INSERT INTO idempotency_keys VALUES (:key, :print, :status, :body, 0)"


def old_hub(path: Path) -> Engine:
    engine = make_engine(str(path))
    with engine.begin() as db:
        db.execute(text(SHARED_KEYS))
    Base.metadata.create_all(engine)  # the other tables are as they were
    with engine.begin() as db:
        db.execute(text("INSERT INTO server_clock VALUES (1, 0)"))
    return engine


def test_an_old_hub_keeps_each_applied_key_for_the_account_that_sent_it(tmp_path: Path) -> None:
    engine = old_hub(tmp_path / "old-hub.db")
    add_staff(engine, "desk", "desk-pass", StaffRole.FRONT_DESK, cost=2**10)
    user_id, _ = create_customer(engine, first_name="Old", last_name="Hub")
    voucher_id = create_voucher(engine, user_id=user_id)
    path, change = f"/v2/vouchers/{voucher_id}/", VoucherStatusChange(VoucherStatus.USED, desk="Desk 1")
    applied, refused = str(uuid.uuid4()), str(uuid.uuid4())
    # What the old release kept after applying one change (with its change log entry) and refusing another.
    update_object(engine, VoucherRow, voucher_id, status=VoucherStatus.USED)
    first_answer = {"voucher_id": voucher_id, "status": "USED", "as": "first answered"}
    print_ = fingerprint("PATCH", path, change.to_json())
    now = datetime.now(UTC)
    with engine.begin() as db:
        db.execute(
            insert(ChangeLog).values(idempotency_key=applied, resource="vouchers", object_id=voucher_id,
                                     from_status="UNUSED", to_status="USED", account="desk", acted_at=now,
                                     applied_at=now)
        )  # fmt: skip
        db.execute(text(STORE), {"key": applied, "print": print_, "status": 200, "body": json.dumps(first_answer)})
        db.execute(text(STORE), {"key": refused, "print": print_, "status": 409, "body": "{}"})

    create_schema(engine)

    assert "staff_id" in {c["name"] for c in inspect(engine).get_columns("idempotency_keys")}
    assert "idempotency_keys_shared" not in inspect(engine).get_table_names()
    with engine.connect() as db:
        assert [key for (key,) in db.execute(select(IdempotencyRecord.key)).all()] == [applied]
    create_schema(engine)  # every later start leaves it as it is
    with serve(create_app(engine)) as url, PlatformClient(url, retry=NO_WAIT) as client:
        client.sign_in("desk", "desk-pass")
        headers = {"Authorization": f"Bearer {client.token}", "Idempotency-Key": applied}
        retry = httpx.patch(f"{url}{path}", json=change.to_json(), headers=headers)
    assert (retry.status_code, retry.json(), retry.headers.get("Idempotent-Replayed")) == (200, first_answer, "true")
    engine.dispose()
