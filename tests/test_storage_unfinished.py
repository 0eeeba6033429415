"""A desk file whose schema was cut off while it was first made — the disk filled up, or the process was killed —
opens as a new desk once the cause is gone, and is never mistaken for "a newer version". One that holds any
data is left exactly as it is."""

from __future__ import annotations

import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from frontdesk.domain.errors import StorageError
from frontdesk.services.search import search_customers
from frontdesk.storage.database import Database
from frontdesk.storage.schema import alembic_config

ROOT = Path(__file__).resolve().parents[1]
TABLES = {"customers", "connections", "vouchers", "outbox", "audit_log", "sync_cursors", "desk_facts", "conflicts"}
OPEN_IN_A_CHILD = """
import sys
from frontdesk.domain.errors import StorageError
from frontdesk.storage.database import Database
try:
    Database(sys.argv[1]).close()
except StorageError as error:
    print(error.message)
    sys.exit(2)
"""


def _files_no_larger_than(size: int) -> Callable[[], None]:
    """For the child: the operating system refuses to let any file grow past `size` bytes, as a full disk does."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def _sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _assert_a_whole_new_desk(path: Path) -> None:
    tables = {name for (name,) in _rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= TABLES | {"alembic_version", "customers_fts"}
    assert _rows(path, "SELECT version_num FROM alembic_version") == [("0005",)]
    assert len(_rows(path, "SELECT name FROM sqlite_master WHERE type = 'trigger'")) == 6  # both indexes
    _sql(path, "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits,"
               " member_number) VALUES (1, 'Ana', 'Silva', '', '', '', '', 'M1')")  # fmt: skip
    db = Database(path, create=False)
    try:
        assert [c.name for c in search_customers(db, "ana sil").customers] == ["Ana Silva"]
    finally:
        db.close()


@pytest.fixture(scope="module")
def whole_size(tmp_path_factory: pytest.TempPathFactory) -> int:
    """How large a new, empty desk file is once made."""
    path = tmp_path_factory.mktemp("whole") / "desk.db"
    Database(path).close()
    return path.stat().st_size


@pytest.mark.parametrize("share", [0.25, 0.4, 0.6, 0.9])
def test_a_disk_that_fills_up_while_a_new_desk_is_made_leaves_nothing_in_the_way(
    tmp_path: Path, whole_size: int, share: float
) -> None:
    path = tmp_path / "desk.db"
    cut = subprocess.run(
        [sys.executable, "-c", OPEN_IN_A_CHILD, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60,
        preexec_fn=_files_no_larger_than(int(whole_size * share)),
    )  # fmt: skip
    assert cut.returncode == 2, cut.stderr
    assert cut.stdout == (
        "The desk database could not be read or written (the disk may be full or failing). Nothing was changed; "
        "please try again.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no half-made file, no temporary left behind
    Database(path).close()  # the space is back
    _assert_a_whole_new_desk(path)


def _made_up_to(path: Path, revision: str) -> Path:
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    return path


# How the previous release left a first set-up it could not finish: it made each table in its own transaction
# and recorded the revision last.
CUT_OFF = {
    "only-the-version-table": ("0001", "DROP TABLE customers_fts", "DROP TABLE customers", "DROP TABLE connections",
                               "DROP TABLE vouchers", "DROP TABLE outbox", "DROP TABLE audit_log",
                               "DROP TABLE sync_cursors", "DROP TABLE desk_facts"),
    "some-tables": ("0001", "DROP TABLE customers_fts", "DROP TABLE outbox", "DROP TABLE audit_log",
                    "DROP TABLE sync_cursors", "DROP TABLE desk_facts"),
    "every-table-of-the-first-revision": ("0001",),
    "every-table-no-revision": ("0003",),
    "no-version-table": ("0001", "DROP TABLE alembic_version", "DROP TABLE desk_facts"),
}  # fmt: skip


@pytest.mark.parametrize("create", [False, True], ids=["open", "create"])
@pytest.mark.parametrize("cut_off", CUT_OFF.values(), ids=CUT_OFF.keys())
def test_a_schema_cut_off_while_it_was_first_made_is_made_again(
    tmp_path: Path, cut_off: tuple[str, ...], create: bool
) -> None:
    revision, *statements = cut_off
    path = _made_up_to(tmp_path / "desk.db", revision)
    _sql(path, "DELETE FROM alembic_version", *statements)
    Database(path, create=create).close()
    _assert_a_whole_new_desk(path)


@pytest.mark.parametrize(
    "data",
    [
        "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits, member_number)"
        " VALUES (5, 'Kept', 'Customer', '', '', '', '', 'M5')",
        "INSERT INTO outbox (key, created_at, kind, target_id, customer_id, payload, state, attempts, desk,"
        " staff_name, staff_role) VALUES ('k', '2026-11-01 12:00:00', 'voucher_status', 1, 1, '{}', 'PENDING', 0,"
        " 'Desk 1', 'Robin', 'FRONT_DESK')",
    ],
    ids=["a-customer", "a-waiting-change"],
)
def test_an_unfinished_schema_that_holds_data_is_left_as_it_is(tmp_path: Path, data: str) -> None:
    path = _made_up_to(tmp_path / "desk.db", "0003")
    _sql(path, "PRAGMA foreign_keys=OFF", data, "DELETE FROM alembic_version")
    _sql(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    kept = tmp_path / "kept.db"
    shutil.copyfile(path, kept)
    for create in (False, True):
        with pytest.raises(StorageError) as error:
            Database(path, create=create)
        assert error.value.message == (
            f"The desk database {path} was never finished being set up, yet it holds data; it was left as it is. "
            "Ask your support contact to look at it."
        )
    assert path.read_bytes() == kept.read_bytes()
