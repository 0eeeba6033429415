"""The pull overlap (docs/architecture.md §5, sync/cursors.py): a change committed late, stamped *behind* a desk's
cursor, still reaches the desk at its next sync; the re-read costs nothing once the platform's clock has moved on.

The reference server hands out stamps in commit order, so a late commit is made here the way the real platform
makes one: a transaction that took its last_mod_dt before the desk's pull and commits after it (a plain write
with an explicit stamp, no write clock).
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from urllib.parse import parse_qs

import httpx
from sqlalchemy import insert, update
from sqlalchemy.orm import Session
from sync.helpers import Platform

from frontdesk.domain.clock import SystemClock
from frontdesk.hub import create_customer, create_voucher, void_voucher
from frontdesk.hub.models import ConnectionRow, UserRow, VoucherRow
from frontdesk.protocol.wire import Cursor, format_dt
from frontdesk.storage.models import DeskFact, SyncCursor
from frontdesk.sync.cursors import OVERLAP
from frontdesk.sync.engine import SyncEngine
from frontdesk.sync.scope import HORIZON_FACT
from sync_engine.helpers import (
    Desk,
    DeskFactory,
    assert_converged,
    assert_no_lost_or_doubled,
    client,
    make_customers,
    sign_in,
)

NOTHING = {"users": 0, "connections": 0, "vouchers": 0}
LISTS = ("/v2/users/", "/v2/connections/", "/v2/vouchers/")


class Recording(httpx.HTTPTransport):
    """The real HTTP transport, keeping every list request's query; optionally without the answers' Date."""

    def __init__(self, *, drop_date: bool = False) -> None:
        super().__init__()
        self.queries: list[tuple[str, dict[str, str]]] = []
        self.drop_date = drop_date

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path in LISTS:
            query = {k: v[0] for k, v in parse_qs(request.url.query.decode()).items()}
            self.queries.append((request.url.path, query))
        response = super().handle_request(request)
        if self.drop_date:
            del response.headers["Date"]
        return response

    def take(self) -> list[tuple[str, dict[str, str]]]:
        taken, self.queries = self.queries, []
        return taken


def cursor_of(desk: Desk, resource: str) -> Cursor:
    with desk.db.unit_of_work() as session:
        row = session.get(SyncCursor, resource)
        assert row is not None and row.last_mod_dt is not None
        return Cursor(row.last_mod_dt, row.last_id)


def commit_late(platform: Platform, stamp: datetime, *, void: int) -> dict[str, int]:
    """One transaction stamped `stamp`: a new customer with a voucher, and voucher `void` voided."""
    with Session(platform.engine) as session, session.begin():
        user_id = 900_001
        session.execute(insert(UserRow).values(user_id=user_id, first_name="Late", last_name="Committer", emails=[],
                                               phone_number=None, birthday=None, member_number=None,
                                               last_mod_dt=stamp))  # fmt: skip
        session.execute(insert(ConnectionRow).values(connection_id=900_001, user_id=user_id, business_id=1,
                                                     status="ACTIVE", point_balance=10, home_location=None,
                                                     membership_status="ACTIVE", last_mod_dt=stamp))  # fmt: skip
        session.execute(insert(VoucherRow).values(voucher_id=90_000_001, user_id=user_id, business_id=1,
                                                  title="Late perk", status="UNUSED", points=100, created_dt=stamp,
                                                  last_mod_dt=stamp))  # fmt: skip
        session.execute(update(VoucherRow).where(VoucherRow.voucher_id == void).values(status="VOIDED",
                                                                                       last_mod_dt=stamp))  # fmt: skip
    return {"user": user_id, "voucher": 90_000_001}


def test_a_change_committed_behind_the_cursor_arrives_at_the_next_sync(
    platform: Platform, make_desk: DeskFactory
) -> None:
    people = make_customers(platform.engine, 4)
    desk = make_desk("Desk A")
    online = client(platform.base_url, sign_in(platform.base_url, "desk"))
    assert desk.sync(online).pulled == {"users": 4, "connections": 4, "vouchers": 4}
    oldest = min(cursor_of(desk, name).last_mod_dt for name in ("users", "connections", "vouchers"))

    late = commit_late(platform, oldest - timedelta(seconds=1), void=people[1].vouchers[0])
    summary = desk.sync(online)
    assert summary.complete and summary.pulled == {"users": 1, "connections": 1, "vouchers": 2}
    assert desk.voucher(people[1].vouchers[0]).status == "VOIDED"
    assert desk.voucher(late["voucher"]).title == "Late perk"
    assert desk.sync(online).pulled == NOTHING  # re-read again, but nothing new to store or count
    assert_converged(platform.engine, [desk])


def test_a_re_read_never_overwrites_a_change_still_waiting(platform: Platform, make_desk: DeskFactory) -> None:
    people = make_customers(platform.engine, 2)
    desk = make_desk("Desk A")
    online = client(platform.base_url, sign_in(platform.base_url, "desk"))
    assert desk.sync(online).complete
    voucher_id = people[0].vouchers[0]
    commit_late(platform, cursor_of(desk, "vouchers").last_mod_dt - timedelta(seconds=2), void=voucher_id)

    def staff_marks_it_meanwhile(resource: str, done: int, total: int | None) -> None:
        if not desk.made:  # after the users page, before the vouchers are re-read
            desk.mark_used(voucher_id)

    summary = SyncEngine(desk.db, online, desk.clock, page_size=50).run(progress=staff_marks_it_meanwhile)
    assert summary.complete and summary.waiting == 1
    assert desk.voucher(voucher_id).status == "USED"  # the re-read VOIDED waits behind the staff's mark

    settled = desk.sync(online)
    assert (settled.pushed, settled.refused) == (0, 1)
    assert desk.voucher(voucher_id).status == "VOIDED"
    [conflict] = desk.conflicts()
    assert (conflict.code, conflict.target_id) == ("voucher_not_unused", voucher_id)
    assert_no_lost_or_doubled(platform.engine, [desk])
    assert_converged(platform.engine, [desk])


def asked_from(queries: list[dict[str, str]]) -> set[tuple[str, str]]:
    return {(q["last_mod_dt__gte"], q["after_id"]) for q in queries}


def test_with_nothing_new_a_sync_asks_from_the_cursor_and_re_reads_only_after_fresh_changes(
    platform: Platform, make_desk: DeskFactory
) -> None:
    earlier = SystemClock().now() - timedelta(hours=1)
    user_id, _ = create_customer(platform.engine, first_name="Old", last_name="Timer", now=earlier)
    voucher_id = create_voucher(platform.engine, user_id=user_id, now=earlier)
    desk, recording = make_desk("Desk A"), Recording()
    online = client(platform.base_url, sign_in(platform.base_url, "desk"), transport=recording)
    overlap = timedelta(seconds=1)
    engine = SyncEngine(desk.db, online, desk.clock, overlap=overlap)
    assert engine.run().complete
    recording.take()

    assert engine.run().pulled == NOTHING
    cursors = {name: cursor_of(desk, name) for name in ("users", "connections", "vouchers")}
    expected = sorted((f"/v2/{n}/", format_dt(c.last_mod_dt), str(c.id)) for n, c in cursors.items())
    assert sorted((path, q["last_mod_dt__gte"], q["after_id"]) for path, q in recording.take()) == expected

    void_voucher(platform.engine, voucher_id)  # a fresh stamp: a late commit could still land behind it
    assert engine.run().pulled == {"users": 0, "connections": 0, "vouchers": 1}
    recording.take()
    assert engine.run().pulled == NOTHING
    [query] = [q for p, q in recording.take() if p == "/v2/vouchers/"]
    fresh = cursor_of(desk, "vouchers")
    assert query["after_id"] == "0" and query["last_mod_dt__gte"] < format_dt(fresh.last_mod_dt)

    time.sleep(3.5)  # the platform's Date (whole seconds, refreshed once a second) passes the stamp + overlap
    assert engine.run().pulled == NOTHING  # still re-reads; records the platform's clock as the new horizon
    recording.take()
    assert engine.run().pulled == NOTHING
    vouchers = [q for p, q in recording.take() if p == "/v2/vouchers/"]
    assert asked_from(vouchers) == {(format_dt(fresh.last_mod_dt), str(fresh.id))}


def horizon(desk: Desk, resource: str) -> str | None:
    with desk.db.unit_of_work() as session:
        fact = session.get(DeskFact, HORIZON_FACT + resource)
        return None if fact is None else fact.value


def test_without_a_date_header_every_sync_re_reads_the_overlap_before_the_cursor(
    platform: Platform, make_desk: DeskFactory
) -> None:
    people = make_customers(platform.engine, 2)
    desk, recording = make_desk("Desk A"), Recording(drop_date=True)
    online = client(platform.base_url, sign_in(platform.base_url, "desk"), transport=recording)
    assert desk.sync(online).complete and horizon(desk, "vouchers") is None
    recording.take()
    cursor = cursor_of(desk, "vouchers")
    commit_late(platform, cursor.last_mod_dt - OVERLAP / 2, void=people[0].vouchers[0])
    assert desk.sync(online).pulled == {"users": 1, "connections": 1, "vouchers": 2}
    vouchers = [q for p, q in recording.take() if p == "/v2/vouchers/"]
    assert asked_from(vouchers) == {(format_dt(cursor.last_mod_dt - OVERLAP), "0")}
    assert_converged(platform.engine, [desk])
