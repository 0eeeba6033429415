"""A reception desk for the soak's fault runs: its own database file, the staff member signed in at it, and the
few reads the soak's checks need. (helpers.Desk is the same for the tests; this one imports only the app, so
bench/soak.py can use it.)"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict, OutboxEntry, Voucher
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine, SyncSummary

ACCOUNT_FOR_ROLE = {StaffRole.FRONT_DESK: "desk", StaffRole.EMPLOYEE: "manager"}


@dataclass
class SoakDesk:
    name: str
    db: Database
    staff: StaffMember

    @classmethod
    def open(cls, name: str, path: Path, role: StaffRole) -> SoakDesk:
        return cls(name, Database(path), StaffMember(f"{name} staff", role, name, location="Downtown"))

    @property
    def account(self) -> str:
        return ACCOUNT_FOR_ROLE[self.staff.role]

    @property
    def actions(self) -> StaffActions:
        return StaffActions(self.db, self.staff, SystemClock())

    def mark_used(self, voucher_id: int) -> str:
        return self.actions.mark_used(voucher_id=voucher_id).outbox_key

    def set_back(self, voucher_id: int) -> str:
        return self.actions.set_back_to_unused(voucher_id, "soak: marked by mistake").outbox_key

    def set_status(self, customer_id: int, status: ProgramStatus) -> str:
        return self.actions.change_program_status(customer_id, status).outbox_key

    def sync(self, client: PlatformClient) -> SyncSummary:
        return SyncEngine(self.db, client, SystemClock(), page_size=50).run()

    def voucher_status(self, voucher_id: int) -> str | None:
        with self.db.unit_of_work() as session:
            row = session.get(Voucher, voucher_id)
            return row.status if row else None

    def state_of(self, key: str) -> str | None:
        with self.db.unit_of_work() as session:
            state: str | None = session.scalar(select(OutboxEntry.state).where(OutboxEntry.key == key))
            return state

    def conflicts(self) -> list[Conflict]:
        with self.db.unit_of_work() as session:
            return list(session.scalars(select(Conflict)))

    def conflicts_on(self, voucher_id: int) -> list[Conflict]:
        return [c for c in self.conflicts() if c.kind == "voucher_status" and c.target_id == voucher_id]
