"""`frontdesk sync`: one sync run, headless, with a JSON summary (support, scripting, acceptance)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk.cli.arguments import positive_seconds, whole_number
from frontdesk.cli.output import emit, run_reporting_errors
from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import InvalidInput
from frontdesk.storage.database import Database
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine
from frontdesk.sync.scope import PullScope

if TYPE_CHECKING:
    from frontdesk.cli.output import Subparsers

PASSWORD_VARIABLE = "FRONTDESK_PASSWORD"


def _sync(args: argparse.Namespace) -> None:
    password = os.environ.get(args.password_env, "")
    if not password:
        raise InvalidInput(f"Set the staff password in the environment variable {args.password_env}.")
    db = Database(Path(args.db))
    with PlatformClient(args.platform, timeout=args.timeout) as client:
        client.sign_in(args.username, password)
        scope = PullScope(args.business, args.location)
        summary = SyncEngine(db, client, SystemClock(), page_size=args.page_size, scope=scope).run()
    emit(summary)


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("sync", help="Run one sync with the platform and print a JSON summary.")
    parser.add_argument("--db", required=True, help="the desk's database file (created if missing)")
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
