"""Deterministic, realistic demo data: customers, connections and vouchers in every status.

Rows are produced in storage form and loaded with one executemany per batch (see bulk.py): 1,000,000
customers with their connections and vouchers load in well under a minute.
"""

from __future__ import annotations

import bisect
import itertools
import random
import unicodedata
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.storage import desk_facts
from frontdesk.storage.bulk import insert_rows
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection, Customer, Voucher
from frontdesk.storage.search_index import bulk_customer_load
from frontdesk.storage.types import sqlite_datetime

T = TypeVar("T")
FIRST_NAMES = (  # noqa: SIM905 - a word list reads better as one string
    "John Johanna Jonathan Joan José Joe Jorge Mary Maria Marie Michael Michelle Sarah Sara Zoë Siobhán Sean "
    "Liam Emma Olivia Noah Ava Mia Lucas Ethan Amelia Aiden Chloé Ólafur Søren Łukasz Anaïs Björn Renée "
    "Ahmed Fatima Yuki Hiroshi Wei Mei Priya Arjun Kwame Amara Diego Lucía Mateo Sofía Nguyễn Thảo Ines "
    "David Daniel Grace Henry Isabel Jack Kate Leo Nora Oscar Paula Quinn Rosa Tom Uma Victor Wendy Yara"
).split()
LAST_NAMES = (  # noqa: SIM905
    "Smith Smithers Johnson Jones Brown Williams Miller Davis García Martínez Rodríguez Hernández López "
    "O'Brien O'Neil McDonald Müller Schröder Nowak Kowalski Nguyen Tran Kim Lee Park Chen Wang Singh Patel "
    "Khan Okafor Mensah Rossi Bianchi Dubois Lefèvre Johansson Andersen Novák Silva Santos Costa Pereira "
    "Taylor Thomas Moore Jackson White Harris Martin Thompson Clark Lewis Walker Hall Young Allen King "
    "Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner "
    "Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Neumann Schwarz Zimmermann"
).split()
DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me", "hotmail.com", "fastmail.com")
LOCATIONS = ("Downtown", "Riverside", "North Hills", "Harbour View")
REWARDS = (
    ("Free smoothie", 250),
    ("Guest pass", 400),
    ("Free personal training session", 1200),
    ("10% off a month of membership", 800),
    ("Branded water bottle", 300),
    ("Massage upgrade", 900),
    ("Free yoga class", 350),
)
# The mix a real desk sees: mostly Active members, vouchers mostly Unused or Used.
PROGRAM_MIX = ((ProgramStatus.ACTIVE, 70), (ProgramStatus.PENDING, 15), (ProgramStatus.IMPORTED, 8),
               (ProgramStatus.INACTIVE, 7))  # fmt: skip
VOUCHER_MIX = ((VoucherStatus.UNUSED, 45), (VoucherStatus.USED, 35), (VoucherStatus.ISSUED, 6),
               (VoucherStatus.PROCESSING, 4), (VoucherStatus.EXPIRED, 6), (VoucherStatus.VOIDED, 4))  # fmt: skip
FIRST_VOUCHER_ID = 50_000_000
DEMO_NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
BATCH = 20_000
DEMO_FACT = "demo_data"


_NO_DECOMPOSITION = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "đ": "d"})


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION)).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


ASCII_NAMES = {name: _ascii(name) for name in (*FIRST_NAMES, *LAST_NAMES)}


def _picker(mix: tuple[tuple[T, int], ...]) -> Callable[[random.Random], T]:
    """A fast weighted choice: one random() and a bisect per pick (rng.choices rebuilds weights per call)."""
    values = [value for value, _ in mix]
    bounds = list(itertools.accumulate(weight for _, weight in mix))
    return lambda rng: values[bisect.bisect(bounds, rng.random() * bounds[-1])]


_program_status = _picker(PROGRAM_MIX)
_voucher_status = _picker(VOUCHER_MIX)


