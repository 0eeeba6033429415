"""`frontdesk report`: the end-of-day report as JSON (and CSV with --csv) for a day or an inclusive range of days
in this computer's local time; a bad day, a range ending before it begins or an unwritable CSV is one plain line
and exit 2."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_services_report import settle

import main as launcher
from frontdesk.cli.output import EXIT_BAD_INPUT
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.services.report import local_midnight
from frontdesk.storage.database import Database

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2026, 11, 1)
DANA = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Desk 1", "Downtown")
SAM = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Desk 2", "Riverside")
REFUSAL = "Already used on 31 Oct at 09:15, at Harbour View. Nothing was changed."


class MovingClock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 1, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = launcher.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1 and err.startswith("frontdesk: "), err
    assert "Traceback" not in err and "Error" not in err, err
    return err.strip()


def _unused_codes(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [code for (code,) in connection.execute("SELECT code FROM vouchers WHERE status = 'UNUSED' ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A demo desk with a day's work in this computer's local time, and one action the morning after."""
    path = tmp_path / "desk.db"
    assert run(capsys, "demo-data", "--db", str(path), "--customers", "4")[0] == 0
    first, second, third = _unused_codes(path)[:3]
    db, clock = Database(path), MovingClock()
    morning = local_midnight(DAY, None)
    try:
        clock.moment = morning + timedelta(hours=9)
        StaffActions(db, DANA, clock).mark_used(code=first)
        settle(db, clock)
        clock.moment = morning + timedelta(hours=10)
        StaffActions(db, SAM, clock).mark_used(code=second)
        settle(db, clock, refusal=REFUSAL)
        clock.moment = morning + timedelta(hours=11)
        StaffActions(db, DANA, clock).change_program_status(3, ProgramStatus.PENDING)  # 3 is Imported
        clock.moment = morning + timedelta(days=1, minutes=30)
        StaffActions(db, SAM, clock).mark_used(code=third)
    finally:
        db.close()
    return path


def test_one_day_as_json_and_csv(desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "day.csv"
    code, out, err = run(capsys, "report", "--db", str(desk), "--from", "2026-11-01", "--csv", str(out_file))
    assert (code, err) == (0, "")
    report: dict[str, Any] = json.loads(out)
    assert (report["from"], report["to"], report["period"], report["csv"]) == (
        "2026-11-01", "2026-11-01", "Sun 1 Nov 2026", str(out_file))  # fmt: skip
    overall = report["overall"]
    assert (overall["redemptions"], overall["status_changes"], overall["actions"]) == (2, 1, 3)
    assert (overall["accepted"], overall["waiting"], overall["refused"]) == (1, 1, 1)
    assert [(t["staff_name"], t["location"], t["actions"], t["refused"]) for t in report["by_staff"]] == [
        ("Dana Reyes", "Downtown", 1, 0), ("Dana Reyes", None, 1, 0), ("Sam Lee", "Riverside", 1, 1)]  # fmt: skip
    rows = report["rows"]
    assert [row["at"][:19] for row in rows] == ["2026-11-01T09:00:00", "2026-11-01T10:00:00", "2026-11-01T11:00:00"]
    refused = rows[1]
    assert (refused["kind"], refused["outcome"], refused["refusal"]) == ("Redemption", "Refused by the platform",
                                                                         REFUSAL)  # fmt: skip
    assert refused["outcome_words"] == f"Refused by the platform: {REFUSAL}"
    assert (rows[2]["change"], rows[2]["outcome"]) == ("IMPORTED → PENDING", "Waiting to be sent")

    with out_file.open(encoding="utf-8-sig", newline="") as file:
        header, *lines = list(csv.reader(file))
    assert len(lines) == 3 and header[header.index("Outcome")] == "Outcome"
    assert [line[header.index("Outcome")] for line in lines] == [
        "Accepted by the platform", "Refused by the platform", "Waiting to be sent"]  # fmt: skip
    assert lines[1][header.index("Platform's reason")] == REFUSAL


def test_a_range_includes_its_last_day(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "--db", str(desk), "--from", "2026-11-01", "--to", "2026-11-02")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["overall"]["actions"] == 4 and report["rows"][-1]["at"].startswith("2026-11-02T00:30:00")
    code, out, _ = run(capsys, "report", "--db", str(desk), "--from", "2026-11-02")
    assert code == 0 and [row["staff_name"] for row in json.loads(out)["rows"]] == ["Sam Lee"]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--from", "2026-13-01"], 'argument --from: 2026-13-01 is not a day of the calendar — see "frontdesk report'),
        (["--from", "01/11/2026"], "argument --from: “01/11/2026” is not a day (use YYYY-MM-DD, e.g. 2026-11-01)"),
        (["--from", "2026-11-01", "--to", "tomorrow"], "argument --to: “tomorrow” is not a day (use YYYY-MM-DD"),
        ([], "the following arguments are required: --from"),
        (["--from", "2026-11-02", "--to", "2026-11-01"], "The report cannot end (01 Nov 2026) before it begins"),
    ],
)
def test_bad_days_are_one_plain_line(desk: Path, capsys: pytest.CaptureFixture[str], arguments: list[str],
                                     said: str) -> None:  # fmt: skip
    code, out, err = run(capsys, "report", "--db", str(desk), *arguments)
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert one_line(err).startswith(f"frontdesk: {said}")


def test_a_csv_that_cannot_be_written_and_a_missing_database_are_one_plain_line(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "gone" / "r.csv"
    code, out, err = run(capsys, "report", "--db", str(desk), "--from", "2026-11-01", "--csv", str(target))
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert one_line(err) == f"frontdesk: Cannot save the report as {target}: the folder {target.parent} does not exist."
    code, out, err = run(capsys, "report", "--db", str(tmp_path / "none.db"), "--from", "2026-11-01")
    assert (code, out) == (EXIT_BAD_INPUT, "") and str(tmp_path / "none.db") in one_line(err)
    assert not (tmp_path / "none.db").exists()  # a report never creates a database


def _report_in(zone: str, path: Path, day: str) -> list[dict[str, Any]]:
    env = {**os.environ, "TZ": zone}
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", "--db", str(path), "--from", day],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)  # fmt: skip
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)["rows"]
    return rows


def test_days_are_counted_in_the_computers_local_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """11:30 UTC on 1 Nov is already 2 Nov at 00:30 thirteen hours east of Greenwich (a real process each time,
    with its own TZ)."""
    path = tmp_path / "desk.db"
    assert run(capsys, "demo-data", "--db", str(path), "--customers", "4")[0] == 0
    db, clock = Database(path), MovingClock()
    clock.moment = datetime(2026, 11, 1, 11, 30, tzinfo=UTC)
    try:
        StaffActions(db, DANA, clock).mark_used(code=_unused_codes(path)[0])
    finally:
        db.close()
    (east,) = _report_in("NZT-13", path, "2026-11-02")
    assert east["at"] == "2026-11-02T00:30:00+13:00"
    assert _report_in("NZT-13", path, "2026-11-01") == []
    (greenwich,) = _report_in("UTC0", path, "2026-11-01")
    assert greenwich["at"] == "2026-11-01T11:30:00+00:00"
