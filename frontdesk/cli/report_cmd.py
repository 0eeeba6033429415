"""`frontdesk report`: the end-of-day report for a day or a range of days, as JSON, and optionally as CSV."""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontdesk.cli.output import emit, plain, run_reporting_errors
from frontdesk.services.report import Report, ReportRow, Totals, build_report
from frontdesk.services.report_csv import write_csv
from frontdesk.storage.database import Database

if TYPE_CHECKING:
    from frontdesk.cli.output import Subparsers

HELP = ("The end-of-day report: redemptions, set-backs and status changes by staff and location, each with what "
        "the platform made of it (days in this computer's local time).")  # fmt: skip


def day(text: str) -> date:
    """An argument type for a day written YYYY-MM-DD (only that: 01/11/2026 means different days in different
    countries)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise argparse.ArgumentTypeError(f"“{text}” is not a day (use YYYY-MM-DD, e.g. 2026-11-01)")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text.strip()} is not a day of the calendar") from None


def _totals(totals: Totals) -> dict[str, Any]:
    return {**plain(totals), "actions": totals.actions}


def _row(report: Report, row: ReportRow) -> dict[str, Any]:
    return {**plain(row), "at": report.local(row.at).isoformat(), "change": row.change,
            "outcome_words": row.outcome_words}  # fmt: skip


def _report(args: argparse.Namespace) -> None:
    db = Database(Path(args.db), create=False)
    try:
        report = build_report(db, args.first, args.last or args.first)
    finally:
        db.close()
    out: dict[str, Any] = {"from": report.first_day.isoformat(), "to": report.last_day.isoformat(),
                           "period": report.period, "overall": _totals(report.overall),
                           "by_staff": [_totals(t) for t in report.by_staff],
                           "rows": [_row(report, r) for r in report.rows]}  # fmt: skip
    if args.csv is not None:
        write_csv(report, args.csv)
        out["csv"] = str(args.csv)
    emit(out)


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("report", help=HELP, description=HELP)
    parser.add_argument("--db", required=True, help="the desk's database file")
    parser.add_argument("--from", dest="first", required=True, type=day, metavar="YYYY-MM-DD", help="the first day")
    parser.add_argument("--to", dest="last", type=day, default=None, metavar="YYYY-MM-DD",
                        help="the last day, included (default: the --from day alone)")  # fmt: skip
    parser.add_argument("--csv", type=Path, default=None, metavar="FILE",
                        help="also write the report to FILE, one row per action")  # fmt: skip
    parser.set_defaults(handler=lambda args: run_reporting_errors(lambda: _report(args)))
