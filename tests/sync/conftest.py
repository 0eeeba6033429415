"""A real platform server: uvicorn on 127.0.0.1 (a free port), in a thread, over a temp SQLite file.

One server per test module (tests make their own customers, so they do not see each other's changes);
`fresh_platform` gives a test an empty one of its own.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from frontdesk.platform_server import add_staff, create_app, create_schema, make_engine
from frontdesk.sync.client import PlatformClient
from sync.helpers import STAFF, Platform, serve


@pytest.fixture(scope="session")
def platform_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the schema and staff accounts, copied for each test (hashing once is faster)."""
    path = tmp_path_factory.mktemp("platform") / "template.db"
    engine = make_engine(str(path))
    create_schema(engine)
    for name, (password, role) in STAFF.items():
        add_staff(engine, name, password, role, cost=2**10)
    engine.dispose()  # the last connection closing folds the WAL back into the file
    return path


@contextlib.contextmanager
def _copy(template: Path, folder: Path) -> Iterator[Engine]:
    path = folder / "platform.db"
    shutil.copyfile(template, path)
    engine = make_engine(str(path))
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def platform_db(platform_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """An empty platform database of the test's own (no server running)."""
    with _copy(platform_template, tmp_path) as engine:
        yield engine


@pytest.fixture(scope="module")
def platform(platform_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    with (
        _copy(platform_template, tmp_path_factory.mktemp("module")) as engine,
        serve(create_app(engine)) as url,
    ):
        yield Platform(url, engine)


@pytest.fixture
def fresh_platform(platform_db: Engine) -> Iterator[Platform]:
    with serve(create_app(platform_db)) as url:
        yield Platform(url, platform_db)


@pytest.fixture(scope="module")
def desk(platform: Platform) -> Iterator[PlatformClient]:
    """A client signed in as the FRONT_DESK account."""
    with platform.signed_in("desk") as client:
        yield client
