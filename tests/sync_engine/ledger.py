"""What the hub and the desks hold, read and counted: every staff action's fate, and the replicas row by row.

The end-to-end tests assert on these reads (helpers.py); the soak (bench/soak.py) counts with them instead, so
one long run reports every problem it met. Counted per staff action (descriptions name desk, kind, target and
key, never a customer):

- lost: in a desk's audit log but not waiting or settled in its outbox (or the other way round); reported as
  saved by a desk process but no longer on the desk; settled without the hub's answer for it (accepted but not
  answered 200 or never applied, refused but not answered with a refusal or applied all the same, or refused
  without its conflict on the desk);
- doubled: applied more than once on the hub, twice in an outbox, audit log or conflict list, one key made by
  two desks, or a change the hub applied that no desk made;
- stuck: still waiting after recovery and the final syncs.

Imports stay within frontdesk and SQLAlchemy so bench/soak.py can use this module as `tests.sync_engine.ledger`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from frontdesk.hub.models import ChangeLog, ConnectionRow, UserRow, VoucherRow
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Conflict, Connection, Customer, OutboxEntry, Voucher
from frontdesk.storage.outbox import OutboxState

REFUSAL_CODES = (403, 404, 409)


@dataclass(frozen=True)
class ServerLedger:
    applied: Counter[str]  # change-log entries per idempotency key: what the platform actually did
    answers: dict[str, tuple[int, dict[str, Any]]]  # key -> first answer, in the order the platform decided

    @classmethod
    def read(cls, engine: Engine) -> ServerLedger:
        with engine.connect() as db:
            applied = Counter(db.execute(select(ChangeLog.idempotency_key)).scalars())
            answers = text("SELECT key, status_code, body FROM idempotency_keys ORDER BY created_at, key")
            rows = db.execute(answers).all()
        return cls(applied, {key: (status, json.loads(body)) for key, status, body in rows})


@dataclass
class Findings:
    """Problems found, one line each (the soak prints the first few and counts them all)."""

    actions: int = 0
    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)

    def merge(self, other: Findings, where: str) -> None:
        self.actions += other.actions
        self.lost += [f"{where}: {line}" for line in other.lost]
        self.doubled += [f"{where}: {line}" for line in other.doubled]
        self.stuck += [f"{where}: {line}" for line in other.stuck]


@dataclass(frozen=True)
class DeskHolding:
    entries: list[OutboxEntry]
    audit: Counter[str]
    conflicts: Counter[str]

    @classmethod
    def read(cls, db: Database) -> DeskHolding:
        with db.unit_of_work() as session:
            entries = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
            audit = Counter(k for k in session.scalars(select(AuditEntry.outbox_key)) if k is not None)
            conflicts = Counter(session.scalars(select(Conflict.outbox_key)))
        return cls(entries, audit, conflicts)


def _settled_problem(entry: OutboxEntry, applied: int, answer: tuple[int, Any] | None, conflicts: int) -> str | None:
    if entry.state == OutboxState.ACCEPTED:  # applied more than once is counted as doubled
        if answer is None or answer[0] != 200 or applied == 0:
            return f"accepted on the desk, on the hub answered {answer and answer[0]} and applied {applied} times"
    elif entry.state == OutboxState.REFUSED:
        if answer is None or answer[0] not in REFUSAL_CODES or applied != 0:
            return f"refused on the desk, on the hub answered {answer and answer[0]} and applied {applied} times"
        if conflicts == 0:
            return "refused without a conflict on the desk"
    return None


def count_actions(hub: Engine, desks: Mapping[str, Database],
                  reported: Mapping[str, Iterable[str]] | None = None) -> Findings:  # fmt: skip
    """Every staff action of `desks` (name -> database) against the hub's ledger; `reported`: keys a desk
    process said it had saved (its journal), per desk name."""
    ledger, found, owner = ServerLedger.read(hub), Findings(), dict[str, str]()
    found.doubled += [f"hub applied key {k} {n} times" for k, n in ledger.applied.items() if n > 1]
    for name, db in desks.items():
        held = DeskHolding.read(db)
        keys = Counter(e.key for e in held.entries)
        found.actions += len(keys)
        found.doubled += [f"{name}: key {k} {n} times in the outbox" for k, n in keys.items() if n > 1]
        found.doubled += [f"{name}: key {k} {n} times in the audit log" for k, n in held.audit.items() if n > 1]
        found.doubled += [f"{name}: key {k} has {n} conflicts" for k, n in held.conflicts.items() if n > 1]
        found.lost += [f"{name}: key {k} audited but not in the outbox" for k in held.audit if k not in keys]
        found.lost += [f"{name}: key {k} reported saved but not on the desk"
                       for k in set((reported or {}).get(name, ())) if k not in keys]  # fmt: skip
        for entry in held.entries:
            where = f"{name}: {entry.kind} {entry.target_id} -> {entry.payload.get('status')} ({entry.key})"
            if entry.key in owner:
                found.doubled.append(f"{where} was also made by {owner[entry.key]}")
            owner[entry.key] = name
            if entry.key not in held.audit:
                found.lost.append(f"{where}: in the outbox but not in the audit log")
            if entry.state == OutboxState.PENDING:
                found.stuck.append(f"{where}: still waiting")
            elif entry.state not in (OutboxState.ACCEPTED, OutboxState.REFUSED):
                found.lost.append(f"{where}: in no known state ({entry.state})")
            problem = _settled_problem(
                entry, ledger.applied[entry.key], ledger.answers.get(entry.key), held.conflicts[entry.key]
            )
            if problem:
                found.lost.append(f"{where}: {problem}")
    found.doubled += [f"hub applied key {k}, which no desk made" for k in ledger.applied if k not in owner]
    return found


# -- the replicas, row by row -----------------------------------------------------------------------------------

Rows = dict[int, tuple[Any, ...]]
TABLES = ("customers", "connections", "vouchers")


@dataclass(frozen=True)
class Replica:
    customers: Rows
    connections: Rows
    vouchers: Rows


def platform_replica(engine: Engine) -> Replica:
    with Session(engine) as session:
        return Replica(
            {u.user_id: (u.first_name, u.last_name, u.last_mod_dt) for u in session.scalars(select(UserRow))},
            {c.connection_id: (c.user_id, c.status, c.point_balance, c.membership_status, c.last_mod_dt)
             for c in session.scalars(select(ConnectionRow))},
            {v.voucher_id: (v.user_id, v.status, v.used_dt, v.used_location, v.used_by_desk, v.used_by_staff,
                            v.last_mod_dt) for v in session.scalars(select(VoucherRow))},
        )  # fmt: skip


def desk_replica(db: Database) -> Replica:
    with db.unit_of_work() as session:
        return Replica(
            {c.id: (c.first_name, c.last_name, c.last_mod_dt) for c in session.scalars(select(Customer))},
            {c.id: (c.customer_id, c.status, c.point_balance, c.membership_status, c.last_mod_dt)
             for c in session.scalars(select(Connection))},
            {v.id: (v.customer_id, v.status, v.used_at, v.used_location, v.used_by_desk, v.used_by_staff,
                    v.last_mod_dt) for v in session.scalars(select(Voucher))},
        )  # fmt: skip


def row_differences(mine: Rows, theirs: Rows) -> dict[int, tuple[Any, Any]]:
    return {k: (mine.get(k), theirs.get(k)) for k in sorted(set(mine) | set(theirs)) if mine.get(k) != theirs.get(k)}


def replica_differences(held: Replica, truth: Replica) -> dict[str, dict[int, tuple[Any, Any]]]:
    """Table -> {id: (desk row, hub row)} for every row that differs; empty when the desk equals the hub."""
    found = {name: row_differences(getattr(held, name), getattr(truth, name)) for name in TABLES}
    return {name: diff for name, diff in found.items() if diff}
