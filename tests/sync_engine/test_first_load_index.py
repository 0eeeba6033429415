"""A first load's search indexes are built in chunks beside the rest of the load (frontdesk/sync/index_builder.py):
at the end they hold every customer once — those fetched behind the chunks too — and their per-row upkeep is back.
"""

from __future__ import annotations

import sqlite3

from sync.helpers import Platform

from frontdesk.hub import create_customer, seed_demo
from frontdesk.protocol.wire import CONNECTIONS, USERS, VOUCHERS
from frontdesk.services.search import search_customers
from frontdesk.storage import index_build
from frontdesk.storage.database import Database
from frontdesk.storage.search_index import SUSPENDED_FACT, suspend_index
from frontdesk.sync.index_builder import SearchIndexBuild
from frontdesk.sync.pull import pull_resource
from sync_engine.helpers import DeskFactory, assert_converged, assert_search_index_intact, client, sign_in


def automerge(path: str) -> dict[str, int | None]:
    """Each index's own 'automerge' setting (None: never set, FTS5's default of 4)."""
    with sqlite3.connect(path) as connection:
        values = {table: connection.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
                  for table in ("customers_fts", "customers_fts_email")}  # fmt: skip
    connection.close()
    return {table: None if value is None else int(value[0]) for table, value in values.items()}


def suspended_facts(path: str) -> list[tuple[str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT key FROM desk_facts WHERE key = ?", (SUSPENDED_FACT,)).fetchall()


def test_customers_fetched_behind_the_chunks_are_indexed_once(platform: Platform, make_desk: DeskFactory) -> None:
    seed_demo(platform.engine, customers=120, seed=4, batch_size=50)
    desk = make_desk("Desk A")
    index = SearchIndexBuild(desk.db)
    with client(platform.base_url, sign_in(platform.base_url, "desk")) as online:
        pull_resource(desk.db, online, USERS, page_size=50, should_stop=lambda: False, index=index)
        assert suspended_facts(str(desk.db.path))  # the users are in; their index is being built
        # A customer made after the users pull: their connection brings them in, behind the chunks.
        create_customer(platform.engine, first_name="Zebulon", last_name="Latecomer")
        for resource in (CONNECTIONS, VOUCHERS):
            pull_resource(desk.db, online, resource, page_size=50, should_stop=lambda: False, index=index)
    index.finish()
    assert not suspended_facts(str(desk.db.path))
    assert automerge(str(desk.db.path)) == {"customers_fts": 4, "customers_fts_email": 4}  # merging is back on
    assert_converged(platform.engine, [desk])
    assert_search_index_intact(desk.db)  # every customer once, the insert triggers back
    assert [c.last_name for c in search_customers(desk.db, "zebulon").customers] == ["Latecomer"]
    assert search_customers(desk.db, "latecom").customers  # the e-mail index too was given the same rows


def test_without_a_builder_the_users_pull_rebuilds_the_index_itself(platform: Platform, make_desk: DeskFactory) -> None:
    seed_demo(platform.engine, customers=60, seed=4, batch_size=50)
    desk = make_desk("Desk A")
    with client(platform.base_url, sign_in(platform.base_url, "desk")) as online:
        pull_resource(desk.db, online, USERS, page_size=50, should_stop=lambda: False)
    assert not suspended_facts(str(desk.db.path))
    assert_search_index_intact(desk.db)


def test_a_build_cut_short_with_merging_off_gets_merging_back_when_the_file_next_opens(
    platform: Platform, make_desk: DeskFactory
) -> None:
    """The chunks go in with FTS5's automatic merging off (kept in the index itself): a process killed half-way
    must not leave the index unmerged for good."""
    seed_demo(platform.engine, customers=60, seed=4, batch_size=50)
    desk = make_desk("Desk A")
    with client(platform.base_url, sign_in(platform.base_url, "desk")) as online:
        pull_resource(desk.db, online, USERS, page_size=50, should_stop=lambda: False)
    with desk.db.unit_of_work(write=True) as session:  # a first load's users are in, its first chunk too; it dies
        suspend_index(session)
        index_build.clear(session)
        index_build.index_chunk(session, -1, limit=20)
    path = str(desk.db.path)
    desk.db.close()
    assert automerge(path) == {"customers_fts": 0, "customers_fts_email": 0} and suspended_facts(path)
    reopened = Database(path)
    try:
        assert automerge(path) == {"customers_fts": 4, "customers_fts_email": 4}
        assert not suspended_facts(path)
        assert_search_index_intact(reopened)
    finally:
        reopened.close()
