"""The desk's staff with a PIN: the queries and writes the PIN services ask of the desk_staff table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.storage.models import DeskStaff


def find(session: Session, name: str) -> DeskStaff | None:
    return session.get(DeskStaff, name)


def everyone(session: Session) -> Sequence[DeskStaff]:
    """Newest unlock first (whoever was here last is likeliest next), then by name."""
    newest = func.coalesce(DeskStaff.last_unlocked_at, DeskStaff.pin_set_at)
    return session.scalars(select(DeskStaff).order_by(newest.desc(), DeskStaff.name)).all()


def any_staff(session: Session) -> bool:
    return session.scalar(select(DeskStaff.name).limit(1)) is not None


def keep_pin(session: Session, name: str, role: str, pin_hash: str, now: datetime) -> DeskStaff:
    """Store a new PIN hash (and the role the platform just gave); earlier wrong PINs no longer count."""
    row = find(session, name)
    if row is None:
        row = DeskStaff(name=name)
        session.add(row)
    row.role = role
    row.pin_hash = pin_hash
    row.pin_set_at = now
    row.failed_pins = 0
    row.wait_until = None
    return row
