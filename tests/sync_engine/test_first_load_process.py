"""A desk's first load runs in a process of its own (frontdesk/services/first_load.py): it reports its progress,
stops when cancelled, says what went wrong in the same words as a sync in the window, and a kill half-way
leaves a desk that the next sync completes."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from pathlib import Path

import pytest
from sync.helpers import Platform

from frontdesk.domain.errors import FrontDeskError
from frontdesk.hub import seed_demo
from frontdesk.services.first_load import needs_own_process, sync_for_window, sync_in_own_process
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.sync.engine import SyncEngine
from sync_engine.helpers import Desk, DeskFactory, assert_converged, assert_search_index_intact, client, sign_in

CUSTOMERS = 300
PAGE = 20  # small pages and batches: a first load of many steps, to report, cancel or kill between


def seeded_link(platform: Platform) -> PlatformLink:
    seed_demo(platform.engine, customers=CUSTOMERS, seed=3, batch_size=50)
    return PlatformLink(platform.base_url, token=sign_in(platform.base_url, "desk"))


def children() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name == "frontdesk-first-load" and p.is_alive()]


def test_a_first_load_runs_in_a_process_of_its_own_and_reports_its_progress(
    platform: Platform, make_desk: DeskFactory
) -> None:
    desk, link = make_desk("Desk A"), seeded_link(platform)
    reports: list[tuple[str, int, int | None]] = []
    writers: set[int] = set()

    def progress(resource: str, done: int, total: int | None) -> None:
        reports.append((resource, done, total))
        writers.update(p.pid for p in children())

    summary = sync_in_own_process(link, desk.db, desk.clock, progress=progress, page_size=PAGE, batch_rows=PAGE)
    assert summary.complete and summary.problem is None
    assert summary.pulled["users"] == CUSTOMERS
    assert writers and os.getpid() not in writers  # the rows were written by another process
    users_first = [r == "users" for r, _, _ in reports]
    assert users_first == sorted(users_first, reverse=True)  # the users first; then connections and vouchers at once
    for resource in ("users", "connections", "vouchers"):
        counts = [done for r, done, _ in reports if r == resource]
        assert counts == sorted(counts)  # each resource's own reports in order
    last = {resource: (done, total) for resource, done, total in reports}
    assert {resource: done for resource, (done, _) in last.items()} == summary.pulled
    assert last["users"][1] == CUSTOMERS  # the platform's count, as the first page said
    assert len([r for r in reports if r[0] == "users"]) >= CUSTOMERS // PAGE  # a report per batch stored
    assert_converged(platform.engine, [desk])
    assert_search_index_intact(desk.db)
    assert not needs_own_process(desk.db)  # done: the next syncs run in the window's process


def test_a_first_load_cancelled_half_way_stops_and_the_next_sync_completes(
    platform: Platform, make_desk: DeskFactory
) -> None:
    desk, link = make_desk("Desk A"), seeded_link(platform)
    cancel = threading.Event()
    summary = sync_in_own_process(link, desk.db, desk.clock, cancel, lambda *_: cancel.set(), page_size=PAGE,
                                  batch_rows=PAGE)  # fmt: skip
    assert summary.cancelled and not summary.complete
    assert 0 < summary.pulled["users"] < CUSTOMERS and summary.pulled["vouchers"] == 0
    assert not children()
    assert needs_own_process(desk.db)  # not finished: the next sync is a first load too, and goes on
    finished = sync_for_window(link, desk.db, desk.clock)
    assert finished.complete and finished.pulled["users"] == CUSTOMERS - summary.pulled["users"]
    assert_converged(platform.engine, [desk])
    assert_search_index_intact(desk.db)


def test_a_cancel_before_the_first_load_starts_pulls_nothing(platform: Platform, make_desk: DeskFactory) -> None:
    desk, link = make_desk("Desk A"), seeded_link(platform)
    cancel = threading.Event()
    cancel.set()
    summary = sync_in_own_process(link, desk.db, desk.clock, cancel)
    assert summary.cancelled and not summary.complete and sum(summary.pulled.values()) == 0


def test_an_unreachable_platform_is_said_in_the_same_words_as_in_the_window(
    dead_url: str, make_desk: DeskFactory
) -> None:
    desk = make_desk("Desk A")
    link = PlatformLink(dead_url, token="a token")
    in_child = sync_in_own_process(link, desk.db, desk.clock)
    with client(dead_url, "a token") as here:
        in_window = SyncEngine(desk.db, here, desk.clock).run()
    assert not in_child.complete and in_child.problem_code == in_window.problem_code == "platform_unavailable"
    assert in_child.problem is not None and in_child.problem.startswith("The loyalty platform cannot be reached")


def test_a_desk_file_the_child_finds_damaged_is_refused_in_plain_words(
    platform: Platform, make_desk: DeskFactory
) -> None:
    desk, link = make_desk("Desk A"), seeded_link(platform)
    with desk.db.path.open("r+b") as file:  # after the window opened it: the child is the first to look again
        file.write(b"not a database file, whatever it was" * 3)
    with pytest.raises(FrontDeskError) as refused:
        sync_in_own_process(link, desk.db, desk.clock)
    with pytest.raises(FrontDeskError) as here:  # what the window says when it opens that file itself
        Database(desk.db.path)
    assert (refused.value.code, refused.value.message) == (here.value.code, here.value.message)
    assert refused.value.code == "database_damaged" and "damaged" in refused.value.message


@pytest.mark.parametrize("phase", ["users", "connections"])  # the index suspended; the index being built
def test_a_first_load_killed_half_way_leaves_a_desk_the_next_sync_completes(
    platform: Platform, make_desk: DeskFactory, phase: str
) -> None:
    desk, link = make_desk("Desk A"), seeded_link(platform)

    def kill_the_child(resource: str, done: int, _total: int | None) -> None:
        if resource == phase and done >= 3 * PAGE:
            for child in children():
                os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(FrontDeskError) as stopped:
        sync_in_own_process(link, desk.db, desk.clock, progress=kill_the_child, page_size=PAGE, batch_rows=PAGE)
    assert stopped.value.code == "first_load_stopped"
    assert "What arrived is kept" in stopped.value.message
    assert not children()
    reopened = Desk.open("Desk A again", desk.db.path)  # as the next start of the window would
    try:
        assert needs_own_process(reopened.db)
        summary = sync_for_window(link, reopened.db, reopened.clock)
        assert summary.complete
        assert_converged(platform.engine, [reopened])
        assert_search_index_intact(reopened.db)
    finally:
        reopened.db.close()


def test_a_desk_that_changes_scope_loads_again_in_a_process_of_its_own(
    platform: Platform, make_desk: DeskFactory, tmp_path: Path
) -> None:
    desk, link = make_desk("Desk A"), seeded_link(platform)
    assert sync_for_window(link, desk.db, desk.clock).complete
    assert not needs_own_process(desk.db)
    rescoped = PlatformLink(platform.base_url, token=link.token, business_id=1)
    with client(platform.base_url, link.token) as here:
        SyncEngine(desk.db, here, desk.clock, scope=rescoped.scope).run(cancel=_already_set())
    assert needs_own_process(desk.db)  # its cursors were forgotten: everything is pulled again


def _already_set() -> threading.Event:
    event = threading.Event()
    event.set()
    return event
