"""Type-ahead customer search over the FTS5 index, plus exact code look-ups (member number, voucher)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.orm import Session

from frontdesk.domain.codes import normalize_code
from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.program import ProgramStatus
from frontdesk.services.dto import CustomerSummary, SearchResult
from frontdesk.storage import replica_rows
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection, Customer, OutboxEntry
from frontdesk.storage.outbox import WAITING
from frontdesk.storage.search_index import match_expression

DEFAULT_LIMIT = 50
# No ORDER BY rank: on a common word it sorts every match (hundreds of ms at 1M rows). Take the first
# matches in rowid order and sort that handful in Python.
_MATCH_IDS = text("SELECT rowid FROM customers_fts WHERE customers_fts MATCH :match LIMIT :limit")


def _code_matches(session: Session, typed: str) -> list[int]:
    """Customers whose member number, voucher code or coupon code is exactly what was typed or scanned."""
    try:
        code = normalize_code(typed)
    except InvalidInput:
        return []
    return replica_rows.customers_holding(session, code)


# Plain columns, not ORM entities: building 100 objects per keystroke was a third of the search's time.
_WAITING = select(OutboxEntry.seq).where(WAITING, OutboxEntry.customer_id == Customer.id).exists().label("waiting")
_ROWS = (
    select(
        Customer.id,
        Customer.first_name,
        Customer.last_name,
        Customer.email,
        Customer.phone,
        Customer.member_number,
        Connection.status,
        _WAITING,
    )
    .outerjoin(Connection, Connection.customer_id == Customer.id)
    .where(Customer.id.in_(bindparam("ids", expanding=True)))
)


def _summary(row: Any) -> CustomerSummary:  # a Row of the columns of _ROWS
    status = ProgramStatus(row.status) if row.status else None
    return CustomerSummary(row.id, row.first_name, row.last_name, row.email, row.phone, row.member_number, status,
                           bool(row.waiting))  # fmt: skip


def search_customers(db: Database, typed: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
    match = match_expression(typed)
    if match is None or limit <= 0:
        return SearchResult(typed, (), False)
    with db.unit_of_work() as session:
        exact = _code_matches(session, typed) if " " not in typed.strip() else []
        found = list(session.scalars(_MATCH_IDS, {"match": match, "limit": limit + 1}))
        ids = list(dict.fromkeys([*exact, *found]))
        more = len(ids) > limit
        ids = ids[:limit]
        customers = [_summary(row) for row in session.execute(_ROWS, {"ids": ids})]
    first = set(exact)
    customers.sort(key=lambda s: (s.id not in first, s.last_name.lower(), s.first_name.lower(), s.id))
    return SearchResult(typed, tuple(customers), more)
