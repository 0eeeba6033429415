"""Desks, clients and the ledger checks every end-to-end sync test ends with.

"Zero lost, zero doubled" is checked from both sides: each desk's audit log and outbox hold every staff
action exactly once; the platform applied each idempotency key at most once (its change log), answered every
settled key, and each refused action is a conflict on the desk that made it. Convergence compares the desk's
replica row by row with the platform's tables, last_mod_dt included.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy import Engine, func, select, text
from starlette.types import ASGIApp
from sync.helpers import STAFF

from frontdesk.domain.clock import Clock, SystemClock
from frontdesk.domain.errors import ChangeRefused, NotFoundError
from frontdesk.domain.program import PROGRAM_TRANSITIONS, ProgramStatus
from frontdesk.domain.staff import Permission, StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import create_customer, create_voucher
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Conflict, Connection, Customer, DeskFact, OutboxEntry, Voucher
from frontdesk.storage.search_index import FTS_TABLE, SUSPENDED_FACT
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine, SyncSummary
from frontdesk.sync.retry import RetryPolicy
from sync_engine.ledger import TABLES, ServerLedger, desk_replica, platform_replica, row_differences

ACCOUNT_FOR_ROLE = {StaffRole.FRONT_DESK: "desk", StaffRole.EMPLOYEE: "manager", StaffRole.ADMIN: "admin"}
NO_RETRY = RetryPolicy(attempts=1)
SETTLED = frozenset({"ACCEPTED", "REFUSED"})


@contextlib.contextmanager
def serve_at(app: ASGIApp, port: int = 0) -> Iterator[str]:
    """Like sync.helpers.serve, on a chosen port: a platform can stop and come back where desks expect it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the platform server did not start")
        time.sleep(0.005)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


def client(base_url: str, token: str | None = None, *, timeout: float = 10.0, **options: Any) -> PlatformClient:
    options.setdefault("retry", NO_RETRY)
    return PlatformClient(base_url, timeout=timeout, token=token, **options)


def sign_in(base_url: str, account: str) -> str:
    with client(base_url) as signing:
        return signing.sign_in(account, STAFF[account][0]).access_token


@dataclass
class Desk:
    """One reception desk: its own database file and the staff member signed in at it."""

    name: str
    db: Database
    staff: StaffMember
    clock: Clock = field(default_factory=SystemClock)
    made: list[str] = field(default_factory=list)  # every staff action's outbox key, in the order made
    summaries: list[SyncSummary] = field(default_factory=list)

    @classmethod
    def open(cls, name: str, path: Path, role: StaffRole = StaffRole.FRONT_DESK) -> Desk:
        return cls(name, Database(path), StaffMember(f"{name} staff", role, name, location="Downtown"))

    @property
    def account(self) -> str:
        return ACCOUNT_FOR_ROLE[self.staff.role]

    @property
    def actions(self) -> StaffActions:
        return StaffActions(self.db, self.staff, self.clock)

    def mark_used(self, voucher_id: int) -> str:
        key = self.actions.mark_used(voucher_id=voucher_id).outbox_key
        self.made.append(key)
        return key

    def set_back(self, voucher_id: int, reason: str = "marked by mistake") -> str:
        key = self.actions.set_back_to_unused(voucher_id, reason).outbox_key
        self.made.append(key)
        return key

    def set_status(self, customer_id: int, status: ProgramStatus) -> str:
        key = self.actions.change_program_status(customer_id, status).outbox_key
        self.made.append(key)
        return key

    def try_action(self, kind: str, target: int, status: str = "") -> str | None:
        """What staff would try; None when this desk refuses it (its rules, or it has not got the row yet)."""
        try:
            if kind == "mark":
                return self.mark_used(target)
            if kind == "unmark":
                return self.set_back(target)
            return self.set_status(target, ProgramStatus(status))
        except (ChangeRefused, NotFoundError):
            return None

    def sync(self, platform_client: PlatformClient, *, page_size: int = 50) -> SyncSummary:
        summary = SyncEngine(self.db, platform_client, self.clock, page_size=page_size).run()
        self.summaries.append(summary)
        return summary

    def outbox(self) -> list[OutboxEntry]:
        with self.db.unit_of_work() as session:
            return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))

    def conflicts(self) -> list[Conflict]:
        with self.db.unit_of_work() as session:
            return list(session.scalars(select(Conflict).order_by(Conflict.id)))

    def voucher(self, voucher_id: int) -> Voucher:
        with self.db.unit_of_work() as session:
            row = session.get(Voucher, voucher_id)
            assert row is not None, f"{self.name} has no voucher {voucher_id}"
            return row

    def connection(self, connection_id: int) -> Connection:
        with self.db.unit_of_work() as session:
            row = session.get(Connection, connection_id)
            assert row is not None, f"{self.name} has no connection {connection_id}"
            return row


