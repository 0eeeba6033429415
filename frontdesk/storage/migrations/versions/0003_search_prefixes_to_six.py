"""Search index: prefix indexes for 1 to 6 characters (was 1 to 3).

A typed word longer than the longest prefix index makes FTS5 merge the doclists of every token that starts
with it: at 1,000,000 customers "john" (john, johnson123, john42 …) cost 6.5 ms, "smith jo" 8.6 ms, "gmail"
3–5 ms in the index alone. With 4-, 5- and 6-character prefixes they take under 0.3 ms; the file grows ~15 %
(609 → 704 MB at 1M) and a full rebuild ~6 s. Measured with bench/search.py.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The same columns and tokenizer as 0001; only `prefix` changes. The triggers of 0001 name the table, not its
# options, so they keep working once the table is re-created under the same name.
_COLUMNS = "first_name, last_name, email, other_emails, phone, phone_digits, member_number"


def _recreate(prefix: str) -> None:
    op.execute("DROP TABLE customers_fts")
    op.execute(
        f"""CREATE VIRTUAL TABLE customers_fts USING fts5({_COLUMNS}, content='customers', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='{prefix}')"""
    )
    op.execute("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate("1 2 3 4 5 6")


def downgrade() -> None:
    _recreate("1 2 3")
