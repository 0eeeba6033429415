"""Opening the desk database: schema, pragmas, migrations, and plain-words failures."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from frontdesk.domain.errors import StorageError
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.services.search import search_customers
from frontdesk.storage.database import BUSY_TIMEOUT_MS, MIGRATIONS, Database
from frontdesk.storage.models import Base
from frontdesk.storage.schema import alembic_config

if TYPE_CHECKING:
    from conftest import DataBuilder

    from frontdesk.domain.clock import Clock

Snapshot = Callable[[Path], dict[str, list[tuple[Any, ...]]]]

TABLES = {"customers", "connections", "vouchers", "outbox", "audit_log", "sync_cursors", "desk_facts"}
FTS_SHADOWS = {"customers_fts_data", "customers_fts_idx", "customers_fts_docsize", "customers_fts_config"}
FTS_SHADOWS |= {f"customers_fts_email{shadow}" for shadow in ("", "_data", "_idx", "_config")}
TRIGGERS = {f"customers_fts{index}_{kind}" for index in ("", "_email") for kind in ("ai", "ad", "au")}


def _names(path: Path, kind: str) -> set[str]:
    with sqlite3.connect(path) as connection:
        names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))}
    connection.close()
    return names


def _plain(message: str) -> None:
    """One sentence for a person: no driver jargon, no SQL, no exception class names."""
    lowered = message.lower()
    for jargon in ("sqlite", "operationalerror", "sqlalchemy", "traceback", "select ", "(background on this"):
        assert jargon not in lowered, message
    assert message[0].isupper() and message.endswith("."), message
    assert "\n" not in message


def test_a_new_file_gets_every_table_the_index_and_its_triggers(db: Database) -> None:
    tables = _names(db.path, "table")
    assert tables >= TABLES | set(Base.metadata.tables) | FTS_SHADOWS | {"customers_fts", "alembic_version"}
    assert _names(db.path, "trigger") == TRIGGERS
    with sqlite3.connect(db.path) as connection:
        (fts_sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'customers_fts'").fetchone()
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    connection.close()
    assert "fts5" in fts_sql and "content='customers'" in fts_sql and "remove_diacritics 2" in fts_sql
    assert "prefix='1 2 3 4 5 6'" in fts_sql  # type-ahead words of up to 6 letters stay fast (bench/search.py)
    head = ScriptDirectory.from_config(alembic_config(db.engine)).get_current_head()
    assert revision == head


def test_every_connection_gets_the_pragmas(db: Database) -> None:
    with db.engine.connect() as connection:
        pragma = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar_one()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS}
    assert BUSY_TIMEOUT_MS > 0
    with sqlite3.connect(db.path) as raw:  # WAL is a property of the file, not only of our connections
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()


def test_a_handle_for_a_first_load_flushes_at_checkpoints_only_and_the_windows_at_every_commit(db: Database) -> None:
    loading = Database(db.path, durable=False)
    try:
        with loading.engine.connect() as connection:
            assert connection.execute(text("PRAGMA synchronous")).scalar_one() == 1  # NORMAL: whole after a power cut
            assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"  # what makes NORMAL safe
    finally:
        loading.close()
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA synchronous")).scalar_one() == 2  # FULL for staff actions


def test_reopening_is_idempotent_and_keeps_the_data(db_path: Path) -> None:
    first = Database(db_path)
    with first.unit_of_work() as session:
        session.execute(text("INSERT INTO desk_facts (key, value) VALUES ('k', 'v')"))
    first.close()
    schema_before = _schema(db_path)
    for _ in range(2):
        again = Database(db_path, create=False)
        with again.unit_of_work() as session:
            assert session.execute(text("SELECT value FROM desk_facts WHERE key = 'k'")).scalar_one() == "v"
        again.close()
    assert _schema(db_path) == schema_before


def _schema(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    connection.close()
    return rows


def test_the_migration_builds_exactly_what_the_models_describe(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    ignored = FTS_SHADOWS | {"customers_fts"}
    real = [d for d in differences if not (d[0] == "remove_table" and d[1].name in ignored)]
    assert real == []
    # and the FTS tables really were the only ones skipped
    skipped = {d[1].name for d in differences if d not in real}
    assert skipped == ignored


def test_models_include_the_tables_the_design_names(db: Database) -> None:
    assert set(Base.metadata.tables) >= TABLES


def test_missing_file_without_create_is_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "desk.db"
    with pytest.raises(StorageError) as error:
        Database(path, create=False)
    assert str(path) in error.value.message
    _plain(error.value.message)
    assert not path.exists() and not path.parent.exists()  # nothing was created on the way


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4096, bytes(range(256)) * 64],
    ids=["text", "bad-header", "binary"],
)
def test_a_garbage_file_is_a_plain_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "desk.db"
    path.write_bytes(content)
    with pytest.raises(StorageError) as error:
        Database(path, create=False)
    assert "is not a Front Desk database or is damaged" in error.value.message
    _plain(error.value.message)
    assert path.read_bytes() == content  # never "repaired" by overwriting


def test_a_damaged_page_in_a_real_database_is_a_plain_error(db: Database, builder: DataBuilder) -> None:
    for n in range(300):
        builder.customer(f"Name{n}", "Person", email=f"person{n}@example.org")
    db.close()
    with sqlite3.connect(db.path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.close()
    data = bytearray(db.path.read_bytes())
    for page in range(2, pages):  # keep page 1 (the header and schema root), scribble over the rest
        data[page * page_size : page * page_size + 64] = b"\xde\xad\xbe\xef" * 16
    db.path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as error:
        reopened = Database(db.path, create=False)
        try:
            search_customers(reopened, "name1")
        finally:
            reopened.close()
    assert "damaged" in error.value.message
    _plain(error.value.message)


@pytest.fixture
def writer_holding_the_lock(db: Database, builder: DataBuilder) -> Iterator[sqlite3.Connection]:
    """Another program (or a second Front Desk) in the middle of a write transaction on the same file."""
    builder.customer("Ana", "Lock", status=ProgramStatus.IMPORTED, customer_id=1)
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO desk_facts (key, value) VALUES ('held', 'by another desk')")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_a_write_while_another_connection_holds_the_lock_is_a_plain_error(
    db: Database, writer_holding_the_lock: sqlite3.Connection, clock: Clock, snapshot: Snapshot
) -> None:
    # Waits out the real busy timeout (5 s) before giving up: that is the behaviour under test.
    actions = StaffActions(db, StaffMember("Robin", StaffRole.FRONT_DESK, "Desk 1"), clock)
    with pytest.raises(StorageError) as error:
        actions.change_program_status(1, ProgramStatus.ACTIVE)
    assert error.value.message == (
        "The desk database is busy (another Front Desk may be using it). Please try again in a moment."
    )
    _plain(error.value.message)
    writer_holding_the_lock.execute("ROLLBACK")
    writer_holding_the_lock.execute("BEGIN")  # the fixture's ROLLBACK still has a transaction to end
    after = snapshot(db.path)
    assert after["connections"][0][2] == "IMPORTED"
    assert after["outbox"] == [] and after["audit_log"] == []


def test_reading_still_works_while_another_desk_writes(
    db: Database, writer_holding_the_lock: sqlite3.Connection
) -> None:
    # WAL: the window keeps searching while a sync holds the write lock.
    assert [c.name for c in search_customers(db, "ana lock").customers] == ["Ana Lock"]


def test_a_database_from_the_first_release_opens_in_this_one(db_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits, member_number)"
            " VALUES (7, 'Old', 'Timer', 'old@example.org', '', '', '', 'M7')"
        )
    connection.close()
    upgraded = Database(db_path, create=False)
    try:
        assert [c.name for c in search_customers(upgraded, "old tim").customers] == ["Old Timer"]
        head = ScriptDirectory.from_config(config).get_current_head()
        with upgraded.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head
    finally:
        upgraded.close()


# ---- a file that is not ours: refused before anything writes to it --------------------------------------------


def _foreign_file(path: Path, *statements: str) -> Path:
    """Another program's SQLite file (rollback journal, the SQLite default), closed again."""
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    return path


