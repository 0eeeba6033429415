"""`frontdesk mark-used / set-status --platform URL --username NAME` as real processes: the platform's answer on
stdout ("confirmed"), a refusal by the platform as exit 1 with its reason, and an unreachable platform as a
change kept on the desk ("confirmed": false)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sync.helpers import STAFF, Platform

from frontdesk.storage.database import Database
from frontdesk.storage.models import OutboxEntry, Voucher
from sync_engine.helpers import Desk, client, make_customers, sign_in

ROOT = Path(__file__).resolve().parents[2]


def frontdesk(*args: str, password: str = STAFF["desk"][0]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FRONTDESK_PASSWORD"}
    env["FRONTDESK_PASSWORD"] = password
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def answer(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    [line] = done.stdout.splitlines()
    out: dict[str, Any] = json.loads(line)
    return out


def synced_desk(platform: Platform, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.db"
    desk = Desk.open(name, path)
    with client(platform.base_url, sign_in(platform.base_url, "desk")) as online:
        assert desk.sync(online).complete
    desk.db.close()
    return path


def code_of(path: Path, voucher_id: int) -> str:
    db = Database(path)
    try:
        with db.unit_of_work() as session:
            voucher = session.get(Voucher, voucher_id)
            assert voucher is not None
            return voucher.code
    finally:
        db.close()


def test_mark_used_with_a_platform_prints_its_confirmation_or_exits_1_with_its_refusal(
    platform: Platform, tmp_path: Path
) -> None:
    [customer] = make_customers(platform.engine, 1)
    first, second = synced_desk(platform, tmp_path, "a"), synced_desk(platform, tmp_path, "b")
    code = code_of(first, customer.vouchers[0])
    options = ("--platform", platform.base_url, "--username", "desk", "--desk", "Desk B")

    accepted = frontdesk("mark-used", "--db", str(second), code, *options)
    assert accepted.returncode == 0, accepted.stderr
    out = answer(accepted)
    assert out["confirmed"] is True and out["answer"]["confirmation"] == "confirmed"
    assert out["voucher"]["status"] == "USED"

    refused = frontdesk("mark-used", "--db", str(first), code, *options)
    assert refused.returncode == 1
    assert answer(refused)["confirmed"] is False and answer(refused)["voucher"]["used_by_desk"] == "Desk B"
    [line] = refused.stderr.splitlines()
    assert line.startswith("frontdesk: refused: the loyalty platform refused it:") and "Already used" in line


def test_an_unreachable_platform_keeps_the_change_and_says_it_is_not_confirmed(
    platform: Platform, tmp_path: Path, dead_url: str
) -> None:
    [customer] = make_customers(platform.engine, 1)
    path = synced_desk(platform, tmp_path, "a")
    code = code_of(path, customer.vouchers[0])

    offline = frontdesk("mark-used", "--db", str(path), code, "--platform", dead_url, "--username", "desk")

    assert offline.returncode == 0, offline.stderr
    out = answer(offline)
    assert out["confirmed"] is False and out["answer"]["confirmation"] == "kept"
    assert "not confirmed" in out["answer"]["message"] and "sent automatically" in out["answer"]["message"]
    db = Database(path)
    try:
        with db.unit_of_work() as session:
            assert [entry.state for entry in session.query(OutboxEntry)] == ["PENDING"]  # kept for the next sync
    finally:
        db.close()
