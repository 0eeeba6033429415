"""Demo data: deterministic, every status present even in a tiny demo, counts that add up."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.search import search_customers
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database


def _fill(path: Path, customers: int, seed: int = 1) -> dict[str, int]:
    db = Database(path)
    try:
        return demo_data.fill(db, customers, seed=seed)
    finally:
        db.close()


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(sql).fetchall()
    connection.close()
    return rows


def test_the_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert _fill(a, 200, seed=7) == _fill(b, 200, seed=7)
    for table in ("customers", "connections", "vouchers"):
        query = f"SELECT * FROM {table} ORDER BY id"
        assert _rows(a, query) == _rows(b, query)


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    _fill(tmp_path / "a.db", 50, seed=1)
    _fill(tmp_path / "b.db", 50, seed=2)
    names = "SELECT first_name, last_name FROM customers ORDER BY id"
    assert _rows(tmp_path / "a.db", names) != _rows(tmp_path / "b.db", names)


def test_the_generator_alone_is_deterministic() -> None:
    assert list(demo_data.generate(30, seed=3)) == list(demo_data.generate(30, seed=3))


def test_every_voucher_status_even_with_one_customer(tmp_path: Path) -> None:
    _fill(tmp_path / "d.db", 1)
    statuses = {s for (s,) in _rows(tmp_path / "d.db", "SELECT status FROM vouchers")}
    assert statuses == {s.value for s in VoucherStatus}


@pytest.mark.parametrize("customers", [3, 4])
def test_tiny_demos_show_every_voucher_status_and_as_many_program_statuses_as_fit(
    tmp_path: Path, customers: int
) -> None:
    path = tmp_path / "d.db"
    _fill(path, customers)
    programs = Counter(s for (s,) in _rows(path, "SELECT status FROM connections"))
    vouchers = Counter(s for (s,) in _rows(path, "SELECT status FROM vouchers"))
    assert set(vouchers) == {s.value for s in VoucherStatus}
    # one connection per customer: three customers can show three of the four program statuses, four show all
    assert len(programs) == min(customers, len(ProgramStatus))
    assert sum(programs.values()) == customers


def test_four_customers_show_every_program_status(tmp_path: Path) -> None:
    _fill(tmp_path / "d.db", 4)
    statuses = {s for (s,) in _rows(tmp_path / "d.db", "SELECT status FROM connections")}
    assert statuses == {s.value for s in ProgramStatus}


def test_counts_are_what_the_database_holds(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    counts = _fill(path, 2_500)
    assert counts["customers"] == counts["connections"] == 2_500
    for table in ("customers", "connections", "vouchers"):
        assert _rows(path, f"SELECT count(*) FROM {table}") == [(counts[table],)]
    assert counts["vouchers"] >= 3 * len(VoucherStatus)  # the first three customers hold one of each
    facts = _rows(path, "SELECT value FROM desk_facts WHERE key = 'demo_data'")
    assert facts == [("customers=2500 seed=1",)]
    # codes are unique and the ISSUED vouchers carry a coupon code
    assert _rows(path, "SELECT count(DISTINCT code) = count(*) FROM vouchers") == [(1,)]
    assert _rows(path, "SELECT count(*) FROM vouchers WHERE status = 'ISSUED' AND external_coupon_code IS NULL") == [
        (0,)
    ]


def test_demo_data_is_searchable_and_realistic(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    _fill(path, 500)
    db = Database(path, create=False)
    try:
        first, last, email, phone, digits = _rows(
            path, "SELECT first_name, last_name, email, phone, phone_digits FROM customers WHERE id = 42"
        )[0]
        assert isinstance(email, str) and "@" in email and email.isascii()
        assert isinstance(phone, str) and phone.replace("-", "") == digits
        found = search_customers(db, f"{first} {last}", limit=500).customers
        assert 42 in {c.id for c in found}
    finally:
        db.close()
    # e-mail logins are ASCII even for names NFKD cannot fold (Ł, ø)
    assert demo_data.ASCII_NAMES["Łukasz"] == "lukasz"
    assert demo_data.ASCII_NAMES["Søren"] == "soren"