def _folder_state(path: Path) -> dict[str, bytes]:
    """Every file next to `path`, byte for byte: proves no -wal, -shm or -journal file appeared either."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


FOREIGN_FILES = {
    "notes-app": ("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes VALUES (1, 'hi')"),
    "own-customers-table": ("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)",),
    "other-alembic-app": (
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)",
        "INSERT INTO alembic_version VALUES ('ae1027a6acf')",
        "CREATE TABLE invoices (id INTEGER PRIMARY KEY)",
    ),
    "only-a-view": ("CREATE VIEW answer AS SELECT 42",),
    "wal-mode-app": ("PRAGMA journal_mode=WAL", "CREATE TABLE events (id INTEGER PRIMARY KEY)"),
}


@pytest.mark.parametrize("create", [False, True], ids=["open", "create"])
@pytest.mark.parametrize("statements", FOREIGN_FILES.values(), ids=FOREIGN_FILES.keys())
def test_a_foreign_database_file_is_refused_and_left_untouched(
    tmp_path: Path, statements: tuple[str, ...], create: bool
) -> None:
    path = _foreign_file(tmp_path / "other.db", *statements)
    before = _folder_state(path)
    with pytest.raises(StorageError) as error:
        Database(path, create=create)
    assert error.value.message == (
        f"The file {path} is not a Front Desk database (it holds other data); it was left as it is."
    )
    _plain(error.value.message)
    assert _folder_state(path) == before


def test_an_empty_file_becomes_a_database_only_when_creating(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StorageError) as error:
        Database(path, create=False)  # reading commands never turn a stray file into a database
    assert error.value.message == f"The file {path} is not a Front Desk database (it is empty); it was left as it is."
    _plain(error.value.message)
    assert _folder_state(path) == {"empty.db": b""}
    created = Database(path, create=True)
    created.close()
    assert _names(path, "table") >= TABLES | {"alembic_version"}
    reopened = Database(path, create=False)
    reopened.close()


def test_an_sqlite_file_with_no_tables_yet_is_made_into_a_database(tmp_path: Path) -> None:
    path = _foreign_file(tmp_path / "blank.db", "PRAGMA user_version = 0", "VACUUM")
    Database(path).close()
    assert _names(path, "table") >= TABLES


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db: Database) -> None:
    db.close()
    with sqlite3.connect(db.path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    before = _folder_state(db.path)
    for create in (False, True):
        with pytest.raises(StorageError) as error:
            Database(db.path, create=create)
        assert error.value.message == (
            f"The desk database {db.path} was made by a newer version of Front Desk (or is damaged); "
            "open it with that version."
        )
        _plain(error.value.message)
    assert _folder_state(db.path) == before


def test_every_earlier_revision_still_opens(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    revisions = [s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()]
    assert len(revisions) >= 3
    for revision in revisions:
        path = tmp_path / f"at-{revision}.db"
        engine = create_engine(f"sqlite:///{path}")
        config = alembic_config(engine)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
        engine.dispose()
        Database(path, create=False).close()
        with sqlite3.connect(path) as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(revisions[0],)]
        connection.close()


def test_a_folder_is_not_a_database_file(tmp_path: Path) -> None:
    for create in (False, True):
        with pytest.raises(StorageError) as error:
            Database(tmp_path, create=create)
        assert error.value.message == f"The path {tmp_path} is a folder; name a database file inside it."
        _plain(error.value.message)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["under-a-file", "under-proc"])
def test_a_folder_that_cannot_be_made_is_a_plain_error(tmp_path: Path, where: str) -> None:
    if where == "under-a-file":
        (tmp_path / "notes.txt").write_text("a file, not a folder")
        path = tmp_path / "notes.txt" / "desk" / "desk.db"
    else:  # /proc refuses new folders even for root
        path = Path("/proc/frontdesk-nope/desk.db")
    with pytest.raises(StorageError) as error:
        Database(path)
    assert error.value.message == (
        f"The folder {path.parent} cannot be created, so the desk database cannot be made there."
    )
    _plain(error.value.message)
    assert not path.exists()
