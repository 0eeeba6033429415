"""Changes made on the platform reach the desk at its next sync, and never overwrite a desk change that is
still waiting: the desk shows its own change until the platform has answered it."""

from __future__ import annotations

from sync.helpers import Platform

from frontdesk.domain.program import ProgramStatus as P
from frontdesk.hub import create_customer, create_voucher, set_connection_status, update_object
from frontdesk.hub.models import ConnectionRow
from frontdesk.hub.remote import void_voucher
from frontdesk.services.conflicts import open_conflicts
from frontdesk.services.search import search_customers
from frontdesk.sync.engine import SyncEngine
from sync_engine.helpers import (
    DeskFactory,
    assert_converged,
    assert_no_lost_or_doubled,
    client,
    make_customers,
    sign_in,
)

NOTHING = {"users": 0, "connections": 0, "vouchers": 0}


def test_a_join_a_void_and_a_new_customer_on_the_platform_arrive_at_the_next_sync(
    platform: Platform, make_desk: DeskFactory
) -> None:
    joining, redeeming = make_customers(platform.engine, 2, statuses=(P.PENDING, P.ACTIVE))
    desk = make_desk("Desk A")
    online = client(platform.base_url, sign_in(platform.base_url, "desk"))
    assert desk.sync(online).pulled == {"users": 2, "connections": 2, "vouchers": 2}
    assert desk.sync(online).pulled == NOTHING

    set_connection_status(platform.engine, joining.connection_id, P.ACTIVE)  # joined from the invitation
    void_voucher(platform.engine, redeeming.vouchers[0])  # the redemption was voided on the platform
    user_id, connection_id = create_customer(
        platform.engine, first_name="Hedy", last_name="Lamarr", email="hedy@example.com", status=P.PENDING
    )
    voucher_id = create_voucher(platform.engine, user_id=user_id, title="Welcome drink")
    summary = desk.sync(online)
    assert summary.complete and summary.pulled == {"users": 1, "connections": 2, "vouchers": 2}

    assert desk.connection(joining.connection_id).status == "ACTIVE"
    assert desk.voucher(redeeming.vouchers[0]).status == "VOIDED"
    assert (desk.connection(connection_id).status, desk.voucher(voucher_id).title) == ("PENDING", "Welcome drink")
    found = search_customers(desk.db, "hedy lam").customers  # the search index knows the new customer
    assert [c.id for c in found] == [user_id]
    assert desk.sync(online).pulled == NOTHING
    assert_converged(platform.engine, [desk])


def test_a_voucher_for_a_customer_made_while_the_desk_pulls_brings_its_customer_along(
    platform: Platform, make_desk: DeskFactory
) -> None:
    make_customers(platform.engine, 3)
    desk = make_desk("Desk A")
    online = client(platform.base_url, sign_in(platform.base_url, "desk"))
    made: list[int] = []

    def progress(resource: str, done: int, total: int | None) -> None:
        if resource == "users" and not made:  # the users pull stored its only page: this customer is not in it
            user_id, _ = create_customer(platform.engine, first_name="Late", last_name="Joiner")
            made.append(create_voucher(platform.engine, user_id=user_id))

    summary = SyncEngine(desk.db, online, desk.clock, page_size=50).run(progress=progress)
    assert summary.complete and desk.voucher(made[0]).status == "UNUSED"
    assert desk.sync(online).complete
    assert_converged(platform.engine, [desk])


def test_a_remote_change_waits_behind_a_pending_desk_change_until_the_push_settles_it(
    platform: Platform, make_desk: DeskFactory
) -> None:
    invited, redeeming = make_customers(platform.engine, 2, statuses=(P.PENDING, P.ACTIVE))
    voucher_id = redeeming.vouchers[0]
    desk = make_desk("Desk A")
    online = client(platform.base_url, sign_in(platform.base_url, "desk"))
    assert desk.sync(online).complete

    # On the platform: the invited customer joins (and gets points); the voucher is voided.
    update_object(platform.engine, ConnectionRow, invited.connection_id, status=P.ACTIVE, point_balance=4321)
    void_voucher(platform.engine, voucher_id)

    def staff_act_during_the_sync(resource: str, done: int, total: int | None) -> None:
        if not desk.made:  # after the users page, before connections and vouchers are pulled
            desk.set_status(invited.user_id, P.INACTIVE)
            desk.mark_used(voucher_id)

    summary = SyncEngine(desk.db, online, desk.clock, page_size=50).run(progress=staff_act_during_the_sync)
    assert summary.complete and summary.waiting == 2 and summary.pulled["connections"] >= 1
    # The pull saw both remote changes, but the desk still shows what its staff did, pending.
    connection = desk.connection(invited.connection_id)
    assert (connection.status, connection.point_balance) != ("ACTIVE", 4321)
    assert connection.status == "INACTIVE"
    assert desk.voucher(voucher_id).status == "USED"
    assert {e.state for e in desk.outbox()} == {"PENDING"}

    settled = desk.sync(online)
    assert (settled.complete, settled.pushed, settled.refused, settled.waiting) == (True, 1, 1, 0)
    # ACTIVE -> INACTIVE is allowed on the platform's current state; the answer brings the new points too.
    connection = desk.connection(invited.connection_id)
    assert (connection.status, connection.point_balance) == ("INACTIVE", 4321)
    # The voucher was voided meanwhile: the desk's mark is refused, the desk now shows Voided, and says why.
    assert desk.voucher(voucher_id).status == "VOIDED"
    [conflict] = desk.conflicts()
    assert (conflict.code, conflict.target_id, conflict.platform_state["status"]) == (
        "voucher_not_unused",
        voucher_id,
        "VOIDED",
    )
    [info] = open_conflicts(desk.db)
    assert "cancelled" in info.explanation
    assert_no_lost_or_doubled(platform.engine, [desk])
    assert_converged(platform.engine, [desk])
