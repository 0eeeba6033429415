"""Search benchmark: the real type-ahead service against a naive LIKE scan, per query shape, on demo data.

    .venv/bin/python bench/search.py [--customers 1000000] [--db PATH] [--repeat N] [--json] [--explain]

Builds (once, in a child process so its memory does not count) or reuses a demo database of N customers under
bench/data/, then runs every query shape through `search_customers` (FTS5 match, exact code look-up, pending
marks and DTOs, exactly what the window calls) N times, interleaved so machine noise spreads evenly, and the
naive baseline (`LIKE '%q%'` over first/last name, e-mail and phone, same LIMIT) on the same file in the same
run. The e-mail middle shapes (a fragment from inside an address) go through the trigram index. Prints p50/p95
per shape; target (docs/architecture.md §7): p95 ≤ 16 ms for every shape at 1,000,000 customers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python bench/search.py` without installing the project
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from frontdesk.services.search import DEFAULT_LIMIT, search_customers  # noqa: E402
from frontdesk.storage import demo_data  # noqa: E402
from frontdesk.storage.database import Database  # noqa: E402
from frontdesk.storage.search_index import match_expression  # noqa: E402

TARGET_P95_MS = 16.0
NAIVE = text(
    "SELECT id, first_name, last_name, email, phone FROM customers WHERE first_name LIKE :p OR last_name LIKE :p"
    " OR email LIKE :p OR phone LIKE :p LIMIT :limit"
)


@dataclass
class Timing:
    samples_ms: list[float] = field(default_factory=list)
    rows: int = 0
    more: bool = False

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.samples_ms)
        return {
            "p50_ms": round(statistics.median(ordered), 3),
            "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 3),
            "max_ms": round(ordered[-1], 3),
            "runs": len(ordered),
            "rows": self.rows,
            "more": self.more,
        }


@dataclass(frozen=True)
class Shape:
    name: str
    query: str


def demo_count(path: Path) -> int | None:
    """The customer count the file was filled with, or None when it is not a finished demo database."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM desk_facts WHERE key = ?", (demo_data.DEMO_FACT,)).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    facts = dict(part.split("=", 1) for part in str(row[0]).split())
    return int(facts["customers"])


def ensure_db(path: Path, customers: int) -> float | None:
    """Build the demo file in a child process unless it already holds `customers`; returns build seconds."""
    if demo_count(path) == customers:
        return None
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {path} with {customers:,} customers ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--build-only", "--customers", str(customers), "--db", str(path)],
                   check=True, cwd=ROOT)  # fmt: skip
    return time.perf_counter() - started


def build_only(path: Path, customers: int) -> None:
    db = Database(path)
    try:
        demo_data.fill(db, customers)
    finally:
        db.close()


