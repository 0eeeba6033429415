"""Alembic environment: always run with a live connection handed in by frontdesk.storage.database."""

from __future__ import annotations

from typing import Any

from alembic import context

from frontdesk.storage.models import Base


def _is_model_table(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """The FTS5 index and its shadow tables are raw DDL in the migrations, not models: leave them out of
    autogenerate comparisons."""
    return not (type_ == "table" and name is not None and name.startswith("customers_fts"))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_object=_is_model_table
)
with context.begin_transaction():
    context.run_migrations()