def _voucher(rng: random.Random, voucher_id: int, customer_id: int, status: VoucherStatus) -> dict[str, Any]:
    title, points = REWARDS[int(rng.random() * len(REWARDS))]
    created = DEMO_NOW - timedelta(minutes=int(rng.random() * 200 * 1440))
    used = status is VoucherStatus.USED
    expires = DEMO_NOW - timedelta(days=3) if status is VoucherStatus.EXPIRED else created + timedelta(days=365)
    return {
        "id": voucher_id,
        "customer_id": customer_id,
        "code": str(voucher_id),
        "external_coupon_code": f"CPN-{voucher_id:X}" if status is VoucherStatus.ISSUED else None,
        "title": title,
        "status": status.value,
        "points": points,
        "created_at": sqlite_datetime(created),
        "expires_at": sqlite_datetime(expires),
        "used_at": sqlite_datetime(created + timedelta(days=2)) if used else None,
        "used_location": LOCATIONS[voucher_id % len(LOCATIONS)] if used else None,
        "used_by_desk": None,
        "used_by_staff": None,
        "last_mod_dt": sqlite_datetime(DEMO_NOW),
    }


def generate(customers: int, seed: int = 1) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ("customers"|"connections"|"vouchers", row in storage form), parents before children."""
    rng = random.Random(seed)
    r = rng.random  # ~4x cheaper than randint, which dominates at a million rows
    stamp = sqlite_datetime(DEMO_NOW)
    voucher_id = FIRST_VOUCHER_ID
    all_statuses = list(VoucherStatus)
    for customer_id in range(1, customers + 1):
        first = FIRST_NAMES[int(r() * len(FIRST_NAMES))]
        last = LAST_NAMES[int(r() * len(LAST_NAMES))]
        phone = f"{201 + int(r() * 789)}-{200 + int(r() * 800):03d}-{int(r() * 10000):04d}"
        login = f"{ASCII_NAMES[first]}.{ASCII_NAMES[last]}{customer_id}"
        yield (
            "customers",
            {
                "id": customer_id,
                "first_name": first,
                "last_name": last,
                "email": f"{login}@{DOMAINS[int(r() * len(DOMAINS))]}",
                "other_emails": f"{ASCII_NAMES[first]}{customer_id}@work.example" if customer_id % 9 == 0 else "",
                "phone": phone,
                "phone_digits": phone.replace("-", ""),
                "birthday": date(1950 + int(r() * 57), 1 + int(r() * 12), 1 + int(r() * 28)).isoformat(),
                "member_number": f"M{customer_id:07d}",
                "last_mod_dt": stamp,
            },
        )
        program_status = _program_status(rng)  # drawn even when overridden, so later rows stay the same
        if customer_id <= len(PROGRAM_MIX):  # the first customers take each program status once
            program_status = PROGRAM_MIX[customer_id - 1][0]
        yield (
            "connections",
            {
                "id": customer_id,
                "customer_id": customer_id,
                "status": program_status.value,
                "point_balance": int(r() * 5000),
                "home_location": LOCATIONS[int(r() * len(LOCATIONS))],
                "membership_status": "ACTIVE" if r() < 0.9 else "INACTIVE",
                "last_mod_dt": stamp,
            },
        )
        # The first customers hold one voucher in every status, so even a tiny demo shows them all.
        statuses = all_statuses if customer_id <= 3 else [_voucher_status(rng) for _ in range(int(r() * 2.6))]
        for status in statuses:
            yield "vouchers", _voucher(rng, voucher_id, customer_id, status)
            voucher_id += 1


def fill(db: Database, customers: int, seed: int = 1) -> dict[str, int]:
    """Load generated data into an empty database in batches; marks it as demo data. Returns row counts."""
    tables = {"customers": Customer.__table__, "connections": Connection.__table__, "vouchers": Voucher.__table__}
    batches: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
    counts = dict.fromkeys(tables, 0)
    with db.unit_of_work() as session, bulk_customer_load(session):

        def flush() -> None:
            for name, table in tables.items():  # dict order is foreign-key order
                insert_rows(session, table, batches[name])  # type: ignore[arg-type]
                counts[name] += len(batches[name])
                batches[name].clear()

        for table_name, row in generate(customers, seed):
            batches[table_name].append(row)
            if len(batches["customers"]) >= BATCH:
                flush()
        flush()
        desk_facts.set_fact(session, DEMO_FACT, f"customers={customers} seed={seed}")
    return counts