DeskFactory = Callable[..., Desk]


# -- the platform's side -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Made:
    """A customer made on the platform for a test: its ids and its vouchers."""

    user_id: int
    connection_id: int
    vouchers: tuple[int, ...]


def make_customers(
    engine: Engine,
    count: int,
    *,
    vouchers: int = 1,
    statuses: Sequence[ProgramStatus] = (ProgramStatus.ACTIVE,),
    rng: random.Random | None = None,
) -> list[Made]:
    rng = rng or random.Random(0)
    made = []
    for n in range(count):
        status = statuses[n % len(statuses)]
        user_id, connection_id = create_customer(
            engine, first_name=rng.choice(("Ada", "Alan", "Grace", "Edsger")), last_name=f"Tester{n}", status=status
        )
        ids = tuple(create_voucher(engine, user_id=user_id) for _ in range(vouchers))
        made.append(Made(user_id, connection_id, ids))
    return made


# -- zero lost, zero doubled ---------------------------------------------------------------------------------


def assert_no_lost_or_doubled(engine: Engine, desks: Iterable[Desk], *, settled: bool = True,
                              exclusive: bool = True) -> ServerLedger:  # fmt: skip
    """Every staff action is in its desk's outbox and audit log once, and on the platform at most once.

    settled: every action must have its answer (ACCEPTED on the platform once, or REFUSED as a conflict).
    exclusive: the platform did nothing these desks did not ask for (a platform of the test's own).
    """
    desks = list(desks)
    ledger = ServerLedger.read(engine)
    doubled = {key: n for key, n in ledger.applied.items() if n > 1}
    assert not doubled, f"applied more than once: {doubled}"
    every_key: list[str] = []
    for desk in desks:
        with desk.db.unit_of_work() as session:
            entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
            audit = Counter(session.scalars(select(AuditEntry.outbox_key)))
            conflicts = Counter(session.scalars(select(Conflict.outbox_key)))
        keys = [e.key for e in entries]
        assert keys == desk.made, f"{desk.name}: outbox differs from the actions staff made (lost or reordered)"
        assert audit == Counter(keys), f"{desk.name}: audit log and outbox disagree"
        refused = {e.key for e in entries if e.state == "REFUSED"}
        assert conflicts == Counter(refused), f"{desk.name}: conflicts are not exactly the refused actions"
        for entry in entries:
            times, answer = ledger.applied[entry.key], ledger.answers.get(entry.key)
            where = f"{desk.name} {entry.kind} {entry.target_id} -> {entry.payload.get('status')} ({entry.key})"
            if entry.state == "ACCEPTED":
                assert times == 1 and answer is not None and answer[0] == 200, f"accepted but not applied: {where}"
            elif entry.state == "REFUSED":
                assert times == 0 and answer is not None and answer[0] in (403, 404, 409), f"bad refusal: {where}"
            else:
                assert entry.state == "PENDING" and not settled, f"not settled after the final sync: {where}"
        every_key += keys
    assert len(every_key) == len(set(every_key)), "two actions share an idempotency key"
    if exclusive:
        phantom = set(ledger.applied) - set(every_key)
        assert not phantom, f"the platform applied changes no desk made: {phantom}"
    return ledger


