"""Starting the window: arguments, settings, the desk database, the platform link (or the demo hub)."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from frontdesk.app import OpenedDesk, connect, data_dir, open_desk_data
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffMember
from frontdesk.scanning.catalog import available_sources
from frontdesk.services.demo_hub import DEMO_PORT, DemoHub
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings, default_settings_path, load_settings
from frontdesk.services.platform_link import PlatformLink
from ui.context import DeskContext
from ui.language import use_language
from ui.main_window import MainWindow
from ui.scan_page import SourceCatalog
from ui.sound import Chime, SystemChime
from ui.support import CrashReporter, start_logging
from ui.sync_controller import SyncController, SyncTiming
from ui.tasks import TaskRunner
from ui.words import say

log = logging.getLogger(__name__)


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


def build_window(desk: DeskServices, staff: StaffMember, *, is_demo: bool, settings: QSettings,
                 link: PlatformLink | None = None, desk_settings: DeskSettings | None = None,
                 settings_path: Path | None = None, catalog: SourceCatalog | None = None,
                 chime: Chime | None = None,
                 timing: SyncTiming | None = None) -> MainWindow:  # fmt: skip
    use_language(desk_settings.language if desk_settings else "")  # before any text is set: widgets keep theirs
    platform = link.url if link is not None else desk_settings.platform_url if desk_settings else ""
    context = DeskContext(desk=desk, staff=staff, tasks=TaskRunner(), is_demo=is_demo,
                          platform_url=platform)  # fmt: skip
    timing = timing or SyncTiming(interval_s=desk_settings.sync_interval_s if desk_settings else 60)
    sync = SyncController(context, link, timing=timing)
    window = MainWindow(context, settings, sync, catalog or camera_catalog(None), chime or SystemChime(),
                        desk_settings, settings_path)  # fmt: skip
    sync.start()
    return window


@dataclass(frozen=True)
class OpenDesk:
    window: MainWindow
    desk: OpenedDesk

    @property
    def services(self) -> DeskServices:
        return self.desk.services

    @property
    def hub(self) -> DemoHub | None:
        return self.desk.connected.hub

    def close(self) -> None:
        self.desk.close()


def open_desk(argv: Sequence[str], *, window_settings: QSettings, folder: Path | None = None,
              hub_port: int = DEMO_PORT, timing: SyncTiming | None = None) -> OpenDesk:  # fmt: skip
    """Everything `run_window` does before the event loop: settings, platform or demo hub, database, window."""
    args = parse_args(argv)
    settings_path = args.settings or default_settings_path()
    desk = load_settings(settings_path)
    use_language(desk.language)  # a problem opening the desk is said in the staff's language too
    if args.desk or args.location:
        desk = desk.with_changes(desk_name=args.desk or desk.desk_name, location=args.location or desk.location)
    connected = connect(desk, folder=folder or data_dir(), db_path=args.db, desk_name=args.desk,
                        location=args.location, hub_port=hub_port)  # fmt: skip
    opened = open_desk_data(connected)
    window = build_window(opened.services, connected.staff, is_demo=opened.is_demo, settings=window_settings,
                          link=connected.link, desk_settings=desk, settings_path=settings_path,
                          catalog=camera_catalog(args.camera), timing=timing)  # fmt: skip
    return OpenDesk(window, opened)


def freeze_startup_objects() -> None:
    """Keep the garbage collector's full passes short while the window is up.

    Everything built at start-up (modules, Qt wrappers, SQLAlchemy's tables) lives until the end; a full
    collection walks all of it, holding the GIL: bench/window.py measured 100-120 ms pauses of the window
    during a first pull. Frozen, they are skipped (gc.freeze): the collector's pauses fell under 30 ms. No
    gc.collect() first: it would cost start-up ~90 ms to spare a few dozen objects."""
    gc.freeze()


def run_window(argv: Sequence[str], *, window_settings: QSettings | None = None, folder: Path | None = None,
               hub_port: int = DEMO_PORT, event_loop: Callable[[], int] = QApplication.exec,
               log_folder: Path | None = None) -> int:  # fmt: skip
    """Open the window and run the event loop until it closes (tests pass their own loop: a test session's
    application must not be quit). The log goes to `log_folder`: by default the per-user log folder, or a
    "logs" folder inside a data `folder` chosen by the caller. Logging and the error dialog end with the window."""
    # Hand the GIL back to the GUI thread sooner when a worker finishes (default 5 ms): bench/window.py
    # measured key → results p95 falling from ~18 to ~15 ms at 1M customers.
    sys.setswitchinterval(0.001)
    logs = start_logging(log_folder or (folder / "logs" if folder is not None else None))
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise, not support detail
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Front Desk")
    app.setOrganizationName("FrontDesk")
    crashes = CrashReporter(logs.path)  # an unhandled error is logged and shown, never a silent exit
    crashes.install()
    try:
        try:
            desk = open_desk(argv, window_settings=window_settings or QSettings(), folder=folder, hub_port=hub_port)
        except FrontDeskError as error:
            print(f"frontdesk: {say(error.message)}", file=sys.stderr)
            return 2
        desk.window.show()
        freeze_startup_objects()
        code = event_loop()
        desk.close()
        return code
    finally:
        crashes.uninstall()
        logs.close()
