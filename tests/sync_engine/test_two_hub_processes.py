"""The hub as two processes over one database (SQLite file, and PostgreSQL where a server is named): desks
talking to different processes get the same answers as from one — a key replayed across processes applies
once, a voucher redeemed through both is used once with one conflict, and concurrent pushes lose and double
nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hub_databases import HubDatabases
from sqlalchemy import Engine, func, select

from frontdesk.hub.models import ChangeLog
from sync_engine.helpers import DeskFactory, assert_no_lost_or_doubled, client, make_customers, sign_in

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_hub(url: str, folder: Path, name: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    log = (folder / f"{name}.log").open("wb")
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "server", "--db", url, "--port", str(port)],
                               cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hub {name} stopped: {(folder / f'{name}.log').read_text()}")
        try:
            httpx.post(f"{base}/v2/oauth/token", data={"grant_type": "password"}, timeout=1)
            return process, base
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"hub {name} did not start")


@pytest.fixture
def two_hubs(hub_databases: HubDatabases, tmp_path: Path) -> Iterator[tuple[Engine, str, str]]:
    with hub_databases.copy(tmp_path) as (engine, url):
        hubs = [_start_hub(url, tmp_path, name) for name in ("hub-1", "hub-2")]
        try:
            yield engine, hubs[0][1], hubs[1][1]
        finally:
            for process, _ in hubs:
                process.terminate()
                process.wait(timeout=30)


def _uses(engine: Engine, voucher_id: int) -> int:
    with engine.connect() as db:
        query = select(func.count()).where(ChangeLog.object_id == voucher_id, ChangeLog.to_status == "USED")
        return int(db.execute(query).scalar_one())


def test_a_key_replayed_to_the_other_process_applies_once(two_hubs: tuple[Engine, str, str]) -> None:
    engine, first, second = two_hubs
    [customer] = make_customers(engine, 1)
    voucher_id = customer.vouchers[0]
    body = {"status": "USED", "desk": "Desk A", "staff_name": "A"}
    answers = []
    for base in (first, second, first):
        token = sign_in(base, "desk")
        response = httpx.patch(f"{base}/v2/vouchers/{voucher_id}/", json=body, timeout=10,
                               headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "one-key"})  # fmt: skip
        answers.append((response.status_code, response.json()["status"]))
    assert answers == [(200, "USED")] * 3
    assert _uses(engine, voucher_id) == 1


def test_a_voucher_redeemed_through_both_processes_at_once_is_used_once(
    two_hubs: tuple[Engine, str, str], make_desk: DeskFactory
) -> None:
    engine, first, second = two_hubs
    customers = make_customers(engine, 10)
    desks = [make_desk("Desk A"), make_desk("Desk B")]
    tokens = [sign_in(base, "desk") for base in (first, second)]
    for desk, base, token in zip(desks, (first, second), tokens, strict=True):
        assert desk.sync(client(base, token)).complete
        for customer in customers:  # both desks offline-accepted every voucher
            desk.mark_used(customer.vouchers[0])
    start = threading.Barrier(2)
    summaries = []

    def push(index: int) -> None:
        start.wait()
        summaries.append(desks[index].sync(client((first, second)[index], tokens[index])))

    threads = [threading.Thread(target=push, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(s.pushed for s in summaries) == 10 and sum(s.refused for s in summaries) == 10
    assert all(_uses(engine, customer.vouchers[0]) == 1 for customer in customers)
    assert sum(len(desk.conflicts()) for desk in desks) == 10  # every double redemption explained once
    assert_no_lost_or_doubled(engine, desks)


def test_concurrent_pushes_through_both_processes_lose_and_double_nothing(
    two_hubs: tuple[Engine, str, str], make_desk: DeskFactory
) -> None:
    engine, first, second = two_hubs
    customers = make_customers(engine, 24, vouchers=2)
    desks = [make_desk(f"Desk {n}") for n in range(4)]
    bases = [first, second, first, second]
    tokens = [sign_in(base, "desk") for base in bases]
    for n, desk in enumerate(desks):
        assert desk.sync(client(bases[n], tokens[n])).complete
        for customer in customers[n::4]:  # each desk its own customers: every action should be accepted
            desk.mark_used(customer.vouchers[0])
            desk.mark_used(customer.vouchers[1])
    threads = [threading.Thread(target=lambda n=n: desks[n].sync(client(bases[n], tokens[n]))) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [entry.state for desk in desks for entry in desk.outbox()] == ["ACCEPTED"] * 48
    assert_no_lost_or_doubled(engine, desks)
