"""The soak in its short form (bench/soak.py --short runs the long one's code at a size CI can afford), and the
ledger it counts with: each kind of damage it claims to find, made by hand on a real hub and desk, is counted
under the right name, so a soak that reports zeros has looked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sync.helpers import Platform

from frontdesk.domain.staff import StaffRole
from frontdesk.storage.database import Database
from sync_engine.helpers import Desk, DeskFactory, client, make_customers, sign_in
from sync_engine.ledger import count_actions, desk_replica, platform_replica, replica_differences

ROOT = Path(__file__).resolve().parents[2]
SOAK_SEED = 20261101


def two_synced_marks(platform: Platform, make_desk: DeskFactory) -> tuple[Desk, list[str]]:
    people = make_customers(platform.engine, 2, vouchers=1)
    desk = make_desk("Desk A", StaffRole.EMPLOYEE)  # may set a voucher back, too
    online = client(platform.base_url, sign_in(platform.base_url, desk.account))
    assert desk.sync(online).complete
    keys = [desk.mark_used(person.vouchers[0]) for person in people]
    assert desk.sync(online).complete
    return desk, keys


def on_hub(engine: Engine, sql: str, **params: object) -> None:
    with engine.begin() as db:
        db.execute(text(sql), params)


def on_desk(db: Database, sql: str, **params: object) -> None:
    with db.unit_of_work(write=True) as session:
        session.execute(text(sql), params)


CHANGE_COLUMNS = "resource, object_id, from_status, to_status, reason, desk, staff_name, account, acted_at, applied_at"
AUDIT_COLUMNS = (
    "at, desk, staff_name, staff_role, action, customer_id, target_kind, target_id, from_value, to_value, reason, "
    "outbox_key"
)
Damage = Callable[[Platform, Desk, str], None]


def hub_forgets_its_answer(platform: Platform, _desk: Desk, key: str) -> None:
    on_hub(platform.engine, "DELETE FROM idempotency_keys WHERE key = :key", key=key)


def hub_applies_twice(platform: Platform, _desk: Desk, key: str) -> None:
    on_hub(platform.engine, f"INSERT INTO change_log (idempotency_key, {CHANGE_COLUMNS}) "
                            f"SELECT idempotency_key, {CHANGE_COLUMNS} FROM change_log WHERE idempotency_key = :key",
           key=key)  # fmt: skip


def hub_applies_what_no_desk_made(platform: Platform, _desk: Desk, key: str) -> None:
    on_hub(platform.engine, f"INSERT INTO change_log (idempotency_key, {CHANGE_COLUMNS}) "
                            f"SELECT 'made-up-key', {CHANGE_COLUMNS} FROM change_log WHERE idempotency_key = :key",
           key=key)  # fmt: skip


def desk_audits_twice(_platform: Platform, desk: Desk, key: str) -> None:
    on_desk(desk.db, f"INSERT INTO audit_log ({AUDIT_COLUMNS}) SELECT {AUDIT_COLUMNS} FROM audit_log "
                     "WHERE outbox_key = :key", key=key)  # fmt: skip


def desk_drops_the_outbox_entry(_platform: Platform, desk: Desk, key: str) -> None:
    on_desk(desk.db, "DELETE FROM outbox WHERE key = :key", key=key)


def desk_settles_without_sending(_platform: Platform, desk: Desk, _key: str) -> None:
    key = desk.set_back(desk.outbox()[0].target_id)
    on_desk(desk.db, "UPDATE outbox SET state = 'ACCEPTED' WHERE key = :key", key=key)


def desk_never_sends(_platform: Platform, desk: Desk, _key: str) -> None:
    desk.set_back(desk.outbox()[0].target_id)


@pytest.mark.parametrize(
    ("damage", "lost", "doubled", "stuck"),
    [
        (hub_forgets_its_answer, 1, 0, 0),
        (hub_applies_twice, 0, 1, 0),
        (hub_applies_what_no_desk_made, 0, 1, 0),
        (desk_audits_twice, 0, 1, 0),
        (desk_drops_the_outbox_entry, 2, 1, 0),  # audited and reported saved, yet gone; the hub applied it
        (desk_settles_without_sending, 1, 0, 0),
        (desk_never_sends, 0, 0, 1),
    ],
)
def test_the_ledger_names_each_kind_of_damage(
    platform: Platform, make_desk: DeskFactory, damage: Damage, lost: int, doubled: int, stuck: int
) -> None:
    desk, keys = two_synced_marks(platform, make_desk)
    clean = count_actions(platform.engine, {desk.name: desk.db}, {desk.name: keys})
    assert (clean.actions, clean.lost, clean.doubled, clean.stuck) == (2, [], [], [])

    damage(platform, desk, keys[0])
    found = count_actions(platform.engine, {desk.name: desk.db}, {desk.name: keys})
    assert (len(found.lost), len(found.doubled), len(found.stuck)) == (lost, doubled, stuck), found


def test_the_ledger_counts_an_action_reported_saved_that_the_desk_never_held(
    platform: Platform, make_desk: DeskFactory
) -> None:
    desk, keys = two_synced_marks(platform, make_desk)
    found = count_actions(platform.engine, {desk.name: desk.db}, {desk.name: [*keys, "reported-but-never-saved"]})
    assert found.lost == ["Desk A: key reported-but-never-saved reported saved but not on the desk"]


def test_a_desk_row_that_differs_from_the_hub_is_found(platform: Platform, make_desk: DeskFactory) -> None:
    desk, _keys = two_synced_marks(platform, make_desk)
    assert replica_differences(desk_replica(desk.db), platform_replica(platform.engine)) == {}
    on_desk(
        desk.db, "UPDATE vouchers SET used_by_desk = 'Somewhere else' WHERE id = :id", id=desk.outbox()[0].target_id
    )
    assert list(replica_differences(desk_replica(desk.db), platform_replica(platform.engine))) == ["vouchers"]


def test_the_short_soak_loses_doubles_and_strands_nothing_and_detects_every_collision() -> None:
    argv = [sys.executable, str(ROOT / "bench" / "soak.py"), "--short", "--json", "--seed", str(SOAK_SEED)]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.stdout, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["problems"] == []
    assert (report["lost"], report["doubled"], report["stuck"], report["converged"]) == (0, 0, 0, True)
    kills, faults = report["kill_points"], report["fault_runs"]
    assert report["points"] == kills["points"] >= 30
    assert kills["desk_kills"] >= 24 and kills["hub_kills_mid_push"] >= 6  # both sides were killed, repeatedly
    assert kills["actions"] >= kills["reported_saved"] > 0  # the writer got work done between kills
    assert report["runs"] == faults["runs"] == 20
    assert report["collisions"] == {"forced": 20, "detected": 20}
    assert sum(faults["faults_injected"].values()) >= 20  # the runs went through faults, not a clean line
    assert faults["conflicts"] >= 20  # at least one explained conflict per forced collision
    assert (done.returncode, report["ok"]) == (0, True)
