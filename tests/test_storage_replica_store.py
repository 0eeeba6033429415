"""Pulled rows go into the replica in a few multi-row statements (storage/replica_store.py), not one step per row:
with executemany, the driver gives up the interpreter lock around every row's step, and while the pull's reading
thread ran Python each row waited for it again (bench/replica_writes.py measures the difference)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from sqlalchemy import event, text

from frontdesk.storage import replica_store
from frontdesk.storage.database import Database


def user(user_id: int, last_name: str) -> tuple[Any, ...]:
    return (user_id, "Ada", last_name, f"ada{user_id}@example.com", "", "555-01", "55501", None, f"M{user_id}",
            "2024-05-01 09:30:00.000000")  # fmt: skip


@pytest.fixture
def statements(db: Database) -> list[tuple[str, bool]]:
    """Every statement the desk's connections send to SQLite: (its text, whether as executemany)."""
    sent: list[tuple[str, bool]] = []

    def record(_conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, many: bool) -> None:
        sent.append((statement, many))

    event.listen(db.engine, "before_cursor_execute", record)
    return sent


def test_rows_go_in_a_few_statements_of_many_rows_never_one_step_per_row(
    db: Database, statements: list[tuple[str, bool]]
) -> None:
    rows = [user(i, f"Lovelace{i}") for i in range(1, 7001)]
    with db.unit_of_work(write=True) as session:
        per_statement = replica_store._rows_per_statement(session, "users")
        statements.clear()
        replica_store.upsert(session, "users", rows)
    upserts = [(sql, many) for sql, many in statements if sql.startswith("INSERT INTO customers")]
    assert per_statement >= 1000  # SQLite's cap on ? allows thousands of 10-column rows a statement
    assert len(upserts) == math.ceil(len(rows) / per_statement)
    assert not any(many for _sql, many in upserts)
    with db.unit_of_work() as session:
        stored = session.execute(text("SELECT id, last_name FROM customers ORDER BY id")).all()
    assert [tuple(r) for r in stored] == [(r[0], r[2]) for r in rows]


def test_across_statements_a_later_row_of_the_same_id_wins(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replica_store, "MOST_VARIABLES", 30)  # 3 rows of 10 columns a statement
    with db.unit_of_work(write=True) as session:
        replica_store.upsert(session, "users", [user(1, "First"), user(2, "Second")])
        batch = [user(3, "Third"), user(1, "Changed"), user(4, "Fourth"), user(5, "Fifth"), user(1, "Last"),
                 user(2, "Again"), user(6, "Sixth")]  # fmt: skip
        replica_store.upsert(session, "users", batch)  # 3 statements: 3 + 3 + 1 rows
    with db.unit_of_work() as session:
        names = {int(i): str(n) for i, n in session.execute(text("SELECT id, last_name FROM customers"))}
    assert names == {1: "Last", 2: "Again", 3: "Third", 4: "Fourth", 5: "Fifth", 6: "Sixth"}
