"""Type-ahead customer search: the FTS5 word index, e-mail fragments through the trigram index, and exact code
look-ups (member number, voucher or coupon code)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from frontdesk.domain.codes import normalize_code
from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.program import ProgramStatus
from frontdesk.services.dto import CustomerSummary, SearchResult, VoucherHit
from frontdesk.storage import customer_search, replica_rows
from frontdesk.storage.database import Database
from frontdesk.storage.search_index import email_fragment_expression, match_expression

DEFAULT_LIMIT = 50


def _code_matches(session: Session, typed: str) -> tuple[list[int], VoucherHit | None]:
    """Customers whose member number, voucher code or coupon code is exactly what was typed or scanned, and the
    voucher it names, if it names one (its own code before another voucher's coupon code)."""
    try:
        code = normalize_code(typed)
    except InvalidInput:
        return [], None
    holders = replica_rows.customers_holding(session, code)
    if not holders:
        return [], None
    voucher = customer_search.voucher_named(session, code)
    return holders, VoucherHit(voucher.customer_id, voucher.id, voucher.code) if voucher is not None else None


def _summary(row: Any) -> CustomerSummary:  # a row of customer_search.result_rows
    status = ProgramStatus(row.status) if row.status else None
    return CustomerSummary(row.id, row.first_name, row.last_name, row.email, row.phone, row.member_number, status,
                           bool(row.waiting))  # fmt: skip


def search_customers(db: Database, typed: str, limit: int = DEFAULT_LIMIT) -> SearchResult:
    match = match_expression(typed)
    if match is None or limit <= 0:
        return SearchResult(typed, (), False)
    fragment = email_fragment_expression(typed)
    with db.unit_of_work() as session:
        exact, hit = _code_matches(session, typed) if " " not in typed.strip() else ([], None)
        found = customer_search.word_matches(session, match, limit + 1)
        ids = list(dict.fromkeys([*exact, *found]))
        if fragment is not None and len(ids) <= limit:  # room left: addresses holding the text anywhere
            ids = list(dict.fromkeys([*ids, *customer_search.email_matches(session, fragment, limit + 1)]))
        more = len(ids) > limit
        ids = ids[:limit]
        customers = [_summary(row) for row in customer_search.result_rows(session, ids)]
    # Rows come in rowid order, not by rank (sorting every match of a common word costs hundreds of ms at 1M).
    # Exact codes first, then words that start as typed, then addresses that only hold the text inside them.
    rank = {**dict.fromkeys(found, 1), **dict.fromkeys(exact, 0)}
    customers.sort(key=lambda s: (rank.get(s.id, 2), s.last_name.lower(), s.first_name.lower(), s.id))
    return SearchResult(typed, tuple(customers), more, hit)
