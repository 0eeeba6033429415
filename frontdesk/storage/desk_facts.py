"""Facts this desk keeps about itself (key → text): which platform its data belongs to, its last good sync, that
it holds generated demo customers, sync horizons. Their meaning lives with whoever writes them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.storage.models import DeskFact


def fact(session: Session, key: str) -> str | None:
    found = session.get(DeskFact, key)
    return found.value if found is not None else None


def has_fact(session: Session, key: str) -> bool:
    return session.get(DeskFact, key) is not None


def set_fact(session: Session, key: str, value: str) -> None:
    session.merge(DeskFact(key=key, value=value))
