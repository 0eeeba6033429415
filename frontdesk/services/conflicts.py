"""Conflicts: staff actions the platform refused, explained in plain words, until someone acknowledges them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import ChangeRefused, NotFoundError
from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.staff import StaffMember
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words, either
from frontdesk.services.actions import StaffActions
from frontdesk.services.confirm import Confirmer
from frontdesk.services.dto import StatusChanged, customer_number
from frontdesk.storage import outbox
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    id: int
    customer_id: int
    customer_name: str
    kind: str
    code: str
    headline: str  # one line: what happened
    explanation: str  # the whole story: whose, where, when, by whom, here and there
    acted_at: datetime
    can_try_again: bool  # a status change can be re-applied against the platform's new state


def _when(moment: datetime | None) -> Words:
    if moment is None:
        return QT_TRANSLATE_NOOP("Conflicts", "an unknown time")
    return QT_TRANSLATE_NOOP("Conflicts", "{at:day} at {at:time}").fill(at=moment)


def _status(value: object) -> str:
    """A program status in words; anything else the platform sent, as it came."""
    try:
        return ProgramStatus(str(value)).label
    except ValueError:
        return str(value).capitalize()


_USED_TWICE = QT_TRANSLATE_NOOP(
    "Conflicts",
    "{customer}'s voucher {code} ({title}) had already been used{where} by {by}{staff} on {when}. {here}, before the "
    "desks had synced; the platform kept the first use and did not count this one. Check whether the customer "
    "received the reward twice.",
)


def _parse_moment(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def explain(conflict: Conflict, customer_name: str) -> tuple[str, str]:
    state = conflict.platform_state
    here = QT_TRANSLATE_NOOP("Conflicts", "This desk ({desk}, {staff}) accepted it on {when}").fill(
        desk=conflict.desk, staff=conflict.staff_name, when=_when(conflict.acted_at)
    )
    if conflict.kind == "voucher_status" and conflict.code == "voucher_not_unused" and state.get("status") == "USED":
        code = str(state.get("code"))
        where = state.get("used_location")
        by_staff = state.get("used_by_staff")
        story = _USED_TWICE.fill(
            customer=customer_name,
            code=code,
            title=str(state.get("title") or "") or QT_TRANSLATE_NOOP("Conflicts", "the voucher"),
            where=QT_TRANSLATE_NOOP("Conflicts", " at {place}").fill(place=str(where)) if where else "",
            by=str(state.get("used_by_desk") or "")
            or QT_TRANSLATE_NOOP("Conflicts", "another desk or the customer's phone"),
            staff=f" ({by_staff})" if by_staff else "",
            when=_when(_parse_moment(state.get("used_dt"))),
            here=here,
        )
        return QT_TRANSLATE_NOOP("Conflicts", "Voucher {code} was used twice").fill(code=code), story
    current = state.get("status")
    headline = QT_TRANSLATE_NOOP("Conflicts", "{customer}: the platform refused a change to {status}").fill(
        customer=customer_name, status=_status(conflict.wanted)
    )
    now_is = QT_TRANSLATE_NOOP("Conflicts", " The platform has it as {status} now.").fill(status=_status(current))
    acted = QT_TRANSLATE_NOOP("Conflicts", "This desk ({desk}, {staff}) made the change on {when}").fill(
        desk=conflict.desk, staff=conflict.staff_name, when=_when(conflict.acted_at)
    )
    story = QT_TRANSLATE_NOOP("Conflicts", "{acted}. The platform said: {reason}{now_is}").fill(
        acted=acted, reason=conflict.message, now_is=now_is if current else ""
    )
    return headline, story


@dataclass(frozen=True, slots=True)
class ConflictsOverview:
    open: tuple[ConflictInfo, ...]
    looked_at: int  # refusals someone acknowledged or tried again: closed, but still refused in the record

    @property
    def nothing_open(self) -> str:
        """What to say when no conflict is open: never that everything was accepted while a refusal stands."""
        if not self.looked_at:
            return QT_TRANSLATE_NOOP(
                "Conflicts", "No open conflicts. The platform has accepted everything this desk sent."
            )
        return either(
            self.looked_at,
            QT_TRANSLATE_NOOP("Conflicts", "No open conflicts. {count} refused change was looked at (see Activity)."),
            QT_TRANSLATE_NOOP("Conflicts", "No open conflicts. {count} refused changes were looked at (see Activity)."),
        )


def _open_infos(session: Session) -> tuple[ConflictInfo, ...]:
    infos = []
    for conflict, first, last in outbox.open_conflicts_named(session):
        name = f"{first} {last}" if first else customer_number(conflict.customer_id)
        headline, story = explain(conflict, name)
        infos.append(ConflictInfo(conflict.id, conflict.customer_id, name, conflict.kind, conflict.code,
                                  headline, story, conflict.acted_at,
                                  can_try_again=conflict.kind == "program_status"))  # fmt: skip
    return tuple(infos)


def open_conflicts(db: Database) -> tuple[ConflictInfo, ...]:
    with db.unit_of_work() as session:
        return _open_infos(session)


def conflicts_overview(db: Database) -> ConflictsOverview:
    """The open conflicts and how many refusals were already looked at, read together."""
    with db.unit_of_work() as session:
        return ConflictsOverview(_open_infos(session), outbox.count_looked_at(session))


def count_open_conflicts(db: Database) -> int:
    with db.unit_of_work() as session:
        return outbox.count_open_conflicts(session)


_GONE = QT_TRANSLATE_NOOP("Conflicts", "That conflict no longer exists.")


def _open_conflict(session: Session, conflict_id: int) -> Conflict:
    conflict = outbox.conflict_by_id(session, conflict_id)
    if conflict is None:
        raise NotFoundError(_GONE)
    if conflict.acknowledged_at is not None:
        raise ChangeRefused(
            QT_TRANSLATE_NOOP("Conflicts", "{who} already dealt with this conflict; nothing was changed.").fill(
                who=str(conflict.acknowledged_by)
            ),
            code="conflict_closed",
        )
    return conflict


def _close(conflict: Conflict, staff: StaffMember, clock: Clock) -> None:
    conflict.acknowledged_at = clock.now()
    conflict.acknowledged_by = staff.name


def acknowledge(db: Database, conflict_id: int, staff: StaffMember, clock: Clock) -> None:
    """Close a conflict; one already closed (a second click, another window) keeps its first acknowledgement."""
    with db.unit_of_work(write=True) as session:
        conflict = outbox.conflict_by_id(session, conflict_id)
        if conflict is None:
            raise NotFoundError(_GONE)
        if conflict.acknowledged_at is None:
            _close(conflict, staff, clock)


def try_again(db: Database, conflict_id: int, staff: StaffMember, clock: Clock,
              confirm: Confirmer | None = None) -> StatusChanged:  # fmt: skip
    """Re-apply a refused status change against the customer's current status (checked by the same rules) and
    acknowledge the conflict, in one transaction: both happen or neither does, so a second press of "Try
    again" can never send the change twice. Refused again → ChangeRefused with the reason, conflict kept."""
    with db.unit_of_work(write=True) as session:
        conflict = _open_conflict(session, conflict_id)
        if conflict.kind != "program_status":
            raise NotFoundError(QT_TRANSLATE_NOOP("Conflicts", "Only a refused status change can be tried again."))
        wanted = ProgramStatus(conflict.wanted)
        actions = StaffActions(db, staff, clock, confirm)
        changed = actions.change_program_status_in(session, conflict.customer_id, wanted)
        _close(conflict, staff, clock)
    return actions.status_answered(changed)  # sent at once when linked: a refusal shows now, not as a new surprise
