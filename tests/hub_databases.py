"""The hub's databases for tests: a template with the schema and the test staff accounts, copied for each test,
on SQLite and — where `FRONTDESK_TEST_POSTGRES` names a server (`.ci/run` starts one) — on PostgreSQL too.

A SQLite copy is a file copy; a PostgreSQL copy is `CREATE DATABASE … TEMPLATE …`, dropped afterwards. Either
way each test owns its data, and the same hub code runs on both.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text

from frontdesk.domain.staff import StaffRole
from frontdesk.hub import add_staff, create_schema, make_engine

POSTGRES_VARIABLE = "FRONTDESK_TEST_POSTGRES"


def backends() -> list[str]:
    """SQLite always; PostgreSQL as well when a server is named (CI always names one)."""
    return ["sqlite", "postgresql"] if os.environ.get(POSTGRES_VARIABLE) else ["sqlite"]


@dataclass
class HubDatabases:
    """Makes the template once, then a fresh copy per call of `copy()`."""

    backend: str
    folder: Path
    staff: Mapping[str, tuple[str, StaffRole]]

    def __post_init__(self) -> None:
        self._made: Callable[[], int] = itertools.count().__next__
        prefix = f"fdt_{uuid.uuid4().hex[:8]}"
        self._prefix = prefix
        self._template = self._url(f"{prefix}_template") if self.backend == "postgresql" else str(self.folder / "t.db")
        if self.backend == "postgresql":
            self._admin(f'CREATE DATABASE "{prefix}_template"')
        engine = make_engine(self._template)
        try:
            create_schema(engine)
            for name, (password, role) in self.staff.items():
                add_staff(engine, name, password, role, cost=2**10)
        finally:
            engine.dispose()  # SQLite folds its WAL back into the file; PostgreSQL needs no session on a template

    def _url(self, database: str) -> str:
        return make_url(os.environ[POSTGRES_VARIABLE]).set(database=database).render_as_string(hide_password=False)

    def _admin(self, statement: str) -> None:
        admin = create_engine(os.environ[POSTGRES_VARIABLE], isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(statement))
        finally:
            admin.dispose()

    @contextlib.contextmanager
    def copy(self, folder: Path) -> Iterator[tuple[Engine, str]]:
        """(engine, URL) of a fresh copy; the URL lets another process (a second hub) open the same database."""
        if self.backend == "sqlite":
            path = folder / f"platform-{self._made()}.db"
            shutil.copyfile(self._template, path)
            url = str(path)
        else:
            name = f"{self._prefix}_{self._made()}"
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self._prefix}_template"')
            url = self._url(name)
        engine = make_engine(url)
        try:
            yield engine, url
        finally:
            engine.dispose()
            if self.backend == "postgresql":
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        if self.backend == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self._prefix}_template" WITH (FORCE)')
