"""A pulled page straight into replica rows (frontdesk/sync/wire_rows.py) reads exactly what the wire parser reads:
the same rows and keys for every object the protocol allows, in any of its forms, and the same ProtocolError,
naming the same object and field, for every object it does not."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.protocol.wire import CONNECTIONS, USERS, VOUCHERS, Connection, Email, Page, ProtocolError, User, Voucher
from frontdesk.sync.replica import ROW_OF
from frontdesk.sync.wire_rows import RAW, read_keys, read_objects, read_rows

RESOURCES = {"users": USERS, "connections": CONNECTIONS, "vouchers": VOUCHERS}
META = {"limit": 100, "offset": 0, "total_count": None, "next": None}

ids = st.integers(min_value=0, max_value=2**63 - 1)
words = st.text(max_size=12)
maybe_words = st.none() | words
moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC))
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


def _offset_form(moment: datetime, minutes: int) -> str:
    """The same moment written in another zone (the protocol allows any ISO-8601 offset)."""
    try:
        return moment.astimezone(timezone(timedelta(minutes=minutes))).isoformat()
    except OverflowError:
        return moment.isoformat()


@st.composite
def time_text(draw: st.DrawFn, moment: datetime) -> str:
    form = draw(st.sampled_from(["canonical", "canonical", "offset", "seconds"]))
    text = moment.isoformat(timespec="microseconds").replace("+00:00", "Z")
    if form == "offset":
        return _offset_form(moment, draw(st.integers(min_value=-14 * 60, max_value=14 * 60)))
    if form == "seconds":
        return moment.isoformat(timespec="seconds").replace("+00:00", "Z")
    return text


@st.composite
def wire_json(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """One object as a platform may send it: the usual shape, or times in other forms, optional keys left out."""
    if name == "users":
        emails = draw(st.lists(st.builds(Email, words, st.booleans()), max_size=3))
        obj: Any = User(draw(ids), draw(words), draw(words), tuple(emails), draw(maybe_words),
                        draw(st.none() | days), draw(maybe_words), draw(moments))  # fmt: skip
    elif name == "connections":
        obj = Connection(draw(ids), draw(ids), draw(ids), draw(st.sampled_from(ProgramStatus)),
                         draw(st.integers(-(2**63), 2**63 - 1)), draw(maybe_words),
                         draw(st.sampled_from(MembershipStatus)), draw(moments))  # fmt: skip
    else:
        obj = Voucher(draw(ids), draw(ids), draw(ids), draw(words), draw(words), draw(maybe_words),
                      draw(st.sampled_from(VoucherStatus)), draw(st.integers(-(2**63), 2**63 - 1)), draw(moments),
                      draw(st.none() | moments), draw(st.none() | moments), draw(maybe_words), draw(maybe_words),
                      draw(maybe_words), draw(moments))  # fmt: skip
    data: dict[str, Any] = obj.to_json()
    for key, value in list(data.items()):
        if isinstance(value, str) and key.endswith("_dt"):
            data[key] = draw(time_text(getattr(obj, key)))
        elif value is None and draw(st.booleans()):
            del data[key]  # an optional field may be left out
    return data


def wire_reading(name: str, objects: list[Any]) -> tuple[list[Any], list[Any]]:
    page = Page.from_json({"meta": META, "objects": objects}, RESOURCES[name])
    return [ROW_OF[name](o) for o in page.objects], [(o.last_mod_dt, o.id) for o in page.objects]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_object_the_protocol_allows_becomes_the_row_the_wire_parser_makes(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(RESOURCES)))
    objects = data.draw(st.lists(wire_json(name), max_size=5))
    assert read_objects(name, objects) == wire_reading(name, objects)
    rows, keys = wire_reading(name, objects)
    assert read_keys(name, objects) == keys  # the pull's fetching thread reads the keys alone
    assert read_rows(name, objects) == rows  # and the storing thread the rows


WRONG_VALUES: list[object] = [None, True, 1, 1.5, "", "x", "2024-13-01T00:00:00.000000Z", [], {}, "UNUSED",
                               "2023-02-29T09:30:00.000000Z", "2024-04-31T09:30:00.000000Z",
                               "2024-02-29T24:00:00.000000Z", "2024-02-29T23:59:60.000000Z",
                               "2024-02-29T23:59:59.000000Z"]  # fmt: skip  # the last: a leap day, allowed


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_an_object_the_protocol_refuses_is_refused_in_the_wire_parsers_words(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(RESOURCES)))
    objects = data.draw(st.lists(wire_json(name), min_size=1, max_size=3))
    spoiled = objects[data.draw(st.integers(0, len(objects) - 1))]
    key = data.draw(st.sampled_from(sorted(spoiled)))
    if data.draw(st.booleans()):
        del spoiled[key]
    else:
        spoiled[key] = data.draw(st.sampled_from(WRONG_VALUES))
    try:
        expected = wire_reading(name, objects)
    except ProtocolError as refused:
        with pytest.raises(ProtocolError) as caught:
            read_objects(name, objects)
        assert caught.value.detail == refused.detail
        # A pull reads the keys first, the rows later: one of the two refuses the page, in the same words.
        with pytest.raises(ProtocolError) as caught:
            read_keys(name, objects)
            read_rows(name, objects)
        assert caught.value.detail == refused.detail
    else:  # still allowed (an optional field left out, another valid value): read alike
        assert read_objects(name, objects) == expected
        assert (read_rows(name, objects), read_keys(name, objects)) == expected


@pytest.mark.parametrize("field", ["created_dt", "expires_dt", "used_dt", "last_mod_dt"])
@pytest.mark.parametrize(
    "moment", ["2023-02-29T09:30:00.000000Z", "2024-04-31T09:30:00.000000Z", "2024-02-30T09:30:00.000000Z"]
)
def test_a_day_the_calendar_does_not_have_is_refused_in_any_time_field(field: str, moment: str) -> None:
    voucher = wire_json_example()
    voucher[field] = moment
    with pytest.raises(ProtocolError) as refused:
        wire_reading("vouchers", [wire_json_example(), voucher])
    for read in (read_rows, read_objects):
        with pytest.raises(ProtocolError) as caught:
            read("vouchers", [wire_json_example(), voucher])
        assert caught.value.detail == refused.value.detail
    leap_day = wire_json_example()
    leap_day[field] = "2024-02-29T09:30:00.000000Z"
    assert read_objects("vouchers", [leap_day]) == wire_reading("vouchers", [leap_day])


def test_a_page_that_is_not_objects_is_refused_naming_the_object() -> None:
    with pytest.raises(ProtocolError, match=r"vouchers\[1\] should be an object, not list"):
        read_objects("vouchers", [wire_json_example(), []])


def test_raw_resources_keep_the_objects_for_reading_and_still_check_the_envelope() -> None:
    page = Page.from_json({"meta": META, "objects": [wire_json_example()]}, RAW["vouchers"])
    assert page.objects == (wire_json_example(),)
    with pytest.raises(ProtocolError, match=r"page\.objects should be a list"):
        Page.from_json({"meta": META, "objects": {}}, RAW["vouchers"])


def wire_json_example() -> dict[str, Any]:
    moment = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    voucher = Voucher(7, 1, 1, "Free smoothie", "7", None, VoucherStatus.UNUSED, 200, moment, None, None, None, None,
                      None, moment)  # fmt: skip
    return voucher.to_json()
