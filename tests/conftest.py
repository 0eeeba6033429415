"""Shared fixtures: real SQLite files in tmp_path, a fixed clock, staff members and a small data builder."""

from __future__ import annotations

import os

# Before anything imports Qt: every test folder (ui tests included) runs without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.storage.database import Database
from frontdesk.storage.types import sqlite_datetime

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


class FixedClock:
    """An honest clock that always says the same moment (tests may move it by assigning `moment`)."""

    def __init__(self, moment: datetime = NOW) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


class DataBuilder:
    """Inserts customers, connections and vouchers with plain SQL on the test's own database file.

    Plain sqlite3 on purpose: the code under test does not write the rows it is tested on, and the FTS
    triggers of the real schema run as they would for a sync.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._next_customer = 1
        self._next_voucher = 70_000_000

    def _execute(self, sql: str, params: tuple[Any, ...]) -> None:
        with sqlite3.connect(self.path) as connection:
            connection.execute("PRAGMA foreign_keys=ON")
            connection.execute(sql, params)
        connection.close()

    def customer(
        self,
        first: str,
        last: str,
        *,
        email: str = "",
        phone: str = "",
        member_number: str | None = None,
        other_emails: str = "",
        status: ProgramStatus | None = ProgramStatus.ACTIVE,
        customer_id: int | None = None,
    ) -> int:
        cid = customer_id if customer_id is not None else self._next_customer
        self._next_customer = max(self._next_customer, cid + 1)
        member = member_number if member_number is not None else f"T{cid:07d}"
        self._execute(
            "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits, birthday,"
            " member_number, last_mod_dt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (cid, first, last, email, other_emails, phone, re.sub(r"\D", "", phone), "1990-05-17", member,
             sqlite_datetime(NOW)),
        )  # fmt: skip
        if status is not None:
            self._execute(
                "INSERT INTO connections (id, customer_id, status, point_balance, home_location, membership_status,"
                " last_mod_dt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (cid + 100_000, cid, status.value, 1234, "Riverside", "ACTIVE", sqlite_datetime(NOW)),
            )
        return cid

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """Read the test's database with plain SQL, as the assertions want it."""
        connection = sqlite3.connect(self.path)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def fillers(self, count: int, first: str = "Filler", *, start_id: int = 10_000) -> list[int]:
        """`count` customers "Filler PersonNNN" (filler{n}@example.org), inserted in one transaction."""
        ids = list(range(start_id, start_id + count))
        with sqlite3.connect(self.path) as connection:
            connection.executemany(
                "INSERT INTO customers (id, first_name, last_name, email, other_emails, phone, phone_digits,"
                " member_number) VALUES (?, ?, ?, ?, '', '', '', ?)",
                [(cid, first, f"Person{n:03d}", f"filler{n}@example.org", f"F{cid}") for n, cid in enumerate(ids)],
            )
        connection.close()
        self._next_customer = max(self._next_customer, ids[-1] + 1)
        return ids

    def voucher(
        self,
        customer_id: int,
        status: VoucherStatus = VoucherStatus.UNUSED,
        *,
        code: str | None = None,
        coupon: str | None = None,
        expires_at: datetime | str | None = "auto",  # auto: 30 days ahead, or 3 days ago for EXPIRED
        used_at: datetime | None = None,
        used_location: str | None = None,
        title: str = "Free smoothie",
    ) -> int:
        vid = self._next_voucher
        self._next_voucher += 1
        if isinstance(expires_at, str):
            expires_at = NOW + (timedelta(days=-3) if status is VoucherStatus.EXPIRED else timedelta(days=30))
        if status is VoucherStatus.USED and used_at is None:
            used_at, used_location = NOW - timedelta(days=2), used_location or "Harbour View"
        self._execute(
            "INSERT INTO vouchers (id, customer_id, code, external_coupon_code, title, status, points, created_at,"
            " expires_at, used_at, used_location, last_mod_dt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (vid, customer_id, code or str(vid), coupon, title, status.value, 250,
             sqlite_datetime(NOW - timedelta(days=10)), sqlite_datetime(expires_at) if expires_at else None,
             sqlite_datetime(used_at) if used_at else None, used_location, sqlite_datetime(NOW)),
        )  # fmt: skip
        return vid


def _snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every ordinary table, for "exactly this changed, nothing else" assertions."""
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'customers_fts%'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        rows = {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}
    connection.close()
    return rows


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def data_builder() -> type[DataBuilder]:
    """The builder class itself, for module-scoped databases (importing conftest directly is fragile)."""
    return DataBuilder


@pytest.fixture
def builder(db: Database) -> DataBuilder:
    return DataBuilder(db.path)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def make_staff() -> Callable[..., StaffMember]:
    def make(role: StaffRole = StaffRole.FRONT_DESK, name: str = "Robin Desk") -> StaffMember:
        return StaffMember(name=name, role=role, desk="Desk 1", location="Downtown")

    return make


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, list[tuple[Any, ...]]]]:
    return _snapshot
