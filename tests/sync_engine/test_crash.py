"""kill -9 of the desk process while it writes staff actions and while it syncs: after a restart and a clean sync,
every action the process reported as committed is on the platform exactly once, nothing is doubled, and the
database opens with its search index intact (Database() finishes a first load that a kill left suspended).

Children are forked from a forkserver that has already imported the code (crash_child.py), so each kill costs
milliseconds, not a Python start-up; a few kills hit the real `frontdesk sync` command instead.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sync.helpers import STAFF, Platform

from frontdesk.domain.staff import StaffRole
from frontdesk.hub import seed_demo
from frontdesk.hub.models import ChangeLog
from frontdesk.services.search import search_customers
from frontdesk.storage.search_index import SUSPENDED_FACT
from sync_engine import crash_child
from sync_engine.helpers import (
    Desk,
    assert_converged,
    assert_no_lost_or_doubled,
    assert_search_index_intact,
    client,
    make_customers,
    sign_in,
)
from sync_engine.proxy import Fault, FaultProxy

FORKS = multiprocessing.get_context("forkserver")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def forkserver() -> None:
    """Start the forkserver with this code imported. Python 3.11's forkserver ignores the parent's sys.path
    when preloading, so tests/ goes in through PYTHONPATH for its start only."""
    FORKS.set_forkserver_preload(["sync_engine.crash_child"])
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT), *([before] if before else [])])
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before


def start(target: Callable[..., None], *args: Any) -> BaseProcess:
    process = FORKS.Process(target=target, args=args, daemon=True)
    process.start()
    return process


def journal_lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def wait_for(path: Path, ready: Callable[[list[str]], bool], process: BaseProcess, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready(journal_lines(path)):
        assert process.is_alive(), f"the child died by itself: {journal_lines(path)[-3:]}"
        assert time.monotonic() < deadline, f"the child never got there: {journal_lines(path)[-3:]}"
        time.sleep(0.002)


def kill(process: BaseProcess) -> None:
    assert process.is_alive() and process.pid is not None, "the child ended before it was killed"
    os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=30)
    assert process.exitcode == -signal.SIGKILL


def raw(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Look at the file as the kill left it, before Database() opens (and repairs) it."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def fresh_desk_file(desk_template: Path, folder: Path) -> Path:
    path = folder / "crash-desk.db"
    shutil.copyfile(desk_template, path)
    return path


def test_a_kill_in_the_middle_of_a_first_load_leaves_a_database_that_opens_repaired(
    platform: Platform, desk_template: Path, tmp_path: Path
) -> None:
    seed_demo(platform.engine, customers=600)
    path = fresh_desk_file(desk_template, tmp_path)
    token = sign_in(platform.base_url, "manager")
    journal = tmp_path / "sync.journal"
    child = start(crash_child.sync_loop, str(path), str(journal), platform.base_url, token, 50, 200)
    wait_for(journal, lambda lines: "HELD" in lines, child)
    kill(child)

    assert raw(path, "SELECT count(*) FROM desk_facts WHERE key = ?", SUSPENDED_FACT) == [(1,)]
    [(stored,)] = raw(path, "SELECT count(*) FROM customers")
    assert raw(path, "SELECT last_id FROM sync_cursors WHERE resource = 'users'") == [(stored,)]
    assert 200 <= stored < 600

    desk = Desk.open("Crash Desk", path, StaffRole.EMPLOYEE)  # opening repairs the index
    assert_search_index_intact(desk.db)
    assert [c.id for c in search_customers(desk.db, f"M{stored:08d}").customers] == [stored]
    summary = desk.sync(client(platform.base_url, token), page_size=200)
    assert summary.complete and summary.pulled["users"] == 600 - stored  # resumed at the cursor
    assert_search_index_intact(desk.db)
    assert [c.id for c in search_customers(desk.db, "M00000600").customers] == [600]
    assert_converged(platform.engine, [desk])
    desk.db.close()


def test_a_kill_after_the_platform_applied_a_change_but_before_the_desk_stored_the_answer(
    platform: Platform, desk_template: Path, tmp_path: Path
) -> None:
    people = make_customers(platform.engine, 3)
    path = fresh_desk_file(desk_template, tmp_path)
    token = sign_in(platform.base_url, "manager")
    desk = Desk.open("Crash Desk", path, StaffRole.EMPLOYEE)
    assert desk.sync(client(platform.base_url, token)).complete
    keys = [desk.mark_used(p.vouchers[0]) for p in people]
    desk.db.close()

    journal = tmp_path / "sync.journal"
    with FaultProxy(platform.base_url) as proxy:
        proxy.script.append(Fault.HOLD)  # the first change reaches the platform; its answer never comes back
        child = start(crash_child.sync_loop, str(path), str(journal), proxy.url, token, 50)
        deadline = time.monotonic() + 30
        while not ServerKeys(platform).has(keys[0]):
            assert child.is_alive() and time.monotonic() < deadline
            time.sleep(0.002)
        kill(child)

    assert raw(path, "SELECT state FROM outbox ORDER BY seq") == [("PENDING",)] * 3  # the desk never heard back
    desk = Desk.open("Crash Desk", path, StaffRole.EMPLOYEE)
    desk.made = keys
    settled = desk.sync(client(platform.base_url, token))
    assert (settled.complete, settled.pushed, settled.refused) == (True, 3, 0)  # the first one is a replay
    assert ServerKeys(platform).applied() == keys
    assert_no_lost_or_doubled(platform.engine, [desk])
    assert_converged(platform.engine, [desk])
    desk.db.close()


class ServerKeys:
    def __init__(self, platform: Platform) -> None:
        self.engine = platform.engine

    def applied(self) -> list[str]:
        with self.engine.connect() as db:
            return list(db.execute(select(ChangeLog.idempotency_key).order_by(ChangeLog.id)).scalars())

    def has(self, key: str) -> bool:
        return key in self.applied()


def frontdesk_sync(path: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FRONTDESK_PASSWORD": STAFF["manager"][0]}
    argv = [sys.executable, str(ROOT / "main.py"), "sync", "--db", str(path), "--platform", url,
            "--username", "manager", "--page-size", "50"]  # fmt: skip
    return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_random_kills_while_writing_and_syncing_lose_and_double_nothing(
    platform: Platform, desk_template: Path, tmp_path: Path
) -> None:
    rng = random.Random(20261101)
    seed_demo(platform.engine, customers=400)  # a first load worth interrupting
    people = make_customers(platform.engine, 6, vouchers=2)
    customers, vouchers = [p.user_id for p in people], [v for p in people for v in p.vouchers]
    path = fresh_desk_file(desk_template, tmp_path)
    token = sign_in(platform.base_url, "manager")
    schedule = ["sync", "sync", *rng.sample(["write"] * 11 + ["sync"] * 8 + ["command"] * 3, 22)]
    reported: list[str] = []
    write_kills = 0
    n = 0
    while n < len(schedule):
        what = schedule[n]
        journal = tmp_path / f"child-{n}.journal"
        if what == "command":  # the real command line, killed wherever the random moment falls
            process = frontdesk_sync(path, platform.base_url)
            time.sleep(rng.uniform(0.5, 1.5))
            process.kill()
            _, err = process.communicate(timeout=30)
            assert process.returncode in (0, -signal.SIGKILL), err.decode()
        else:
            if what == "write":
                child = start(crash_child.write_loop, str(path), str(journal), customers, vouchers, n)
            else:
                child = start(crash_child.sync_loop, str(path), str(journal), platform.base_url, token, 50)
            wait_for(journal, lambda lines: "READY" in lines, child)
            time.sleep(rng.uniform(0.02, 0.3) if what == "write" else rng.uniform(0.0, 0.5))
            kill(child)
        if what == "write":
            write_kills += 1
            reported += [line.split()[1] for line in journal_lines(journal) if line.startswith("KEY ")]
        desk = Desk.open("Crash Desk", path, StaffRole.EMPLOYEE)  # every kill: the file opens, index intact
        assert_search_index_intact(desk.db)
        desk.db.close()
        n += 1
        if n == len(schedule) and len(reported) < 20 and n < 60:
            schedule.append("write")  # a loaded machine saves fewer actions before each kill: kill more writers

    desk = Desk.open("Crash Desk", path, StaffRole.EMPLOYEE)
    desk.made = [e.key for e in desk.outbox()]
    committed = set(desk.made)
    assert set(reported) <= committed, "an action the desk reported as saved is gone"
    assert len(reported) == len(set(reported))
    assert len(committed - set(reported)) <= write_kills  # at most the one each kill cut before its report
    assert len(reported) >= 20
    online = client(platform.base_url, token)
    for _round in range(2):
        summary = desk.sync(online)
        assert summary.complete and summary.waiting == 0
    assert {e.state for e in desk.outbox()} == {"ACCEPTED"}  # one desk, valid actions: every one accepted
    assert ServerKeys(platform).applied() == desk.made  # each once, in the order staff acted
    assert desk.conflicts() == []
    assert_no_lost_or_doubled(platform.engine, [desk])
    assert_converged(platform.engine, [desk])
    assert_search_index_intact(desk.db)
    desk.db.close()
