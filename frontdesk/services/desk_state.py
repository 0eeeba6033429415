"""What this desk's data is: the counts the status bar shows (changes waiting, open conflicts, last good sync)
and the one platform the database belongs to.

A desk database holds one platform's customers and an outbox of actions for that platform only. It remembers
the platform it first synced with, and a sync with any other platform is refused before anything is sent, so
demo actions can never reach a real platform and one business's actions never reach another's.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.storage import desk_facts, outbox
from frontdesk.storage.database import Database
from frontdesk.storage.demo_data import DEMO_FACT
from frontdesk.sync.engine import LAST_GOOD_SYNC

PLATFORM_FACT = "platform"  # desk fact: the platform address this database belongs to
LEGACY_DB = "desk.db"  # the first platform's database keeps the name desks have always used


class OtherPlatform(FrontDeskError):
    """The desk database belongs to another platform (or holds generated demo data): nothing was sent."""

    code = "other_platform"


@dataclass(frozen=True, slots=True)
class DeskState:
    waiting: int
    open_conflicts: int
    last_good_sync: datetime | None


def read_desk_state(db: Database) -> DeskState:
    with db.unit_of_work() as session:
        waiting, conflicts = outbox.count_waiting(session), outbox.count_open_conflicts(session)
        last_good = desk_facts.fact(session, LAST_GOOD_SYNC)
        return DeskState(waiting, conflicts, datetime.fromisoformat(last_good) if last_good else None)


def platform_key(url: str) -> str:
    """One spelling per platform address: `HTTPS://Hub.example.com/` and `https://hub.example.com` are one."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), "", ""))


def same_platform(first: str, second: str) -> bool:
    return platform_key(first) == platform_key(second)


def platform_of(db: Database) -> str | None:
    """The platform this database belongs to; None before its first sync."""
    with db.unit_of_work() as session:
        return desk_facts.fact(session, PLATFORM_FACT)


_BELONGS_ELSEWHERE = QT_TRANSLATE_NOOP(
    "DeskState",
    "This desk's data belongs to {owner}, so nothing was sent to {wanted}. Close and reopen Front Desk to work with "
    "that platform's own customers; the changes waiting here stay saved for their own platform.",
)


def claim_platform(db: Database, url: str) -> None:
    """Bind a fresh database to `url`, or check it already belongs there. Raises OtherPlatform otherwise."""
    wanted = platform_key(url)
    with db.unit_of_work(write=True) as session:
        if desk_facts.has_fact(session, DEMO_FACT):
            raise OtherPlatform(QT_TRANSLATE_NOOP("DeskState", "This desk database ({file}) holds generated demo "
                                                  "customers, so nothing in it is ever sent to a loyalty platform.")
                                .fill(file=db.path.name))  # fmt: skip
        owner = desk_facts.fact(session, PLATFORM_FACT)
        if owner is None:
            desk_facts.set_fact(session, PLATFORM_FACT, wanted)
        elif owner != wanted:
            raise OtherPlatform(_BELONGS_ELSEWHERE.fill(owner=owner, wanted=wanted))


def database_for(folder: Path, url: str) -> Path:
    """This platform's own desk database in `folder`: desk.db when it is new or already belongs to this platform
    (or to none yet, as desks made before databases were kept per platform), else desk-<address>-<hash>.db."""
    key = platform_key(url)
    digest = hashlib.sha256(key.encode()).hexdigest()[:8]
    slug = re.sub(r"[^a-z0-9]+", "-", key.split("://", 1)[-1]).strip("-")[:40]
    own = folder / f"desk-{slug}-{digest}.db"
    legacy = folder / LEGACY_DB
    if own.exists() or not legacy.exists():
        return own if own.exists() else legacy
    db = Database(legacy)
    try:
        with db.unit_of_work() as session:
            generated = desk_facts.has_fact(session, DEMO_FACT)
            owner = desk_facts.fact(session, PLATFORM_FACT)
    finally:
        db.close()
    return legacy if not generated and (owner is None or owner == key) else own
