"""Starting the window: arguments, the database (a labelled demo one on first run), staff, settings."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_data_dir
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from frontdesk.storage.models import DeskFact
from ui.context import DeskContext
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

DEMO_CUSTOMERS = 5000
log = logging.getLogger(__name__)


def default_db_path() -> Path:
    return Path(user_data_dir("FrontDesk", appauthor=False)) / "desk.db"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="frontdesk", description="Open the Front Desk window.")
    parser.add_argument("--db", type=Path, default=None, help="the desk database (default: a per-user demo one)")
    parser.add_argument("--staff", default="Demo Staff", help="who is signed in at this desk")
    parser.add_argument("--role", default="EMPLOYEE", help="FRONT_DESK, EMPLOYEE or ADMIN")
    parser.add_argument("--desk", default="Front desk 1", help="this desk's name (audit log)")
    parser.add_argument("--location", default="Downtown", help="this desk's location")
    return parser.parse_args(list(argv))


def open_desk_database(path: Path | None) -> tuple[Database, bool]:
    """Open (migrating) the desk database; with no path and none yet, create a demo one. Returns (db, is_demo)."""
    target = path or default_db_path()
    first_run = path is None and not target.exists()
    db = Database(target)
    if first_run:
        demo_data.fill(db, DEMO_CUSTOMERS)
    with db.unit_of_work() as session:
        is_demo = session.get(DeskFact, demo_data.DEMO_FACT) is not None
    return db, is_demo


def build_window(db: Database, staff: StaffMember, *, is_demo: bool, settings: QSettings) -> MainWindow:
    context = DeskContext(db=db, staff=staff, clock=SystemClock(), tasks=TaskRunner(), is_demo=is_demo)
    return MainWindow(context, settings)


def run_window(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Front Desk")
    app.setOrganizationName("FrontDesk")
    try:
        db, is_demo = open_desk_database(args.db)
        staff = StaffMember(args.staff, StaffRole.parse(args.role), args.desk, args.location)
    except FrontDeskError as error:
        print(f"frontdesk: {error.message}", file=sys.stderr)
        return 2
    window = build_window(db, staff, is_demo=is_demo, settings=QSettings())
    window.show()
    code = app.exec()
    db.close()
    return code
