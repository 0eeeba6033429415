"""A first load pulls the connections and the vouchers side by side once the users are in (sync/engine.py): two
threads, each with its own cursor and order; progress is still reported one report at a time, and a failure of
one stops both, keeps what was stored, and the next sync completes the desk."""

from __future__ import annotations

import threading
import time

from sync.helpers import Platform

from frontdesk.sync.engine import SyncEngine
from sync_engine.helpers import (
    DeskFactory,
    assert_converged,
    assert_search_index_intact,
    client,
    make_customers,
    sign_in,
)
from sync_engine.proxy import Fault, FaultProxy


def test_connections_and_vouchers_load_on_two_threads_and_report_one_at_a_time(
    platform: Platform, make_desk: DeskFactory
) -> None:
    make_customers(platform.engine, 80, vouchers=2)
    desk = make_desk("Desk A")
    threads: dict[str, set[str]] = {}
    inside = threading.Lock()
    overlapping: list[str] = []

    def progress(resource: str, _done: int, _total: int | None) -> None:
        if not inside.acquire(blocking=False):  # another report is being made right now
            overlapping.append(resource)
            return
        try:
            threads.setdefault(resource, set()).add(threading.current_thread().name)
            time.sleep(0.003)  # a slow progress display: widens the window for an overlap
        finally:
            inside.release()

    online = client(platform.base_url, sign_in(platform.base_url, "desk"))
    summary = SyncEngine(desk.db, online, desk.clock, page_size=10, batch_rows=10).run(progress=progress)
    assert summary.complete
    assert summary.pulled == {"users": 80, "connections": 80, "vouchers": 160}
    assert overlapping == []
    assert threads["connections"].isdisjoint(threads["vouchers"])  # side by side, not one after the other
    assert_converged(platform.engine, [desk])
    assert_search_index_intact(desk.db)

    again = desk.sync(online, page_size=10)  # a desk with its cursors pulls one resource after the other again
    assert again.complete and sum(again.pulled.values()) == 0


def test_a_garbled_page_of_either_stops_both_and_the_next_sync_completes_the_desk(
    platform: Platform, make_desk: DeskFactory
) -> None:
    make_customers(platform.engine, 45, vouchers=2)
    desk = make_desk("Desk A")
    token = sign_in(platform.base_url, "desk")
    with FaultProxy(platform.base_url) as proxy:
        # The five users pages pass; the first page asked for after them (a connections or a vouchers page) is
        # garbled, whichever of the two threads asks first.
        proxy.script.extend([Fault.PASS] * 5 + [Fault.GARBLE])
        stopped = SyncEngine(desk.db, client(proxy.url, token), desk.clock, page_size=10, batch_rows=10).run()
    assert (stopped.complete, stopped.problem_code) == (False, "protocol_error")
    assert stopped.pulled["users"] == 45
    assert stopped.pulled["connections"] + stopped.pulled["vouchers"] < 45 + 90  # neither went on to its end
    assert_search_index_intact(desk.db)

    resumed = desk.sync(client(platform.base_url, token), page_size=10)
    assert resumed.complete
    assert stopped.pulled["connections"] + resumed.pulled["connections"] >= 45
    assert stopped.pulled["vouchers"] + resumed.pulled["vouchers"] >= 90
    assert_converged(platform.engine, [desk])
    assert_search_index_intact(desk.db)
