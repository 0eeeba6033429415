"""What every panel needs: the services to call and the task runner to call them with."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.clock import Clock
from frontdesk.domain.staff import StaffMember
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from ui.tasks import TaskRunner


@dataclass
class DeskContext:
    """Mutable only in `staff`, which changes when someone signs in to this desk's own platform."""

    db: Database
    staff: StaffMember
    clock: Clock
    tasks: TaskRunner
    is_demo: bool = False
    platform_url: str = ""  # the platform this window's database is opened for; "" until one is chosen

    @property
    def actions(self) -> StaffActions:
        return StaffActions(self.db, self.staff, self.clock)
