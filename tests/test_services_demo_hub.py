"""The demo hub's data file: seeded on first use, kept once finished, seeded again when a first start was cut
off half-way (customers in the file but not the demo accounts, which are added last)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from frontdesk.hub import make_engine, seed_demo
from frontdesk.services.demo_hub import DEMO_STAFF, start_demo_hub
from frontdesk.services.platform_link import PlatformLink


def _count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        count: int = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return count
    finally:
        connection.close()


def _serve_once(path: Path, customers: int) -> None:
    hub = start_demo_hub(path, port=0, customers=customers)
    try:
        name, password, _ = DEMO_STAFF
        assert PlatformLink(hub.url).sign_in(name, password).staff.name == name  # the demo account signs in
    finally:
        hub.stop()


def test_a_new_hub_file_is_seeded_with_customers_and_the_demo_accounts(tmp_path: Path) -> None:
    path = tmp_path / "demo-hub.db"
    _serve_once(path, customers=25)
    assert _count(path, "users") == 25
    assert _count(path, "staff_accounts") == 2


def test_a_finished_hub_file_is_kept_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "demo-hub.db"
    _serve_once(path, customers=25)
    _serve_once(path, customers=40)
    assert _count(path, "users") == 25  # not seeded twice, not replaced


def test_a_half_seeded_hub_file_is_seeded_again(tmp_path: Path) -> None:
    path = tmp_path / "demo-hub.db"
    engine = make_engine(str(path))
    seed_demo(engine, customers=30, seed=1)  # the first start stopped here: no demo accounts yet
    engine.dispose()
    _serve_once(path, customers=25)
    assert _count(path, "users") == 25  # made again from the start, not 30 + 25
    assert _count(path, "staff_accounts") == 2


def test_the_hub_outlives_the_desk_that_started_it_and_stops_by_itself_when_idle(tmp_path: Path) -> None:
    started = start_demo_hub(tmp_path / "demo-hub.db", port=0, customers=5, idle_s=3)
    try:
        assert started.process is not None
        port = int(started.url.rsplit(":", 1)[1])
        joined = start_demo_hub(tmp_path / "demo-hub.db", port=port)  # a second desk finds it and joins
        assert joined.process is None and joined.url == started.url
        started.private = False  # as on the shared demo port: the first desk closing leaves it to the others
        started.stop()
        name, password, _ = DEMO_STAFF
        assert PlatformLink(joined.url).sign_in(name, password).staff.name == name  # still serving desk two
        started.process.wait(timeout=30)  # nobody asks anything for 3 s: it stops by itself
        assert started.process.returncode == 0
    finally:
        started.shutdown()
