"""Kill points for the soak: on one desk file a process writing staff actions and a process syncing run at the same
time until both are killed with SIGKILL at a random moment; on one round in four the hub is killed first, right
after it applied a change of the desk's push (so the push is under way), and started again on the same file and
port while the desk goes on. Each kill of the desk, and each kill of the hub, is one point.

After every kill the desk file must open. After an episode's rounds the desk syncs until nothing waits (a bounded
number of times), and the ledger counts every action the writer reported or the desk holds: lost, doubled,
stuck; the desk must equal the hub row by row.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.hub import create_customer, create_voucher, make_engine, seed_demo
from frontdesk.storage.database import Database
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine
from frontdesk.sync.retry import RetryPolicy

from . import crash_child
from .ledger import Findings, count_actions, desk_replica, platform_replica, replica_differences
from .soak_hub import ACCOUNTS, FORKS, HubProcess, copy_database, make_hub_file, orphan_guarded

ROUNDS_PER_EPISODE = 40  # then a fresh hub and desk: a first load to interrupt again, and ledgers that stay small
DESK = "Crash Desk"  # crash_child's staff member works at this desk
DEMO_CUSTOMERS = 300  # a first load worth interrupting
WRITER_CUSTOMERS = 6  # the customers the writer acts on (few, so vouchers go back and forth)
FINAL_SYNCS = 5
SYNC_PAUSE = 0.02  # seconds between the sync process's syncs: it stays busy, and leaves the hub and writer some CPU


@dataclass
class KillTally:
    points: int = 0
    desk_kills: int = 0
    hub_kills: int = 0
    episodes: int = 0
    converged: int = 0  # episodes whose desk ended equal to the hub
    reported: int = 0  # actions the writer reported as saved
    refused: int = 0  # one desk acting alone: the hub should refuse nothing
    findings: Findings = field(default_factory=Findings)
    problems: list[str] = field(default_factory=list)  # the soak could not do what it meant to


@dataclass(frozen=True)
class HubTemplate:
    path: Path
    customers: list[int]
    vouchers: list[int]

    @classmethod
    def make(cls, path: Path) -> HubTemplate:
        make_hub_file(path)
        engine = make_engine(str(path))
        try:
            seed_demo(engine, customers=DEMO_CUSTOMERS, seed=7)
            made = [create_customer(engine, first_name="Soak", last_name=f"Writer{n}") for n in range(WRITER_CUSTOMERS)]
            vouchers = [create_voucher(engine, user_id=user) for user, _ in made for _ in range(2)]
        finally:
            engine.dispose()
        return cls(path, [user for user, _ in made], vouchers)


def _start(target: Callable[..., None], *args: Any) -> BaseProcess:
    process = FORKS.Process(target=orphan_guarded, args=(target, *args), daemon=True)
    process.start()
    return process


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def _wait(what: str, ready: Callable[[], bool], alive: list[BaseProcess], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if not all(p.is_alive() for p in alive) or time.monotonic() > deadline:
            raise RuntimeError(f"the kill-point children never got to {what}")
        time.sleep(0.002)


def _kill(processes: list[BaseProcess]) -> None:
    for process in processes:
        if process.pid is not None and process.is_alive():
            os.kill(process.pid, signal.SIGKILL)
    for process in processes:
        process.join(timeout=30)
        if process.exitcode != -signal.SIGKILL:
            raise RuntimeError(f"a desk process ended by itself (exit {process.exitcode}) before it was killed")


def _applied(hub_db: Path) -> int:
    """The hub's change-log length, read from its file as it stands."""
    connection = sqlite3.connect(hub_db, timeout=15)
    try:
        return int(connection.execute("SELECT count(*) FROM change_log").fetchone()[0])
    finally:
        connection.close()


def _sign_in(url: str, account: str = "manager") -> str:
    with PlatformClient(url, timeout=10, retry=RetryPolicy(attempts=1)) as client:
        return client.sign_in(account, ACCOUNTS[account][0]).access_token


