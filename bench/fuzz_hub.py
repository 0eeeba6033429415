"""The hub under a long run of malformed and hostile requests: none may be answered 500 or above, and its memory
must stay bounded. The long form of tests/sync/test_platform_fuzz.py, run by hand.

    .venv/bin/python bench/fuzz_hub.py [--requests 100000] [--customers 200] [--seed 1] [--json]

Then two kinds of hostile client, each measured on the same hub: eight clients at once each sending a 50 MB
body (the hub's memory before and at its highest), and 300 connections that send half a request and wait
(how many the hub has closed once its request timeout, 10 s, has passed).

`frontdesk server` runs in a process of its own over a fresh SQLite file with --customers demo customers and the
three staff roles; the requests come from tests/sync/hub_requests.py (hypothesis, generate phase only, a fixed
seed) over one kept-alive connection, reopened whenever the hub closes it. The hub's resident memory (Linux:
/proc/PID/status) is read every 1,000 requests. Exit status 1 if any answer was 500 or above, or broke the
protocol's error shape.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the requests come from the tests' generator
    sys.path.insert(0, str(ROOT))

from hub_process import hub_process  # noqa: E402

from tests.sync.hub_requests import ROLES, RawClient, RawRequest, requests  # noqa: E402

PASSWORDS = {role: f"{role}-fuzz-pass" for role in ROLES}
STAFF = {"desk": "FRONT_DESK", "manager": "EMPLOYEE", "admin": "ADMIN"}


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


@contextlib.contextmanager
def seeded_hub(folder: Path, customers: int) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    staff = [arg for role in ROLES for arg in ("--add-staff", f"{role}:{PASSWORDS[role]}:{STAFF[role]}")]
    with hub_process(folder / "hub.db", folder / "hub.log", "--seed-customers", str(customers), *staff) as running:
        yield running


def fuzz(port: int, pid: int, count: int, fixed_seed: int) -> dict[str, Any]:
    tokens = {}
    for role in ROLES:
        form = {"grant_type": "password", "username": role, "password": PASSWORDS[role]}
        tokens[role] = httpx.post(f"http://127.0.0.1:{port}/v2/oauth/token", data=form).json()["access_token"]
    client = RawClient("127.0.0.1", port, tokens)
    statuses: collections.Counter[int] = collections.Counter()
    problems: list[str] = []
    unanswered: list[str] = []
    memory = [rss_mb(pid)]
    started = time.perf_counter()

    @seed(fixed_seed)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(request=requests)
    def send(request: RawRequest) -> None:
        reply = client.send(request)
        if reply is None:
            unanswered.append(f"{request!r:.300}")
        else:
            statuses[reply.status] += 1
            problem = reply.problem()
            if problem is not None:
                problems.append(f"{problem} for {request!r:.300}")
        sent = sum(statuses.values()) + client.closed_unanswered
        if sent % 1000 == 0:
            memory.append(rss_mb(pid))
            print(f"{sent:>7} requests, hub {memory[-1]:.0f} MB", file=sys.stderr)

    send()
    elapsed = time.perf_counter() - started
    client.close()
    sent = sum(statuses.values()) + client.closed_unanswered
    return {
        "requests": sent,
        "seconds": round(elapsed, 1),
        "per_second": round(sent / elapsed),
        "statuses": dict(sorted(statuses.items())),
        "answered_500_or_above": sum(n for status, n in statuses.items() if status >= 500),
        "problems": len(problems),
        "first_problems": problems[:10],
        "closed_without_answer": client.closed_unanswered,
        "first_closed_without_answer": unanswered[:5],
        "hub_rss_mb": {
            "start": round(memory[0]),
            "after_10k": round(memory[min(10, len(memory) - 1)]),
            "end": round(memory[-1]),
            "peak": round(rss_mb(pid, "VmHWM")),
        },
    }


def big_bodies(port: int, pid: int, clients: int = 8, size: int = 50_000_000) -> dict[str, Any]:
    """`clients` at once, each sending a `size`-byte body as fast as the hub takes it."""
    before = rss_mb(pid)
    head = (f"PATCH /v2/vouchers/50000001/ HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n"
            "Content-Type: application/json\r\n\r\n").encode()  # fmt: skip
    chunk = b" " * 1_000_000
    answers: list[bytes] = []

    def send() -> None:
        with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
            with contextlib.suppress(OSError):  # the hub may close before it is all sent: that is the point
                sock.sendall(head)
                for _ in range(size // len(chunk)):
                    sock.sendall(chunk)
            with contextlib.suppress(OSError):
                answers.append(sock.recv(200))

    threads = [threading.Thread(target=send) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = collections.Counter(a.split(b" ")[1].decode() if a.startswith(b"HTTP/") else "reset" for a in answers)
    return {"clients": clients, "bytes_each": size, "answers": dict(statuses), "hub_rss_mb_before": round(before),
            "hub_rss_mb_after": round(rss_mb(pid)), "hub_rss_mb_peak": round(rss_mb(pid, "VmHWM"))}  # fmt: skip


def half_sent(port: int, connections: int = 300, wait: float = 12.0) -> dict[str, Any]:
    """`connections` that send half a request line and headers, then nothing."""
    socks = [socket.create_connection(("127.0.0.1", port), timeout=1) for _ in range(connections)]
    for sock in socks:
        sock.sendall(b"PATCH /v2/vouchers/1/ HTTP/1.1\r\nHost: x\r\nContent-Le")
    time.sleep(wait)
    closed = 0
    for sock in socks:
        try:
            closed += sock.recv(100) == b""
        except TimeoutError:
            pass  # still open
        except OSError:
            closed += 1
        sock.close()
    return {"connections": connections, "seconds_waited": wait, "closed_by_the_hub": closed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, seeded_hub(Path(folder), args.customers) as (server, port):
        report = fuzz(port, server.pid, args.requests, args.seed)
        report["big_bodies"] = big_bodies(port, server.pid)
        report["half_sent"] = half_sent(port)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        memory = report["hub_rss_mb"]
        print(f"{report['requests']:,} requests in {report['seconds']} s ({report['per_second']}/s): "
              f"{report['answered_500_or_above']} answered 500 or above, {report['problems']} problems, "
              f"{report['closed_without_answer']} closed without an answer; statuses {report['statuses']}; "
              f"hub memory {memory['start']} MB at start, {memory['after_10k']} MB after 10,000 requests, "
              f"{memory['end']} MB at the end, {memory['peak']} MB at most")  # fmt: skip
        for problem in report["first_problems"]:
            print("  " + problem)
        for request in report["first_closed_without_answer"]:
            print("  closed without an answer: " + request)
        big, half = report["big_bodies"], report["half_sent"]
        print(f"{big['clients']} clients sending {big['bytes_each']:,} bytes each at once: answers {big['answers']}, "
              f"hub memory {big['hub_rss_mb_before']} MB before, {big['hub_rss_mb_after']} MB after, "
              f"{big['hub_rss_mb_peak']} MB at most")  # fmt: skip
        print(f"{half['connections']} half-sent requests: {half['closed_by_the_hub']} closed by the hub after "
              f"{half['seconds_waited']:g} s")  # fmt: skip
    return 1 if report["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
