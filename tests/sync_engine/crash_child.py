"""What a desk process does until it is killed with SIGKILL (test_crash.py): staff actions in a loop, or syncs
in a loop. Each writes a journal with unbuffered os.write, so a line is in the file before the next step starts:
READY once set up, KEY <outbox key> after each staff action has committed, PAGE <resource> <n> after each pulled
page, SYNC <pushed> <complete> after each sync.

The functions run in processes forked from a forkserver that has already imported this module, so a child
starts in milliseconds; the command-line child of test_crash.py is the real `frontdesk sync`.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Sequence

from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine
from frontdesk.sync.retry import RetryPolicy

# The next status a desk moves a customer to: a cycle the transition table allows from every point.
NEXT_STATUS = {
    ProgramStatus.ACTIVE: ProgramStatus.INACTIVE,
    ProgramStatus.INACTIVE: ProgramStatus.PENDING,
    ProgramStatus.PENDING: ProgramStatus.ACTIVE,
    ProgramStatus.IMPORTED: ProgramStatus.PENDING,
}
CHILD_STAFF = StaffMember("Crash Tester", StaffRole.EMPLOYEE, "Crash Desk", location="Downtown")


class Journal:
    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def line(self, text: str) -> None:
        os.write(self.fd, f"{text}\n".encode())


def _act(actions: StaffActions, db: Database, rng: random.Random, customers: Sequence[int],
         vouchers: Sequence[int]) -> str:  # fmt: skip
    if rng.random() < 0.6:
        voucher_id = rng.choice(vouchers)
        try:
            return actions.mark_used(voucher_id=voucher_id).outbox_key
        except FrontDeskError as refused:
            if refused.code != "voucher_not_unused":
                raise
            return actions.set_back_to_unused(voucher_id, "crash test: marked by mistake").outbox_key
    customer_id = rng.choice(customers)
    with db.unit_of_work() as session:
        connection = session.scalars(select(Connection).where(Connection.customer_id == customer_id)).first()
        status = ProgramStatus(connection.status) if connection else ProgramStatus.ACTIVE
    return actions.change_program_status(customer_id, NEXT_STATUS[status]).outbox_key


def write_loop(db_path: str, journal_path: str, customers: list[int], vouchers: list[int], seed: int) -> None:
    """Staff actions as fast as the desk takes them, until killed."""
    journal = Journal(journal_path)
    db = Database(db_path)
    actions = StaffActions(db, CHILD_STAFF, SystemClock())
    rng = random.Random(seed)
    journal.line("READY")
    while True:
        try:
            key = _act(actions, db, rng, customers, vouchers)
        except FrontDeskError:  # e.g. the first load has not brought that customer yet
            time.sleep(0.005)
            continue
        journal.line(f"KEY {key}")


def sync_loop(db_path: str, journal_path: str, base_url: str, token: str, page_size: int,
              hold_after_users: int | None = None, pause: float = 0.0) -> None:  # fmt: skip
    """Sync after sync (or `pause` seconds apart), until killed (in the middle of one, wherever that is).

    hold_after_users: stop dead (HELD) once that many users are stored, so the kill lands inside a first load.
    """
    journal = Journal(journal_path)
    db = Database(db_path)
    client = PlatformClient(base_url, token=token, timeout=30, retry=RetryPolicy(attempts=1))
    engine = SyncEngine(db, client, SystemClock(), page_size=page_size, batch_rows=page_size)  # a page per commit

    def progress(resource: str, done: int, _total: int | None) -> None:
        journal.line(f"PAGE {resource} {done}")
        if resource == "users" and hold_after_users is not None and done >= hold_after_users:
            journal.line("HELD")
            time.sleep(3600)

    journal.line("READY")
    while True:
        summary = engine.run(progress=progress)
        journal.line(f"SYNC {summary.pushed} {summary.complete}")
        if pause:
            time.sleep(pause)
