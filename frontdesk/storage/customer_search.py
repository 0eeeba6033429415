"""The search's queries: customer ids by indexed word or e-mail fragment, the voucher a code names, and the few
columns a result row shows. Ranking and wording stay in services/search.py."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, bindparam, or_, select, text
from sqlalchemy.orm import Session

from frontdesk.storage.models import Connection, Customer, OutboxEntry, Voucher
from frontdesk.storage.outbox import WAITING

# No ORDER BY rank: on a common word it sorts every match (hundreds of ms at 1M rows). Take the first
# matches in rowid order and let the service sort that handful.
_MATCH_IDS = text("SELECT rowid FROM customers_fts WHERE customers_fts MATCH :match LIMIT :limit")
_EMAIL_IDS = text("SELECT rowid FROM customers_fts_email WHERE customers_fts_email MATCH :match LIMIT :limit")

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


def word_matches(session: Session, match: str, limit: int) -> list[int]:
    """Customer ids whose indexed words match an FTS5 expression (search_index.match_expression)."""
    return list(session.scalars(_MATCH_IDS, {"match": match, "limit": limit}))


def email_matches(session: Session, fragment: str, limit: int) -> list[int]:
    """Customer ids whose e-mail address holds the fragment anywhere (search_index.email_fragment_expression)."""
    return list(session.scalars(_EMAIL_IDS, {"match": fragment, "limit": limit}))


def voucher_named(session: Session, code: str) -> Row[int, int, str] | None:
    """(id, customer_id, code) of the voucher this normalised code names: its own code before another voucher's
    coupon code."""
    return session.execute(
        select(Voucher.id, Voucher.customer_id, Voucher.code)
        .where(or_(Voucher.code == code, Voucher.external_coupon_code == code))
        .order_by(Voucher.code != code, Voucher.id)
        .limit(1)
    ).first()


def result_rows(session: Session, ids: Sequence[int]) -> Sequence[Row[int, str, str, str, str, str, str, bool]]:
    """id, first_name, last_name, email, phone, member_number, status (None: not in the program) and waiting
    (a staff change of theirs not yet answered by the platform), for these customers."""
    return session.execute(_ROWS, {"ids": list(ids)}).all()
