"""The demo hub's data: seeded once with generated customers and the published demo accounts.

A seed cut off half-way (the hub stopped or crashed during its first start) leaves no marker account — the
demo accounts are added last — so the file is made again from the start instead of served half-filled.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from frontdesk.domain.staff import StaffRole
from frontdesk.hub.auth import add_staff
from frontdesk.hub.db import create_schema, make_engine
from frontdesk.hub.models import StaffAccount
from frontdesk.hub.seed import seed_demo

log = logging.getLogger(__name__)
# name, password, role: demo data only. The desk signs in with the first; the second, added last, marks a finished
# seed.
DEMO_ACCOUNTS = (("Demo Staff", "demo", StaffRole.EMPLOYEE), ("Front Desk Demo", "demo", StaffRole.FRONT_DESK))


def _seeded(engine: Engine) -> bool:
    marker = DEMO_ACCOUNTS[-1][0]
    with Session(engine) as session:
        return session.scalar(select(StaffAccount.id).where(StaffAccount.name == marker)) is not None


def prepare_demo(db_path: Path, customers: int) -> None:
    """Seed the hub's file unless an earlier start finished seeding it."""
    if db_path.exists():
        engine = make_engine(str(db_path))
        try:
            create_schema(engine)
            if _seeded(engine):
                return
        finally:
            engine.dispose()
        log.info("demo hub data %s was not finished; seeding it again", db_path.name)
        for leftover in (db_path, db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
            leftover.unlink(missing_ok=True)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(str(db_path))
    try:
        create_schema(engine)
        seed_demo(engine, customers=customers, seed=1)
        for name, password, role in DEMO_ACCOUNTS:
            add_staff(engine, name, password, role)
    finally:
        engine.dispose()
