"""build_report and write_csv: a day or a range of days in the desk's local time, totals by staff member and
location, every action with what became of it (a refused one counted and listed as refused, with the
platform's reason); the CSV holds one row per action and never a spreadsheet formula."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.actions import StaffActions
from frontdesk.services.activity import Outcome
from frontdesk.services.report import ActionKind, Totals, build_report
from frontdesk.services.report_csv import HEADER, write_csv
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict, OutboxEntry

if TYPE_CHECKING:
    from conftest import DataBuilder, FixedClock

DESK_TIME = timezone(timedelta(hours=-5))  # the desk's local time in these tests
DAY = date(2026, 11, 1)
DANA = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Desk 1", "Downtown")
SAM = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Desk 2", "Riverside")
ALREADY_USED = "Already used on 31 Oct at 09:15, at Harbour View. Nothing was changed."


def at(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=DESK_TIME).astimezone(UTC)


def settle(db: Database, clock: Clock, refusal: str | None = None) -> None:
    """The platform's answer to the newest action, as a sync stores it: accepted, or refused with a conflict."""
    with db.unit_of_work(write=True) as session:
        entry = session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq.desc())).first()
        assert entry is not None
        entry.state, entry.finished_at = ("ACCEPTED" if refusal is None else "REFUSED"), clock.now()
        if refusal is None:
            return
        conflict = Conflict(created_at=clock.now(), outbox_key=entry.key, kind=entry.kind, target_id=entry.target_id,
                            customer_id=entry.customer_id, code="voucher_not_unused", message=refusal,
                            wanted=str(entry.payload["status"]), acted_at=entry.created_at, desk=entry.desk,
                            staff_name=entry.staff_name, platform_state={"status": "USED"})  # fmt: skip
        session.add(conflict)


def _shift(db: Database, builder: DataBuilder, clock: FixedClock) -> dict[str, int]:
    """A day at two desks, plus one action just before it begins and one just after it ends."""
    ana = builder.customer("Ana", "Silva", status=ProgramStatus.PENDING)
    ben = builder.customer("Ben", "Okafor", status=ProgramStatus.ACTIVE)
    ids = {"ana": ana, "ben": ben}
    for code in ("V-100", "V-200", "V-300", "V-400", "V-500"):
        ids[code] = builder.voucher(ben, VoucherStatus.UNUSED, code=code, title="Free smoothie")

    def act(moment: datetime, staff: StaffMember) -> StaffActions:
        clock.moment = moment
        return StaffActions(db, staff, clock)

    act(at(23, 59, 59, DAY - timedelta(days=1)), SAM).mark_used(code="V-500")  # the evening before
    act(at(0, 0, 0), DANA).mark_used(code="V-100")  # the very first moment of the day
    settle(db, clock)
    act(at(9, 30), DANA).change_program_status(ana, ProgramStatus.ACTIVE)
    settle(db, clock)
    act(at(10), SAM).mark_used(code="V-200")
    settle(db, clock, refusal=ALREADY_USED)
    act(at(11), SAM).mark_used(code="V-300")
    act(at(16), DANA).set_back_to_unused(ids["V-100"], "scanned the wrong voucher")
    act(at(23, 59, 59), StaffMember("Kim Ito", StaffRole.FRONT_DESK, "Desk 3", "")).mark_used(code="V-400")
    act(at(0, 0, 0, DAY + timedelta(days=1)), SAM).change_program_status(ben, ProgramStatus.INACTIVE)  # next day
    return ids


def test_one_day_lists_each_action_with_what_became_of_it(db: Database, builder: DataBuilder,
                                                          clock: FixedClock) -> None:  # fmt: skip
    _shift(db, builder, clock)
    report = build_report(db, DAY, DAY, DESK_TIME)
    assert [(report.local(r.at).strftime("%H:%M:%S"), r.staff_name, r.kind, r.customer_name) for r in report.rows] == [
        ("00:00:00", "Dana Reyes", ActionKind.REDEMPTION, "Ben Okafor"),
        ("09:30:00", "Dana Reyes", ActionKind.STATUS_CHANGE, "Ana Silva"),
        ("10:00:00", "Sam Lee", ActionKind.REDEMPTION, "Ben Okafor"),
        ("11:00:00", "Sam Lee", ActionKind.REDEMPTION, "Ben Okafor"),
        ("16:00:00", "Dana Reyes", ActionKind.SET_BACK, "Ben Okafor"),
        ("23:59:59", "Kim Ito", ActionKind.REDEMPTION, "Ben Okafor"),
    ]  # fmt: skip
    first, status, refused, waiting, set_back, _kims = report.rows
    assert (first.subject, first.change, first.outcome) == ("voucher V-100 (Free smoothie)", "UNUSED → USED",
                                                             Outcome.ACCEPTED)  # fmt: skip
    assert (status.subject, status.change, status.outcome) == ("program status", "PENDING → ACTIVE", Outcome.ACCEPTED)
    assert (refused.outcome, refused.refusal) == (Outcome.REFUSED, ALREADY_USED)
    assert refused.outcome_words == f"Refused by the platform: {ALREADY_USED}"
    assert (waiting.outcome, waiting.outcome_words) == (Outcome.WAITING, "Waiting to be sent")
    assert (set_back.reason, set_back.change, set_back.desk) == ("scanned the wrong voucher", "USED → UNUSED", "Desk 1")
    # Where it happened: a redemption's location is the one sent to the platform; the other actions record none.
    assert [r.location for r in report.rows] == ["Downtown", None, "Riverside", "Riverside", None, None]
    assert report.period == "Sun 1 Nov 2026"


