"""openapi.yaml is the protocol: the server's routes, the wire dataclasses and the document agree."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from importlib.resources import files
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from starlette.routing import Route

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import create_app
from frontdesk.protocol.wire import (
    Connection,
    ConnectionStatusChange,
    Email,
    MembershipStatus,
    ProtocolError,
    User,
    Voucher,
    VoucherStatusChange,
    format_dt,
    parse_dt,
)
from frontdesk.protocol.wire_changes import LABEL_MAX

DOCUMENT: dict[str, Any] = yaml.safe_load((files("frontdesk.protocol") / "openapi.yaml").read_text(encoding="utf-8"))


def test_the_server_serves_exactly_the_documented_paths_and_methods(platform_db: Engine) -> None:
    served = set()
    for route in create_app(platform_db).routes:
        assert isinstance(route, Route)
        path = re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path)  # {object_id:int} -> {object_id}
        served |= {(path, method.lower()) for method in route.methods or () if method != "HEAD"}
    documented = {(path, method) for path, item in DOCUMENT["paths"].items() for method in item}
    assert served == documented


def test_documented_enums_are_the_domain_enums() -> None:
    schemas = DOCUMENT["components"]["schemas"]
    assert schemas["ProgramStatus"]["enum"] == [s.value for s in ProgramStatus]
    assert schemas["VoucherStatus"]["enum"] == [s.value for s in VoucherStatus]
    assert schemas["MembershipStatus"]["enum"] == [s.value for s in MembershipStatus]


def test_documented_object_fields_are_the_wire_fields() -> None:
    schemas = DOCUMENT["components"]["schemas"]
    for name, cls in [("User", User), ("Connection", Connection), ("Voucher", Voucher)]:
        assert set(schemas[name]["required"]) == set(cls.__slots__) == set(schemas[name]["properties"])
    for name, change in [
        ("VoucherStatusChange", VoucherStatusChange),
        ("ConnectionStatusChange", ConnectionStatusChange),
    ]:
        assert set(schemas[name]["properties"]) == set(change.__slots__)


moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))
texts = st.text(max_size=30)
maybe = st.none() | texts


@given(moments, st.integers(-14 * 60, 14 * 60))
def test_datetimes_round_trip_to_the_microsecond_in_any_offset(moment: datetime, minutes: int) -> None:
    text = format_dt(moment)
    assert text.endswith("Z") and len(text) == len("2024-05-01T09:30:00.000000Z")
    assert parse_dt(text) == moment
    assert parse_dt(moment.astimezone(timezone(timedelta(minutes=minutes))).isoformat()) == moment


@given(
    st.builds(
        User,
        user_id=st.integers(1, 2**53),
        first_name=texts,
        last_name=texts,
        emails=st.lists(st.builds(Email, email=texts, is_primary=st.booleans()), max_size=3).map(tuple),
        phone_number=maybe,
        birthday=st.none() | st.dates(min_value=date(1900, 1, 1)),
        member_number=maybe,
        last_mod_dt=moments,
    ),
    st.builds(
        Voucher,
        voucher_id=st.integers(1, 2**53),
        user_id=st.integers(1),
        business_id=st.integers(1),
        title=texts,
        code=texts,
        external_coupon_code=maybe,
        status=st.sampled_from(VoucherStatus),
        points=st.integers(0, 10**6),
        created_dt=moments,
        expires_dt=st.none() | moments,
        used_dt=st.none() | moments,
        used_location=maybe,
        used_by_desk=maybe,
        used_by_staff=maybe,
        last_mod_dt=moments,
    ),
    st.builds(
        Connection,
        connection_id=st.integers(1),
        user_id=st.integers(1),
        business_id=st.integers(1),
        status=st.sampled_from(ProgramStatus),
        point_balance=st.integers(-1000, 10**7),
        home_location=maybe,
        membership_status=st.sampled_from(MembershipStatus),
        last_mod_dt=moments,
    ),
)
def test_wire_objects_round_trip(user: User, voucher: Voucher, connection: Connection) -> None:
    assert User.from_json(user.to_json()) == user
    assert Voucher.from_json(voucher.to_json()) == voucher
    assert Connection.from_json(connection.to_json()) == connection


# What a change body may carry: any text but NUL, labels up to LABEL_MAX characters (openapi.yaml: Label).
no_nul = st.characters(blacklist_characters="\x00")
labels = st.none() | st.text(no_nul, max_size=LABEL_MAX)


@given(
    st.sampled_from([VoucherStatus.USED, VoucherStatus.UNUSED]),
    labels,
    st.none() | st.text(no_nul, max_size=300),
    labels,
    labels,
    st.none() | moments,
)
def test_change_bodies_round_trip(
    status: VoucherStatus,
    location: str | None,
    reason: str | None,
    desk: str | None,
    staff: str | None,
    acted_at: datetime | None,
) -> None:
    change = VoucherStatusChange(status, location, reason, desk, staff, acted_at)
    assert VoucherStatusChange.from_json(change.to_json()) == change


@given(st.sampled_from(["location", "desk", "staff_name"]), st.text(max_size=LABEL_MAX * 2), st.data())
def test_change_bodies_with_a_nul_or_a_label_too_long_are_refused(field: str, text: str, data: st.DataObject) -> None:
    body = VoucherStatusChange(VoucherStatus.USED).to_json()
    body[field] = text
    fits = "\x00" not in text and len(text) <= LABEL_MAX
    if fits:
        assert getattr(VoucherStatusChange.from_json(body), field) == text
    else:
        with pytest.raises(ProtocolError):
            VoucherStatusChange.from_json(body)
    reason = data.draw(st.text(max_size=50))
    with_reason = {**VoucherStatusChange(VoucherStatus.UNUSED).to_json(), "reason": reason}
    if "\x00" in reason:
        with pytest.raises(ProtocolError):
            VoucherStatusChange.from_json(with_reason)
    else:
        assert VoucherStatusChange.from_json(with_reason).reason == reason
