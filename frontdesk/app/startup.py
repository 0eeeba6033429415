"""Which platform a desk works with, and its database: the start-up policy, apart from any window.

A configured platform opens its own database, signed in with the token from the keychain or signed out (still
its own database: its waiting changes stay there). No platform: the demo hub, signed in as demo staff, over
demo-desk.db, which never syncs with any other platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from platformdirs import user_data_dir

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.demo_hub import DEMO_PORT, DEMO_STAFF, DemoHub, start_demo_hub
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings
from frontdesk.services.desk_state import database_for
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.sync.credentials import load_token


def data_dir() -> Path:
    return Path(user_data_dir("FrontDesk", appauthor=False))


@dataclass(frozen=True)
class Connected:
    link: PlatformLink
    staff: StaffMember
    db_path: Path
    hub: DemoHub | None  # the demo hub this desk started (or joined), when no platform is configured


def connect(desk: DeskSettings, *, folder: Path, db_path: Path | None = None, desk_name: str | None = None,
            location: str | None = None, hub_port: int = DEMO_PORT) -> Connected:  # fmt: skip
    """The platform (or demo hub) this desk works with, its staff member and its database file."""
    if desk.configured:
        token = load_token(desk.platform_url, desk.staff_name) if desk.staff_name else None
        link = PlatformLink(desk.platform_url, token=token, business_id=desk.business_id)  # pull only its business
        return Connected(link, desk.staff(), db_path or database_for(folder, desk.platform_url), None)
    hub = start_demo_hub(folder / "demo-hub.db", port=hub_port)
    name, password, role = DEMO_STAFF
    path = db_path or folder / "demo-desk.db"
    shown_name = desk_name or (f"Demo desk {path.stem}" if db_path else "Demo desk 1")
    staff = StaffMember(name, StaffRole(role), shown_name, location or desk.location)
    return Connected(PlatformLink(hub.url, demo_login=(name, password)), staff, path, hub)


@dataclass(frozen=True)
class OpenedDesk:
    connected: Connected
    db: Database

    @property
    def is_demo(self) -> bool:
        return self.connected.hub is not None

    @cached_property
    def services(self) -> DeskServices:
        """What the window works with: this desk's services over its database (it never holds the database)."""
        return DeskServices(self.db, SystemClock())

    def close(self) -> None:
        self.db.close()
        if self.connected.hub is not None:
            self.connected.hub.stop()


def open_desk_data(connected: Connected) -> OpenedDesk:
    """Open (or make) the desk's database; a refusal leaves no demo hub of ours running behind it."""
    try:
        return OpenedDesk(connected, Database(connected.db_path))
    except FrontDeskError:
        if connected.hub is not None:
            connected.hub.stop()
        raise