def shapes_from(db: Database, customers: int) -> list[Shape]:
    """Query shapes, with phone, member number and codes taken from the data itself."""
    with db.engine.connect() as connection:
        middle = max(1, customers // 2)
        phone, digits, email = connection.execute(
            text("SELECT phone, phone_digits, email FROM customers WHERE id = :id"), {"id": middle}
        ).one()
        member = connection.execute(
            text("SELECT member_number FROM customers WHERE id = :id"), {"id": max(1, customers // 3)}
        ).scalar_one()
        voucher = connection.execute(
            text("SELECT code FROM vouchers WHERE customer_id >= :id ORDER BY customer_id LIMIT 1"), {"id": middle}
        ).scalar_one()
        coupon = connection.execute(
            text("SELECT external_coupon_code FROM vouchers WHERE external_coupon_code IS NOT NULL"
                 " AND customer_id >= :id ORDER BY customer_id LIMIT 1"), {"id": middle}
        ).scalar_one()  # fmt: skip
    login = email.split("@")[0]  # first.last123
    last = login.split(".", 1)[1].rstrip("0123456789")
    number = login[len(login.split(".", 1)[0]) + 1 + len(last) :]
    return [
        Shape("first name, 1 letter", "j"),
        Shape("first name, 2 letters", "jo"),
        Shape("first name", "john"),
        Shape("first + last prefix", "john smi"),
        Shape("last + first prefix", "smith jo"),
        Shape("last name, accented", "García"),
        Shape("apostrophe", "o'brien"),
        Shape("email domain", "@gmail"),
        Shape("email domain + tld", "gmail.com"),
        Shape("email local part", "smith12"),
        Shape("email middle, 3 chars", last[1:4]),  # many addresses: the trigram index stops at the limit
        Shape("email middle", last[2:] + number[:2]),  # "derson13": the end of a last name and a number's start
        Shape("email middle, 1 match", login[2:]),  # a long fragment only one address holds
        # Common trigrams that never come together (no first name ends in "son", so no address holds "son.s"):
        # the slowest kind, the index walks their long lists to the end.
        Shape("email middle, no match", "son.s"),
        Shape("phone, with hyphen", phone[:6]),
        Shape("phone, digits only", digits[:6]),
        Shape("member number", member),
        Shape("voucher code", voucher),
        Shape("coupon code", coupon),
        Shape("no match", "qzxv"),
    ]


def run(db: Database, shapes: list[Shape], repeat: int, baseline_repeat: int) -> dict[str, dict[str, Timing]]:
    timings: dict[str, dict[str, Timing]] = {s.name: {"front_desk": Timing(), "baseline": Timing()} for s in shapes}
    for shape in shapes:  # one warm-up each: the first touch of an index reads it from disk
        search_customers(db, shape.query)
    for round_number in range(repeat):
        for shape in shapes:
            started = time.perf_counter_ns()
            result = search_customers(db, shape.query)
            elapsed = (time.perf_counter_ns() - started) / 1e6
            timing = timings[shape.name]["front_desk"]
            timing.samples_ms.append(elapsed)
            timing.rows, timing.more = len(result.customers), result.more
            if round_number < baseline_repeat:
                timings[shape.name]["baseline"].samples_ms.append(_naive(db, shape.query))
    return timings


def _naive(db: Database, query: str) -> float:
    """The naive design: a LIKE substring scan over the four columns, same LIMIT, rows turned into dicts."""
    started = time.perf_counter_ns()
    with db.engine.connect() as connection:
        rows = connection.execute(NAIVE, {"p": f"%{query}%", "limit": DEFAULT_LIMIT + 1}).mappings().all()
        [dict(row) for row in rows[:DEFAULT_LIMIT]]
    return (time.perf_counter_ns() - started) / 1e6


def naive_rows(db: Database, query: str) -> int:
    with db.engine.connect() as connection:
        return len(connection.execute(NAIVE, {"p": f"%{query}%", "limit": DEFAULT_LIMIT + 1}).all())


def explain(db: Database, shapes: list[Shape]) -> dict[str, list[str]]:
    plans: dict[str, list[str]] = {}
    with db.engine.connect() as connection:
        for shape in shapes:
            match = match_expression(shape.query)
            if match is None:
                continue
            rows = connection.execute(
                text("EXPLAIN QUERY PLAN SELECT rowid FROM customers_fts WHERE customers_fts MATCH :m LIMIT 51"),
                {"m": match},
            ).all()
            plans[shape.name] = [f"MATCH {match}: {row[-1]}" for row in rows]
    return plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="default: bench/data/demo-<customers>.db")
    parser.add_argument("--repeat", type=int, default=60, help="timed runs per shape (default 60)")
    parser.add_argument("--baseline-repeat", type=int, default=5, help="timed runs of the slow baseline (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--explain", action="store_true", help="also print EXPLAIN QUERY PLAN per shape")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    path: Path = args.db or ROOT / "bench" / "data" / f"demo-{args.customers}.db"
    if args.build_only:
        build_only(path, args.customers)
        return

    build_seconds = ensure_db(path, args.customers)
    load_before = os.getloadavg()
    db = Database(path, create=False)
    try:
        shapes = shapes_from(db, args.customers)
        timings = run(db, shapes, args.repeat, min(args.baseline_repeat, args.repeat))
        baseline_rows = {s.name: naive_rows(db, s.query) for s in shapes}
        plans = explain(db, shapes) if args.explain else {}
    finally:
        db.close()

    report: dict[str, Any] = {
        "customers": args.customers,
        "db": str(path),
        "db_mb": round(sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20, 1),
        "build_s": None if build_seconds is None else round(build_seconds, 1),
        "reused_db": build_seconds is None,
        "repeat": args.repeat,
        "baseline_repeat": min(args.baseline_repeat, args.repeat),
        "limit": DEFAULT_LIMIT,
        "target_p95_ms": TARGET_P95_MS,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "sqlite": sqlite3.sqlite_version,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "shapes": [],
    }
    for shape in shapes:
        front = timings[shape.name]["front_desk"].summary()
        base = Timing(timings[shape.name]["baseline"].samples_ms, baseline_rows[shape.name]).summary()
        base["rows"] = min(base["rows"], DEFAULT_LIMIT)
        report["shapes"].append({
            **asdict(shape), "front_desk": front, "baseline": base, "meets_target": front["p95_ms"] <= TARGET_P95_MS,
        })  # fmt: skip
    if plans:
        report["plans"] = plans
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_table(report)


def print_table(report: dict[str, Any]) -> None:
    built = "reused" if report["reused_db"] else f"built in {report['build_s']} s"
    print(f"customers {report['customers']:,}  db {report['db_mb']} MB ({built})  peak RSS {report['peak_rss_mb']} MB"
          f"  SQLite {report['sqlite']}  load {report['loadavg_before']} → {report['loadavg_after']}")  # fmt: skip
    print(f"front desk: {report['repeat']} runs per shape; naive LIKE baseline: {report['baseline_repeat']} runs; "
          f"LIMIT {report['limit']}; target p95 ≤ {report['target_p95_ms']:g} ms")  # fmt: skip
    header = f"{'shape':<24}{'query':<20}{'p50 ms':>9}{'p95 ms':>9}{'rows':>6}  {'LIKE p50':>9}{'p95':>8}{'rows':>6}"
    print(header + "  target")
    print("-" * (len(header) + 8))
    for s in report["shapes"]:
        f, b = s["front_desk"], s["baseline"]
        rows = f"{f['rows']}{'+' if f['more'] else ''}"
        verdict = "ok" if s["meets_target"] else "MISS"
        print(f"{s['name']:<24}{s['query']:<20}{f['p50_ms']:>9.2f}{f['p95_ms']:>9.2f}{rows:>6}  "
              f"{b['p50_ms']:>9.1f}{b['p95_ms']:>8.1f}{b['rows']:>6}  {verdict}")  # fmt: skip
    for name, plan in report.get("plans", {}).items():
        print(f"  {name}: " + " | ".join(plan))


if __name__ == "__main__":
    main()
