"""The command line, in-process (frontdesk.cli.main / main.main) and as a real `python main.py` subprocess."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import main as launcher
from frontdesk.cli import main as cli_main
from frontdesk.cli.output import EXIT_BAD_INPUT, EXIT_REFUSED

ROOT = Path(__file__).resolve().parents[1]
DEMO_CUSTOMERS = 60
Snapshot = Callable[[Path], dict[str, list[tuple[Any, ...]]]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = launcher.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def one_clear_line(err: str) -> str:
    """Exactly one line, for a person: prefixed, no traceback, no exception class, no SQL."""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("frontdesk: "), err
    for noise in ("Traceback", "Error:", "sqlite3", "sqlalchemy", "SELECT"):
        assert noise not in err, err
    return err.strip()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert cli_main(["demo-data", "--db", str(path), "--customers", str(DEMO_CUSTOMERS), "--seed", "5"]) == 0
    yield path


@pytest.fixture
def fresh_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "fresh.db"
    code, _, _ = run(capsys, "demo-data", "--db", str(path), "--customers", "4")
    assert code == 0
    return path


def test_demo_data_reports_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new" / "desk.db"
    code, out, err = run(capsys, "demo-data", "--db", str(path), "--customers", "25", "--seed", "3")
    assert (code, err) == (0, "")
    (report,) = lines(out)
    assert report["db"] == str(path)
    assert report["customers"] == report["connections"] == 25
    assert report["vouchers"] >= 18 and isinstance(report["seconds"], float | int)
    assert path.exists()


def test_search_prints_one_json_object_per_line(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "--db", str(demo_db), "--limit", "10", "a")
    assert (code, err) == (0, "")
    found = lines(out)
    assert 1 <= len(found) <= 10
    for customer in found:
        assert {"id", "name", "email", "phone", "status", "member_number", "has_pending_change"} <= customer.keys()
        assert customer["name"] == f"{customer['first_name']} {customer['last_name']}"
        assert customer["status"] in {"IMPORTED", "PENDING", "ACTIVE", "INACTIVE"}


def test_search_by_member_number_and_nothing_found(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--db", str(demo_db), "M0000007")
    assert code == 0 and lines(out)[0]["id"] == 7
    code, out, err = run(capsys, "search", "--db", str(demo_db), "qqqzzz")
    assert (code, out, err) == (0, "", "")
    code, out, err = run(capsys, "search", "--db", str(demo_db), "   ")
    assert (code, out, err) == (0, "", "")


def test_customer_prints_connection_fields_and_vouchers(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "customer", "--db", str(demo_db), "1")
    assert (code, err) == (0, "")
    (detail,) = lines(out)
    assert detail["summary"]["id"] == 1 and detail["summary"]["status"] == "ACTIVE"
    assert isinstance(detail["point_balance"], int) and detail["home_location"]
    assert [c["status"] for c in detail["status_choices"]] == ["IMPORTED", "PENDING", "INACTIVE"]
    assert [c["allowed"] for c in detail["status_choices"]] == [False, False, True]
    statuses = {v["status"] for v in detail["vouchers"]}
    assert statuses == {"UNUSED", "USED", "ISSUED", "PROCESSING", "EXPIRED", "VOIDED"}
    for voucher in detail["vouchers"]:
        assert voucher["explanation"] and voucher["code"] and voucher["created_at"].startswith("20")


def test_set_status_allowed_then_refused(fresh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # demo customer 3 is Imported
    code, out, err = run(capsys, "set-status", "--db", str(fresh_db), "--staff", "Kim", "3", "pending")
    assert (code, err) == (0, "")
    (result,) = lines(out)
    assert (result["before"], result["after"]) == ("IMPORTED", "PENDING")
    assert result["customer"]["has_pending_change"] is True and result["outbox_key"]

    code, out, err = run(capsys, "set-status", "--db", str(fresh_db), "1", "Pending")  # 1 is Active
    assert code == EXIT_REFUSED and out == ""
    assert one_clear_line(err).startswith("frontdesk: refused: Cannot change Active to Pending.")


def test_mark_used_then_refused_then_set_back(fresh_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unused = _voucher_code(fresh_db, capsys, "UNUSED")
    code, out, err = run(capsys, "mark-used", "--db", str(fresh_db), "--location", "Riverside", f"]C0{unused}")
    assert (code, err) == (0, "")
    (result,) = lines(out)
    assert (result["before"], result["after"]) == ("UNUSED", "USED")
    assert result["voucher"]["used_location"] == "Riverside" and result["voucher"]["used_by_desk"] == "command line"

    code, out, err = run(capsys, "mark-used", "--db", str(fresh_db), unused)
    assert code == EXIT_REFUSED and out == ""
    message = one_clear_line(err)
    assert message.startswith("frontdesk: refused: Already used") and "Riverside" in message

    voucher_id = result["voucher"]["id"]
    code, out, err = run(capsys, "set-unused", "--db", str(fresh_db), "--role", "front desk", str(voucher_id), "x")
    assert code == EXIT_REFUSED and "employee or an admin" in one_clear_line(err)
    code, out, err = run(capsys, "set-unused", "--db", str(fresh_db), str(voucher_id), "Wrong card")
    assert (code, err) == (0, "") and lines(out)[0]["after"] == "UNUSED"


@pytest.mark.parametrize("status", ["ISSUED", "PROCESSING", "EXPIRED", "VOIDED"])
def test_mark_used_refuses_other_statuses(fresh_db: Path, capsys: pytest.CaptureFixture[str], status: str) -> None:
    code, out, err = run(capsys, "mark-used", "--db", str(fresh_db), _voucher_code(fresh_db, capsys, status))
    assert code == EXIT_REFUSED and out == ""
    assert one_clear_line(err).startswith("frontdesk: refused: This voucher")


def _voucher_code(path: Path, capsys: pytest.CaptureFixture[str], status: str) -> str:
    code, out, _ = run(capsys, "customer", "--db", str(path), "1")
    assert code == 0
    return next(v["code"] for v in lines(out)[0]["vouchers"] if v["status"] == status)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["customer", "99999"], "frontdesk: There is no customer number 99999 on this desk."),
        (["set-status", "99999", "active"], "frontdesk: There is no customer number 99999 on this desk."),
        (["mark-used", "123456789"], "frontdesk: Voucher 123456789 was not found on this desk."),
        (["mark-used", "???"], "frontdesk: That does not look like a voucher code."),
        (["set-unused", "123", "reason"], "frontdesk: There is no voucher number 123 on this desk."),
        (["set-status", "1", "joined"], "frontdesk: “joined” is not a program status."),
        (["set-status", "--role", "chef", "1", "inactive"], "frontdesk: “chef” is not a staff role."),
        (["set-status", "--staff", " ", "3", "pending"], "frontdesk: --staff cannot be blank: the audit log records"),
        (["mark-used", "--desk", "", "50000000"], "frontdesk: --desk cannot be blank: the audit log records who"),
    ],
)
def test_bad_input_is_one_clear_line(
    fresh_db: Path, capsys: pytest.CaptureFixture[str], snapshot: Snapshot, argv: list[str], expected: str
) -> None:
    before = snapshot(fresh_db)
    command, *rest = argv
    code, out, err = run(capsys, command, "--db", str(fresh_db), *rest)
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err).startswith(expected)
    assert snapshot(fresh_db) == before


def test_demo_data_needs_at_least_one_customer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "demo-data", "--db", str(tmp_path / "d.db"), "--customers", "0")
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err) == "frontdesk: --customers must be at least 1."


@pytest.mark.parametrize("command", [["search", "x"], ["customer", "1"], ["mark-used", "123"]])
def test_missing_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    path = tmp_path / "missing.db"
    code, out, err = run(capsys, command[0], "--db", str(path), *command[1:])
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err) == f"frontdesk: There is no Front Desk database at {path}."
    assert not path.exists()  # reading commands never create a database


@pytest.mark.parametrize("command", [["search", "x"], ["customer", "1"], ["set-status", "1", "active"]])
def test_corrupt_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"PK\x03\x04 this is a zip file, not a database" * 100)
    code, out, err = run(capsys, command[0], "--db", str(path), *command[1:])
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err) == f"frontdesk: The file {path} is not a Front Desk database or is damaged."


def test_cli_main_and_launcher_agree(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["search", "--db", str(demo_db), "M0000002"]) == 0
    direct = capsys.readouterr().out
    code, via_launcher, _ = run(capsys, "search", "--db", str(demo_db), "M0000002")
    assert code == 0 and direct == via_launcher and lines(direct)[0]["id"] == 2


# ---- as a real process -------------------------------------------------------------------------------------


def _process(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_as_a_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "proc.db"
    made = _process("demo-data", "--db", str(path), "--customers", "5")
    assert made.returncode == 0 and made.stderr == ""
    assert json.loads(made.stdout)["customers"] == 5

    found = _process("search", "--db", str(path), "M0000004")
    assert found.returncode == 0 and found.stderr == ""
    assert json.loads(found.stdout.splitlines()[0])["id"] == 4

    refused = _process("set-status", "--db", str(path), "4", "active")  # 4 is Inactive: re-invite first
    assert refused.returncode == EXIT_REFUSED and refused.stdout == ""
    assert one_clear_line(refused.stderr).startswith("frontdesk: refused: Cannot change Inactive to Active.")


def test_a_corrupt_file_as_a_subprocess_prints_no_log_noise_or_traceback(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"\x00garbage" * 1000)
    broken = _process("customer", "--db", str(path), "1")
    assert broken.returncode == EXIT_BAD_INPUT and broken.stdout == ""
    assert one_clear_line(broken.stderr) == f"frontdesk: The file {path} is not a Front Desk database or is damaged."


# ---- usage mistakes, paths that cannot be used, files that are not ours ------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["customer", "--db", "x.db", "abc"], "argument CUSTOMER_ID: “abc” is not a customer number"),
        (["customer", "--db", "x.db"], "the following arguments are required: CUSTOMER_ID"),
        (["customer", "1"], "the following arguments are required: --db"),
        (["search", "--db", "x.db", "--bogus", "q"], "unrecognized arguments: --bogus"),
        (["search", "--db", "x.db", "--limit", "0", "q"], "argument --limit: 0 is not a number of results"),
        (["customer", "--db", "x.db", "99999999999999999999"], "argument CUSTOMER_ID: 99999999999999999999 is too"),
        (["set-status", "--db", "x.db", "1e3", "active"], "argument CUSTOMER_ID: “1e3” is not a customer number"),
        (["set-unused", "--db", "x.db", "-5", "reason"], "argument VOUCHER_ID: -5 is not a voucher number"),
        (["demo-data", "--db", "x.db", "--customers", "many"], "argument --customers: invalid int value: 'many'"),
        (["sync", "--db", "x.db", "--platform", "u", "--username", "a", "--timeout", "-1"], "argument --timeout"),
        (["sync", "--db", "x.db", "--platform", "u", "--username", "a", "--page-size", "0"], "argument --page-size"),
        (["server", "--db", "x.db", "--port", "99999"], "argument --port: 99999 is too large for a port number"),
        (["decode"], "the following arguments are required: FILE"),
    ],
)
def test_a_usage_mistake_is_one_plain_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)  # x.db would be created here if a command ran after all
    code, out, err = run(capsys, *argv)
    assert code == EXIT_BAD_INPUT and out == ""
    line = one_clear_line(err)
    assert line.startswith(f"frontdesk: {expected}"), line
    assert line.endswith(f'— see "frontdesk {argv[0]} --help"') and "usage:" not in line
    assert list(tmp_path.iterdir()) == []


def test_help_still_prints_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        launcher.main(["--help"])
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("usage: frontdesk")
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()]
    names = ["demo-data", "search", "customer", "set-status", "mark-used", "set-unused", "decode", "sync", "server"]
    assert [name for name in listed if name in names] == names
    with pytest.raises(SystemExit) as done:
        launcher.main(["customer", "--help"])
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("usage: frontdesk customer [-h] --db DB CUSTOMER_ID")
    assert "connection and vouchers" in out


def test_a_usage_mistake_as_a_subprocess() -> None:
    wrong = _process("customer", "--db", "x.db", "abc")
    assert wrong.returncode == EXIT_BAD_INPUT and wrong.stdout == ""
    assert one_clear_line(wrong.stderr).startswith("frontdesk: argument CUSTOMER_ID: “abc” is not a customer number")


@pytest.fixture
def unmakeable(tmp_path: Path) -> Path:
    """A database path under a regular file, so its folder cannot be created (on any system, even as root)."""
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    return tmp_path / "notes.txt" / "desks" / "desk.db"


@pytest.mark.parametrize(
    "argv",
    [
        ["demo-data", "--customers", "5"],
        ["sync", "--platform", "http://127.0.0.1:9", "--username", "kim"],
    ],
    ids=["demo-data", "sync"],
)
def test_a_database_folder_that_cannot_be_made(
    unmakeable: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("FRONTDESK_PASSWORD", "secret")  # so sync gets as far as opening the database
    code, out, err = run(capsys, argv[0], "--db", str(unmakeable), *argv[1:])
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err) == (
        f"frontdesk: The folder {unmakeable.parent} cannot be created, so the desk database cannot be made there."
    )


@pytest.mark.parametrize("command", ["demo-data", "search", "customer", "set-status", "mark-used", "set-unused"])
def test_a_folder_given_as_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    rest = {"demo-data": ["--customers", "3"], "search": ["jo"], "customer": ["1"], "set-status": ["1", "active"],
            "mark-used": ["123"], "set-unused": ["1", "wrong card"]}[command]  # fmt: skip
    code, out, err = run(capsys, command, "--db", str(tmp_path), *rest)
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err) == f"frontdesk: The path {tmp_path} is a folder; name a database file inside it."
    assert list(tmp_path.iterdir()) == []


def test_a_path_under_proc_as_a_subprocess_prints_no_traceback() -> None:
    made = _process("demo-data", "--db", "/proc/nope/x.db", "--customers", "5")
    assert made.returncode == EXIT_BAD_INPUT and made.stdout == ""
    assert one_clear_line(made.stderr) == (
        "frontdesk: The folder /proc/nope cannot be created, so the desk database cannot be made there."
    )


@pytest.mark.parametrize(
    "argv",
    [["search", "jo"], ["customer", "1"], ["set-status", "1", "active"], ["demo-data", "--customers", "3"]],
    ids=lambda argv: argv[0],
)
def test_another_programs_database_is_refused_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    path = tmp_path / "photos.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, taken TEXT)")
        connection.execute("INSERT INTO photos VALUES (1, '2024-06-01')")
    connection.close()
    before = path.read_bytes()
    code, out, err = run(capsys, argv[0], "--db", str(path), *argv[1:])
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err) == (
        f"frontdesk: The file {path} is not a Front Desk database (it holds other data); it was left as it is."
    )
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["photos.db"]


def test_demo_data_into_a_database_that_has_customers(
    fresh_db: Path, capsys: pytest.CaptureFixture[str], snapshot: Snapshot
) -> None:
    before = snapshot(fresh_db)
    code, out, err = run(capsys, "demo-data", "--db", str(fresh_db), "--customers", "10")
    assert code == EXIT_BAD_INPUT and out == ""
    assert one_clear_line(err) == (
        f"frontdesk: The database {fresh_db} already holds 4 customers; demo data goes into a new file, "
        "so name one that does not exist yet."
    )
    assert snapshot(fresh_db) == before


# ---- customer: the connection as one object ------------------------------------------------------------


def test_customer_has_a_connection_object(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(demo_db) as connection:
        rows = connection.execute(
            "SELECT customer_id, status, point_balance, home_location FROM connections WHERE customer_id <= 4"
        ).fetchall()
    connection.close()
    assert {status for _, status, _, _ in rows} == {"ACTIVE", "PENDING", "IMPORTED", "INACTIVE"}
    for customer_id, status, points, location in rows:
        code, out, err = run(capsys, "customer", "--db", str(demo_db), str(customer_id))
        assert (code, err) == (0, "")
        (detail,) = lines(out)
        assert detail["connection"] == {"status": status, "point_balance": points, "home_location": location}
        assert (detail["point_balance"], detail["home_location"]) == (points, location)  # the flat keys stay


def test_a_customer_without_a_connection_has_connection_null(
    fresh_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(fresh_db) as connection:
        connection.execute(
            "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits, member_number)"
            " VALUES (900, 'Walk', 'In', 'walk.in@example.org', '', '', '', 'M0000900')"
        )
    connection.close()
    code, out, err = run(capsys, "customer", "--db", str(fresh_db), "900")
    assert (code, err) == (0, "")
    (detail,) = lines(out)
    assert detail["connection"] is None and detail["summary"]["status"] is None
    assert detail["vouchers"] == []


# ---- decode, registered on the real command line -------------------------------------------------------


def test_decode_through_the_real_entry_point(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from scanning import synth

    picture = synth.write_image(tmp_path / "coupon.png", "qr", "phone", 2)
    missing = tmp_path / "missing.png"
    code, out, err = run(capsys, "decode", str(picture))
    assert (code, err) == (0, "")
    (found,) = lines(out)
    assert found["file"] == str(picture)
    assert [(c["text"], c["format"]) for c in found["codes"]] == [("SPRING-7F3K2Q", "QRCode")]

    done = _process("decode", str(picture), str(missing))
    assert done.returncode == EXIT_BAD_INPUT
    assert lines(done.stdout) == [found]
    assert one_clear_line(done.stderr) == f"frontdesk: The file {missing} was not found."


# ---- server: cannot start, in plain words ----------------------------------------------------------------


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port this test holds open: a server that wrongly got as far as listening fails at once, never hangs."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        yield held.getsockname()[1]


@pytest.mark.parametrize("case", ["unmakeable-db", "missing-import", "unknown-driver"])
def test_a_server_that_cannot_start_says_why_in_one_line(
    tmp_path: Path, unmakeable: Path, taken_port: int, case: str
) -> None:
    db, extra, reason = {
        "unmakeable-db": (str(unmakeable), [], "the platform database given with --db cannot be opened or created."),
        "missing-import": (str(tmp_path / "hub.db"), ["--import-customers", str(tmp_path / "nope.csv")],
                           f"the file {tmp_path / 'nope.csv'} cannot be read."),
        "unknown-driver": ("nosuchdb+driver://user:hunter2@host/db", [],
                           "the platform database given with --db cannot be opened or created."),
    }[case]  # fmt: skip
    started = _process("server", "--db", db, "--port", str(taken_port), *extra)
    assert started.returncode == EXIT_BAD_INPUT and started.stdout == ""
    assert one_clear_line(started.stderr) == f"frontdesk: Cannot start the server: {reason}"
    assert "hunter2" not in started.stderr
