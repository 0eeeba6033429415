"""`frontdesk sync` as a real process: a JSON summary on stdout, or one plain line on stderr and a non-zero exit."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from file_damage import pages_of, scribble, sql
from sync.helpers import STAFF, Platform

from frontdesk.cli.output import EXIT_BAD_INPUT, EXIT_INCOMPLETE
from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import create_customer, create_voucher
from frontdesk.protocol.wire import VoucherStatusChange
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from sync_engine.helpers import ServerLedger, client, make_customers, sign_in
from sync_engine.proxy import Fault, FaultProxy

ROOT = Path(__file__).resolve().parents[2]


def frontdesk_sync(
    db: Path, url: str, username: str = "desk", password: str | None = None, *options: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FRONTDESK_PASSWORD"}
    env["FRONTDESK_PASSWORD"] = STAFF[username][0] if password is None else password
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "sync", "--db", str(db), "--platform", url, "--username", username,
         *options],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def summary_of(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    assert done.returncode == 0 and done.stderr == "", done.stderr
    [line] = done.stdout.splitlines()
    summary: dict[str, Any] = json.loads(line)
    assert isinstance(summary["seconds"], float) and summary["seconds"] >= 0
    return summary


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("frontdesk: "), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def test_frontdesk_sync_prints_what_it_pushed_refused_and_pulled(platform: Platform, tmp_path: Path) -> None:
    people = make_customers(platform.engine, 3, vouchers=2)
    db_path = tmp_path / "desk.db"  # made by the command
    first = summary_of(frontdesk_sync(db_path, platform.base_url))
    assert (first["pushed"], first["refused"], first["waiting"], first["open_conflicts"]) == (0, 0, 0, 0)
    assert first["pulled"] == {"users": 3, "connections": 3, "vouchers": 6} and first["complete"] is True

    # Another desk uses one voucher first; this desk marks it and two more, offline.
    other = client(platform.base_url, sign_in(platform.base_url, "desk"))
    other.patch_voucher_status(people[0].vouchers[0], VoucherStatusChange(VoucherStatus.USED, desk="Desk B"),
                               idempotency_key="desk-b-1")  # fmt: skip
    db = Database(db_path)
    actions = StaffActions(db, StaffMember("Sam", StaffRole.FRONT_DESK, "Desk A"), SystemClock())
    keys = [actions.mark_used(voucher_id=p.vouchers[0]).outbox_key for p in people]
    db.close()

    second = summary_of(frontdesk_sync(db_path, platform.base_url))
    assert (second["pushed"], second["refused"], second["waiting"], second["open_conflicts"]) == (2, 1, 0, 1)
    assert second["complete"] is True and second["problem"] is None
    third = summary_of(frontdesk_sync(db_path, platform.base_url))
    assert (third["pushed"], third["refused"], third["open_conflicts"]) == (0, 0, 1)
    assert third["pulled"] == {"users": 0, "connections": 0, "vouchers": 0}
    ledger = ServerLedger.read(platform.engine)
    assert [ledger.applied[k] for k in keys] == [0, 1, 1] and ledger.answers[keys[0]][0] == 409


def test_a_wrong_password_is_one_clear_line_and_changes_nothing(platform: Platform, tmp_path: Path) -> None:
    make_customers(platform.engine, 1)
    done = frontdesk_sync(tmp_path / "desk.db", platform.base_url, password="not-the-password")
    assert one_line(done) == "frontdesk: The staff name or password is wrong."
    assert "not-the-password" not in done.stderr
    assert summary_of(frontdesk_sync(tmp_path / "desk.db", platform.base_url))["pulled"]["users"] == 1


def test_an_unreachable_platform_is_one_clear_line(dead_url: str, tmp_path: Path) -> None:
    line = one_line(frontdesk_sync(tmp_path / "desk.db", dead_url))
    assert line.startswith("frontdesk: Cannot sign in: no complete answer from the platform")


def test_a_missing_password_is_one_clear_line(platform: Platform, tmp_path: Path) -> None:
    line = one_line(frontdesk_sync(tmp_path / "desk.db", platform.base_url, password=""))
    assert line == "frontdesk: Set the staff password in the environment variable FRONTDESK_PASSWORD."


def test_frontdesk_sync_pulls_only_the_business_and_location_asked_for(platform: Platform, tmp_path: Path) -> None:
    for business, location in [(1, "Downtown"), (2, "Downtown"), (2, "Riverside"), (2, "Riverside")]:
        user_id, _ = create_customer(platform.engine, first_name="Cli", last_name=location, business_id=business,
                                     home_location=location)  # fmt: skip
        create_voucher(platform.engine, user_id=user_id, business_id=business)
    scoped = frontdesk_sync(tmp_path / "scoped.db", platform.base_url, "desk", None, "--business", "2",
                            "--location", "Riverside")  # fmt: skip
    assert summary_of(scoped)["pulled"] == {"users": 2, "connections": 2, "vouchers": 2}
    business = frontdesk_sync(tmp_path / "business.db", platform.base_url, "desk", None, "--business", "2")
    assert summary_of(business)["pulled"] == {"users": 3, "connections": 3, "vouchers": 3}
    everything = frontdesk_sync(tmp_path / "all.db", platform.base_url)
    assert summary_of(everything)["pulled"] == {"users": 4, "connections": 4, "vouchers": 4}
    refused = frontdesk_sync(tmp_path / "bad.db", platform.base_url, "desk", None, "--business", "two")
    assert refused.returncode == 2 and "business id" in refused.stderr and "Traceback" not in refused.stderr


def _desk_with_a_waiting_change(platform: Platform, path: Path) -> str:
    """A desk synced once from the platform, then one voucher marked used at it: returns the change's key."""
    people = make_customers(platform.engine, 3)
    assert summary_of(frontdesk_sync(path, platform.base_url))["complete"] is True
    db = Database(path)
    try:
        actions = StaffActions(db, StaffMember("Sam", StaffRole.FRONT_DESK, "Desk A"), SystemClock())
        return actions.mark_used(voucher_id=people[0].vouchers[0]).outbox_key
    finally:
        db.close()


