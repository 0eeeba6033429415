"""The command line on a damaged desk database, and on arguments that are not text: one plain line and exit 2,
never a traceback, a wrong answer ("there is no customer number 5") or a write."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from file_damage import scribble_anywhere, sql

import main as launcher
from frontdesk.cli.output import EXIT_BAD_INPUT

ROOT = Path(__file__).resolve().parents[1]


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-damage") / "demo.db"
    assert launcher.main(["demo-data", "--db", str(path), "--customers", "300", "--seed", "2"]) == 0
    sql(path, "PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file itself, so a copy of it is whole
    return path


@pytest.fixture
def damaged(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    shutil.copyfile(demo_file, path)
    scribble_anywhere(path, seed=3)
    return path


def damage_line(path: Path) -> str:
    return (
        f"frontdesk: The desk database {path} is damaged, so Front Desk will not read, change or sync it. Keep the "
        "file (it may hold changes not yet sent to the platform) and ask your support contact for help."
    )


COMMANDS = {
    "customer": ["customer", "5"],
    "search": ["search", "smith"],
    "mark-used": ["mark-used", "50000003"],
    "set-status": ["set-status", "5", "inactive"],
    "set-unused": ["set-unused", "50000001", "marked by mistake"],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_damaged_database_is_named_and_left_as_it_is(
    damaged: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    before = damaged.read_bytes()
    code = launcher.main([command[0], "--db", str(damaged), *command[1:]])
    out, err = capsys.readouterr()
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert one_line(err) == damage_line(damaged)
    assert damaged.read_bytes() == before


def test_a_damaged_database_as_a_subprocess_prints_no_traceback_or_log_noise(damaged: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "mark-used", "--db", str(damaged), "50000003"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (EXIT_BAD_INPUT, "")
    assert one_line(done.stderr) == damage_line(damaged)


NOT_UTF8 = {
    "a query": (["search", "--db", "{db}", "caf\udce9"], "the argument “caf\\xe9”"),
    "--staff": (["mark-used", "--db", "{db}", "--staff", "Ren\udce9e", "50000003"], "--staff “Ren\\xe9e”"),
    "--desk": (["set-status", "--db", "{db}", "--desk", "Desk \udcff", "5", "inactive"], "--desk “Desk \\xff”"),
    "--db": (["customer", "--db", "{db}\udcff", "5"], "--db “{db}\\xff”"),
}


@pytest.mark.parametrize(("argv", "named"), NOT_UTF8.values(), ids=NOT_UTF8.keys())
def test_bytes_that_are_not_utf8_are_one_plain_line(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], named: str
) -> None:
    db = tmp_path / "desk.db"
    shutil.copyfile(demo_file, db)
    before = sql(db, "SELECT count(*) FROM outbox")
    code = launcher.main([arg.format(db=db) for arg in argv])  # how Python hands such bytes over: surrogates
    out, err = capsys.readouterr()
    assert (code, out) == (EXIT_BAD_INPUT, "")
    expected = named.format(db=db)
    assert one_line(err) == (
        f'frontdesk: {expected} is not UTF-8 text (check the terminal\'s character encoding) — see "frontdesk --help"'
    )
    assert sql(db, "SELECT count(*) FROM outbox") == before


def test_bytes_that_are_not_utf8_as_a_subprocess(demo_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    shutil.copyfile(demo_file, db)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "mark-used", "--db", str(db), "--desk", b"Caf\xe9 desk", "50000003"],
        cwd=ROOT, capture_output=True, timeout=120,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (EXIT_BAD_INPUT, b"")
    assert one_line(done.stderr.decode()).startswith("frontdesk: --desk “Caf\\xe9 desk” is not UTF-8 text")
    assert sql(db, "SELECT count(*) FROM outbox") == [(0,)]


def test_the_windows_options_are_checked_too(tmp_path: Path) -> None:
    """In a process of its own: if the check were missing, a window would open and wait for a person."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", bytes(tmp_path / "desk") + b"\xff.db"],
        cwd=ROOT, capture_output=True, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (EXIT_BAD_INPUT, b"")
    assert one_line(done.stderr.decode()) == (
        f"frontdesk: --db “{tmp_path / 'desk'}\\xff.db” is not UTF-8 text (check the terminal's character encoding)"
        ' — see "frontdesk --help"'
    )
    assert list(tmp_path.iterdir()) == []
