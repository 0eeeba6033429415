"""Sub-commands over the local database: demo-data, search, customer, set-status, mark-used, set-unused."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from frontdesk.cli.arguments import whole_number
from frontdesk.cli.output import emit, plain, run_reporting_errors
from frontdesk.cli.sync_cmd import PASSWORD_VARIABLE
from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import ChangeRefused, InvalidInput
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.services.confirm import kept
from frontdesk.services.customers import load_customer
from frontdesk.services.dto import Confirmation, CustomerDetail, StatusChanged, VoucherChanged
from frontdesk.services.platform_link import PlatformLink
from frontdesk.services.search import search_customers
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from frontdesk.storage.models import Customer
from frontdesk.sync.results import PlatformUnavailable

if TYPE_CHECKING:
    from frontdesk.cli.output import Subparsers

MAX_LIMIT = 1_000_000


def _open(args: argparse.Namespace) -> Database:
    return Database(Path(args.db), create=False)


def _staff(args: argparse.Namespace) -> StaffMember:
    for option, value in (("--staff", args.staff), ("--desk", args.desk)):
        if not value.strip():
            raise InvalidInput(f"{option} cannot be blank: the audit log records who acted, and at which desk.")
    return StaffMember(name=args.staff, role=StaffRole.parse(args.role), desk=args.desk, location=args.location)


def _demo_data(args: argparse.Namespace) -> None:
    if args.customers < 1:
        raise InvalidInput("--customers must be at least 1.")
    db = Database(Path(args.db))
    with db.unit_of_work() as session:
        held = session.scalar(select(func.count()).select_from(Customer)) or 0
    if held:
        customers = f"{held} customer" + ("s" if held != 1 else "")
        raise InvalidInput(
            f"The database {args.db} already holds {customers}; demo data goes into a new file, "
            "so name one that does not exist yet."
        )
    started = time.perf_counter()
    counts = demo_data.fill(db, args.customers, seed=args.seed)
    emit({"db": str(args.db), **counts, "seconds": round(time.perf_counter() - started, 2)})


def _search(args: argparse.Namespace) -> None:
    for customer in search_customers(_open(args), args.query, limit=args.limit).customers:
        emit(customer)


def customer_json(detail: CustomerDetail) -> dict[str, Any]:
    """The detail as JSON, with the program connection also as one object (null when there is none).

    The flat `point_balance` and `home_location` keys stay for scripts that read them already.
    """
    out: dict[str, Any] = plain(detail)
    status = detail.summary.status
    out["connection"] = None
    if status is not None:
        out["connection"] = {
            "status": status.value,
            "point_balance": detail.point_balance,
            "home_location": detail.home_location,
        }
    return out


def _customer(args: argparse.Namespace) -> None:
    emit(customer_json(load_customer(_open(args), args.id, SystemClock())))


def _actions(args: argparse.Namespace) -> StaffActions:
    """Local only; or, with --platform, signed in as --username, each action sent at once and answered by it."""
    db, clock = _open(args), SystemClock()
    if not args.platform:
        return StaffActions(db, _staff(args), clock)
    if not args.username:
        raise InvalidInput("--platform needs --username: the platform records which account acted.")
    password = os.environ.get(PASSWORD_VARIABLE, "")
    if not password:
        raise InvalidInput(f"Set the staff password in the environment variable {PASSWORD_VARIABLE}.")
    link = PlatformLink(args.platform)
    try:
        grant = link.sign_in(args.username, password)
    except PlatformUnavailable as offline:  # the desk keeps working: the change is kept for the next sync
        answer = kept(offline.message)
        return StaffActions(db, _staff(args), clock, lambda _key: answer)
    staff = link.staff_for(grant, _staff(args).desk, args.location)
    return StaffActions(db, staff, clock, link.confirmer(db, clock, staff.name))


def _answered(change: StatusChanged | VoucherChanged) -> None:
    """JSON with `confirmed`; a refusal by the platform also exits 1 with its reason (the JSON says what holds)."""
    emit({**plain(change), "confirmed": change.answer.confirmed})
    if change.answer.confirmation is Confirmation.REFUSED:
        raise ChangeRefused(f"the loyalty platform refused it: {change.answer.message}", code="platform_refused")


def _set_status(args: argparse.Namespace) -> None:
    target = ProgramStatus.parse(args.status)
    _answered(_actions(args).change_program_status(args.customer_id, target))


def _mark_used(args: argparse.Namespace) -> None:
    _answered(_actions(args).mark_used(code=args.code))


def _set_unused(args: argparse.Namespace) -> None:
    _answered(_actions(args).set_back_to_unused(args.voucher_id, args.reason))


def _add(subparsers: Subparsers, name: str, handler: object, help_text: str, *, staff: bool = False,
         role: str = "FRONT_DESK") -> argparse.ArgumentParser:  # fmt: skip
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--db", required=True, help="the desk's database file")
    if staff:
        parser.add_argument("--staff", default="Support (command line)", help="who acts (audit log)")
        parser.add_argument("--role", default=role, help="FRONT_DESK, EMPLOYEE or ADMIN")
        parser.add_argument("--desk", default="command line", help="desk name for the audit log")
        parser.add_argument("--location", default="", help="the desk's location")
        parser.add_argument(
            "--platform",
            default="",
            metavar="URL",
            help='send the change to this platform at once and print its answer ("confirmed")',
        )
        parser.add_argument(
            "--username",
            default="",
            help=f"staff sign-in name for --platform (password from "
            f"${PASSWORD_VARIABLE}); the platform's name and role for it replace --staff/--role",
        )
    parser.set_defaults(handler=lambda args: run_reporting_errors(lambda: handler(args)))  # type: ignore[operator]
    return parser


def register(subparsers: Subparsers) -> None:
    p = _add(subparsers, "demo-data", _demo_data, "Fill a database with generated demo customers.")
    p.add_argument("--customers", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p = _add(subparsers, "search", _search, "Search customers; prints one JSON object per line.")
    p.add_argument("--limit", type=whole_number("a number of results", maximum=MAX_LIMIT), default=50)
    p.add_argument("query")
    p = _add(subparsers, "customer", _customer, "Show one customer with connection and vouchers as JSON.")
    p.add_argument("id", metavar="CUSTOMER_ID", type=whole_number("a customer number"))
    p = _add(subparsers, "set-status", _set_status, "Change a customer's loyalty program status.", staff=True)
    p.add_argument("customer_id", metavar="CUSTOMER_ID", type=whole_number("a customer number"))
    p.add_argument("status", metavar="STATUS", help="IMPORTED, PENDING, ACTIVE or INACTIVE")
    p = _add(subparsers, "mark-used", _mark_used, "Mark a voucher used by its code.", staff=True)
    p.add_argument("code", metavar="CODE", help="the voucher code, as scanned or typed")
    p = _add(subparsers, "set-unused", _set_unused, "Set a used voucher back to unused.", staff=True, role="EMPLOYEE")
    p.add_argument("voucher_id", metavar="VOUCHER_ID", type=whole_number("a voucher number"))
    p.add_argument("reason", metavar="REASON", help="why (kept in the audit log)")