class Episode:
    def __init__(self, folder: Path, template: HubTemplate, desk_template: Path, tally: KillTally) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.template, self.tally = folder, template, tally
        self.desk_path = copy_database(desk_template, folder / "desk.db")
        self.hub = HubProcess(copy_database(template.path, folder / "hub.db"), folder / "hub.log")
        self.reported: list[str] = []

    def run(self, rng: random.Random, rounds: int) -> None:
        self.hub.start()
        try:
            token = _sign_in(self.hub.url)
            hub_rounds = set(rng.sample(range(rounds), rounds // 4))
            for n in range(rounds):
                self._round(rng, n, token, kill_hub=n in hub_rounds)
            self._recover(token)
        finally:
            self.hub.stop()
        self.tally.episodes += 1

    def _round(self, rng: random.Random, n: int, token: str, *, kill_hub: bool) -> None:
        writes, syncs = self.folder / f"write-{n}.journal", self.folder / f"sync-{n}.journal"
        t, seed = self.template, rng.randrange(2**31)
        children = [  # the writer acts as fast as the desk takes it, so a kill mostly lands inside a transaction
            _start(crash_child.write_loop, str(self.desk_path), str(writes), t.customers, t.vouchers, seed),
            _start(crash_child.sync_loop, str(self.desk_path), str(syncs), self.hub.url, token, 50, None, SYNC_PAUSE),
        ]
        try:
            _wait("READY", lambda: "READY" in _lines(writes) and "READY" in _lines(syncs), children)
            if kill_hub:
                self._kill_hub_mid_push(rng, children)
            time.sleep(rng.uniform(0.01, 0.3))
        finally:
            rng.shuffle(children)
            _kill(children)
        self.tally.points += 1
        self.tally.desk_kills += 1
        keys = [line.split()[1] for line in _lines(writes) if line.startswith("KEY ")]
        self.reported += keys
        self.tally.reported += len(keys)
        try:
            Database(self.desk_path).close()  # opening finishes whatever the kill cut off
        except FrontDeskError as error:
            self.tally.problems.append(f"{self.folder.name} round {n}: the desk file does not open: {error.code}")

    def _kill_hub_mid_push(self, rng: random.Random, children: list[BaseProcess]) -> None:
        before = _applied(self.hub.db_path)
        _wait("a push reaching the hub", lambda: _applied(self.hub.db_path) > before, children)
        time.sleep(rng.uniform(0, 0.01))
        self.hub.kill()
        self.tally.points += 1
        self.tally.hub_kills += 1
        time.sleep(rng.uniform(0, 0.1))  # the desk keeps writing and finds the hub gone
        self.hub.start()

    def _recover(self, token: str) -> None:
        db = Database(self.desk_path)
        hub = make_engine(str(self.hub.db_path))
        try:
            with PlatformClient(self.hub.url, token=token, timeout=30, retry=RetryPolicy(attempts=3)) as client:
                engine = SyncEngine(db, client, SystemClock(), page_size=200)
                for _ in range(FINAL_SYNCS):
                    summary = engine.run()
                    self.tally.refused += summary.refused
                    if summary.complete and summary.waiting == 0:
                        break
            self.tally.findings.merge(count_actions(hub, {DESK: db}, {DESK: self.reported}), self.folder.name)
            differences = replica_differences(desk_replica(db), platform_replica(hub))
            if differences:
                self.tally.problems.append(
                    f"{self.folder.name}: the desk differs from the hub in {sorted(differences)}"
                )
            else:
                self.tally.converged += 1
        finally:
            db.close()
            hub.dispose()


def run_kill_points(points: int, rng: random.Random, folder: Path, desk_template: Path,
                    progress: Callable[[str], None] = lambda _line: None) -> KillTally:  # fmt: skip
    """At least `points` kill points (a round kills the desk once, and one round in four kills the hub too)."""
    tally = KillTally()
    template = HubTemplate.make(folder / "hub-template.db")
    episode = 0
    while tally.points < points:
        left = points - tally.points
        rounds = min(ROUNDS_PER_EPISODE, max(1, -(-left * 4 // 5)))  # 5 points per 4 rounds
        Episode(folder / f"episode-{episode}", template, desk_template, tally).run(rng, rounds)
        episode += 1
        progress(f"kill points: {tally.points} of {points}, {len(tally.problems)} problems")
    return tally
