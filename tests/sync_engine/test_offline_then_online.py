"""A desk works while the platform is down; when it comes back (same database, a new uvicorn on the same
port), one sync sends everything exactly once, in the order staff acted, and both sides agree."""

from __future__ import annotations

from pathlib import Path

from hub_databases import HubDatabases
from sqlalchemy import Engine, select

from frontdesk.domain.program import ProgramStatus as P
from frontdesk.hub import create_app
from frontdesk.hub.models import ChangeLog
from sync_engine.helpers import (
    DeskFactory,
    assert_converged,
    assert_no_lost_or_doubled,
    client,
    make_customers,
    serve_at,
    sign_in,
)


def test_actions_queued_while_the_platform_is_down_are_pushed_once_in_order(
    hub_databases: HubDatabases, tmp_path: Path, make_desk: DeskFactory
) -> None:
    with hub_databases.copy(tmp_path) as (engine, db_url):
        queued_while_down(engine, db_url, make_desk)


def queued_while_down(engine: Engine, db_url: str, make_desk: DeskFactory) -> None:
    people = make_customers(engine, 4, vouchers=2, statuses=(P.ACTIVE, P.PENDING, P.IMPORTED, P.INACTIVE))
    desk = make_desk("Desk A")
    with serve_at(create_app(db_url)) as url:
        platform_client = client(url, sign_in(url, "desk"))
        assert desk.sync(platform_client).complete
    # The platform is stopped: nothing listens on its port any more. The desk keeps working.
    steps = [
        (people[0].user_id, P.INACTIVE),
        (people[1].user_id, P.ACTIVE),
        (people[2].user_id, P.PENDING),
        (people[3].user_id, P.PENDING),
        (people[0].user_id, P.PENDING),  # re-invite after disconnecting: only valid after the first change
        (people[2].user_id, P.ACTIVE),
    ]
    for user_id, status in steps[:3]:
        desk.set_status(user_id, status)
    for person in people:
        desk.mark_used(person.vouchers[0])
    for user_id, status in steps[3:]:
        desk.set_status(user_id, status)

    for attempt in (1, 2):
        stopped = desk.sync(platform_client)
        assert (stopped.complete, stopped.pushed, stopped.refused, stopped.waiting) == (False, 0, 0, 10)
        assert stopped.problem_code == "platform_unavailable" and stopped.problem
        assert stopped.pulled == {"users": 0, "connections": 0, "vouchers": 0}
        entries = desk.outbox()
        assert [e.key for e in entries] == desk.made and {e.state for e in entries} == {"PENDING"}
        assert [e.attempts for e in entries] == [attempt] + [0] * 9  # later actions wait behind the first
        assert entries[0].last_error
    assert desk.connection(people[0].connection_id).status == "PENDING"  # the desk shows its own changes
    assert desk.voucher(people[3].vouchers[0]).status == "USED"

    port = int(url.rsplit(":", 1)[1])
    with serve_at(create_app(db_url), port) as again:
        assert again == url
        back = desk.sync(platform_client)  # the same client: it reconnects by itself
        assert (back.complete, back.pushed, back.refused, back.waiting, back.problem) == (True, 10, 0, 0, None)
        quiet = desk.sync(platform_client)
        assert (quiet.pushed, quiet.pulled) == (0, {"users": 0, "connections": 0, "vouchers": 0})

    with engine.connect() as db:
        applied = db.execute(select(ChangeLog.idempotency_key).order_by(ChangeLog.id)).scalars().all()
    assert applied == desk.made  # each once, in the order staff acted
    assert {e.state for e in desk.outbox()} == {"ACCEPTED"}
    assert_no_lost_or_doubled(engine, [desk])
    assert_converged(engine, [desk])
    statuses = {p.connection_id: desk.connection(p.connection_id).status for p in people}
    assert list(statuses.values()) == ["PENDING", "ACTIVE", "ACTIVE", "PENDING"]
    engine.dispose()
