"""The case no product handles well: two desks, both offline, accept the same Unused voucher.

Whichever desk reconnects first keeps the redemption; the other gets a conflict that says which desk used it,
and both desks end up showing the voucher used by the first.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sync.helpers import Platform

from frontdesk.hub.models import ChangeLog
from frontdesk.services.conflicts import open_conflicts
from sync_engine.helpers import (
    DeskFactory,
    assert_converged,
    assert_no_lost_or_doubled,
    client,
    make_customers,
    sign_in,
)


@pytest.mark.parametrize("first", ["Desk A", "Desk B"])
def test_a_voucher_used_at_two_offline_desks_is_kept_once_and_the_later_desk_gets_a_conflict(
    platform: Platform, make_desk: DeskFactory, dead_url: str, first: str
) -> None:
    [customer] = make_customers(platform.engine, 1, vouchers=2)
    voucher_id, untouched = customer.vouchers
    desks = {name: make_desk(name) for name in ("Desk A", "Desk B")}
    token = sign_in(platform.base_url, "desk")
    online, offline = client(platform.base_url, token), client(dead_url, token)
    for desk in desks.values():
        assert desk.sync(online).complete

    for desk in desks.values():  # the internet is down at both desks; each scans the voucher
        desk.mark_used(voucher_id)
        stopped = desk.sync(offline)
        assert (stopped.complete, stopped.problem_code, stopped.waiting, stopped.pushed) == (
            False,
            "platform_unavailable",
            1,
            0,
        )
        assert stopped.problem and "did not answer" in stopped.problem
        held = desk.voucher(voucher_id)
        assert (held.status, held.used_by_desk) == ("USED", desk.name)  # staff see their own mark meanwhile

    second = next(name for name in desks if name != first)
    won = desks[first].sync(online)
    assert (won.complete, won.pushed, won.refused, won.open_conflicts) == (True, 1, 0, 0)
    lost = desks[second].sync(online)
    assert (lost.complete, lost.pushed, lost.refused, lost.open_conflicts, lost.waiting) == (True, 0, 1, 1, 0)
    assert desks[first].sync(online).complete  # the winner pulls whatever happened meanwhile

    with platform.engine.connect() as db:
        uses = db.execute(select(ChangeLog.desk, ChangeLog.to_status).where(ChangeLog.object_id == voucher_id)).all()
    assert uses == [(first, "USED")]  # marked used exactly once, by the first desk to reconnect

    assert desks[first].conflicts() == []
    [conflict] = desks[second].conflicts()
    assert (conflict.code, conflict.kind, conflict.target_id, conflict.wanted) == (
        "voucher_not_unused",
        "voucher_status",
        voucher_id,
        "USED",
    )
    assert (conflict.desk, conflict.outbox_key) == (second, desks[second].made[0])
    assert conflict.platform_state["status"] == "USED"
    assert conflict.platform_state["used_by_desk"] == first
    assert conflict.platform_state["used_by_staff"] == f"{first} staff"
    assert "Already used" in conflict.message
    [info] = open_conflicts(desks[second].db)
    assert info.headline == f"Voucher {voucher_id} was used twice"
    assert f"by {first} ({first} staff)" in info.explanation and f"This desk ({second}" in info.explanation

    for desk in desks.values():
        held = desk.voucher(voucher_id)
        assert (held.status, held.used_by_desk, held.used_by_staff) == ("USED", first, f"{first} staff")
        assert desk.voucher(untouched).status == "UNUSED"
    states = {name: [e.state for e in desk.outbox()] for name, desk in desks.items()}
    assert states == {first: ["ACCEPTED"], second: ["REFUSED"]}
    assert_no_lost_or_doubled(platform.engine, desks.values())
    assert_converged(platform.engine, desks.values())
