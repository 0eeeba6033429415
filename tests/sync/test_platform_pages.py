"""A list page is made from plain rows in one loop per collection (frontdesk/hub/serialize.py) and sent as JSON
bytes: every object in it is exactly what the same object's own answer says, times to the microsecond."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import create_customer, create_voucher, seed_demo, update_object, void_voucher
from frontdesk.hub.models import UserRow, from_micros
from frontdesk.hub.serialize import micros_text
from frontdesk.protocol.wire import format_dt
from sync.helpers import Platform

EVERY_MICROSECOND = st.integers(min_value=-62135596800000000, max_value=253402300799999999)  # years 1-9999


@given(EVERY_MICROSECOND)
def test_a_time_from_microseconds_reads_as_the_wire_writes_it(micros: int) -> None:
    assert micros_text(micros) == format_dt(from_micros(micros))


def test_every_listed_object_is_its_own_answer(platform: Platform) -> None:
    seed_demo(platform.engine, customers=40, seed=9, business_id=31, batch_size=20)
    user, _ = create_customer(platform.engine, first_name="Åsa", last_name="Ödegård", email="asa@x.org",
                              business_id=31)  # fmt: skip
    emails = [{"email": "asa@x.org", "is_primary": False}, {"email": "asa@y.org", "is_primary": True}]
    update_object(platform.engine, UserRow, user, phone_number="555-0100", birthday=date(1990, 2, 3),
                  member_number="M-31", emails=emails)  # fmt: skip
    moon = datetime(1969, 7, 20, 20, 17, 40, 1, tzinfo=UTC)  # before 1970: negative microseconds
    void_voucher(platform.engine, create_voucher(platform.engine, user_id=user, business_id=31, expires_dt=moon))
    with platform.signed_in("desk") as desk, httpx.Client(base_url=platform.base_url) as http:
        headers = {"Authorization": f"Bearer {desk.token}"}
        for name, id_key in (("users", "user_id"), ("connections", "connection_id"), ("vouchers", "voucher_id")):
            listed = http.get(f"/v2/{name}/", params={"business": 31, "limit": 1000}, headers=headers)
            assert listed.headers["content-type"] == "application/json"
            objects = listed.json()["objects"]
            assert objects and listed.json()["meta"]["total_count"] == len(objects)
            for obj in objects:
                assert http.get(f"/v2/{name}/{obj[id_key]}/", headers=headers).json() == obj
    assert VoucherStatus.VOIDED.value in {o["status"] for o in objects}
    assert "1969-07-20T20:17:40.000001Z" in {o["expires_dt"] for o in objects}
