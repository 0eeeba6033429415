"""Storing pulled rows while another thread reads pages: one step per row (executemany) against a few multi-row
statements (storage/replica_store.upsert), each alone and beside a thread busy in Python.

    .venv/bin/python bench/replica_writes.py [--rows 20000] [--json]

A first load stores rows on one thread while another reads the next pages in Python. The sqlite3 driver lets go
of the interpreter lock around every step of a statement; with executemany that is once per row, and each row
then waits up to a switch interval (5 ms) to get the lock back from the busy reader — the "convoy". A multi-row
statement is one step per few thousand rows. The baseline (executemany) is measured in the same run, on the same
rows (voucher rows, 14 columns, into a fresh desk database with its indexes). Wall seconds, fastest of --repeat.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from frontdesk.storage import replica_store  # noqa: E402
from frontdesk.storage.database import Database  # noqa: E402
from frontdesk.sync.wire_rows import read_objects  # noqa: E402

Row = tuple[Any, ...]


def voucher_rows(count: int) -> list[Row]:
    stamp = "2024-05-01 09:30:00.000000"
    return [(i, 1, f"V{i:09d}", None, "Free smoothie", "UNUSED", 200, stamp, None, None, None, None, None, stamp)
            for i in range(1, count + 1)]  # fmt: skip


def one_step_per_row(db: Database, rows: list[Row]) -> None:
    """The baseline: the whole batch through the driver's executemany."""
    with db.unit_of_work(write=True) as session:
        session.connection().exec_driver_sql(replica_store._UPSERT["vouchers"], rows)


def multi_row(db: Database, rows: list[Row]) -> None:
    with db.unit_of_work(write=True) as session:
        replica_store.upsert(session, "vouchers", rows)


def busy_reader(stop: threading.Event) -> None:
    """What the pull's other thread does meanwhile: read pages of JSON objects into rows, in Python."""
    page = [{"voucher_id": i, "user_id": 1, "business_id": 1, "title": "Free smoothie", "code": str(i),
             "external_coupon_code": None, "status": "UNUSED", "points": 200,
             "created_dt": "2024-05-01T09:30:00.000000Z", "expires_dt": None, "used_dt": None,
             "used_location": None, "used_by_desk": None, "used_by_staff": None,
             "last_mod_dt": "2024-05-01T09:30:00.000000Z"} for i in range(1, 201)]  # fmt: skip
    while not stop.is_set():
        read_objects("vouchers", page)


def timed(write: Callable[[Database, list[Row]], None], rows: list[Row], busy: bool, folder: Path) -> float:
    path = folder / f"desk-{time.perf_counter_ns()}.db"
    db = Database(path)
    with db.unit_of_work(write=True) as session:  # the vouchers' customer
        replica_store.upsert(session, "users", [(1, "Ada", "Lovelace", "ada@example.com", "", "", "", None, "M1",
                                                 "2024-05-01 09:30:00.000000")])  # fmt: skip
    stop = threading.Event()
    reader = threading.Thread(target=busy_reader, args=(stop,), daemon=True)
    if busy:
        reader.start()
    try:
        started = time.perf_counter()
        write(db, rows)
        return time.perf_counter() - started
    finally:
        stop.set()
        if busy:
            reader.join()
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000, help="rows stored in one transaction (a batch)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = voucher_rows(args.rows)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-writes-") as folder:
        for name, write in (("executemany (baseline)", one_step_per_row), ("multi-row statements", multi_row)):
            results[name] = {
                setting: round(min(timed(write, rows, busy, Path(folder)) for _ in range(args.repeat)), 3)
                for setting, busy in (("alone_s", False), ("beside_busy_reader_s", True))
            }
    report = {"rows": args.rows, "results": results, "switch_interval_s": sys.getswitchinterval()}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"Storing {args.rows:,} voucher rows in one transaction (wall s, fastest of {args.repeat})")
    print(f"  {'how':<26}{'alone':>10}{'beside a busy reader':>24}")
    for name, figures in results.items():
        print(f"  {name:<26}{figures['alone_s']:>10.3f}{figures['beside_busy_reader_s']:>24.3f}")


if __name__ == "__main__":
    main()
