"""Fault runs for the soak: three desks and a hub process with the fault proxy between them. Every run the hub gets
new customers; the desks load them through the faults; two or three desks mark the same new voucher as used while
offline (with other staff actions around it); then they reconnect in a random order, twice, through the faults.
Once the faults stop, each desk syncs twice straight to the hub and the run is checked:

- the collision happened and was explained: the hub applied one use of the voucher, by one of the colliding desks,
  and holds it as used by that desk; every other colliding desk has its mark refused and exactly one conflict on
  that voucher, naming the desk that used it; the winner has none;
- the ledger (ledger.py) finds nothing lost, doubled or stuck, and every desk equals the hub row by row.

A world (hub, proxy, three desks) serves RUNS_PER_WORLD runs, so the rows compared each run stay few.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from frontdesk.domain.errors import ChangeRefused, NotFoundError
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffRole
from frontdesk.hub import create_customer, create_voucher, make_engine
from frontdesk.hub.models import ChangeLog, VoucherRow
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.retry import RetryPolicy

from .ledger import Findings, count_actions, desk_replica, platform_replica, replica_differences
from .proxy import ALL_FAULTS, Fault, FaultProxy
from .soak_desk import SoakDesk
from .soak_hub import ACCOUNTS, HubProcess, copy_database, make_hub_file

RUNS_PER_WORLD = 25
ROLES = {"Desk A": StaffRole.FRONT_DESK, "Desk B": StaffRole.FRONT_DESK, "Desk C": StaffRole.EMPLOYEE}
RATE = 0.3  # of requests that meet a fault while the faults are on
TIMEOUT = 0.3  # seconds per request through the proxy; a SLOW answer comes after it
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.0, max_delay=0.0)
WEIGHTED = tuple(f for f in ALL_FAULTS for _ in range(1 if f is Fault.SLOW else 2))  # a slow answer costs a timeout
STATUSES = (ProgramStatus.ACTIVE, ProgramStatus.PENDING, ProgramStatus.INACTIVE)
LOAD_TRIES = 30


@dataclass
class FaultTally:
    runs: int = 0
    worlds: int = 0
    converged: int = 0  # runs after which every desk equalled the hub
    collisions_forced: int = 0
    collisions_detected: int = 0
    refused: int = 0  # conflicts of all kinds, the forced ones included
    injected: Counter[str] = field(default_factory=Counter)
    findings: Findings = field(default_factory=Findings)
    problems: list[str] = field(default_factory=list)


def _sign_in(url: str, account: str) -> str:
    with PlatformClient(url, timeout=10, retry=RetryPolicy(attempts=1)) as client:
        return client.sign_in(account, ACCOUNTS[account][0]).access_token


class World:
    def __init__(self, folder: Path, hub_template: Path, desk_template: Path, seed: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.name = folder.name
        self.hub = HubProcess(copy_database(hub_template, folder / "hub.db"), folder / "hub.log")
        self.desks = [SoakDesk.open(name, copy_database(desk_template, folder / f"desk-{n}.db"), role)
                      for n, (name, role) in enumerate(ROLES.items())]  # fmt: skip
        self.seed = seed
        self.seen: set[str] = set()  # ledger findings already counted (a stuck action stays stuck)
        self.actions = 0  # staff actions already counted

    def run(self, rng: random.Random, runs: int, tally: FaultTally) -> None:
        self.hub.start()
        engine = make_engine(str(self.hub.db_path))
        try:
            tokens = {account: _sign_in(self.hub.url, account) for account in ACCOUNTS}
            straight = {
                a: PlatformClient(self.hub.url, token=t, timeout=30, retry=FAST_RETRY) for a, t in tokens.items()
            }
            with FaultProxy(self.hub.url, seed=self.seed, faults=WEIGHTED, slow_seconds=TIMEOUT + 0.15) as proxy:
                faulty = {desk.name: PlatformClient(proxy.url, token=tokens[desk.account], timeout=TIMEOUT,
                                                    retry=FAST_RETRY, sleep=lambda _s: None,
                                                    rng=random.Random(rng.random()))
                          for desk in self.desks}  # fmt: skip
                for n in range(runs):
                    where = f"{self.name} run {n}"
                    Run(self, engine, rng, where, tally).go(proxy, faulty, straight)
                tally.injected.update({f.value: n for f, n in proxy.injected().items() if f is not Fault.PASS})
            for client in [*straight.values(), *faulty.values()]:
                client.close()
            tally.refused += sum(len(desk.conflicts()) for desk in self.desks)
        finally:
            engine.dispose()
            self.hub.stop()
            for desk in self.desks:
                desk.db.close()
        tally.worlds += 1


class Run:
    def __init__(self, world: World, engine: Engine, rng: random.Random, where: str, tally: FaultTally) -> None:
        self.world, self.engine, self.rng, self.where, self.tally = world, engine, rng, where, tally

    def go(self, proxy: FaultProxy, faulty: dict[str, PlatformClient], straight: dict[str, PlatformClient]) -> None:
        desks, rng = self.world.desks, self.rng
        users = [create_customer(self.engine, first_name="Soak", last_name="Run", status=rng.choice(STATUSES))[0]
                 for _ in range(3)]  # fmt: skip
        vouchers = [create_voucher(self.engine, user_id=user) for user in users]
        target, others = vouchers[0], vouchers[1:]
        proxy.rate = RATE
        if not all(self._load(desk, faulty[desk.name], target) for desk in desks):
            proxy.rate = 0.0
            return
        colliders = rng.sample(desks, rng.choice((2, 3)))
        marks = {desk.name: desk.mark_used(target) for desk in colliders}  # offline: nobody has synced since
        self.tally.collisions_forced += 1
        for _round in range(2):  # reconnect in a random order, with a few more actions on the way
            for desk in rng.sample(desks, len(desks)):
                self._act(desk, users, others)
                desk.sync(faulty[desk.name])
        proxy.rate = 0.0
        for _round in range(2):  # the faults have stopped: every desk settles straight with the hub
            for desk in desks:
                desk.sync(straight[desk.account])
        self.tally.runs += 1
        self._check_collision(target, marks)
        self._check_ledger()

    def _load(self, desk: SoakDesk, client: PlatformClient, target: int) -> bool:
        for _try in range(LOAD_TRIES):
            if desk.sync(client).complete and desk.voucher_status(target) == "UNUSED":
                return True
        self.tally.problems.append(f"{self.where}: {desk.name} did not load the run's vouchers in {LOAD_TRIES} syncs")
        return False

    def _act(self, desk: SoakDesk, users: list[int], vouchers: list[int]) -> None:
        for _ in range(self.rng.randrange(3)):
            try:
                if self.rng.random() < 0.6:
                    voucher = self.rng.choice(vouchers)
                    if desk.voucher_status(voucher) == "USED":
                        desk.set_back(voucher)
                    else:
                        desk.mark_used(voucher)
                else:
                    desk.set_status(self.rng.choice(users), self.rng.choice(STATUSES))
            except (ChangeRefused, NotFoundError):  # what this desk's rules or rows do not allow: staff see why
                continue

    def _check_collision(self, voucher: int, marks: dict[str, str]) -> None:
        with Session(self.engine) as session:
            uses = list(
                session.scalars(
                    select(ChangeLog.idempotency_key).where(
                        ChangeLog.resource == "vouchers", ChangeLog.object_id == voucher, ChangeLog.to_status == "USED"
                    )
                )
            )
            held = session.get(VoucherRow, voucher)
            used_by = (held.status, held.used_by_desk) if held else None
        winners = [name for name, key in marks.items() if key in uses]
        problems = []
        if len(uses) != 1 or len(winners) != 1:
            problems.append(f"the hub applied {len(uses)} uses, {len(winners)} of them by the colliding desks")
        elif used_by != ("USED", winners[0]):
            problems.append(f"the hub holds the voucher as {used_by}, not used by {winners[0]}")
        for desk in self.world.desks:
            if desk.name not in marks:
                continue
            conflicts = desk.conflicts_on(voucher)
            wanted = 0 if desk.name in winners else 1
            if len(conflicts) != wanted or desk.state_of(marks[desk.name]) != ("ACCEPTED", "REFUSED")[wanted]:
                problems.append(f"{desk.name} has {len(conflicts)} conflicts on the voucher, {wanted} expected")
            named = {(c.code, c.platform_state.get("used_by_desk")) for c in conflicts}
            if wanted and winners and named != {("voucher_not_unused", winners[0])}:
                problems.append(f"{desk.name}'s conflict does not name the desk that used the voucher: {named}")
        if problems:
            self.tally.problems += [f"{self.where}, collision of {sorted(marks)}: {p}" for p in problems]
        else:
            self.tally.collisions_detected += 1

    def _check_ledger(self) -> None:
        found = count_actions(self.engine, {desk.name: desk.db for desk in self.world.desks})
        fresh = Findings(actions=found.actions - self.world.actions)
        self.world.actions = found.actions
        for mine, theirs in ((fresh.lost, found.lost), (fresh.doubled, found.doubled), (fresh.stuck, found.stuck)):
            mine += [line for line in theirs if line not in self.world.seen]
            self.world.seen.update(theirs)
        self.tally.findings.merge(fresh, self.where)
        truth = platform_replica(self.engine)
        differing = [desk.name for desk in self.world.desks if replica_differences(desk_replica(desk.db), truth)]
        if differing:
            self.tally.problems.append(f"{self.where}: {differing} differ from the hub")
        else:
            self.tally.converged += 1


def run_fault_runs(runs: int, rng: random.Random, folder: Path, desk_template: Path,
                   progress: Callable[[str], None] = lambda _line: None) -> FaultTally:  # fmt: skip
    """`runs` fault runs, each forcing one same-voucher collision, in worlds of RUNS_PER_WORLD runs."""
    tally = FaultTally()
    hub_template = folder / "fault-hub-template.db"
    make_hub_file(hub_template)
    for world, first in enumerate(range(0, runs, RUNS_PER_WORLD)):
        desks = World(folder / f"world-{world}", hub_template, desk_template, seed=rng.randrange(2**31))
        desks.run(rng, min(RUNS_PER_WORLD, runs - first), tally)
        progress(f"fault runs: {tally.runs} of {runs}, {len(tally.problems)} problems")
    return tally
