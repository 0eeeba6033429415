"""The search indexes of a first load, built in chunks instead of one rebuild (search_index.py suspends them).

One FTS5 'rebuild' of a million customers holds the desk's write lock for half a minute, and nothing else can be
stored meanwhile. Chunks of customers by id, each its own transaction, cost the same in all (FTS5 inserts every
row either way) but let the connections and vouchers of the same first load be stored between them, while the
index's C code runs beside the pull's Python (sync/pull.py runs the chunks on a thread of their own).

While the chunks go in, FTS5's automatic merging is off: every chunk's commit would otherwise merge the index's
small segments again and again (at a million customers the build took 20.5 s of CPU in chunks of 5,000 with
merging, 13.7 s in chunks of 50,000 without). FTS5 still merges a level that reaches 16 segments ('crisismerge'),
so searches stay as fast; merging is put back with the triggers.

The insert triggers stay suspended until every chunk is in, and the suspension's facts with them: a crash at any
point is repaired as before, by one rebuild the next time the file opens (search_index.repair_index).
"""

from __future__ import annotations

import json

from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from frontdesk.storage.cursors import fact
from frontdesk.storage.models import Customer, DeskFact
from frontdesk.storage.search_index import (
    EMAIL_SUSPENDED_FACT,
    EMAIL_TABLE,
    FTS_TABLE,
    SUSPENDED_FACT,
    merge_automatically,
)

CHUNK = 20_000  # customers a transaction: a hold of the write lock of ~0.3 s, even at a million customers
_INDEXES = ((FTS_TABLE, SUSPENDED_FACT), (EMAIL_TABLE, EMAIL_SUSPENDED_FACT))
_CUSTOMERS = Customer.__tablename__


def _columns(session: Session, table: str) -> str:
    """The index's columns: the customers' columns of the same names (an external-content index)."""
    return ", ".join(row[1] for row in session.execute(text(f"PRAGMA table_info({table})")))


def suspended(session: Session) -> bool:
    """Whether both indexes have their per-row upkeep suspended (a first load's customers are going in)."""
    return all(fact(session, key) is not None for _table, key in _INDEXES)


def clear(session: Session) -> None:
    """Empty both indexes (whatever per-row upkeep did while the insert triggers were off is thrown away) and stop
    their automatic merging until the upkeep is restored."""
    for table, _key in _INDEXES:
        session.execute(text(f"INSERT INTO {table}({table}) VALUES ('delete-all')"))
    merge_automatically(session, on=False)


def _index_rows(session: Session, where: str, params: dict[str, object]) -> None:
    """Give both indexes the customers `where` picks (the same rows to each)."""
    for table, _key in _INDEXES:
        columns = _columns(session, table)
        insert = f"INSERT INTO {table}(rowid, {columns}) SELECT id, {columns} FROM {_CUSTOMERS} WHERE {where}"
        session.execute(text(insert), params)


def index_chunk(session: Session, after_id: int, limit: int = CHUNK) -> int | None:
    """Index the next `limit` customers by id after `after_id`; the last id indexed, or None when none was left."""
    upto = session.execute(
        text(f"SELECT max(id) FROM (SELECT id FROM {_CUSTOMERS} WHERE id > :after ORDER BY id LIMIT :limit)"),
        {"after": after_id, "limit": limit},
    ).scalar_one_or_none()
    if upto is None:
        return None
    _index_rows(session, "id > :after AND id <= :upto", {"after": after_id, "upto": upto})
    return int(upto)


def index_the_rest(session: Session) -> int:
    """Index the customers stored behind the chunks (a connection's customer fetched during the load): the word
    index counts its documents, and both indexes were always given the same rows. Returns how many."""
    unindexed = f"SELECT id FROM {_CUSTOMERS} WHERE id NOT IN (SELECT id FROM {FTS_TABLE}_docsize)"
    missing = list(session.execute(text(unindexed)).scalars())
    if missing:
        _index_rows(session, "id IN (SELECT value FROM json_each(:ids))", {"ids": json.dumps(missing)})
    return len(missing)


def restore_upkeep(session: Session) -> None:
    """Put the insert triggers and automatic merging back as they were (their SQL kept in the facts) and end the
    suspension."""
    merge_automatically(session, on=True)
    for _table, key in _INDEXES:
        trigger_sql = fact(session, key)
        if trigger_sql is not None:
            session.execute(text(trigger_sql))
            session.execute(delete(DeskFact).where(DeskFact.key == key))
