"""A pull that stops half-way — a garbled page, a cancel — keeps every page stored before it (with the cursor),
leaves the search index whole, and the next sync carries on from there."""

from __future__ import annotations

import threading

from sqlalchemy import select
from sync.helpers import Platform

from frontdesk.storage.models import Customer
from frontdesk.sync.engine import SyncEngine
from sync_engine.helpers import (
    Desk,
    DeskFactory,
    assert_converged,
    assert_search_index_intact,
    client,
    make_customers,
    sign_in,
)
from sync_engine.proxy import Fault, FaultProxy


def stored_customers(desk: Desk) -> int:
    with desk.db.unit_of_work() as session:
        return len(session.scalars(select(Customer.id)).all())


def test_a_garbled_page_in_the_middle_of_a_first_load_keeps_the_pages_before_it(
    platform: Platform, make_desk: DeskFactory
) -> None:
    make_customers(platform.engine, 45, vouchers=0)
    desk = make_desk("Desk A")
    token = sign_in(platform.base_url, "desk")
    with FaultProxy(platform.base_url) as proxy:
        proxy.script.extend([Fault.PASS, Fault.PASS, Fault.PASS, Fault.GARBLE])  # the fourth users page
        engine = SyncEngine(desk.db, client(proxy.url, token), desk.clock, page_size=10, batch_rows=1000)
        stopped = engine.run()
    assert (stopped.complete, stopped.problem_code) == (False, "protocol_error")
    assert stopped.pulled["users"] == 30  # three good pages, stored although their batch was not full
    assert stored_customers(desk) == 30
    assert_search_index_intact(desk.db)  # the first load's index suspension was undone

    resumed = desk.sync(client(platform.base_url, token), page_size=10)
    assert resumed.complete and resumed.pulled["users"] == 15  # from the cursor, not from the start
    assert_converged(platform.engine, [desk])
    assert_search_index_intact(desk.db)


def test_a_cancel_stops_between_pages_and_keeps_what_was_stored(platform: Platform, make_desk: DeskFactory) -> None:
    make_customers(platform.engine, 35, vouchers=0)
    desk = make_desk("Desk A")
    online = client(platform.base_url, sign_in(platform.base_url, "desk"))
    cancel = threading.Event()
    reports: list[tuple[str, int, int | None]] = []

    def progress(resource: str, done: int, total: int | None) -> None:
        reports.append((resource, done, total))
        cancel.set()  # staff pressed Cancel after the first page

    summary = SyncEngine(desk.db, online, desk.clock, page_size=10, batch_rows=10).run(cancel=cancel, progress=progress)
    assert (summary.cancelled, summary.complete, summary.pulled["users"]) == (True, False, 10)
    assert reports == [("users", 10, 35)]
    assert stored_customers(desk) == 10
    assert_search_index_intact(desk.db)
    assert desk.sync(online).pulled["users"] == 25
    assert_converged(platform.engine, [desk])
