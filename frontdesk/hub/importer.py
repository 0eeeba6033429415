"""Import customers from a CSV (with a header row) or JSON-lines file: one user + an IMPORTED connection each.

Columns / keys: first_name and last_name (required); email, phone_number, birthday (YYYY-MM-DD),
member_number, home_location, membership_status (ACTIVE or INACTIVE; default ACTIVE). Unknown columns are
ignored. A bad record stops the import before anything is written, naming its line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, String, func, insert, select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.errors import InvalidInput
from frontdesk.hub.db import create_schema, engine_for, next_stamp
from frontdesk.hub.models import ConnectionRow, UserRow
from frontdesk.protocol.wire import MembershipStatus


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if path.suffix.lower() == ".csv":
            for number, row in enumerate(csv.DictReader(handle), start=2):
                yield number, {k.strip(): (v.strip() or None) for k, v in row.items() if k and v is not None}
            return
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                raise InvalidInput(f"Line {number} is not valid JSON.") from None
            if not isinstance(record, dict):
                raise InvalidInput(f"Line {number} is not a JSON object.")
            yield number, record


# The longest text each column keeps (PostgreSQL refuses a longer one; SQLite would keep it silently).
_LENGTHS = {
    name: column.type.length
    for table in (UserRow.__table__, ConnectionRow.__table__)
    for name, column in table.columns.items()
    if isinstance(column.type, String) and column.type.length
}


def _text(record: dict[str, Any], name: str, number: int, *, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        if required:
            raise InvalidInput(f"Line {number}: {name} is missing.")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"Line {number}: {name} must be text.")
    value = value.strip()
    if "\x00" in value:
        raise InvalidInput(f"Line {number}: {name} contains a NUL character.")
    if len(value) > _LENGTHS.get(name, len(value)):
        raise InvalidInput(f"Line {number}: {name} is longer than {_LENGTHS[name]} characters.")
    return value


def _parse(record: dict[str, Any], number: int) -> tuple[dict[str, Any], dict[str, Any]]:
    email = _text(record, "email", number)
    birthday = _text(record, "birthday", number)
    try:
        born = None if birthday is None else date.fromisoformat(birthday)
        membership = MembershipStatus((_text(record, "membership_status", number) or "ACTIVE").upper())
    except ValueError:
        raise InvalidInput(f"Line {number}: birthday or membership_status is not valid.") from None
    user = {
        "first_name": _text(record, "first_name", number, required=True),
        "last_name": _text(record, "last_name", number, required=True),
        "emails": [{"email": email, "is_primary": True}] if email else [],
        "phone_number": _text(record, "phone_number", number),
        "birthday": born,
        "member_number": _text(record, "member_number", number),
    }
    return user, {
        "home_location": _text(record, "home_location", number),
        "membership_status": membership.value,
    }


def import_customers(db_url_or_engine: str | Engine, path: str | Path, *, business_id: int = 1) -> int:
    """Import every record of `path` in one transaction (all or nothing); returns how many were added."""
    parsed = [_parse(record, number) for number, record in _records(Path(path))]
    engine, owned = engine_for(db_url_or_engine)
    try:
        create_schema(engine)
        with engine.begin() as conn:
            stamp = next_stamp(conn, SystemClock().now())
            user_id = int(conn.execute(select(func.max(UserRow.user_id))).scalar() or 0) + 1
            connection_id = int(conn.execute(select(func.max(ConnectionRow.connection_id))).scalar() or 0) + 1
            users, connections = [], []
            for offset, (user, connection) in enumerate(parsed):
                users.append({**user, "user_id": user_id + offset, "last_mod_dt": stamp})
                connections.append(
                    {
                        **connection,
                        "connection_id": connection_id + offset,
                        "user_id": user_id + offset,
                        "business_id": business_id,
                        "status": "IMPORTED",
                        "point_balance": 0,
                        "last_mod_dt": stamp,
                    }
                )
            if users:
                conn.execute(insert(UserRow), users)
                conn.execute(insert(ConnectionRow), connections)
        return len(parsed)
    finally:
        if owned:
            engine.dispose()
