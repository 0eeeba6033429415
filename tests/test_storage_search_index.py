"""The FTS5 customer index: in step with the table through every write, and a safe MATCH for any input."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from frontdesk.services.search import search_customers
from frontdesk.storage.database import Database
from frontdesk.storage.search_index import INSERT_TRIGGER, bulk_customer_load, match_expression, query_words

if TYPE_CHECKING:
    from conftest import DataBuilder


def _ids(db: Database, typed: str) -> set[int]:
    return {c.id for c in search_customers(db, typed, limit=1000).customers}


def _fts_ids(path: Path, match: str) -> set[int]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?", (match,)).fetchall()
    connection.close()
    return {r for (r,) in rows}


def _sql(path: Path, statement: str, params: tuple[object, ...] = ()) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute(statement, params)
    connection.close()


def test_insert_update_delete_keep_the_index_in_step(db: Database, builder: DataBuilder) -> None:
    cid = builder.customer("Harriet", "Quimby", email="hq@aviation.example", phone="555-010-1911")
    assert _ids(db, "harriet") == {cid}
    assert _ids(db, "aviation") == {cid}
    assert _ids(db, "5550101911") == {cid}

    _sql(db.path, "UPDATE customers SET first_name = 'Amelia', last_name = 'Earhart' WHERE id = ?", (cid,))
    assert _ids(db, "amelia earhart") == {cid}
    assert _ids(db, "harriet") == set()
    assert _ids(db, "quimby") == set()
    assert _ids(db, "aviation") == {cid}  # untouched columns stay indexed

    _sql(db.path, "UPDATE customers SET email = 'ae@lockheed.example', phone_digits = '' WHERE id = ?", (cid,))
    assert _ids(db, "lockheed") == {cid}
    assert _ids(db, "aviation") == set()
    assert _ids(db, "5550101911") == set()

    _sql(db.path, "DELETE FROM connections WHERE customer_id = ?", (cid,))
    _sql(db.path, "DELETE FROM customers WHERE id = ?", (cid,))
    assert _ids(db, "amelia") == set()
    assert _fts_ids(db.path, '"amelia"*') == set()
    # the index holds no stale entry: an integrity check against the content table passes
    _sql(db.path, "INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)")


def test_updating_a_column_outside_the_index_leaves_it_alone(db: Database, builder: DataBuilder) -> None:
    cid = builder.customer("Bessie", "Coleman")
    _sql(db.path, "UPDATE customers SET birthday = '1892-01-26', last_mod_dt = NULL WHERE id = ?", (cid,))
    assert _ids(db, "bessie coleman") == {cid}
    _sql(db.path, "INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)")


def test_an_upsert_from_sync_moves_the_index_too(db: Database, builder: DataBuilder) -> None:
    cid = builder.customer("Jacqueline", "Cochran")
    _sql(
        db.path,
        "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits, member_number)"
        " VALUES (?, 'Jackie', 'Cochran', '', '', '', '', 'M1') ON CONFLICT (id) DO UPDATE SET"
        " first_name = excluded.first_name, member_number = excluded.member_number",
        (cid,),
    )
    assert _ids(db, "jackie") == {cid}
    assert _ids(db, "jacqueline") == set()


def test_bulk_load_restores_the_insert_trigger_and_indexes_the_rows(db: Database, builder: DataBuilder) -> None:
    builder.customer("Before", "Bulk")
    with sqlite3.connect(db.path) as connection:
        (trigger_before,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (INSERT_TRIGGER,)
        ).fetchone()
    connection.close()

    with db.unit_of_work() as session, bulk_customer_load(session):
        assert (
            session.execute(
                text("SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": INSERT_TRIGGER}
            ).scalar_one()
            == 0
        )
        session.execute(
            text(
                "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits,"
                " member_number) VALUES (:id, :first, 'Loaded', '', '', '', '', '')"
            ),
            [{"id": 1000 + n, "first": f"Bulky{n}"} for n in range(50)],
        )

    with sqlite3.connect(db.path) as connection:
        (trigger_after,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", (INSERT_TRIGGER,)
        ).fetchone()
    connection.close()
    assert trigger_after == trigger_before
    assert _ids(db, "loaded") == {1000 + n for n in range(50)}  # rebuilt at the end of the load
    assert len(_ids(db, "before bulk")) == 1
    after = builder.customer("After", "Bulk")  # the restored trigger indexes single inserts again
    assert _ids(db, "after bulk") == {after}


def test_a_failed_bulk_load_leaves_the_trigger_in_place(db: Database) -> None:
    with pytest.raises(RuntimeError), db.unit_of_work() as session, bulk_customer_load(session):
        raise RuntimeError("the import broke half-way")
    with sqlite3.connect(db.path) as connection:
        count = connection.execute("SELECT count(*) FROM sqlite_master WHERE name = ?", (INSERT_TRIGGER,)).fetchone()
    connection.close()
    assert count == (1,)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("john smi", '"john"* AND "smi"*'),
        ("555-01", '"555"* AND "01"*'),
        ("@gmail", '"gmail"*'),
        ("o'brien", '"o"* AND "brien"*'),
        ('"john', '"john"*'),
        ("john OR mary", '"john"* AND "OR"* AND "mary"*'),
        ("NEAR(a b)", '"NEAR"* AND "a"* AND "b"*'),
        ("first_name:x", '"first"* AND "name"* AND "x"*'),
        ("José", '"José"*'),
    ],
)
def test_match_expression_quotes_every_word(typed: str, expected: str) -> None:
    assert match_expression(typed) == expected


@pytest.mark.parametrize("typed", ["", " ", "\t\n", "!!!", "@", "-", "'", '"', "*", "()", "’", "…", "€"])
def test_nothing_searchable_gives_no_expression(typed: str) -> None:
    assert match_expression(typed) is None
    assert query_words(typed) == []


@given(st.text(max_size=40))
def test_any_typed_text_is_a_valid_match_expression(typed: str) -> None:
    expression = match_expression(typed)
    if expression is None:
        return
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE f USING fts5(a, tokenize='unicode61 remove_diacritics 2')")
        connection.execute("SELECT rowid FROM f WHERE f MATCH ?", (expression,)).fetchall()  # never a syntax error
    finally:
        connection.close()
