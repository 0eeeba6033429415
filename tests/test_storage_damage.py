"""A damaged desk database is named as such in plain words and is never read, written or synced; a search index
damaged on sound pages is rebuilt. The files are real: demo data made by the app, then random bytes written over
some of its pages (the way a failing disk or a bad copy damages a file)."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from file_damage import pages_of, scribble, scribble_anywhere, sql

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import StorageError
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.services.actions import StaffActions
from frontdesk.services.customers import load_customer
from frontdesk.services.search import search_customers
from frontdesk.storage import demo_data
from frontdesk.storage.database import Database
from frontdesk.storage.integrity import DAMAGED, INDEX_REBUILT

Snapshot = Callable[[Path], dict[str, list[tuple[Any, ...]]]]
ROBIN = StaffMember("Robin Desk", StaffRole.EMPLOYEE, "Desk 1", "Downtown")
EVERYTHING_ON_OPEN = 2**40  # bytes: any file here is checked whole on open
ONLY_OWN_TABLES_ON_OPEN = 0  # as a large desk is


def damaged_message(path: Path) -> str:
    return (
        f"The desk database {path} is damaged, so Front Desk will not read, change or sync it. Keep the file (it may "
        "hold changes not yet sent to the platform) and ask your support contact for help."
    )


@pytest.fixture(scope="module")
def made_by_the_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 demo customers with their vouchers, and a few staff actions waiting in the outbox."""
    path = tmp_path_factory.mktemp("damage") / "demo.db"
    db = Database(path)
    demo_data.fill(db, 3000, seed=4)
    actions = StaffActions(db, ROBIN, SystemClock())
    for (voucher_id,) in sql(path, "SELECT id FROM vouchers WHERE status = 'USED' LIMIT 30"):
        actions.set_back_to_unused(voucher_id, "test set-up: waiting changes")
    db.close()  # the WAL is folded into the file
    return path


@pytest.fixture
def copy(made_by_the_app: Path, tmp_path: Path) -> Path:
    path = tmp_path / "desk.db"
    shutil.copyfile(made_by_the_app, path)
    return path


@pytest.mark.parametrize("seed", range(1, 6))
def test_random_bytes_over_ten_pages_are_named_damage_and_the_file_is_left_as_it_is(copy: Path, seed: int) -> None:
    scribble_anywhere(copy, seed)
    before = copy.read_bytes()
    with pytest.raises(StorageError) as error:
        Database(copy, create=False, check_whole_up_to=EVERYTHING_ON_OPEN)
    assert (error.value.code, error.value.message) == (DAMAGED, damaged_message(copy))
    assert copy.read_bytes() == before


def test_damage_to_the_desks_own_tables_is_found_on_open_even_in_a_large_file(copy: Path) -> None:
    scribble(copy, pages_of(copy, "outbox"), random.Random(7), size=1024)
    with pytest.raises(StorageError) as error:
        Database(copy, create=False, check_whole_up_to=ONLY_OWN_TABLES_ON_OPEN)
    assert error.value.code == DAMAGED


def test_a_large_file_is_checked_whole_before_its_first_write_and_then_used_no_more(copy: Path) -> None:
    voucher_code = sql(copy, "SELECT code FROM vouchers WHERE status = 'UNUSED' ORDER BY expires_at DESC")[0][0]
    scribble(copy, pages_of(copy, "vouchers")[-5:], random.Random(3))
    before = copy.read_bytes()
    db = Database(copy, create=False, check_whole_up_to=ONLY_OWN_TABLES_ON_OPEN)  # opens: only a read so far
    try:
        assert load_customer(db, 1, SystemClock()).summary.id == 1
        with pytest.raises(StorageError) as error:
            StaffActions(db, ROBIN, SystemClock()).mark_used(code=voucher_code)
        assert (error.value.code, error.value.message) == (DAMAGED, damaged_message(copy))
        with pytest.raises(StorageError) as again:
            search_customers(db, "a")  # nothing is read from it any more either
        assert again.value.code == DAMAGED
    finally:
        db.close()
    assert copy.read_bytes() == before


def test_damage_that_appears_while_the_desk_is_open_is_found_at_the_first_storage_error(copy: Path) -> None:
    db = Database(copy, create=False, check_whole_up_to=EVERYTHING_ON_OPEN)
    try:
        assert load_customer(db, 5, SystemClock()).summary.id == 5
        scribble(copy, pages_of(copy, "customers"), random.Random(11), size=16, at=0)  # over every page's header
        db.engine.dispose()  # nothing cached: the next read goes to the file
        with pytest.raises(StorageError) as error:
            load_customer(db, 5, SystemClock())
        assert (error.value.code, error.value.message) == (DAMAGED, damaged_message(copy))
        with pytest.raises(StorageError) as refused:
            StaffActions(db, ROBIN, SystemClock()).set_back_to_unused(50_000_001, "must not be written")
        assert refused.value.code == DAMAGED
    finally:
        db.close()


def test_a_search_index_damaged_on_sound_pages_is_rebuilt(copy: Path, snapshot: Snapshot) -> None:
    rng = random.Random(5)
    connection = sqlite3.connect(copy)
    for segment, size in connection.execute("SELECT id, length(block) FROM customers_fts_data WHERE id > 10"):
        connection.execute("UPDATE customers_fts_data SET block = ? WHERE id = ?", (rng.randbytes(size), segment))
    connection.commit()
    assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]  # every page is sound
    connection.close()
    data_before = snapshot(copy)
    db = Database(copy, create=False)
    try:
        with pytest.raises(StorageError) as error:
            search_customers(db, "smith")
        assert (error.value.code, error.value.message) == (
            INDEX_REBUILT, "The customer search was damaged and has been rebuilt. Please try again.")  # fmt: skip
        found = search_customers(db, "smith").customers
        expected = sql(copy, "SELECT count(*) FROM customers WHERE first_name LIKE 'smith%' OR last_name LIKE"
                              " 'smith%' OR email LIKE 'smith%'")[0][0]  # fmt: skip
        assert len(found) == min(expected, 50) > 0
        assert all("smith" in f"{c.first_name} {c.last_name} {c.email}".lower() for c in found)
    finally:
        db.close()
    assert sql(copy, "INSERT INTO customers_fts(customers_fts, rank) VALUES ('integrity-check', 1)") == []
    assert snapshot(copy) == data_before  # only the index was written
