"""The business and location filters on the three lists (openapi.yaml; hub/scope.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from frontdesk.domain.clock import SystemClock
from frontdesk.hub import create_customer, create_voucher, update_object
from frontdesk.hub.db import next_stamp
from frontdesk.hub.models import ConnectionRow
from frontdesk.protocol.wire import CONNECTIONS, USERS, VOUCHERS, Resource
from frontdesk.sync.client import PlatformClient
from sync.helpers import Platform

# business -> home location -> how many customers (each with two vouchers at that business)
LAYOUT = {21: {"Downtown": 3, "Riverside": 2}, 22: {"Downtown": 2, "Airport": 1}}


@dataclass(frozen=True)
class Person:
    user_id: int
    connection_id: int
    business: int
    location: str
    vouchers: tuple[int, int]


def add_connection(engine: Engine, user_id: int, business: int, location: str) -> int:
    """The same person joins a second business (as the platform would: a new connection, a fresh stamp)."""
    with Session(engine) as session, session.begin():
        stamp = next_stamp(session, SystemClock().now())
        connection_id = int(session.execute(select(func.max(ConnectionRow.connection_id))).scalar() or 0) + 1
        session.execute(
            insert(ConnectionRow).values(
                connection_id=connection_id,
                user_id=user_id,
                business_id=business,
                status="ACTIVE",
                point_balance=0,
                home_location=location,
                membership_status="ACTIVE",
                last_mod_dt=stamp,
            )
        )
    return connection_id


@pytest.fixture(scope="module")
def people(platform: Platform) -> list[Person]:
    made = []
    for business, locations in LAYOUT.items():
        for location, count in locations.items():
            for n in range(count):
                user_id, connection_id = create_customer(
                    platform.engine, first_name=location, last_name=f"B{business}-{n}", business_id=business,
                    home_location=location,
                )  # fmt: skip
                vouchers = tuple(create_voucher(platform.engine, user_id=user_id, business_id=business) for _ in "ab")
                made.append(Person(user_id, connection_id, business, location, (vouchers[0], vouchers[1])))
    return made


def ids(desk: PlatformClient, resource: Resource[Any], **filters: str | int) -> set[int]:
    return {o.id for page in desk.iter_pages(resource, limit=3, **filters) for o in page.objects}


def test_business_alone_keeps_that_business_on_every_list(desk: PlatformClient, people: list[Person]) -> None:
    for business in LAYOUT:
        mine = [p for p in people if p.business == business]
        assert ids(desk, USERS, business=business) == {p.user_id for p in mine}
        assert ids(desk, CONNECTIONS, business=business) == {p.connection_id for p in mine}
        assert ids(desk, VOUCHERS, business=business) == {v for p in mine for v in p.vouchers}


@pytest.mark.parametrize(("business", "location"), [(21, "Downtown"), (21, "Riverside"), (22, "Airport"), (21, "Moon")])
def test_business_and_location_keep_the_customers_homed_there(
    desk: PlatformClient, people: list[Person], business: int, location: str
) -> None:
    mine = [p for p in people if (p.business, p.location) == (business, location)]
    scope = {"business": business, "location": location}
    assert ids(desk, USERS, **scope) == {p.user_id for p in mine}
    assert ids(desk, CONNECTIONS, **scope) == {p.connection_id for p in mine}
    assert ids(desk, VOUCHERS, **scope) == {v for p in mine for v in p.vouchers}


def test_location_alone_spans_businesses(desk: PlatformClient, people: list[Person]) -> None:
    downtown = [p for p in people if p.location == "Downtown"]
    assert ids(desk, USERS, location="Downtown") >= {p.user_id for p in downtown}
    assert {c.business_id for page in desk.iter_pages(CONNECTIONS, location="Downtown") for c in page.objects} == {
        21,
        22,
    }


def test_a_person_at_two_businesses_matches_only_through_one_connection(
    platform: Platform, desk: PlatformClient
) -> None:
    user_id, _ = create_customer(platform.engine, first_name="Two", last_name="Homes", business_id=23,
                                 home_location="Airport")  # fmt: skip
    theirs = create_voucher(platform.engine, user_id=user_id, business_id=23)
    add_connection(platform.engine, user_id, 24, "Riverside")
    assert user_id in ids(desk, USERS, business=24, location="Riverside")
    assert user_id in ids(desk, USERS, business=23, location="Airport")
    # Home at the Airport only at business 23: both filters must hold for the same connection.
    assert user_id not in ids(desk, USERS, business=24, location="Airport")
    assert user_id not in ids(desk, USERS, business=23, location="Riverside")
    # The voucher is business 23's: not in business 24's Riverside list, though its owner is.
    assert ids(desk, VOUCHERS, business=24, location="Riverside") == set()
    assert ids(desk, VOUCHERS, business=23, location="Airport") == {theirs}


def test_moving_home_location_restamps_the_person_and_their_vouchers(platform: Platform, desk: PlatformClient) -> None:
    user_id, connection_id = create_customer(platform.engine, first_name="Moving", last_name="Out", business_id=25,
                                             home_location="Downtown")  # fmt: skip
    vouchers = {create_voucher(platform.engine, user_id=user_id, business_id=25) for _ in "ab"}
    before = {v: desk.get_voucher(v) for v in vouchers}
    assert ids(desk, VOUCHERS, business=25, location="Airport") == set()
    stamp = update_object(platform.engine, ConnectionRow, connection_id, home_location="Airport")
    person = desk.get_user(user_id)
    assert person is not None and person.last_mod_dt == stamp
    for voucher_id, old in before.items():
        now = desk.get_voucher(voucher_id)
        assert old is not None and now is not None and now.last_mod_dt == stamp > old.last_mod_dt
    assert ids(desk, USERS, business=25, location="Airport") == {user_id}
    assert ids(desk, VOUCHERS, business=25, location="Airport") == vouchers
    assert ids(desk, VOUCHERS, business=25, location="Downtown") == set()


@pytest.mark.parametrize("path", ["users", "connections", "vouchers"])
@pytest.mark.parametrize("query", ["business=two", "business=-1"])
def test_a_bad_business_is_422_on_every_list(platform: Platform, desk: PlatformClient, path: str, query: str) -> None:
    reply = httpx.get(f"{platform.base_url}/v2/{path}/?{query}", headers={"Authorization": f"Bearer {desk.token}"})
    assert reply.status_code == 422
    assert reply.json()["errors"]["__all__"][0]["code"] == "invalid_filter"