# -- convergence -----------------------------------------------------------------------------------------------


def assert_converged(engine: Engine, desks: Iterable[Desk]) -> None:
    truth = platform_replica(engine)
    for desk in desks:
        held = desk_replica(desk.db)
        for name in TABLES:
            diff = row_differences(getattr(held, name), getattr(truth, name))
            assert not diff, f"{desk.name} differs from the platform in {name}: {dict(list(diff.items())[:5])}"


FTS_TRIGGERS = {"customers_fts_ai", "customers_fts_ad", "customers_fts_au"}


def assert_search_index_intact(db: Database) -> None:
    """Per-row upkeep is on, nothing is left suspended, and the FTS index matches the customers table."""
    with db.unit_of_work() as session:
        # rank=1: also compare the index with the external content table (raises "malformed" if they differ)
        session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"))
        triggers = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        suspended = session.get(DeskFact, SUSPENDED_FACT)
        indexed = session.scalar(text(f"SELECT count(*) FROM {FTS_TABLE}_docsize"))
        customers = session.scalar(select(func.count()).select_from(Customer))
    assert triggers >= FTS_TRIGGERS and suspended is None
    assert indexed == customers


# -- conflicts only where the rules say --------------------------------------------------------------------------


@dataclass
class RuleModel:
    """The platform's rules replayed over the order it decided the desks' actions in.

    Starting from the states the test created, every action must have been accepted exactly when the rules
    allowed it at its turn; a mark refused because the voucher was used must name the desk that used it.
    """

    vouchers: dict[int, tuple[VoucherStatus, str | None]]  # id -> (status, used_by_desk)
    connections: dict[int, ProgramStatus]
    checked: int = 0
    double_redemptions: int = 0

    def replay(self, ledger: ServerLedger, desks: Iterable[Desk]) -> None:
        entries = {e.key: e for desk in desks for e in desk.outbox()}
        for key, (status_code, body) in ledger.answers.items():
            entry = entries.get(key)
            if entry is None:
                continue
            wanted = str(entry.payload["status"])
            role = StaffRole(entry.staff_role)
            if entry.kind == "voucher_status":
                current, used_by = self.vouchers[entry.target_id]
                if wanted == "USED":
                    allowed = current is VoucherStatus.UNUSED
                else:
                    may = StaffMember("rules", role, "rules").may(Permission.SET_VOUCHER_BACK_TO_UNUSED)
                    allowed = current is VoucherStatus.USED and may
                if allowed:
                    self.vouchers[entry.target_id] = (
                        VoucherStatus(wanted),
                        entry.desk if wanted == "USED" else None,
                    )
                elif wanted == "USED" and current is VoucherStatus.USED:
                    self.double_redemptions += 1
                    item = body["errors"]["__all__"][0]
                    assert item["used_by_desk"] == used_by, f"refusal of {key} names {item['used_by_desk']}"
                    assert body["current"]["used_by_desk"] == used_by
            else:
                current_status = self.connections[entry.target_id]
                allowed = PROGRAM_TRANSITIONS[(current_status, ProgramStatus(wanted))].allowed
                if allowed:
                    self.connections[entry.target_id] = ProgramStatus(wanted)
            assert (status_code == 200) == allowed, (
                f"{entry.desk} {entry.kind} {entry.target_id} -> {wanted}: platform answered {status_code}, "
                f"the rules say {'accept' if allowed else 'refuse'}"
            )
            self.checked += 1

    def assert_matches(self, engine: Engine) -> None:
        truth = platform_replica(engine)
        for voucher_id, (status, used_by) in self.vouchers.items():
            row = truth.vouchers[voucher_id]
            assert (row[1], row[4]) == (status.value, used_by), f"voucher {voucher_id}: {row} != {status, used_by}"
        for connection_id, program in self.connections.items():
            assert truth.connections[connection_id][1] == program.value, f"connection {connection_id}"
