"""Starting the window: arguments, settings, the desk database, the platform link (or the demo hub)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.scanning.catalog import available_sources
from frontdesk.services.demo_hub import DEMO_STAFF, DemoHub, start_demo_hub
from frontdesk.services.desk_settings import DeskSettings, default_settings_path, load_settings
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.sync.credentials import load_token
from ui.context import DeskContext
from ui.main_window import MainWindow
from ui.scan_page import SourceCatalog
from ui.sound import Chime, SystemChime
from ui.sync_controller import SyncController
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def data_dir() -> Path:
    return Path(user_data_dir("FrontDesk", appauthor=False))


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="frontdesk", description="Open the Front Desk window.")
    parser.add_argument("--db", type=Path, default=None, help="the desk database (default: per-user)")
    parser.add_argument("--settings", type=Path, default=None, help="settings file (default: per-user)")
    parser.add_argument("--desk", default=None, help="this desk's name (default: from settings)")
    parser.add_argument("--location", default=None, help="this desk's location (default: from settings)")
    parser.add_argument("--camera", default=None, metavar="NUMBER|FILE",
                        help="scan with camera NUMBER, or play FILE (a video or pictures) as the camera")  # fmt: skip
    return parser.parse_args(list(argv))


def camera_catalog(camera: str | None) -> SourceCatalog:
    """`--camera 1` asks for camera number 1; any other value is a video file (or pictures) played as the camera."""
    if camera is not None and camera.isdigit():
        return partial(available_sources, camera=int(camera))
    return partial(available_sources, Path(camera) if camera else None)


def build_window(db: Database, staff: StaffMember, *, is_demo: bool, settings: QSettings,
                 link: PlatformLink | None = None, desk_settings: DeskSettings | None = None,
                 settings_path: Path | None = None, catalog: SourceCatalog | None = None,
                 chime: Chime | None = None) -> MainWindow:  # fmt: skip
    context = DeskContext(db=db, staff=staff, clock=SystemClock(), tasks=TaskRunner(), is_demo=is_demo)
    interval = desk_settings.sync_interval_s if desk_settings else 60
    sync = SyncController(context, link, interval_s=interval)
    window = MainWindow(context, settings, sync, catalog or camera_catalog(None), chime or SystemChime(),
                        desk_settings, settings_path)  # fmt: skip
    sync.start()
    return window


def _connect(args: argparse.Namespace, desk: DeskSettings) -> tuple[PlatformLink, StaffMember, Path, DemoHub | None]:
    """A configured platform with the token from the keychain; otherwise the demo hub, signed in as demo staff."""
    if desk.configured:
        link = PlatformLink(desk.platform_url, token=load_token(desk.platform_url, desk.staff_name))
        return link, desk.staff(), args.db or data_dir() / "desk.db", None
    hub = start_demo_hub(data_dir() / "demo-hub.db")
    name, password, role = DEMO_STAFF
    db_path = args.db or data_dir() / "demo-desk.db"
    desk_name = args.desk or (f"Demo desk {db_path.stem}" if args.db else "Demo desk 1")
    staff = StaffMember(name, StaffRole(role), desk_name, args.location or desk.location)
    return PlatformLink(hub.url, demo_login=(name, password)), staff, db_path, hub


def run_window(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    # Hand the GIL back to the GUI thread sooner when a worker finishes (default 5 ms): bench/window.py
    # measured key → results p95 falling from ~18 to ~15 ms at 1M customers.
    sys.setswitchinterval(0.001)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise, not support detail
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Front Desk")
    app.setOrganizationName("FrontDesk")
    settings_path = args.settings or default_settings_path()
    desk = load_settings(settings_path)
    if args.desk or args.location:
        desk = desk.with_changes(desk_name=args.desk or desk.desk_name, location=args.location or desk.location)
    try:
        link, staff, db_path, hub = _connect(args, desk)
        db = Database(db_path)
    except FrontDeskError as error:
        print(f"frontdesk: {error.message}", file=sys.stderr)
        return 2
    window = build_window(db, staff, is_demo=hub is not None, settings=QSettings(), link=link, desk_settings=desk,
                          settings_path=settings_path, catalog=camera_catalog(args.camera))  # fmt: skip
    window.show()
    code = app.exec()
    db.close()
    if hub is not None:
        hub.stop()
    return code
