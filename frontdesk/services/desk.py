"""One desk's services, bound to its database and clock: everything the window may ask of the desk.

The window holds a DeskServices and never a database handle (an import contract forbids `ui` from importing
storage or sync). Who acts is passed on each call: the staff member at the desk can change during a session.
Every method does database or network work, so the window calls them on its task runner, never in a slot.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path

from frontdesk.domain.clock import Clock
from frontdesk.domain.staff import StaffMember
from frontdesk.services import activity, conflicts, customers, desk_state, first_load, refusals, report, search
from frontdesk.services.actions import StaffActions
from frontdesk.services.dto import CustomerDetail, RefusalNotice, SearchResult, StatusChanged
from frontdesk.services.platform_link import PlatformLink, SyncSummary
from frontdesk.storage.database import Database


@dataclass(frozen=True)
class DeskServices:
    db: Database  # for the composition root and the services; the window only calls the methods below
    clock: Clock

    @property
    def database_path(self) -> Path:
        return self.db.path

    def search(self, typed: str) -> SearchResult:
        return search.search_customers(self.db, typed)

    def customer(self, customer_id: int) -> CustomerDetail:
        return customers.load_customer(self.db, customer_id, self.clock)

    def actions(self, staff: StaffMember, link: PlatformLink | None) -> StaffActions:
        """Staff actions by `staff`; with a link, each is sent at once and the platform's answer shown."""
        confirm = link.confirmer(self.db, self.clock, staff.name) if link is not None else None
        return StaffActions(self.db, staff, self.clock, confirm)

    def activity(self, *, customer_id: int | None = None, staff_name: str | None = None
                 ) -> tuple[activity.ActivityEntry, ...]:  # fmt: skip
        return activity.list_activity(self.db, customer_id=customer_id, staff_name=staff_name)

    def conflicts(self) -> conflicts.ConflictsOverview:
        return conflicts.conflicts_overview(self.db)

    def acknowledge(self, conflict_id: int, staff: StaffMember) -> None:
        conflicts.acknowledge(self.db, conflict_id, staff, self.clock)

    def try_again(self, conflict_id: int, staff: StaffMember) -> StatusChanged:
        return conflicts.try_again(self.db, conflict_id, staff, self.clock)

    def refusal_notices(self, outbox_keys: Collection[str]) -> tuple[RefusalNotice, ...]:
        return refusals.refusal_notices(self.db, outbox_keys)

    def report(self, first_day: date, last_day: date, tz: tzinfo | None = None) -> report.Report:
        return report.build_report(self.db, first_day, last_day, tz)

    def state(self) -> desk_state.DeskState:
        return desk_state.read_desk_state(self.db)

    def sync(
        self, link: PlatformLink, cancel: threading.Event | None = None, progress: first_load.Progress | None = None
    ) -> tuple[SyncSummary, desk_state.DeskState]:
        """One sync run with `link`'s platform, and the desk's state read with it (mode and last good sync change
        together). The database is claimed for that platform before anything is sent. A first load runs in a
        process of its own (first_load.py) and reports its progress."""
        desk_state.claim_platform(self.db, link.url)
        summary = first_load.sync_for_window(link, self.db, self.clock, cancel, progress)
        return summary, desk_state.read_desk_state(self.db)
