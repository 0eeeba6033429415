"""An action's own confirmation: right after a staff action is saved on the desk, it is sent to the platform and
the desk waits a moment for the answer, so the screen shows the platform's word instead of the desk's hope.

The action is pushed exactly as the sync pushes it (same outbox entry, same idempotency key, in order after
whatever still waits before it), so a confirmation and a background sync sending it at the same time are one
change on the platform and one answer on the desk. No answer in time → the action stays in the outbox and is
sent later: the desk says "kept", never "done".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.dto import Confirmation, PlatformAnswer
from frontdesk.storage import outbox
from frontdesk.storage.database import Database
from frontdesk.storage.outbox import OutboxState
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.push import PushTally, push_outbox

log = logging.getLogger(__name__)
CONFIRM_WAIT_S = 1.5  # staff wait this long at most for the platform's answer; then the desk says "kept"
SHOWN_AT_ONCE = "shown at once"  # how a refusal staff saw on the spot is acknowledged

Confirmer = Callable[[str], PlatformAnswer]  # outbox key → the platform's answer (or why there is none yet)


NO_ANSWER = QT_TRANSLATE_NOOP("Actions", "it could not be reached or did not answer in time")


def kept(why: str = NO_ANSWER) -> PlatformAnswer:
    """`why` in plain words (a sign-in problem, no answer); never a driver's error text."""
    return PlatformAnswer(
        Confirmation.KEPT,
        QT_TRANSLATE_NOOP(
            "Actions",
            "Saved on this desk but not confirmed by the loyalty platform yet: {why:clause}. It will be sent "
            "automatically.",
        ).fill(why=why),
    )


def confirm_action(db: Database, client: PlatformClient, clock: Clock, key: str, *, staff_name: str,
                   wait_s: float = CONFIRM_WAIT_S) -> PlatformAnswer:  # fmt: skip
    """Send the action `key` (and what waits before it) and read back what the platform said."""
    with db.unit_of_work() as session:
        seq = outbox.seq_of(session, key)
    if seq is None:
        raise FrontDeskError(QT_TRANSLATE_NOOP("Actions", "That change is not on this desk."), code="not_found")
    deadline = time.monotonic() + wait_s
    tally = PushTally()
    try:
        push_outbox(db, client, clock, should_stop=lambda: time.monotonic() > deadline, tally=tally, last_seq=seq)
    except FrontDeskError as error:  # signed out, a garbled reply: the action waits in the outbox either way
        return kept(error.message)
    if tally.stopped_by is not None:
        log.info("confirmation kept on the desk: %s", tally.stopped_by)  # the driver's words, for support only
    return _answer(db, clock, key, staff_name)


def _answer(db: Database, clock: Clock, key: str, staff_name: str) -> PlatformAnswer:
    with db.unit_of_work(write=True) as session:
        state = outbox.state_of(session, key)
        if state is OutboxState.ACCEPTED:
            return PlatformAnswer(
                Confirmation.CONFIRMED, QT_TRANSLATE_NOOP("Actions", "Confirmed by the loyalty platform.")
            )
        if state is OutboxState.REFUSED:
            conflict = outbox.conflict_for(session, key)
            if conflict is None:
                return PlatformAnswer(
                    Confirmation.REFUSED, QT_TRANSLATE_NOOP("Actions", "The loyalty platform refused it.")
                )
            if conflict.acknowledged_at is None:  # staff read the refusal on the spot: no conflict to chase later
                conflict.acknowledged_at = clock.now()
                conflict.acknowledged_by = f"{staff_name} ({SHOWN_AT_ONCE})"
            return PlatformAnswer(Confirmation.REFUSED, conflict.message)
    return kept()
