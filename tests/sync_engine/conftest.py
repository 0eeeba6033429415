"""Fixtures for end-to-end sync tests: a real platform on uvicorn (127.0.0.1) and desks on real SQLite files.

The platform database starts from a template with the staff accounts (hashing once is faster); a desk starts
from a migrated empty desk file (migrating once is faster). Both are plain file copies, so every test owns
its files and nothing leaks between tests.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_databases import HubDatabases, backends
from sync.helpers import STAFF, Platform, serve

from frontdesk.domain.staff import StaffRole
from frontdesk.hub import create_app
from frontdesk.storage.database import Database
from sync_engine.helpers import Desk, DeskFactory


@pytest.fixture(scope="session", params=backends())
def hub_databases(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubDatabases]:
    """The platform's schema and staff accounts, made once per backend and copied for each test: every end-to-end
    test runs on SQLite, and on PostgreSQL too where a server is named (hub_databases.py)."""
    databases = HubDatabases(request.param, tmp_path_factory.mktemp("platform-template"), STAFF)
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("desk-template") / "desk.db"
    Database(path).close()
    return path


@contextlib.contextmanager
def running_platform(databases: HubDatabases, folder: Path) -> Iterator[Platform]:
    with databases.copy(folder) as (engine, _url), serve(create_app(engine)) as url:
        yield Platform(url, engine)


@pytest.fixture
def platform(hub_databases: HubDatabases, tmp_path: Path) -> Iterator[Platform]:
    """A platform of the test's own, running."""
    with running_platform(hub_databases, tmp_path) as running:
        yield running


@pytest.fixture(scope="module")
def shared_platform(hub_databases: HubDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """One running platform for a module whose tests each make their own customers."""
    with running_platform(hub_databases, tmp_path_factory.mktemp("shared-platform")) as running:
        yield running


@pytest.fixture(scope="session")
def dead_url() -> Iterator[str]:
    """A 127.0.0.1 port that is bound but never listens: every connection is refused at once (offline)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()


@pytest.fixture
def make_desk(desk_template: Path, tmp_path: Path) -> Iterator[DeskFactory]:
    """make_desk("Desk A", role=...) → a desk on its own database file (closed at the end of the test)."""
    made: list[Desk] = []

    def make(name: str, role: StaffRole = StaffRole.FRONT_DESK, *, folder: Path | None = None) -> Desk:
        path = (folder or tmp_path) / f"{name.lower().replace(' ', '-')}-{len(made)}.db"
        shutil.copyfile(desk_template, path)
        desk = Desk.open(name, path, role)
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.db.close()
