"""A real platform server: uvicorn on 127.0.0.1 (a free port), in a thread, over a database of its own.

One server per test module (tests make their own customers, so they do not see each other's changes);
`fresh_platform` gives a test an empty one of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_databases import HubDatabases, backends
from sqlalchemy import Engine

from frontdesk.hub import create_app
from frontdesk.sync.client import PlatformClient
from sync.helpers import STAFF, Platform, serve


@pytest.fixture(scope="session", params=backends())
def hub_databases(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubDatabases]:
    """The schema and staff accounts made once per backend (hashing once is faster), copied for each test: every
    test here runs on SQLite, and on PostgreSQL too where a server is named (hub_databases.py)."""
    databases = HubDatabases(request.param, tmp_path_factory.mktemp("platform"), STAFF)
    yield databases
    databases.close()


@pytest.fixture
def platform_db(hub_databases: HubDatabases, tmp_path: Path) -> Iterator[Engine]:
    """An empty platform database of the test's own (no server running)."""
    with hub_databases.copy(tmp_path) as (engine, _url):
        yield engine


@pytest.fixture(scope="module")
def platform(hub_databases: HubDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    with hub_databases.copy(tmp_path_factory.mktemp("module")) as (engine, _url), serve(create_app(engine)) as url:
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
