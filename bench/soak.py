"""Soak: staff actions and syncs killed with SIGKILL at hundreds of points, and three desks colliding on a voucher
through a thousand runs of network faults. Nothing may be lost, doubled or left stuck, every desk must end equal
to the hub, and every forced collision must end in one use and one explained conflict on each losing desk.

    .venv/bin/python bench/soak.py [--kill-points 500] [--fault-runs 1000] [--seed 1] [--short] [--json]

Kill points (tests/sync_engine/soak_kills.py): on one desk file a writer process (staff actions in a loop) and a
sync process run at the same time until both are killed with SIGKILL at a random moment; one round in four also
kills the hub (`frontdesk server`, a process of its own) right after it applied a change of the desk's push, and
starts it again on the same file and port. Each desk kill and each hub kill is a point. The desk file must open
after every kill; every 40 rounds the desk syncs until nothing waits and is checked, then a fresh hub and desk
begin (a first load to interrupt again).

Fault runs (tests/sync_engine/soak_faults.py): three desks reach a hub process through the fault proxy
(tests/sync_engine/proxy.py: drops, cut requests, lost answers, 5xx, slow answers, duplicates, cut and garbled
bodies on 30% of requests). Every run two or three desks mark the same new voucher as used while offline, then
all reconnect in a random order through the faults; once the faults stop, each desk syncs straight to the hub,
and the run checks the collision and the ledger.

Counted (tests/sync_engine/ledger.py): lost — an action in a desk's audit log that is neither waiting nor
settled, one the writer reported saved that the desk no longer holds, or a settled one the hub has no matching
answer for; doubled — a key applied twice on the hub, an action twice in an outbox, audit log or conflict list,
or a change the hub applied that no desk made; stuck — still waiting after recovery and the final syncs;
converged — every desk equal to the hub row by row (kill points: per episode; fault runs: per run).

Exit status 1 when anything was lost, doubled, stuck, not converged, a collision went undetected, or the soak
could not do what it set out to do; everything runs on 127.0.0.1 in a temporary folder and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the soak's desks, hub and checks live with the sync tests
    sys.path.insert(0, str(ROOT))

from frontdesk.storage.database import Database  # noqa: E402
from tests.sync_engine.soak_faults import FaultTally, run_fault_runs  # noqa: E402
from tests.sync_engine.soak_hub import start_forkserver  # noqa: E402
from tests.sync_engine.soak_kills import KillTally, run_kill_points  # noqa: E402

SHORT = {"kill_points": 30, "fault_runs": 20}  # the test suite's run (tests/sync_engine/test_soak.py)
LONG = {"kill_points": 500, "fault_runs": 1000}
SHOWN_PROBLEMS = 30


def _progress(line: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {line}", file=sys.stderr, flush=True)


def _kills(tally: KillTally, seconds: float) -> dict[str, Any]:
    found = tally.findings
    return {
        "points": tally.points, "desk_kills": tally.desk_kills, "hub_kills_mid_push": tally.hub_kills,
        "episodes": tally.episodes, "actions": found.actions, "reported_saved": tally.reported,
        "refused": tally.refused, "lost": len(found.lost), "doubled": len(found.doubled), "stuck": len(found.stuck),
        "converged": tally.converged, "seconds": round(seconds, 1),
    }  # fmt: skip


def _faults(tally: FaultTally, seconds: float) -> dict[str, Any]:
    found = tally.findings
    return {
        "runs": tally.runs, "worlds": tally.worlds, "actions": found.actions, "conflicts": tally.refused,
        "faults_injected": dict(sorted(tally.injected.items())), "collisions_forced": tally.collisions_forced,
        "collisions_detected": tally.collisions_detected, "lost": len(found.lost), "doubled": len(found.doubled),
        "stuck": len(found.stuck), "converged": tally.converged, "seconds": round(seconds, 1),
    }  # fmt: skip


def soak(kill_points: int, fault_runs: int, seed: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="frontdesk-soak-") as folder:
        start_forkserver(["tests.sync_engine.soak_kills", "tests.sync_engine.soak_faults"])
        desk_template = Path(folder) / "desk-template.db"
        Database(desk_template).close()
        started = time.perf_counter()
        kills = KillTally()
        if kill_points:
            kills = run_kill_points(kill_points, random.Random(seed * 2), Path(folder), desk_template, _progress)
        middle = time.perf_counter()
        faults = FaultTally()
        if fault_runs:
            faults = run_fault_runs(fault_runs, random.Random(seed * 2 + 1), Path(folder), desk_template, _progress)
        ended = time.perf_counter()
    problems = [*kills.problems, *faults.problems]
    for found in (kills.findings, faults.findings):
        problems += [f"lost: {p}" for p in found.lost] + [f"doubled: {p}" for p in found.doubled]
        problems += [f"stuck: {p}" for p in found.stuck]
    report = {
        "seed": seed, "cores": os.cpu_count(), "python": platform.python_version(),
        "points": kills.points, "runs": faults.runs,
        "lost": len(kills.findings.lost) + len(faults.findings.lost),
        "doubled": len(kills.findings.doubled) + len(faults.findings.doubled),
        "stuck": len(kills.findings.stuck) + len(faults.findings.stuck),
        "converged": kills.converged == kills.episodes and faults.converged == faults.runs,
        "collisions": {"forced": faults.collisions_forced, "detected": faults.collisions_detected},
        "kill_points": _kills(kills, middle - started), "fault_runs": _faults(faults, ended - middle),
        "problems": problems[:SHOWN_PROBLEMS], "problem_count": len(problems),
    }  # fmt: skip
    report["ok"] = not problems and kills.points >= kill_points and faults.runs == fault_runs
    return report


def print_table(report: dict[str, Any]) -> None:
    kills, faults = report["kill_points"], report["fault_runs"]
    print(f"Front Desk soak, seed {report['seed']} ({report['cores']} cores, Python {report['python']})\n")
    print(f"{'':<12} {'done':>6} {'actions':>8} {'lost':>5} {'doubled':>8} {'stuck':>6} {'converged':>18} "
          f"{'collisions found':>17} {'seconds':>8}")  # fmt: skip
    for name, row, converged, collisions in (
        ("kill points", kills, f"{kills['converged']} of {kills['episodes']} episodes", "-"),
        ("fault runs", faults, f"{faults['converged']} of {faults['runs']} runs",
         f"{faults['collisions_detected']} of {faults['collisions_forced']}"),
    ):  # fmt: skip
        done = row.get("points", row.get("runs"))
        print(f"{name:<12} {done:>6} {row['actions']:>8} {row['lost']:>5} {row['doubled']:>8} {row['stuck']:>6} "
              f"{converged:>18} {collisions:>17} {row['seconds']:>8}")  # fmt: skip
    print(f"\nkill points: {kills['desk_kills']} desk kills (writer and sync together), {kills['hub_kills_mid_push']} "
          f"hub kills mid-push; {kills['reported_saved']} actions reported saved; refused by the hub: "
          f"{kills['refused']}")  # fmt: skip
    injected = ", ".join(f"{name} {n}" for name, n in faults["faults_injected"].items()) or "none"
    print(f"fault runs: {faults['worlds']} worlds of 3 desks; conflicts {faults['conflicts']}; faults: {injected}")
    if report["problems"]:
        print(f"\n{report['problem_count']} problems, the first {len(report['problems'])}:")
        for problem in report["problems"]:
            print(f"  {problem}")
    verdict = "nothing lost, doubled or stuck; every desk converged; every collision detected"
    print(f"\n{'OK' if report['ok'] else 'FAILED'}: " + (verdict if report["ok"] else "see above"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kill-points", type=int, metavar="N", help=f"default {LONG['kill_points']}")
    parser.add_argument("--fault-runs", type=int, metavar="N", help=f"default {LONG['fault_runs']}")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--short",
        action="store_true",
        help=f"the test suite's size: {SHORT['kill_points']} kill points, {SHORT['fault_runs']} runs",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    sizes = SHORT if args.short else LONG
    kill_points = sizes["kill_points"] if args.kill_points is None else args.kill_points
    fault_runs = sizes["fault_runs"] if args.fault_runs is None else args.fault_runs
    if kill_points < 0 or fault_runs < 0:
        parser.error("--kill-points and --fault-runs take 0 or more")
    report = soak(kill_points, fault_runs, args.seed)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
