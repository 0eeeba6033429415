"""Sync benchmark: a desk's first load, a sync with nothing new, and pushing 10,000 queued staff actions, against
the reference platform run by uvicorn in its own process on 127.0.0.1 (client and server on separate cores, as
in reality), with a naive pull in the same run as the baseline.

    .venv/bin/python bench/sync.py [--customers 100000] [--also-million] [--json] [--push 10000]
                                   [--naive-customers 100000] [--nothing-new-runs 30] [--page-size 1000]

The platform database for N customers (seed_demo, seed 1: one connection and 0-3 vouchers per customer) is built
once under bench/data/platform-N.db and copied for each run, so pushes never change the cached file. Each size
gets a fresh, empty desk database, which loads as the window's first load does: in a process of its own
(services/first_load.py) with its batch size and durability, the search index built once beside the pull.

Every size is measured for real, 1,000,000 customers too (`--customers 1000000`): nothing is extrapolated. Each
pull also reports the CPU seconds the desk's process and the hub's process spent on it: the machine may be shared,
and CPU time moves less with its load than wall time does.

Naive baseline: what a straightforward client does — limit/offset pages of 100, one ORM `session.merge` per row
(a SELECT and an INSERT each, the search-index trigger per row), a commit per page. It pulls everything from a
hub of --naive-customers customers (100,000: about 13 minutes), in full, in the same run.

Push: --push staff actions queued on the desk go one PATCH each (as to a platform without batches: the baseline),
then as many actions undoing them go in batches (POST /v2/changes/), against the same hub; each with the CPU
seconds the desk's and the hub's processes spent on it.

Targets (docs/architecture.md §7): initial pull of 1,000,000 customers ≤ 60 s; a sync with nothing new ≤ 50 ms;
10,000 queued actions pushed ≤ 20 s (goal 10 s).
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
from frontdesk.services.first_load import sync_in_own_process  # noqa: E402
from frontdesk.services.platform_link import PlatformLink  # noqa: E402
from frontdesk.storage.database import Database  # noqa: E402
from frontdesk.storage.models import Connection, Customer, Voucher  # noqa: E402
from frontdesk.sync.client import PlatformClient  # noqa: E402
from frontdesk.sync.engine import SyncEngine  # noqa: E402
from frontdesk.sync.push import PushTally, push_outbox  # noqa: E402

DATA = ROOT / "bench" / "data"
STAFF_NAME, STAFF_PASSWORD = "bench", "bench-pass"
TARGET_MILLION_S = 60.0
TARGET_NOTHING_NEW_MS = 50.0
NAIVE_PAGE = 100


# -- the platform ------------------------------------------------------------------------------------------------


_HUB_PIDS: dict[str, int] = {}  # base URL -> the hub's process, for its CPU time


def process_cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) process `pid` has used so far; None where /proc is not there to say."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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
    with hub_process(db, log) as (server, port):
        url = f"http://127.0.0.1:{port}"
        _HUB_PIDS[url] = server.pid
        yield url


def signed_in(url: str) -> PlatformClient:
    client = PlatformClient(url, timeout=120)
    client.sign_in(STAFF_NAME, STAFF_PASSWORD)
    return client


# -- what the desk does ----------------------------------------------------------------------------------------------


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # children that ended and were waited for
    return usage.ru_utime + usage.ru_stime


def initial_pull(url: str, desk: Path, page_size: int) -> dict[str, Any]:
    """The first load as the window runs it: in a process of its own (services/first_load.py), its batches and
    durability; its CPU counted with this process's."""
    db = Database(desk)
    hub_pid = _HUB_PIDS[url]
    try:
        with signed_in(url) as client:
            link = PlatformLink(url, token=client.token, timeout=120)
        hub_cpu, desk_cpu, started = process_cpu_s(hub_pid), own_cpu_s() + children_cpu_s(), time.perf_counter()
        summary = sync_in_own_process(link, db, SystemClock(), page_size=page_size)
        seconds = time.perf_counter() - started
        desk_cpu, hub_after = own_cpu_s() + children_cpu_s() - desk_cpu, process_cpu_s(hub_pid)
    finally:
        db.close()
    if not summary.complete:
        raise RuntimeError(f"the initial pull stopped: {summary.problem}")
    objects = sum(summary.pulled.values())
    hub_cpu_s = None if hub_cpu is None or hub_after is None else round(hub_after - hub_cpu, 1)
    return {"seconds": round(seconds, 2), "pulled": summary.pulled, "objects": objects,
            "objects_per_s": round(objects / seconds), "page_size": page_size,
            "cpu_s": {"desk": round(desk_cpu, 1), "hub": hub_cpu_s},
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


PUSH_TARGET_S, PUSH_GOAL_S = 20.0, 10.0  # 10,000 queued actions pushed, desk and hub on the same 2 cores


def _timed_push(url: str, db: Database, clock: SystemClock, *, batches: bool) -> tuple[float, PushTally, str]:
    """Wall seconds, the tally, and the CPU seconds the desk's and the hub's processes spent on the push."""
    with signed_in(url) as client:
        client.takes_batches = batches  # False: as against a platform without POST /v2/changes/
        hub_pid = _HUB_PIDS[url]
        hub_cpu, desk_cpu, started = process_cpu_s(hub_pid), own_cpu_s(), time.perf_counter()
        tally = push_outbox(db, client, clock)
        seconds, desk_cpu, hub_after = time.perf_counter() - started, own_cpu_s() - desk_cpu, process_cpu_s(hub_pid)
    hub = "?" if hub_cpu is None or hub_after is None else f"{hub_after - hub_cpu:.1f}"
    return seconds, tally, f"CPU s desk {desk_cpu:.1f}, hub {hub}"


def queue_and_push(url: str, desk: Path, count: int, page_size: int) -> dict[str, Any]:
    """Queue `count` staff actions (4 in 5 voucher marks, the rest status changes) and push them one PATCH each (the
    baseline: a platform without batches); then queue as many undoing them (set back to unused, re-invite) and push
    those in batches (POST /v2/changes/)."""
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
    queued = len(vouchers) + len(customers)
    try:
        started = time.perf_counter()
        for voucher_id in vouchers:
            actions.mark_used(voucher_id=voucher_id)
        for customer_id in customers:
            actions.change_program_status(customer_id, ProgramStatus.INACTIVE)
        queued_s = time.perf_counter() - started
        one_by_one_s, one_by_one, one_by_one_cpu = _timed_push(url, db, clock, batches=False)
        for voucher_id in vouchers:
            actions.set_back_to_unused(voucher_id, "bench: marked by mistake")
        for customer_id in customers:
            actions.change_program_status(customer_id, ProgramStatus.PENDING)
        batched_s, batched, batched_cpu = _timed_push(url, db, clock, batches=True)
        with signed_in(url) as client:
            started = time.perf_counter()
            after = SyncEngine(db, client, clock, page_size=page_size).run()  # pulls back what the pushes changed
            after_s = time.perf_counter() - started
    finally:
        db.close()
    for tally in (one_by_one, batched):
        if tally.pushed != queued or tally.stopped_by or not after.complete:
            raise RuntimeError(f"push incomplete: {tally}")
    return {"actions": queued, "queue_s": round(queued_s, 2), "queue_per_s": round(queued / queued_s),
            "push_s": round(batched_s, 2), "push_per_s": round(queued / batched_s),
            "push_one_by_one_s": round(one_by_one_s, 2), "push_one_by_one_per_s": round(queued / one_by_one_s),
            "push_cpu": batched_cpu, "push_one_by_one_cpu": one_by_one_cpu,
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


def _naive_resource(client: PlatformClient, db: Database, resource_: Resource[Any],
                    to_row: Callable[[Any], Any]) -> tuple[int, float]:  # fmt: skip
    """Offset pages of 100, a merge per row, a commit per page, to the end."""
    stored, started = 0, time.perf_counter()
    while True:
        page = client.list_page(resource_, limit=NAIVE_PAGE, offset=stored)
        session: Session
        with db.unit_of_work() as session:
            for obj in page.objects:
                session.merge(to_row(obj))
        stored += len(page.objects)
        if len(page.objects) < NAIVE_PAGE:
            return stored, time.perf_counter() - started


def naive_pull(customers: int, work: Path) -> dict[str, Any]:
    """The naive first load of `customers` customers, in full, from a hub of its own."""
    source, _ = platform_file(customers)
    served, desk = work / f"naive-platform-{customers}.db", work / f"naive-desk-{customers}.db"
    shutil.copyfile(source, served)  # signing in writes a token: never into the cached file
    db = Database(desk)
    measured: dict[str, dict[str, Any]] = {}
    try:
        with platform_process(served, work / f"naive-server-{customers}.log") as url, signed_in(url) as client:
            plan: list[tuple[Resource[Any], Callable[[Any], Any]]] = [
                (USERS, _naive_customer), (CONNECTIONS, _naive_connection), (VOUCHERS, _naive_voucher)]  # fmt: skip
            for resource_, to_row in plan:
                stored, seconds = _naive_resource(client, db, resource_, to_row)
                measured[resource_.name] = {"objects": stored, "seconds": round(seconds, 2)}
    finally:
        db.close()
        for path in work.glob(f"naive-*-{customers}.db*"):
            path.unlink()
    objects = sum(m["objects"] for m in measured.values())
    seconds = sum(m["seconds"] for m in measured.values())
    return {"customers": customers, "objects": objects, "seconds": round(seconds, 2),
            "objects_per_s": round(objects / seconds), "page_size": NAIVE_PAGE, "per_resource": measured}  # fmt: skip


# -- one size, the report ---------------------------------------------------------------------------------------------


def run_size(customers: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    source, build_s = platform_file(customers)
    served = work / f"platform-{customers}.db"
    shutil.copyfile(source, served)  # pushes change the copy, never the cache
    desk = work / f"desk-{customers}.db"
    with platform_process(served, work / f"server-{customers}.log") as url:
        first = initial_pull(url, desk, args.page_size)
        quiet = nothing_new(url, desk, args.nothing_new_runs, args.page_size)
        push = queue_and_push(url, desk, args.push, args.page_size) if args.push else None
    for path in work.glob(f"*-{customers}.db*"):
        path.unlink()
    return {"customers": customers, "platform_build_s": None if build_s is None else round(build_s, 1),
            "initial_pull": first, "nothing_new": quiet, "push": push}  # fmt: skip


def table(report: dict[str, Any]) -> str:
    lines = [f"Sync benchmark: reference platform in its own uvicorn process, {report['cpus']} CPUs, "
             f"Python {report['python']}, SQLite {report['sqlite']}"]  # fmt: skip
    for run in report["runs"]:
        n, first, quiet, push = run["customers"], run["initial_pull"], run["nothing_new"], run["push"]
        pulled = ", ".join(f"{v:,} {k}" for k, v in first["pulled"].items())
        lines += ["", f"{n:,} customers ({pulled})", f"  {'step':<44}{'seconds':>10}{'per second':>14}   target"]
        verdict = ("met" if first["seconds"] <= TARGET_MILLION_S else "MISSED") if n == 1_000_000 else "(at 1M only)"
        cpu = first["cpu_s"]
        lines.append(f"  {'initial pull (page ' + str(first['page_size']) + ', keyset, bulk upsert)':<44}"
                     f"{first['seconds']:>10.2f}{first['objects_per_s']:>14,}   1M ≤ {TARGET_MILLION_S:.0f} s: "
                     f"{verdict}; CPU s desk {cpu['desk']}, hub {cpu['hub']}")  # fmt: skip
        quiet_verdict = "met" if quiet["p95_ms"] <= TARGET_NOTHING_NEW_MS else "MISSED"
        lines.append(f"  {'sync with nothing new (p50 / p95 / max ms)':<44}"
                     f"{quiet['p50_ms']:>6.1f} / {quiet['p95_ms']:.1f} / {quiet['max_ms']:.1f}"
                     f"      ≤ {TARGET_NOTHING_NEW_MS:.0f} ms: {quiet_verdict}")  # fmt: skip
        if push:
            lines.append(f"  {'queue ' + format(push['actions'], ',') + ' staff actions (StaffActions)':<44}"
                         f"{push['queue_s']:>10.2f}{push['queue_per_s']:>14,}")  # fmt: skip
            lines.append(f"  {'push them (one PATCH each, in order)':<44}{push['push_one_by_one_s']:>10.2f}"
                         f"{push['push_one_by_one_per_s']:>14,}   baseline; {push['push_one_by_one_cpu']}")  # fmt: skip
            seconds = push["push_s"]
            verdict = "goal met" if seconds <= PUSH_GOAL_S else "met" if seconds <= PUSH_TARGET_S else "MISSED"
            target = f"≤ {PUSH_TARGET_S:.0f} s (goal {PUSH_GOAL_S:.0f}): {verdict}"
            lines.append(f"  {'push as many in batches (POST /v2/changes/)':<44}{seconds:>10.2f}"
                         f"{push['push_per_s']:>14,}   {target}; {push['push_cpu']}")  # fmt: skip
            lines.append(f"  {'then sync (pulls back what changed)':<44}{push['sync_after_s']:>10.2f}")
    naive = report.get("naive_pull")
    if naive:
        ours = next((run["initial_pull"] for run in report["runs"] if run["customers"] == naive["customers"]), None)
        versus = f" ({naive['seconds'] / ours['seconds']:.1f}x our {ours['seconds']:.1f} s)" if ours else ""
        lines += ["", f"naive pull (page 100, offset, ORM merge) of {naive['customers']:,} customers, in full: "
                  f"{naive['seconds']:.1f} s, {naive['objects']:,} objects, "
                  f"{naive['objects_per_s']:,}/s{versus}"]  # fmt: skip
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--also-million", action="store_true", help="also run with 1,000,000 customers")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--push", type=int, default=10_000, help="staff actions to queue and push (0: skip)")
    parser.add_argument("--naive-customers", type=int, default=100_000,
                        help="customers the naive baseline pulls, in full (0: skip it)")  # fmt: skip
    parser.add_argument("--nothing-new-runs", type=int, default=30)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args()
    sizes = [args.customers] + ([1_000_000] if args.also_million and args.customers != 1_000_000 else [])
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        runs = [run_size(n, args, Path(folder)) for n in sizes]
        naive = naive_pull(args.naive_customers, Path(folder)) if args.naive_customers else None
    report = {"runs": runs, "naive_pull": naive, "loadavg_after": [round(x, 2) for x in os.getloadavg()],
              "targets": {"initial_pull_million_s": TARGET_MILLION_S, "nothing_new_ms": TARGET_NOTHING_NEW_MS},
              "cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
              "loadavg_before": [round(x, 2) for x in load_before],
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}  # fmt: skip
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
