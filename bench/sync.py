"""Sync benchmark: a desk's first load, a sync with nothing new, and pushing 10,000 queued staff actions, against
the reference platform run by uvicorn in its own process on 127.0.0.1 (client and server on separate cores, as
in reality), with a naive pull in the same run as the baseline.

    .venv/bin/python bench/sync.py [--customers 100000] [--also-million] [--json] [--push 10000]
                                   [--naive-sample 5000] [--nothing-new-runs 30] [--page-size 1000]

The platform database for N customers (seed_demo, seed 1: one connection and 0-3 vouchers per customer) is built
once under bench/data/platform-N.db and copied for each run, so pushes never change the cached file. Each size
gets a fresh, empty desk database (its first load suspends the search index and rebuilds it once at the end).

Naive baseline: what a straightforward client does — limit/offset pages of 100, one ORM `session.merge` per row
(a SELECT and an INSERT each, the search-index trigger per row), a commit per page. It pulls the first
--naive-sample customers, their connections and vouchers; its time per resource is scaled to the full counts.

Targets (docs/architecture.md §7): initial pull of 1,000,000 customers ≤ 60 s; a sync with nothing new ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # runnable as `python bench/sync.py` without installing the project
    sys.path.insert(0, str(ROOT))

from hub_process import hub_process  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from frontdesk.domain.clock import SystemClock  # noqa: E402
from frontdesk.domain.program import ProgramStatus  # noqa: E402
from frontdesk.domain.staff import StaffMember, StaffRole  # noqa: E402
from frontdesk.hub import add_staff, make_engine, seed_demo  # noqa: E402
from frontdesk.hub.db import create_schema  # noqa: E402
from frontdesk.protocol.wire import CONNECTIONS, USERS, VOUCHERS, Resource  # noqa: E402
from frontdesk.protocol.wire import Connection as WireConnection  # noqa: E402
from frontdesk.protocol.wire import User as WireUser  # noqa: E402
from frontdesk.protocol.wire import Voucher as WireVoucher  # noqa: E402
from frontdesk.services.actions import StaffActions  # noqa: E402
from frontdesk.storage.database import Database  # noqa: E402
from frontdesk.storage.models import Connection, Customer, Voucher  # noqa: E402
from frontdesk.sync.client import PlatformClient  # noqa: E402
from frontdesk.sync.engine import SyncEngine  # noqa: E402
from frontdesk.sync.push import push_outbox  # noqa: E402

DATA = ROOT / "bench" / "data"
STAFF_NAME, STAFF_PASSWORD = "bench", "bench-pass"
TARGET_MILLION_S = 60.0
TARGET_NOTHING_NEW_MS = 50.0
NAIVE_PAGE = 100


# -- the platform ------------------------------------------------------------------------------------------------


def platform_file(customers: int) -> tuple[Path, float | None]:
    """The cached seeded platform database (built now if missing) and how long building it took."""
    path = DATA / f"platform-{customers}.db"
    if path.exists():
        return path, None
    DATA.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    engine = make_engine(str(part))
    create_schema(engine)
    add_staff(engine, STAFF_NAME, STAFF_PASSWORD, StaffRole.EMPLOYEE, cost=2**10)
    seed_demo(engine, customers=customers, seed=1)
    engine.dispose()  # folds the WAL back into the file before it is renamed
    part.replace(path)
    return path, time.perf_counter() - started


@contextlib.contextmanager
def platform_process(db: Path, log: Path) -> Iterator[str]:
    """`frontdesk server` (uvicorn) in a process of its own; yields its base URL."""
    with hub_process(db, log) as (_, port):
        yield f"http://127.0.0.1:{port}"


def signed_in(url: str) -> PlatformClient:
    client = PlatformClient(url, timeout=120)
    client.sign_in(STAFF_NAME, STAFF_PASSWORD)
    return client


# -- what the desk does ----------------------------------------------------------------------------------------------


def initial_pull(url: str, desk: Path, page_size: int) -> dict[str, Any]:
    db = Database(desk)
    try:
        with signed_in(url) as client:
            started = time.perf_counter()
            summary = SyncEngine(db, client, SystemClock(), page_size=page_size).run()
            seconds = time.perf_counter() - started
    finally:
        db.close()
    if not summary.complete:
        raise RuntimeError(f"the initial pull stopped: {summary.problem}")
    objects = sum(summary.pulled.values())
    return {"seconds": round(seconds, 2), "pulled": summary.pulled, "objects": objects,
            "objects_per_s": round(objects / seconds), "page_size": page_size,
            "desk_mb": round(desk.stat().st_size / 2**20, 1)}  # fmt: skip


def _ms_summary(samples: list[float]) -> dict[str, Any]:
    ordered = sorted(samples)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2),
            "max_ms": round(ordered[-1], 2), "runs": len(ordered)}  # fmt: skip


def nothing_new(url: str, desk: Path, runs: int, page_size: int) -> dict[str, Any]:
    db = Database(desk)
    samples = []
    try:
        with signed_in(url) as client:
            engine = SyncEngine(db, client, SystemClock(), page_size=page_size)
            engine.run()  # warm: connection open, pages cached
            for _ in range(runs):
                started = time.perf_counter()
                summary = engine.run()
                samples.append((time.perf_counter() - started) * 1000)
                if not summary.complete or sum(summary.pulled.values()) > 0 or summary.pushed > 0:
                    raise RuntimeError(f"a sync with nothing new did something: {summary}")
    finally:
        db.close()
    return _ms_summary(samples)


def queue_and_push(url: str, desk: Path, count: int, page_size: int) -> dict[str, Any]:
    """Queue `count` staff actions (4 in 5 voucher marks, the rest status changes), then push them."""
    db = Database(desk)
    clock = SystemClock()
    actions = StaffActions(db, StaffMember("Bench", StaffRole.EMPLOYEE, "Bench Desk", "Downtown"), clock)
    marks = count * 4 // 5
    with db.unit_of_work() as session:
        soon = clock.now() + timedelta(days=1)
        vouchers = list(session.scalars(select(Voucher.id).where(Voucher.status == "UNUSED", Voucher.expires_at > soon)
                                        .order_by(Voucher.id).limit(marks)))  # fmt: skip
        customers = list(session.scalars(select(Connection.customer_id).where(Connection.status == "ACTIVE")
                                         .order_by(Connection.id).limit(count - len(vouchers))))  # fmt: skip
    try:
        started = time.perf_counter()
        for voucher_id in vouchers:
            actions.mark_used(voucher_id=voucher_id)
        for customer_id in customers:
            actions.change_program_status(customer_id, ProgramStatus.INACTIVE)
        queued_s = time.perf_counter() - started
        queued = len(vouchers) + len(customers)
        with signed_in(url) as client:
            started = time.perf_counter()
            tally = push_outbox(db, client, clock)
            push_s = time.perf_counter() - started
            started = time.perf_counter()
            after = SyncEngine(db, client, clock, page_size=page_size).run()  # pulls back what the push changed
            after_s = time.perf_counter() - started
    finally:
        db.close()
    if tally.pushed != queued or tally.stopped_by or not after.complete:
        raise RuntimeError(f"push incomplete: {tally}")
    return {"actions": queued, "queue_s": round(queued_s, 2), "queue_per_s": round(queued / queued_s),
            "push_s": round(push_s, 2), "push_per_s": round(queued / push_s),
            "sync_after_s": round(after_s, 2), "sync_after_pulled": after.pulled}  # fmt: skip


# -- the naive baseline -------------------------------------------------------------------------------------------


def _naive_customer(u: WireUser) -> Customer:
    primary = next((e.email for e in u.emails if e.is_primary), "")
    return Customer(id=u.user_id, first_name=u.first_name, last_name=u.last_name, email=primary,
                    other_emails="\n".join(e.email for e in u.emails if e.email != primary),
                    phone=u.phone_number or "", phone_digits="".join(c for c in u.phone_number or "" if c.isdigit()),
                    birthday=u.birthday, member_number=u.member_number or "", last_mod_dt=u.last_mod_dt)  # fmt: skip


def _naive_connection(c: WireConnection) -> Connection:
    return Connection(id=c.connection_id, customer_id=c.user_id, status=c.status.value, point_balance=c.point_balance,
                      home_location=c.home_location or "", membership_status=c.membership_status.value,
                      last_mod_dt=c.last_mod_dt)  # fmt: skip


def _naive_voucher(v: WireVoucher) -> Voucher:
    return Voucher(id=v.voucher_id, customer_id=v.user_id, code=v.code, external_coupon_code=v.external_coupon_code,
                   title=v.title, status=v.status.value, points=v.points, created_at=v.created_dt,
                   expires_at=v.expires_dt, used_at=v.used_dt, used_location=v.used_location,
                   used_by_desk=v.used_by_desk, used_by_staff=v.used_by_staff, last_mod_dt=v.last_mod_dt)  # fmt: skip


def _naive_resource(client: PlatformClient, db: Database, resource_: Resource[Any], to_row: Callable[[Any], Any],
                    keep: Callable[[Any], bool], cap: int) -> tuple[int, float]:  # fmt: skip
    """Offset pages of 100, a merge per row, a commit per page; stops at the first object `keep` refuses."""
    stored, offset, started = 0, 0, time.perf_counter()
    while stored < cap:
        page = client.list_page(resource_, limit=NAIVE_PAGE, offset=offset)
        wanted = [o for o in page.objects if keep(o)]
        session: Session
        with db.unit_of_work() as session:
            for obj in wanted:
                session.merge(to_row(obj))
        stored += len(wanted)
        offset += len(page.objects)
        if len(wanted) < len(page.objects) or len(page.objects) < NAIVE_PAGE:
            break
    return stored, time.perf_counter() - started


def naive_pull(url: str, desk: Path, sample: int, totals: dict[str, int]) -> dict[str, Any]:
    db = Database(desk)
    measured: dict[str, dict[str, Any]] = {}
    try:
        with signed_in(url) as client:
            plan: list[tuple[Resource[Any], Callable[[Any], Any], Callable[[Any], bool], int]] = [
                (USERS, _naive_customer, lambda u: u.user_id <= sample, sample),
                (CONNECTIONS, _naive_connection, lambda c: c.user_id <= sample, sample),
                (VOUCHERS, _naive_voucher, lambda v: v.user_id <= sample, 10 * sample),
            ]
            for resource_, to_row, keep, cap in plan:
                stored, seconds = _naive_resource(client, db, resource_, to_row, keep, cap)
                scale = totals[resource_.name] / max(stored, 1)
                measured[resource_.name] = {"objects": stored, "seconds": round(seconds, 2),
                                            "scaled_s": round(seconds * scale, 1)}  # fmt: skip
    finally:
        db.close()
    objects = sum(m["objects"] for m in measured.values())
    seconds = sum(m["seconds"] for m in measured.values())
    return {"sample_customers": sample, "objects": objects, "seconds": round(seconds, 2),
            "objects_per_s": round(objects / seconds), "page_size": NAIVE_PAGE,
            "estimated_full_s": round(sum(m["scaled_s"] for m in measured.values()), 1),
            "per_resource": measured}  # fmt: skip


# -- one size, the report ---------------------------------------------------------------------------------------------


def run_size(customers: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    source, build_s = platform_file(customers)
    served = work / f"platform-{customers}.db"
    shutil.copyfile(source, served)  # pushes change the copy, never the cache
    desk, naive_desk = work / f"desk-{customers}.db", work / f"naive-{customers}.db"
    with platform_process(served, work / f"server-{customers}.log") as url:
        first = initial_pull(url, desk, args.page_size)
        quiet = nothing_new(url, desk, args.nothing_new_runs, args.page_size)
        naive = naive_pull(
            url, naive_desk, min(args.naive_sample, customers), first["pulled"]
        )  # before pushes move rows
        push = queue_and_push(url, desk, args.push, args.page_size) if args.push else None
    for path in work.glob(f"*-{customers}.db*"):
        path.unlink()
    scaled = first["seconds"] * 1_000_000 / customers
    return {"customers": customers, "platform_build_s": None if build_s is None else round(build_s, 1),
            "initial_pull": first, "initial_pull_scaled_to_million_s": round(scaled, 1),
            "nothing_new": quiet, "push": push, "naive_pull": naive,
            "speedup_vs_naive": round(naive["estimated_full_s"] / first["seconds"], 1)}  # fmt: skip


def table(report: dict[str, Any]) -> str:
    lines = [f"Sync benchmark: reference platform in its own uvicorn process, {report['cpus']} CPUs, "
             f"Python {report['python']}, SQLite {report['sqlite']}"]  # fmt: skip
    for run in report["runs"]:
        n, first, quiet, push, naive = (run["customers"], run["initial_pull"], run["nothing_new"], run["push"],
                                        run["naive_pull"])  # fmt: skip
        pulled = ", ".join(f"{v:,} {k}" for k, v in first["pulled"].items())
        lines += ["", f"{n:,} customers ({pulled})", f"  {'step':<44}{'seconds':>10}{'per second':>14}   target"]
        million = run["initial_pull_scaled_to_million_s"]
        verdict = "met" if million <= TARGET_MILLION_S else "MISSED"
        lines.append(f"  {'initial pull (page ' + str(first['page_size']) + ', keyset, bulk upsert)':<44}"
                     f"{first['seconds']:>10.2f}{first['objects_per_s']:>14,}   1M ≤ {TARGET_MILLION_S:.0f} s: "
                     f"{million:.0f} s scaled, {verdict}")  # fmt: skip
        lines.append(f"  {'naive pull (page 100, offset, ORM merge)':<44}{naive['estimated_full_s']:>10.1f}"
                     f"{naive['objects_per_s']:>14,}   estimated from {naive['objects']:,} objects "
                     f"({run['speedup_vs_naive']}x slower than ours)")  # fmt: skip
        quiet_verdict = "met" if quiet["p95_ms"] <= TARGET_NOTHING_NEW_MS else "MISSED"
        lines.append(f"  {'sync with nothing new (p50 / p95 / max ms)':<44}"
                     f"{quiet['p50_ms']:>6.1f} / {quiet['p95_ms']:.1f} / {quiet['max_ms']:.1f}"
                     f"      ≤ {TARGET_NOTHING_NEW_MS:.0f} ms: {quiet_verdict}")  # fmt: skip
        if push:
            lines.append(f"  {'queue ' + format(push['actions'], ',') + ' staff actions (StaffActions)':<44}"
                         f"{push['queue_s']:>10.2f}{push['queue_per_s']:>14,}")  # fmt: skip
            lines.append(
                f"  {'push them (one PATCH each, in order)':<44}{push['push_s']:>10.2f}{push['push_per_s']:>14,}"
            )
            lines.append(f"  {'then sync (pulls back what changed)':<44}{push['sync_after_s']:>10.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--also-million", action="store_true", help="also run with 1,000,000 customers")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--push", type=int, default=10_000, help="staff actions to queue and push (0: skip)")
    parser.add_argument("--naive-sample", type=int, default=5_000, help="customers the naive baseline pulls")
    parser.add_argument("--nothing-new-runs", type=int, default=30)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args()
    sizes = [args.customers] + ([1_000_000] if args.also_million and args.customers != 1_000_000 else [])
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        runs = [run_size(n, args, Path(folder)) for n in sizes]
    report = {"runs": runs, "targets": {"initial_pull_million_s": TARGET_MILLION_S,
                                        "nothing_new_ms": TARGET_NOTHING_NEW_MS},
              "cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
              "loadavg_before": [round(x, 2) for x in load_before],
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}  # fmt: skip
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
