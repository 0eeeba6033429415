"""Deterministic demo data, bulk inserted with Core `insert()` in batches (a million customers in minutes).

The same `seed` always gives the same people, statuses and ids; times are relative to `now`, so Unused
vouchers stay usable. Each batch shares one write stamp, as a real bulk import would.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select

from frontdesk.domain.clock import SystemClock
from frontdesk.hub.db import create_schema, engine_for, next_stamp
from frontdesk.hub.models import ConnectionRow, UserRow, VoucherRow

_FIRST = "Ava Ben Chloe Daniel Emma Felix Grace Hugo Isla Jack Kara Liam Maya Noah Olivia Peter Quinn Rosa"
_FIRST += " Sam Tara Umar Vera Will Xena Yusuf Zoe Aoife Bjorn Chiara Dmitri Elif Farah Goran Hana Ines Jonas"
_LAST = "Smith Jones Garcia Miller Davis Martinez Lopez Wilson Anderson Thomas Moore Jackson Martin Lee Thompson"
_LAST += " White Harris Clark Lewis Robinson Walker Young O'Brien Nguyen Kowalski Muller Rossi Silva Tanaka Novak"
FIRST_NAMES, LAST_NAMES = tuple(_FIRST.split()), tuple(_LAST.split())
LOCATIONS = ("Downtown", "Riverside", "Airport")
REWARDS = (
    ("Free smoothie", 200),
    ("Guest pass", 500),
    ("10% off retail", 300),
    ("Free class", 800),
    ("Towel service", 100),
    ("Massage upgrade", 1500),
)
DESK_STAFF = ("Sam", "Alex", "Jordan")
# Weighted pools: one rng.choice per draw is far cheaper than rng.choices at a million rows.
_PROGRAM = ("ACTIVE",) * 70 + ("PENDING",) * 12 + ("IMPORTED",) * 8 + ("INACTIVE",) * 10
_VOUCHER: tuple[str, ...] = ("UNUSED",) * 40 + ("USED",) * 35 + ("ISSUED",) * 7 + ("PROCESSING",) * 6
_VOUCHER += ("EXPIRED",) * 7 + ("VOIDED",) * 5
_VOUCHER_COUNTS = (0, 1, 1, 2, 2, 3)
FIRST_VOUCHER_ID = 50_000_001  # eight digits, like a printed voucher code


@dataclass(frozen=True, slots=True)
class SeedSummary:
    users: int
    connections: int
    vouchers: int


def _next_id(conn: Connection, column: Any, floor: int) -> int:
    return max(int(conn.execute(select(func.max(column))).scalar() or 0) + 1, floor)


def seed_demo(
    db_url_or_engine: str | Engine,
    customers: int = 1000,
    seed: int = 1,
    *,
    business_id: int = 1,
    batch_size: int = 10_000,
    now: datetime | None = None,
) -> SeedSummary:
    """Add `customers` users with one connection each and 0-3 vouchers each, in all six statuses."""
    engine, owned = engine_for(db_url_or_engine)
    create_schema(engine)
    moment = now or SystemClock().now()
    rng = random.Random(seed)
    made = [0, 0, 0]
    try:
        with engine.connect() as conn:
            user_id = _next_id(conn, UserRow.user_id, 1)
            connection_id = _next_id(conn, ConnectionRow.connection_id, 1)
            voucher_id = _next_id(conn, VoucherRow.voucher_id, FIRST_VOUCHER_ID)
        for start in range(0, customers, batch_size):
            users: list[dict[str, Any]] = []
            connections: list[dict[str, Any]] = []
            vouchers: list[dict[str, Any]] = []
            with engine.begin() as conn:
                stamp = next_stamp(conn, moment)
                for _ in range(min(batch_size, customers - start)):
                    users.append(_user(rng, user_id, stamp))
                    connections.append(_connection(rng, connection_id, user_id, business_id, stamp))
                    for _ in range(rng.choice(_VOUCHER_COUNTS)):
                        vouchers.append(_voucher(rng, voucher_id, user_id, business_id, moment, stamp))
                        voucher_id += 1
                    user_id, connection_id = user_id + 1, connection_id + 1
                for model, rows in ((UserRow, users), (ConnectionRow, connections), (VoucherRow, vouchers)):
                    if rows:
                        conn.execute(insert(model), rows)
            made = [made[0] + len(users), made[1] + len(connections), made[2] + len(vouchers)]
    finally:
        if owned:
            engine.dispose()
    return SeedSummary(*made)


def _user(rng: random.Random, user_id: int, stamp: datetime) -> dict[str, Any]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    email = f"{first}.{last}{user_id}@example.com".lower().replace("'", "")
    born = None if rng.random() < 0.1 else date(1950 + rng.randrange(56), 1 + rng.randrange(12), 1 + rng.randrange(28))
    return {
        "user_id": user_id,
        "first_name": first,
        "last_name": last,
        "emails": [{"email": email, "is_primary": True}],
        "phone_number": f"555-{user_id // 10000 % 1000:03d}-{user_id % 10000:04d}",
        "birthday": born,
        "member_number": f"M{user_id:08d}",
        "last_mod_dt": stamp,
    }


def _connection(
    rng: random.Random, connection_id: int, user_id: int, business_id: int, stamp: datetime
) -> dict[str, Any]:
    return {
        "connection_id": connection_id,
        "user_id": user_id,
        "business_id": business_id,
        "status": rng.choice(_PROGRAM),
        "point_balance": rng.randrange(5000),
        "home_location": rng.choice(LOCATIONS),
        "membership_status": "INACTIVE" if rng.random() < 0.08 else "ACTIVE",
        "last_mod_dt": stamp,
    }


def _voucher(
    rng: random.Random, voucher_id: int, user_id: int, business_id: int, now: datetime, stamp: datetime
) -> dict[str, Any]:
    status = rng.choice(_VOUCHER)
    title, points = rng.choice(REWARDS)
    created = now - timedelta(days=1 + rng.randrange(300), minutes=rng.randrange(1440))
    if status == "UNUSED":
        expires: datetime | None = now + timedelta(days=1 + rng.randrange(180))
    elif status == "EXPIRED":
        expires = now - timedelta(hours=1 + rng.randrange(2000))
    else:
        expires = created + timedelta(days=365)
    used = status == "USED"
    coupon = status == "ISSUED" or rng.random() < 0.1
    return {
        "voucher_id": voucher_id,
        "user_id": user_id,
        "business_id": business_id,
        "title": title,
        "external_coupon_code": f"CPN-{rng.randrange(36**6):08X}" if coupon else None,
        "status": status,
        "points": points,
        "created_dt": created,
        "expires_dt": expires,
        "used_dt": min(created + timedelta(hours=1 + rng.randrange(500)), now) if used else None,
        "used_location": rng.choice(LOCATIONS) if used else None,
        "used_by_desk": f"Desk {1 + rng.randrange(3)}" if used else None,
        "used_by_staff": rng.choice(DESK_STAFF) if used else None,
        "last_mod_dt": stamp,
    }
