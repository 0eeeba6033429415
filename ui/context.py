"""What every panel needs: the services to call and the task runner to call them with."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.clock import Clock
from frontdesk.domain.staff import StaffMember
from frontdesk.services.actions import StaffActions
from frontdesk.services.desk import DeskServices
from frontdesk.services.platform_link import PlatformLink
from ui.tasks import TaskRunner


@dataclass
class DeskContext:
    """Mutable only in `staff` (someone signs in to this desk's own platform) and `link` (sign-in, sign-out)."""

    desk: DeskServices
    staff: StaffMember
    tasks: TaskRunner
    is_demo: bool = False
    platform_url: str = ""  # the platform this window's database is opened for; "" until one is chosen
    link: PlatformLink | None = None  # set by the sync controller: actions are sent at once while there is one

    @property
    def clock(self) -> Clock:
        return self.desk.clock

    @property
    def actions(self) -> StaffActions:
        return self.desk.actions(self.staff, self.link)
