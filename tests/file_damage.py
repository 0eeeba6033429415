"""Damaging a real database file the way a failing disk or a bad copy does: random bytes over some of its pages."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def sql(path: Path, statement: str, *params: Any) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def pages_of(path: Path, *names: str) -> list[int]:
    """The pages (numbered from 1) of these tables and indexes, as SQLite's dbstat table lists them."""
    marks = ", ".join("?" for _ in names)
    return [n for (n,) in sql(path, f"SELECT pageno FROM dbstat WHERE name IN ({marks})", *names)]


def scribble(path: Path, pages: Iterable[int], rng: random.Random, *, size: int = 2048, at: int | None = None) -> None:
    """Random bytes over part of each page: at offset `at`, or anywhere in it."""
    page_size = sql(path, "PRAGMA page_size")[0][0]
    with path.open("r+b") as file:
        for page in pages:
            file.seek((page - 1) * page_size + (rng.randrange(page_size - size + 1) if at is None else at))
            file.write(rng.randbytes(size))


def scribble_anywhere(path: Path, seed: int, pages: int = 10) -> None:
    """Random bytes over `pages` pages picked at random, outside the schema (whose damage SQLite reports on its
    own: the file then reads as "not a Front Desk database or damaged")."""
    rng = random.Random(seed)
    schema = set(pages_of(path, "sqlite_schema")) | {1}
    page_count = sql(path, "PRAGMA page_count")[0][0]
    scribble(path, rng.sample([p for p in range(1, page_count + 1) if p not in schema], pages), rng)
