"""Pulling what changed on the platform, resource by resource, from a stored (last_mod_dt, id) cursor.

Each page is stored with its cursor in one transaction, so a crash or a cancel between pages resumes
where it stopped and never stores a page twice in a way that matters (upserts are idempotent).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from frontdesk.storage.database import Database
from frontdesk.storage.models import Customer, SyncCursor
from frontdesk.storage.search_index import resume_index, suspend_index
from frontdesk.sync import replica
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.wire import CONNECTIONS, USERS, VOUCHERS, Cursor, Resource

# Users first: connections and vouchers refer to them.
RESOURCES: tuple[Resource[Any], ...] = (USERS, CONNECTIONS, VOUCHERS)
Progress = Callable[[str, int, int | None], None]  # resource, objects so far, total (if the platform says)


def load_cursor(db: Database, name: str) -> Cursor | None:
    with db.unit_of_work() as session:
        row = session.get(SyncCursor, name)
        return Cursor(row.last_mod_dt, row.last_id) if row and row.last_mod_dt else None


def _fetch_missing_parents(db: Database, client: PlatformClient, objects: tuple[Any, ...]) -> list[Any]:
    """A connection or voucher can name a customer created after the users pull ended: fetch it first."""
    with db.unit_of_work() as session:
        missing = replica.missing_customers(session, (o.user_id for o in objects))
    users = [client.get(USERS, user_id) for user_id in sorted(missing)]
    return [u for u in users if u is not None]


def pull_resource(db: Database, client: PlatformClient, resource: Resource[Any], *, page_size: int,
                  should_stop: Callable[[], bool], progress: Progress | None = None) -> int:  # fmt: skip
    name = resource.name
    cursor = load_cursor(db, name)
    with db.unit_of_work() as session:
        first_load = (
            name == "users" and cursor is None and session.scalars(select(Customer.id).limit(1)).first() is None
        )
        if first_load:  # an empty desk: index once at the end instead of row by row
            suspend_index(session)
    stored = 0
    try:
        for page in client.iter_pages(resource, since=cursor, limit=page_size):
            parents = _fetch_missing_parents(db, client, page.objects) if name != "users" else []
            with db.unit_of_work() as session:
                if parents:
                    replica.store(session, replica.TABLES["users"], replica.rows_for("users", parents))
                replica.store(session, replica.TABLES[name], replica.rows_for(name, page.objects))
                if page.cursor is not None:
                    session.merge(
                        SyncCursor(resource=name, last_mod_dt=page.cursor.last_mod_dt, last_id=page.cursor.id)
                    )
            stored += len(page.objects)
            if progress is not None:
                progress(name, stored, page.total_count)
            if should_stop():
                break
    finally:
        if first_load:
            with db.unit_of_work() as session:
                resume_index(session)
    return stored
