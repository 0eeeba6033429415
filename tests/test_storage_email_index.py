"""The trigram index of e-mail addresses: in step with the customers table through every write and bulk load,
built for databases made before it existed (migration 0004, and after a load a crash cut short), rebuilt when
damaged, and a safe MATCH for any typed text."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from alembic import command
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from frontdesk.domain.errors import StorageError
from frontdesk.services.search import search_customers
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from frontdesk.storage.integrity import INDEX_REBUILT
from frontdesk.storage.models import DeskFact
from frontdesk.storage.schema import alembic_config
from frontdesk.storage.search_index import (
    EMAIL_INSERT_TRIGGER,
    EMAIL_SUSPENDED_FACT,
    EMAIL_TABLE,
    INSERT_TRIGGER,
    SUSPENDED_FACT,
    bulk_customer_load,
    email_fragment_expression,
    suspend_index,
)

if TYPE_CHECKING:
    from conftest import DataBuilder

_INSERT = (
    "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits, member_number)"
    " VALUES (?, ?, 'Loaded', ?, '', '', '', '')"
)
_INSERT_NAMED = text(_INSERT.replace("?, ?, 'Loaded', ?", ":id, :first, 'Loaded', :email"))


def _ids(db: Database, typed: str) -> set[int]:
    return {c.id for c in search_customers(db, typed, limit=1000).customers}


def _sql(path: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(statement, params).fetchall()
    connection.close()
    return rows


def _whole(path: Path) -> None:
    """FTS5's own check of both indexes against the customers table (raises if they differ)."""
    for table in ("customers_fts", EMAIL_TABLE):
        _sql(path, f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")


def _at_revision(path: Path, revision: str) -> None:
    """An empty desk file as an earlier release made it."""
    engine = create_engine(f"sqlite:///{path}")
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def test_inserts_updates_and_deletes_keep_the_fragments_in_step(db: Database, builder: DataBuilder) -> None:
    cid = builder.customer("Harriet", "Quimby", email="hq.aviatrix@flight.example", other_emails="h@moisant.example")
    assert _ids(db, "viatri") == {cid}
    assert _ids(db, "oisan") == {cid}  # the other addresses too
    _sql(db.path, "UPDATE customers SET email = 'harriet@lockheed.example' WHERE id = ?", (cid,))
    assert _ids(db, "viatri") == set()
    assert _ids(db, "ockhee") == {cid}
    assert _ids(db, "oisan") == {cid}  # the column that did not change stays indexed
    _sql(db.path, "UPDATE customers SET first_name = 'Hattie' WHERE id = ?", (cid,))  # not an e-mail column
    assert _ids(db, "ockhee") == {cid}
    _sql(db.path, "DELETE FROM connections WHERE customer_id = ?", (cid,))
    _sql(db.path, "DELETE FROM customers WHERE id = ?", (cid,))
    assert _ids(db, "ockhee") == set()
    _whole(db.path)  # no stale entry


def test_a_bulk_load_suspends_both_indexes_and_rebuilds_them(db: Database, builder: DataBuilder) -> None:
    before = builder.customer("Before", "Bulk", email="before.bulk@first.example")
    with db.unit_of_work() as session, bulk_customer_load(session):
        triggers = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert not triggers & {INSERT_TRIGGER, EMAIL_INSERT_TRIGGER}  # no per-row upkeep during the load
        session.execute(_INSERT_NAMED, [{"id": 1000 + n, "first": f"Bulky{n}", "email": f"b{n}@zeppelin.example"}
                                        for n in range(40)])  # fmt: skip
    assert _ids(db, "ppelin") == {1000 + n for n in range(40)}
    assert _ids(db, "efore.bu") == {before}
    after = builder.customer("After", "Bulk", email="after@hindenburg.example")  # per-row upkeep is back
    assert _ids(db, "ndenbu") == {after}
    _whole(db.path)


def test_a_database_from_the_release_before_gets_the_index_when_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "released.db"
    _at_revision(path, "0003")
    _sql(path, _INSERT.replace("?", "1", 1), ("Lars", "lars.anderson13@mail.example"))
    assert "derson13" not in {row[0] for row in _sql(path, "SELECT name FROM sqlite_master")}
    db = Database(path, create=False)
    try:
        assert _ids(db, "derson13") == {1}
    finally:
        db.close()
    assert _sql(path, "SELECT version_num FROM alembic_version") == [("0005",)]
    _whole(path)


def test_a_load_cut_short_by_an_earlier_release_is_finished_on_open(tmp_path: Path) -> None:
    """An older desk was killed during its first sync: its word index waits suspended (its fact kept). Opened by
    this release, the new index is built from what was stored, and the word index is repaired as before."""
    path = tmp_path / "cut-short.db"
    _at_revision(path, "0003")
    trigger_sql = _sql(path, "SELECT sql FROM sqlite_master WHERE name = ?", (INSERT_TRIGGER,))[0][0]
    _sql(path, "INSERT INTO desk_facts (key, value) VALUES (?, ?)", (SUSPENDED_FACT, trigger_sql))
    _sql(path, f"DROP TRIGGER {INSERT_TRIGGER}")
    _sql(path, _INSERT.replace("?", "7", 1), ("Stored", "stored.before@kill.example"))
    db = Database(path, create=False)
    try:
        assert _ids(db, "stored") == {7}
        assert _ids(db, "ore@kil") == {7}
    finally:
        db.close()
    assert _sql(path, "SELECT key FROM desk_facts WHERE key LIKE '%suspended'") == []
    _whole(path)


def test_a_load_cut_short_by_this_release_is_finished_on_open(db: Database) -> None:
    with db.unit_of_work() as session:  # a first sync's load, committed in parts, then the process dies
        suspend_index(session)
        session.execute(_INSERT_NAMED, {"id": 3, "first": "Halfway", "email": "half.way@cut.example"})
    assert _ids(db, "alf.wa") == set()  # while suspended, the index does not know the row
    facts = {row[0] for row in _sql(db.path, "SELECT key FROM desk_facts")}
    assert {SUSPENDED_FACT, EMAIL_SUSPENDED_FACT} <= facts
    db.close()
    reopened = Database(db.path, create=False)
    try:
        assert _ids(reopened, "alf.wa") == {3}
        assert _ids(reopened, "halfway") == {3}
        with reopened.unit_of_work() as session:
            assert session.get(DeskFact, EMAIL_SUSPENDED_FACT) is None
    finally:
        reopened.close()
    _whole(db.path)


def test_a_damaged_fragment_index_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    db = Database(path)
    demo_data.fill(db, 400, seed=3)
    fragment = _sql(path, "SELECT substr(email, 3, 8) FROM customers WHERE id = 200")[0][0]
    expected = _ids(db, str(fragment))
    db.close()
    rng = random.Random(6)
    connection = sqlite3.connect(path)
    for segment, size in connection.execute(f"SELECT id, length(block) FROM {EMAIL_TABLE}_data WHERE id > 10"):
        connection.execute(f"UPDATE {EMAIL_TABLE}_data SET block = ? WHERE id = ?", (rng.randbytes(size), segment))
    connection.commit()
    assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]  # every page is sound
    connection.close()
    db = Database(path, create=False)
    try:
        with pytest.raises(StorageError) as error:
            search_customers(db, str(fragment))
        assert error.value.code == INDEX_REBUILT
        assert _ids(db, str(fragment)) == expected and 200 in expected
    finally:
        db.close()
    _whole(path)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("derson13", '"derson13"'),
        ("  n13@mail  ", '"n13@mail"'),
        ('o"brien', '"o""brien"'),
        ("a*b", '"a*b"'),
        ("NEAR(x", '"NEAR(x"'),
        ("jo", None),  # too short for a trigram
        ("john smith", None),  # a fragment is one word
        ("ab\x00cd", None),
        ("", None),
    ],
)
def test_a_fragment_is_one_quoted_phrase(typed: str, expected: str | None) -> None:
    assert email_fragment_expression(typed) == expected


@given(st.text(max_size=40))
def test_any_typed_text_is_a_valid_fragment_expression(typed: str) -> None:
    expression = email_fragment_expression(typed)
    if expression is None:
        return
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE f USING fts5(a, tokenize='trigram')")
        connection.execute("INSERT INTO f VALUES (?)", (typed.strip(),))
        found = connection.execute("SELECT rowid FROM f WHERE f MATCH ?", (expression,)).fetchall()
    finally:
        connection.close()
    assert found == [(1,)]  # never a syntax error, and the text finds itself
