"""A first load over a link with a round trip, as a desk far from its platform has: connections and vouchers
pulled side by side (the desk's way) against one after the other (the baseline), in the same run.

    .venv/bin/python bench/sync_latency.py [--customers 50000] [--rtt-ms 0,20,50] [--json]

Keyset pages come one after the other, so one pull pays a round trip per page whatever it fetches ahead; a
first load of N customers is about 3.5 N / 1,000 pages. Between the desk and the reference platform (its own
uvicorn process on 127.0.0.1) a proxy in this process delays every byte by half the round trip each way (no
bandwidth limit). Each run is a fresh desk pulling everything with the sync engine in this process; wall seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync import platform_file, platform_process, signed_in  # noqa: E402

from frontdesk.domain.clock import SystemClock  # noqa: E402
from frontdesk.storage.database import Database  # noqa: E402
from frontdesk.sync.engine import SyncEngine  # noqa: E402


async def _pipe(source: asyncio.StreamReader, target: asyncio.StreamWriter, delay_s: float) -> None:
    """Copy `source` to `target`, each chunk written `delay_s` after it arrived, in order."""
    loop = asyncio.get_running_loop()
    chunks: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def deliver() -> None:
        while True:
            due, data = await chunks.get()
            if not data:
                break
            await asyncio.sleep(max(0.0, due - loop.time()))
            target.write(data)
            await target.drain()
        target.close()

    delivering = asyncio.create_task(deliver())
    with contextlib.suppress(ConnectionError):
        while data := await source.read(65536):
            chunks.put_nowait((loop.time() + delay_s, data))
    chunks.put_nowait((0.0, b""))
    with contextlib.suppress(ConnectionError):
        await delivering


@contextlib.contextmanager
def latency_proxy(upstream_port: int, rtt_s: float) -> Iterator[str]:
    """A proxy on 127.0.0.1 to `upstream_port` adding `rtt_s` to every round trip; yields its base URL."""
    loop = asyncio.new_event_loop()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
        await asyncio.gather(_pipe(reader, up_writer, rtt_s / 2), _pipe(up_reader, writer, rtt_s / 2))

    async def serve() -> asyncio.Server:
        return await asyncio.start_server(handle, "127.0.0.1", 0)

    thread = threading.Thread(target=loop.run_forever, name="latency-proxy", daemon=True)
    thread.start()
    server = asyncio.run_coroutine_threadsafe(serve(), loop).result()
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        loop.call_soon_threadsafe(server.close)
        loop.call_soon_threadsafe(loop.stop)
        thread.join()


def first_load(url: str, desk: Path, side_by_side: bool) -> dict[str, Any]:
    db = Database(desk)
    try:
        with signed_in(url) as client:
            started = time.perf_counter()
            summary = SyncEngine(db, client, SystemClock(), side_by_side=side_by_side).run()
            seconds = time.perf_counter() - started
    finally:
        db.close()
    if not summary.complete:
        raise RuntimeError(f"the first load stopped: {summary.problem}")
    return {"seconds": round(seconds, 2), "objects": sum(summary.pulled.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--rtt-ms", default="0,20,50", help="round trips to measure, comma-separated")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rtts = [float(value) for value in args.rtt_ms.split(",")]
    source, _built = platform_file(args.customers)
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-latency-") as folder:
        served = Path(folder) / "platform.db"
        shutil.copyfile(source, served)
        with platform_process(served, Path(folder) / "server.log") as hub_url:
            port = int(hub_url.rsplit(":", 1)[1])
            for rtt in rtts:
                with latency_proxy(port, rtt / 1000) as url:
                    for label, side_by_side in (("one after the other (baseline)", False), ("side by side", True)):
                        desk = Path(folder) / f"desk-{rtt}-{side_by_side}.db"
                        runs.append({"rtt_ms": rtt, "how": label, **first_load(url, desk, side_by_side)})
                        for path in Path(folder).glob(f"{desk.name}*"):
                            path.unlink()
    report = {"customers": args.customers, "runs": runs}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"First load of {args.customers:,} customers through a link with a round trip (wall s)")
    print(f"  {'round trip':>10}  {'connections and vouchers':<32}{'seconds':>9}{'objects/s':>11}")
    for run in runs:
        print(f"  {run['rtt_ms']:>7.0f} ms  {run['how']:<32}{run['seconds']:>9.2f}"
              f"{round(run['objects'] / run['seconds']):>11,}")  # fmt: skip


if __name__ == "__main__":
    main()