def test_totals_by_staff_and_location_count_refused_actions_as_refused(db: Database, builder: DataBuilder,
                                                                       clock: FixedClock) -> None:  # fmt: skip
    _shift(db, builder, clock)
    report = build_report(db, DAY, DAY, DESK_TIME)
    assert report.by_staff == (
        Totals("Dana Reyes", "Downtown", redemptions=1, accepted=1),
        Totals("Dana Reyes", None, set_backs=1, status_changes=1, accepted=1, waiting=1),
        Totals("Kim Ito", None, redemptions=1, waiting=1),
        Totals("Sam Lee", "Riverside", redemptions=2, refused=1, waiting=1),
    )
    overall = report.overall
    assert (overall.redemptions, overall.set_backs, overall.status_changes) == (4, 1, 1)
    assert (overall.accepted, overall.waiting, overall.refused, overall.actions) == (2, 3, 1, 6)


def test_days_begin_and_end_at_the_desks_local_midnight(db: Database, builder: DataBuilder,
                                                        clock: FixedClock) -> None:  # fmt: skip
    _shift(db, builder, clock)
    before, after = DAY - timedelta(days=1), DAY + timedelta(days=1)
    (evening,) = build_report(db, before, before, DESK_TIME).rows
    assert (evening.staff_name, evening.subject) == ("Sam Lee", "voucher V-500 (Free smoothie)")
    (morning,) = build_report(db, after, after, DESK_TIME).rows
    assert (morning.kind, morning.change) == (ActionKind.STATUS_CHANGE, "ACTIVE → INACTIVE")
    three_days = build_report(db, before, after, DESK_TIME)
    assert len(three_days.rows) == 8 and three_days.overall.actions == 8
    assert three_days.period == "Sat 31 Oct 2026 – Mon 2 Nov 2026"
    # The same moments seen from UTC fall on other days: 23:59:59 at the desk is already 2 Nov in UTC.
    assert [r.staff_name for r in build_report(db, DAY, DAY, UTC).rows] == [
        "Sam Lee", "Dana Reyes", "Dana Reyes", "Sam Lee", "Sam Lee", "Dana Reyes"]  # fmt: skip
    assert build_report(db, date(2026, 10, 1), date(2026, 10, 30), DESK_TIME).rows == ()


def test_a_range_that_ends_before_it_begins_is_refused_in_plain_words(db: Database) -> None:
    with pytest.raises(InvalidInput) as refused:
        build_report(db, DAY, DAY - timedelta(days=1), DESK_TIME)
    assert refused.value.message == "The report cannot end (31 Oct 2026) before it begins (01 Nov 2026)."


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_the_csv_has_one_row_per_action_with_its_outcome_and_reasons(
    db: Database, builder: DataBuilder, clock: FixedClock, tmp_path: Path
) -> None:
    _shift(db, builder, clock)
    path = tmp_path / "report.csv"
    assert write_csv(build_report(db, DAY, DAY, DESK_TIME), path) == 6
    header, *rows = _read(path)
    assert tuple(header) == HEADER
    assert path.read_bytes().startswith("\ufeff".encode())  # spreadsheets read the accents right
    by_column = [dict(zip(header, row, strict=True)) for row in rows]
    refused = by_column[2]
    assert (refused["Date"], refused["Time"], refused["Staff"], refused["Role"]) == (
        "2026-11-01", "10:00:00", "Sam Lee", "front desk")  # fmt: skip
    assert (refused["Location"], refused["Customer number"], refused["Action"]) == ("Riverside", "2", "Redemption")
    assert (refused["Outcome"], refused["Platform's reason"]) == ("Refused by the platform", ALREADY_USED)
    set_back = by_column[4]
    assert (set_back["Staff reason"], set_back["From"], set_back["To"], set_back["Location"]) == (
        "scanned the wrong voucher", "USED", "UNUSED", "")  # fmt: skip
    assert [row["Outcome"] for row in by_column] == ["Accepted by the platform", "Accepted by the platform",
                                                     "Refused by the platform", "Waiting to be sent",
                                                     "Waiting to be sent", "Waiting to be sent"]  # fmt: skip


def test_text_people_typed_never_becomes_a_spreadsheet_formula(db: Database, builder: DataBuilder,
                                                               clock: FixedClock, tmp_path: Path) -> None:  # fmt: skip
    owner = builder.customer('=HYPERLINK("http://x")', "Smith")
    voucher = builder.voucher(owner, VoucherStatus.USED, code="V-9")
    clock.moment = at(12)
    StaffActions(db, StaffMember("@admin", StaffRole.ADMIN, "Desk 1", "+North"), clock).set_back_to_unused(
        voucher, "-1 point, customer asked"
    )
    write_csv(build_report(db, DAY, DAY, DESK_TIME), tmp_path / "r.csv")
    (row,) = _read(tmp_path / "r.csv")[1:]
    assert row[2] == "'@admin" and row[7] == '\'=HYPERLINK("http://x") Smith'
    assert row[12] == "'-1 point, customer asked"


def test_a_file_that_cannot_be_written_is_said_plainly_and_leaves_nothing_behind(db: Database,
                                                                                  tmp_path: Path) -> None:  # fmt: skip
    report = build_report(db, DAY, DAY, DESK_TIME)
    with pytest.raises(InvalidInput) as missing:
        write_csv(report, tmp_path / "no such folder" / "r.csv")
    assert missing.value.message == (f"Cannot save the report as {tmp_path / 'no such folder' / 'r.csv'}: "
                                     f"the folder {tmp_path / 'no such folder'} does not exist.")  # fmt: skip
    taken = tmp_path / "a folder"
    taken.mkdir()
    with pytest.raises(InvalidInput) as refused:
        write_csv(report, taken)
    assert refused.value.message.startswith(f"Cannot save the report as {taken}: is a directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder", "desk.db", "desk.db-shm", "desk.db-wal"]
