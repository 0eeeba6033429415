"""A desk configured for one business (and home location) holds only that part of the platform; a desk with no
scope holds everything; a desk whose scope changes pulls its new scope from the start."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sync.helpers import STAFF, Platform

from frontdesk.domain.clock import SystemClock
from frontdesk.hub import create_customer, create_voucher, update_object
from frontdesk.hub.models import ConnectionRow, UserRow, VoucherRow
from frontdesk.services.platform_link import PlatformLink
from frontdesk.sync.engine import SyncEngine
from frontdesk.sync.scope import PullScope
from sync_engine.helpers import Desk, DeskFactory, assert_converged, client, desk_replica, sign_in

PEOPLE = [(1, "Downtown"), (1, "Riverside"), (2, "Downtown"), (2, "Riverside"), (2, "Riverside"), (3, None)]


def populate(platform: Platform) -> None:
    """Stamped an hour ago, well before any re-read window: only the filters and cursors decide what is pulled."""
    earlier = SystemClock().now() - timedelta(hours=1)
    for n, (business, location) in enumerate(PEOPLE):
        user_id, _ = create_customer(platform.engine, first_name="Scoped", last_name=f"Person{n}",
                                     business_id=business, home_location=location, now=earlier)  # fmt: skip
        for _ in range(2):
            create_voucher(platform.engine, user_id=user_id, business_id=business, now=earlier)


def platform_ids(platform: Platform, business: int | None = None, location: str | None = None) -> tuple[set[int], ...]:
    """The user, connection and voucher ids of the platform that a desk with this scope should hold."""
    with Session(platform.engine) as session:
        connections = [
            c
            for c in session.scalars(select(ConnectionRow))
            if business in (None, c.business_id) and location in (None, c.home_location)
        ]
        homes = {(c.user_id, c.business_id) for c in connections}
        vouchers = {v.voucher_id for v in session.scalars(select(VoucherRow)) if (v.user_id, v.business_id) in homes}
        users = set(session.scalars(select(UserRow.user_id)))
    return {u for u in users if u in {c.user_id for c in connections}}, {c.connection_id for c in connections}, vouchers


def held(desk: Desk) -> tuple[set[int], ...]:
    replica = desk_replica(desk.db)
    return set(replica.customers), set(replica.connections), set(replica.vouchers)


def test_a_desk_of_one_business_and_location_gets_only_theirs_another_desk_gets_everything(
    platform: Platform, make_desk: DeskFactory
) -> None:
    populate(platform)
    token = sign_in(platform.base_url, "desk")
    riverside, business_two, everything = make_desk("Riverside"), make_desk("Business Two"), make_desk("Hub")
    scoped = SyncEngine(riverside.db, client(platform.base_url, token), SystemClock(),
                        scope=PullScope(2, "Riverside"))  # fmt: skip
    first = scoped.run()
    assert first.complete and first.pulled == {"users": 2, "connections": 2, "vouchers": 4}
    assert held(riverside) == platform_ids(platform, 2, "Riverside")
    SyncEngine(business_two.db, client(platform.base_url, token), SystemClock(), scope=PullScope(2)).run()
    assert held(business_two) == platform_ids(platform, 2)
    assert everything.sync(client(platform.base_url, token)).pulled == {"users": 6, "connections": 6, "vouchers": 12}
    assert held(everything) == platform_ids(platform)
    assert_converged(platform.engine, [everything])

    # On the platform: a new Riverside customer of business 2, one of business 1, and a business 2 customer
    # who moves from Downtown to Riverside (with the vouchers they already had).
    joined, _ = create_customer(platform.engine, first_name="New", last_name="Riverside", business_id=2,
                                home_location="Riverside")  # fmt: skip
    create_voucher(platform.engine, user_id=joined, business_id=2)
    create_customer(platform.engine, first_name="Other", last_name="Business", business_id=1, home_location="Riverside")
    with Session(platform.engine) as session:
        mover = session.scalars(
            select(ConnectionRow).where(ConnectionRow.business_id == 2, ConnectionRow.home_location == "Downtown")
        ).one()
    update_object(platform.engine, ConnectionRow, mover.connection_id, home_location="Riverside")
    second = scoped.run()
    assert second.complete and second.pulled == {"users": 2, "connections": 2, "vouchers": 3}
    assert held(riverside) == platform_ids(platform, 2, "Riverside")
    assert mover.user_id in held(riverside)[0]
    assert scoped.run().pulled == {"users": 0, "connections": 0, "vouchers": 0}

    # Reconfigured to pull everything: the cursors of the narrower scope are not good for it.
    widened = SyncEngine(riverside.db, client(platform.base_url, token), SystemClock()).run()
    assert widened.complete and held(riverside) == platform_ids(platform)
    assert_converged(platform.engine, [riverside])


def test_the_platform_link_sends_the_desk_settings_business(platform: Platform, make_desk: DeskFactory) -> None:
    populate(platform)
    desk = make_desk("Desk A")
    link = PlatformLink(platform.base_url, business_id=1)
    link.sign_in("desk", STAFF["desk"][0])
    summary = link.sync(desk.db, SystemClock())
    assert summary.complete and summary.pulled == {"users": 2, "connections": 2, "vouchers": 4}
    assert held(desk) == platform_ids(platform, 1)
    located = make_desk("Desk B")
    link = PlatformLink(platform.base_url, token=link.token, business_id=2, location="Downtown")
    assert link.sync(located.db, SystemClock()).pulled == {"users": 1, "connections": 1, "vouchers": 2}
    assert held(located) == platform_ids(platform, 2, "Downtown")
