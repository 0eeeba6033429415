"""Demo seeding, customer import, and the `server` command running the real thing."""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, select

from frontdesk.cli.server_cmd import register
from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.staff import StaffRole
from frontdesk.hub import import_customers, make_engine, seed_demo
from frontdesk.hub.models import ConnectionRow, UserRow, VoucherRow
from frontdesk.protocol.wire import CONNECTIONS, USERS
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import PlatformUnavailable
from frontdesk.sync.retry import RetryPolicy

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def rows(engine: Engine, model: type[UserRow] | type[ConnectionRow] | type[VoucherRow]) -> list[tuple[object, ...]]:
    with engine.connect() as db:
        return [tuple(row) for row in db.execute(select(model.__table__)).all()]


def test_seeding_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    made = []
    for name in ("a.db", "b.db"):
        engine = make_engine(str(tmp_path / name))
        summary = seed_demo(engine, customers=40, seed=5, now=NOW, batch_size=15)
        made.append((rows(engine, UserRow), rows(engine, ConnectionRow), rows(engine, VoucherRow)))
        engine.dispose()
    assert made[0] == made[1]
    assert (summary.users, summary.connections, summary.vouchers) == (40, 40, len(made[0][2]))
    other = make_engine(str(tmp_path / "c.db"))
    seed_demo(other, customers=40, seed=6, now=NOW)
    assert rows(other, UserRow) != made[0][0]
    other.dispose()


def test_import_from_csv_and_json_lines(platform_db: Engine, tmp_path: Path) -> None:
    csv_file = tmp_path / "members.csv"
    csv_file.write_text(
        "first_name,last_name,email,phone_number,birthday,member_number,home_location\n"
        "Ada,Lovelace,ada@example.com,555-0101,1815-12-10,M1,Downtown\n"
        "Alan,Turing,,,,,\n",
        encoding="utf-8",
    )
    lines = tmp_path / "members.jsonl"
    lines.write_text(json.dumps({"first_name": "Grace", "last_name": "Hopper", "membership_status": "inactive"}) + "\n")
    assert import_customers(platform_db, csv_file) == 2
    assert import_customers(platform_db, lines, business_id=3) == 1
    with platform_db.connect() as db:
        users = db.execute(select(UserRow).order_by(UserRow.user_id)).all()
        connections = db.execute(select(ConnectionRow).order_by(ConnectionRow.connection_id)).all()
    assert [(u.first_name, u.emails) for u in users] == [
        ("Ada", [{"email": "ada@example.com", "is_primary": True}]),
        ("Alan", []),
        ("Grace", []),
    ]
    assert users[0].birthday.isoformat() == "1815-12-10" and users[1].phone_number is None
    assert {c.status for c in connections} == {"IMPORTED"}
    assert [(c.business_id, c.membership_status) for c in connections][-1] == (3, "INACTIVE")


def test_a_bad_import_names_the_line_and_writes_nothing(platform_db: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"first_name": "Ok", "last_name": "Person"}\n{"first_name": "No surname"}\n')
    with pytest.raises(InvalidInput, match="Line 2: last_name is missing"):
        import_customers(platform_db, bad)
    assert rows(platform_db, UserRow) == []


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="frontdesk")
    register(root.add_subparsers(dest="command", required=True))
    return root


def test_server_command_options() -> None:
    args = parser().parse_args(["server", "--db", "x.db", "--port", "8080", "--add-staff", "Sam:pa:ss:front desk"])
    assert (args.db, args.port, args.host, args.seed_customers) == ("x.db", 8080, "127.0.0.1", 0)
    assert args.add_staff == [("Sam", "pa:ss", StaffRole.FRONT_DESK)]
    with pytest.raises(SystemExit):
        parser().parse_args(["server", "--db", "x.db", "--port", "1", "--add-staff", "Sam:secret:JANITOR"])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_server_command_seeds_and_serves_over_http(tmp_path: Path) -> None:
    port = free_port()
    script = (
        "import sys, argparse\n"
        "from frontdesk.cli.server_cmd import register\n"
        "root = argparse.ArgumentParser(); register(root.add_subparsers(dest='command'))\n"
        "args = root.parse_args(sys.argv[1:]); sys.exit(args.handler(args))\n"
    )
    command = [
        sys.executable,
        "-c",
        script,
        "server",
        "--db",
        str(tmp_path / "hub.db"),
        "--port",
        str(port),
        "--seed-customers",
        "25",
        "--add-staff",
        "admin:s3cret:ADMIN",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        client = PlatformClient(f"http://127.0.0.1:{port}", timeout=5, retry=RetryPolicy(attempts=1))
        deadline = time.monotonic() + 60
        while True:
            try:
                grant = client.sign_in("admin", "s3cret")
                break
            except PlatformUnavailable:  # not listening yet
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert grant.staff.role is StaffRole.ADMIN
        assert client.list_page(USERS, limit=1).meta.total_count == 25
        assert client.list_page(CONNECTIONS, limit=1).meta.total_count == 25
        assert httpx.get(f"http://127.0.0.1:{port}/v2/users/").status_code == 401
        client.close()
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "Seeded 25 customers" in output
    assert "s3cret" not in output and grant.access_token not in output  # no secrets in the log