def test_a_sync_cut_short_exits_3_with_its_summary_and_keeps_the_change(platform: Platform, tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    key = _desk_with_a_waiting_change(platform, path)
    with FaultProxy(platform.base_url, rate=1.0, faults=[Fault.DROP]) as proxy:
        proxy.script.append(Fault.PASS)  # the sign-in gets through; then the platform is gone
        cut = frontdesk_sync(path, proxy.url)
    assert cut.returncode == EXIT_INCOMPLETE
    [line] = cut.stdout.splitlines()
    summary = json.loads(line)
    assert (summary["complete"], summary["pushed"], summary["waiting"]) == (False, 0, 1)
    assert summary["problem"].startswith("The loyalty platform did not answer")
    assert cut.stderr == f"frontdesk: the sync stopped before the end: {summary['problem']}\n"
    assert ServerLedger.read(platform.engine).applied[key] == 0
    again = summary_of(frontdesk_sync(path, platform.base_url))
    assert (again["complete"], again["pushed"], again["waiting"]) == (True, 1, 0)


def test_sync_refuses_an_empty_file_as_the_other_commands_do(dead_url: str, tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    path.touch()
    done = frontdesk_sync(path, dead_url)
    assert done.returncode == EXIT_BAD_INPUT
    assert (
        one_line(done)
        == f"frontdesk: The file {path} is not a Front Desk database (it is empty); it was left as it is."
    )
    assert [p.name for p in tmp_path.iterdir()] == ["desk.db"] and path.read_bytes() == b""


def test_sync_refuses_a_damaged_desk_and_sends_nothing(platform: Platform, tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    key = _desk_with_a_waiting_change(platform, path)
    sql(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = sql(path, "PRAGMA page_size")[0][0]  # a small desk's rows sit at the end of their pages
    scribble(path, pages_of(path, "vouchers", "outbox"), random.Random(6), size=1024, at=page_size - 1024)
    damaged = path.read_bytes()
    done = frontdesk_sync(path, platform.base_url)
    assert done.returncode == EXIT_BAD_INPUT
    assert one_line(done) == (
        f"frontdesk: The desk database {path} is damaged, so Front Desk will not read, change or sync it. Keep the "
        "file (it may hold changes not yet sent to the platform) and ask your support contact for help."
    )
    assert path.read_bytes() == damaged
    assert ServerLedger.read(platform.engine).applied[key] == 0


def test_the_exit_status_of_a_sync_is_in_its_help() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "sync", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0
    assert f"{EXIT_INCOMPLETE} it stopped before the end" in " ".join(done.stdout.split())
