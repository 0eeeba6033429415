"""`frontdesk sync`: one sync run, headless, with a JSON summary (support, scripting, acceptance)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk.cli.arguments import positive_seconds, whole_number
from frontdesk.cli.output import EXIT_INCOMPLETE, emit, run_reporting_errors
from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import InvalidInput
from frontdesk.storage.database import Database
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine
from frontdesk.sync.scope import PullScope

if TYPE_CHECKING:
    from frontdesk.cli.output import Subparsers

PASSWORD_VARIABLE = "FRONTDESK_PASSWORD"
EXIT_STATUS = (
    "Exit status: 0 the sync finished; 2 bad input, a wrong sign-in or an unusable database (one line on stderr); "
    f"{EXIT_INCOMPLETE} it stopped before the end (the platform went away, for instance): the summary says why, "
    "what it did is kept, and the next run goes on from there."
)


def _password(variable: str) -> str:
    password = os.environ.get(variable, "")
    if not password:
        raise InvalidInput(f"Set the staff password in the environment variable {variable}.")
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"The password in {variable} is not UTF-8 text; set it again.") from None
    return password


def _sync(args: argparse.Namespace) -> int:
    password = _password(args.password_env)
    path = Path(args.db)
    db = Database(path, create=not path.exists())  # a file that is there must already be a desk database
    try:
        db.check_whole()  # a damaged file is never synced, however large
        with PlatformClient(args.platform, timeout=args.timeout) as client:
            client.sign_in(args.username, password)
            scope = PullScope(args.business, args.location)
            summary = SyncEngine(db, client, SystemClock(), page_size=args.page_size, scope=scope).run()
    finally:
        db.close()
    emit(summary)
    if summary.complete:
        return 0
    print(f"frontdesk: the sync stopped before the end: {summary.problem or 'it was cancelled.'}", file=sys.stderr)
    return EXIT_INCOMPLETE


def register(subparsers: Subparsers) -> None:
    what = "Run one sync with the platform and print a JSON summary."
    parser = subparsers.add_parser("sync", help=what, description=what, epilog=EXIT_STATUS)
    parser.add_argument("--db", required=True, help="the desk's database file (made if there is none yet)")
    parser.add_argument("--platform", required=True, help="the platform's base URL, e.g. http://127.0.0.1:8700")
    parser.add_argument("--username", required=True, help="staff sign-in name")
    parser.add_argument("--password-env", default=PASSWORD_VARIABLE, help="variable holding the password")
    parser.add_argument(
        "--business",
        type=whole_number("a business id", minimum=0),
        help="pull only this business's customers (default: every business)",
    )
    parser.add_argument("--location", help="pull only customers whose home location this is (default: all)")
    parser.add_argument("--page-size", type=whole_number("a page size", maximum=1_000_000), default=1000)
    parser.add_argument("--timeout", type=positive_seconds, default=10.0, help="seconds per request")
    parser.set_defaults(handler=lambda args: run_reporting_errors(lambda: _sync(args)))
