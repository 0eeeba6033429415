"""The outbox and its conflicts: the queries every layer asks of them, written once.

A staff action's outbox entry is WAITING (PENDING on disk) until the platform answers it: ACCEPTED, or
REFUSED — and a refusal becomes a conflict that stays open until someone acknowledges it.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Row, func, select, text, update
from sqlalchemy.orm import Session

from frontdesk.storage.models import AuditEntry, Conflict, Customer, OutboxEntry, Voucher


class OutboxState(StrEnum):
    PENDING = "PENDING"  # waiting to be sent, or sent without an answer yet
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"


WAITING: ColumnElement[bool] = OutboxEntry.state == OutboxState.PENDING.value
OPEN_CONFLICT: ColumnElement[bool] = Conflict.acknowledged_at.is_(None)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who made a staff action, as the outbox and the audit log keep it."""

    name: str
    role: str
    desk: str


def record_action(session: Session, *, key: str, at: datetime, actor: Actor, kind: str, action: str,
                  customer_id: int, target_id: int, before: str, after: str, reason: str,
                  payload: dict[str, Any]) -> None:  # fmt: skip
    """A staff action, waiting for the platform (its outbox entry, sent as `payload`) and in the audit log; both
    in the caller's transaction, so neither exists without the other."""
    session.add(OutboxEntry(key=key, created_at=at, kind=kind, target_id=target_id, customer_id=customer_id,
                            payload=payload, desk=actor.desk, staff_name=actor.name,
                            staff_role=actor.role))  # fmt: skip
    session.add(AuditEntry(at=at, desk=actor.desk, staff_name=actor.name, staff_role=actor.role, action=action,
                           customer_id=customer_id, target_kind=kind.split("_")[0], target_id=target_id,
                           from_value=before, to_value=after, reason=reason, outbox_key=key))  # fmt: skip


def count_waiting(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxEntry).where(WAITING)) or 0


def count_open_conflicts(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Conflict).where(OPEN_CONFLICT)) or 0


def waiting_targets(session: Session, kind: str, target_ids: Collection[int]) -> set[int]:
    """Which of these rows (connections or vouchers) still have a staff change waiting for the platform."""
    if not target_ids:
        return set()
    query = select(OutboxEntry.target_id).where(
        WAITING, OutboxEntry.kind == kind, OutboxEntry.target_id.in_(target_ids)
    )
    return set(session.scalars(query))


def waiting_entries(session: Session, after_seq: int, last_seq: int | None, limit: int) -> list[OutboxEntry]:
    """Up to `limit` waiting actions after `after_seq` (and not after `last_seq`), in the order staff made them."""
    query = select(OutboxEntry).where(WAITING, OutboxEntry.seq > after_seq)
    if last_seq is not None:
        query = query.where(OutboxEntry.seq <= last_seq)
    return list(session.scalars(query.order_by(OutboxEntry.seq).limit(limit)))


def still_waiting(session: Session, seqs: Collection[int]) -> set[int]:
    """Which of these entries no answer has settled yet."""
    return set(session.scalars(select(OutboxEntry.seq).where(OutboxEntry.seq.in_(list(seqs)), WAITING)))


def settle(session: Session, answers: Sequence[dict[str, object]]) -> None:
    """Write each entry's answer ({"seq", "state", "finished_at"}): one UPDATE by primary key for them all."""
    if answers:
        session.execute(update(OutboxEntry), list(answers))


def add_conflict(session: Session, conflict: Conflict) -> None:
    session.add(conflict)


def note_no_answer(session: Session, seq: int, reason: str) -> None:
    """One more attempt at this entry went unanswered; it keeps waiting, with the reason for support."""
    entry = session.get(OutboxEntry, seq)
    if entry is None:
        raise LookupError(f"outbox entry {seq} is gone")
    entry.attempts += 1
    entry.last_error = reason


def seq_of(session: Session, key: str) -> int | None:
    return session.scalar(select(OutboxEntry.seq).where(OutboxEntry.key == key))


def state_of(session: Session, key: str) -> OutboxState | None:
    state = session.scalar(select(OutboxEntry.state).where(OutboxEntry.key == key))
    return None if state is None else OutboxState(state)


def conflict_for(session: Session, key: str) -> Conflict | None:
    return session.scalars(select(Conflict).where(Conflict.outbox_key == key)).first()


def conflict_by_id(session: Session, conflict_id: int) -> Conflict | None:
    return session.get(Conflict, conflict_id)


def open_conflicts_named(session: Session) -> Sequence[Row[Conflict, str | None, str | None]]:
    """Every open conflict, newest first, with its customer's first and last name (None: not on this desk)."""
    query = (
        select(Conflict, Customer.first_name, Customer.last_name)
        .outerjoin(Customer, Customer.id == Conflict.customer_id)
        .where(OPEN_CONFLICT)
        .order_by(Conflict.created_at.desc())
    )
    return session.execute(query).all()


def count_looked_at(session: Session) -> int:
    """Refusals someone acknowledged or tried again: closed, but still refused in the record."""
    return session.scalar(select(func.count()).select_from(Conflict).where(~OPEN_CONFLICT)) or 0


def open_refusals_of(
    session: Session, keys: Collection[str]
) -> Sequence[Row[Conflict, str | None, str | None, str | None, str | None]]:
    """The still-open conflicts of these staff actions, oldest first: (conflict, customer's first and last name,
    voucher code and title — None for a status change or what this desk does not hold)."""
    query = (
        select(Conflict, Customer.first_name, Customer.last_name, Voucher.code, Voucher.title)
        .outerjoin(Customer, Customer.id == Conflict.customer_id)
        .outerjoin(Voucher, (Voucher.id == Conflict.target_id) & (Conflict.kind == "voucher_status"))
        .where(Conflict.outbox_key.in_(list(keys)), OPEN_CONFLICT)
        .order_by(Conflict.id)
    )
    return session.execute(query).all()


# The first waiting action through the (state, customer_id) index; the ones after it by primary key from there
# (they are nearly all waiting): a state filter alone would visit and sort every waiting entry for each push.
_FIRST_WAITING = text(f"SELECT min(seq) FROM outbox WHERE state = '{OutboxState.PENDING.value}'")
_NEXT_WAITING = text(
    f"SELECT seq FROM outbox NOT INDEXED WHERE seq > :after AND state = '{OutboxState.PENDING.value}'"
    " ORDER BY seq LIMIT 1"
)


def next_waiting_seq(session: Session, after_seq: int = 0) -> int | None:
    """The oldest waiting action after `after_seq` (0: the oldest of all), in the order staff made them."""
    if after_seq == 0:
        return session.execute(_FIRST_WAITING).scalar()
    return session.execute(_NEXT_WAITING, {"after": after_seq}).scalar()
