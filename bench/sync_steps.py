"""Where each millisecond of a pulled page goes, step by step, on both sides of a first load.

    .venv/bin/python bench/sync_steps.py [--customers 100000] [--page-size 1000] [--json]

Hub (in this process, on the seeded platform file, no HTTP): query (hub/listing.page_rows), serialise (the page's
objects from its rows) and JSON (the answer's bytes), for every page of every resource, walked by keyset as a
desk's first pull asks. Desk (against `frontdesk server` in its own process, real HTTP): HTTP (request sent →
body read; includes the hub's own work), JSON (orjson), parse (the envelope and every object's checks, straight
into replica rows: wire_rows.py), check (customers missing, staff changes waiting), write (upsert and commit
per batch of BATCH_ROWS, as the engine does) — one step after the other, not overlapped, so each is timed alone.
Figures are ms per page of --page-size objects, as CPU time of this process (the machine is shared: CPU time
moves less with the load than wall time) and, for HTTP, wall time; and objects/s of each side alone.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

import httpx
import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync import platform_file, platform_process, signed_in  # noqa: E402

from frontdesk.hub import make_engine  # noqa: E402
from frontdesk.hub.listing import COLLECTIONS, _meta, page_rows  # noqa: E402
from frontdesk.hub.serialize import page_json  # noqa: E402
from frontdesk.protocol.wire import Cursor, Page, format_dt  # noqa: E402
from frontdesk.storage import replica_store  # noqa: E402
from frontdesk.storage.database import Database  # noqa: E402
from frontdesk.storage.search_index import resume_index, suspend_index  # noqa: E402
from frontdesk.sync import cursors, replica, wire_rows  # noqa: E402
from frontdesk.sync.pull import BATCH_ROWS  # noqa: E402

X = TypeVar("X")
NAMES = ("users", "connections", "vouchers")


class Steps:
    """CPU seconds (and wall seconds) per resource and step, and the pages and objects they covered."""

    def __init__(self) -> None:
        self.cpu: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.wall: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.pages: dict[str, int] = defaultdict(int)
        self.objects: dict[str, int] = defaultdict(int)

    def time(self, resource: str, step: str, work: Callable[[], X]) -> X:
        cpu, wall = time.thread_time(), time.perf_counter()
        result = work()
        self.cpu[resource][step] += time.thread_time() - cpu
        self.wall[resource][step] += time.perf_counter() - wall
        return result

    def report(self, wall_steps: tuple[str, ...] = ()) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in NAMES:
            pages, objects = max(self.pages[name], 1), self.objects[name]
            chosen = {step: (self.wall if step in wall_steps else self.cpu)[name][step] for step in self.cpu[name]}
            total = sum(chosen.values())
            out[name] = {"pages": self.pages[name], "objects": objects,
                         "ms_per_page": {step: round(s * 1000 / pages, 2) for step, s in chosen.items()},
                         "total_ms_per_page": round(total * 1000 / pages, 2),
                         "objects_per_s": round(objects / total) if total else None}  # fmt: skip
        return out


def hub_steps(platform_db: Path, page_size: int) -> dict[str, Any]:
    engine = make_engine(str(platform_db))
    steps = Steps()
    try:
        for name in NAMES:
            coll, path = COLLECTIONS[name], f"/v2/{name}/"
            params = {"limit": str(page_size)}
            while True:
                page = steps.time(name, "query", lambda: page_rows(engine, coll, params))  # noqa: B023
                objects = steps.time(name, "serialise", lambda: coll.page_objects(page.rows))  # noqa: B023
                meta = _meta(params, path, page.limit, page.offset, page.total, objects, coll.id_column)
                steps.time(name, "json", lambda: page_json(meta, objects))  # noqa: B023
                steps.pages[name] += 1
                steps.objects[name] += len(objects)
                if meta["next"] is None:
                    break
                params = dict(parse_qsl(urlsplit(str(meta["next"])).query))
    finally:
        engine.dispose()
    return steps.report()


def desk_steps(url: str, desk: Path, page_size: int, token: str) -> dict[str, Any]:
    db = Database(desk)
    steps = Steps()
    headers = {"Authorization": f"Bearer {token}"}
    try:
        with db.unit_of_work(write=True) as session:
            suspend_index(session)  # as a first load does
        with httpx.Client(base_url=url, timeout=120, headers=headers) as http:
            for name in NAMES:
                cursor: Cursor | None = None
                batch: list[replica_store.Row] = []
                while True:
                    params: dict[str, str | int] = {"limit": page_size}
                    if cursor is not None:
                        params.update(last_mod_dt__gte=format_dt(cursor.last_mod_dt), after_id=cursor.id)
                    body = steps.time(name, "http", lambda: http.get(f"/v2/{name}/", params=params).content)  # noqa: B023
                    data = steps.time(name, "json", lambda: orjson.loads(body))  # noqa: B023

                    def parse() -> tuple[list[replica_store.Row], list[wire_rows.Key]]:
                        page = Page.from_json(data, wire_rows.RAW[name])  # noqa: B023
                        return wire_rows.read_objects(name, page.objects)  # noqa: B023

                    rows, keys = steps.time(name, "parse", parse)
                    steps.pages[name] += 1
                    steps.objects[name] += len(rows)
                    batch += rows
                    done = len(rows) < page_size
                    if rows:
                        cursor = Cursor(*keys[-1])
                    if len(batch) >= BATCH_ROWS or (done and batch):
                        store(db, name, batch, cursor, steps)
                        batch = []
                    if done:
                        break
        started = time.perf_counter()
        with db.unit_of_work() as session:
            resume_index(session)
        index_s = time.perf_counter() - started
    finally:
        db.close()
    return {**steps.report(wall_steps=("http",)), "index_rebuild_s": round(index_s, 2)}


def store(db: Database, name: str, rows: list[replica_store.Row], cursor: Cursor | None, steps: Steps) -> None:
    def check() -> None:
        with db.unit_of_work() as session:
            if name != "users":
                replica_store.missing_customers(session, (row[1] for row in rows))
                replica_store.waiting_targets(session, name, replica.KIND_OF_TABLE[name], rows, "")

    def write() -> None:
        with db.unit_of_work(write=True) as session:
            replica_store.upsert(session, name, rows)
            cursors.save(session, name, cursor, None)

    steps.time(name, "check", check)
    steps.time(name, "write", write)


def table(report: dict[str, Any]) -> str:
    lines = [f"Per page of {report['page_size']} objects, {report['customers']:,} customers (load before "
             f"{report['loadavg_before']}, after {report['loadavg_after']}); ms of CPU, HTTP ms of wall "
             "time"]  # fmt: skip
    for side in ("hub", "desk"):
        lines.append(f"\n{side}:")
        for name in NAMES:
            r = report[side][name]
            steps = "  ".join(f"{step} {ms:.2f}" for step, ms in r["ms_per_page"].items())
            lines.append(f"  {name:<12} {r['total_ms_per_page']:>7.2f} ms/page = {steps}   "
                         f"({r['objects']:,} objects, {r['objects_per_s']:,}/s alone)")  # fmt: skip
    lines.append(f"\ndesk: search index rebuilt once at the end in {report['desk']['index_rebuild_s']} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    platform_db, _ = platform_file(args.customers)
    report: dict[str, Any] = {"customers": args.customers, "page_size": args.page_size,
                              "loadavg_before": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    report["hub"] = hub_steps(platform_db, args.page_size)
    with (
        tempfile.TemporaryDirectory(prefix="bench-sync-steps-") as folder,
        platform_process(platform_db, Path(folder) / "server.log") as url,
        signed_in(url) as client,
    ):
        assert client.token is not None
        report["desk"] = desk_steps(url, Path(folder) / "desk.db", args.page_size, client.token)
    report["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2) if args.json else table(report))


if __name__ == "__main__":
    main()
