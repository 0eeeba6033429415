"""Loyalty program status (the customer's connection to the business), its transition table, and the one
rule outside the table: only a customer whose membership is active can become Active."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from frontdesk.domain.errors import ChangeRefused, InvalidInput
from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words


class ProgramStatus(StrEnum):
    IMPORTED = "IMPORTED"
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

    @property
    def label(self) -> Words:
        return _LABELS[self]

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]

    @classmethod
    def parse(cls, text: str) -> ProgramStatus:
        """Accept `active`, `Active`, `ACTIVE`; anything else is a clear error."""
        try:
            return cls(text.strip().upper())
        except ValueError:
            names = ", ".join(s.label for s in cls)
            raise InvalidInput(_NOT_A_STATUS.fill(text=text, names=names)) from None


_NOT_A_STATUS = QT_TRANSLATE_NOOP("ProgramStatus", "“{text}” is not a program status. Use one of: {names}.")
_LABELS = {
    ProgramStatus.IMPORTED: QT_TRANSLATE_NOOP("ProgramStatus", "Imported"),
    ProgramStatus.PENDING: QT_TRANSLATE_NOOP("ProgramStatus", "Pending"),
    ProgramStatus.ACTIVE: QT_TRANSLATE_NOOP("ProgramStatus", "Active"),
    ProgramStatus.INACTIVE: QT_TRANSLATE_NOOP("ProgramStatus", "Inactive"),
}
_MEANINGS = {
    ProgramStatus.IMPORTED: QT_TRANSLATE_NOOP("ProgramStatus", "Added to the program; no invitation sent yet."),
    ProgramStatus.PENDING: QT_TRANSLATE_NOOP("ProgramStatus", "Invited; has not joined yet."),
    ProgramStatus.ACTIVE: QT_TRANSLATE_NOOP(
        "ProgramStatus", "Joined: earns, redeems and gets the business's messages."
    ),
    ProgramStatus.INACTIVE: QT_TRANSLATE_NOOP(
        "ProgramStatus", "Disconnected (opted out or disconnected by the business); gets no messages."
    ),
}


@dataclass(frozen=True, slots=True)
class Transition:
    allowed: bool
    # For an allowed move, what it means ("invite"); for a refused one, why, in a receptionist's words.
    note: str


_DISCONNECT = QT_TRANSLATE_NOOP("ProgramStatus", "Disconnect the customer.")
_ALREADY = QT_TRANSLATE_NOOP("ProgramStatus", "The customer is already {status}.")
_I, _P, _A, _X = ProgramStatus.IMPORTED, ProgramStatus.PENDING, ProgramStatus.ACTIVE, ProgramStatus.INACTIVE
_BACK_TO_IMPORTED = QT_TRANSLATE_NOOP(
    "ProgramStatus", "Imported is only set when a customer is first imported; nobody can be moved back to it."
)

# docs/architecture.md §2, one cell per (from, to). The UI offers choices from it and the server validates with it.
PROGRAM_TRANSITIONS: dict[tuple[ProgramStatus, ProgramStatus], Transition] = {
    (_I, _P): Transition(True, QT_TRANSLATE_NOOP("ProgramStatus", "Invite the customer to join.")),
    (_I, _A): Transition(True, QT_TRANSLATE_NOOP("ProgramStatus", "The customer joined here at the desk.")),
    (_I, _X): Transition(True, _DISCONNECT),
    (_P, _A): Transition(True, QT_TRANSLATE_NOOP("ProgramStatus", "The customer has joined.")),
    (_P, _X): Transition(True, _DISCONNECT),
    (_A, _X): Transition(
        True, QT_TRANSLATE_NOOP("ProgramStatus", "Disconnect the customer; they get no more messages.")
    ),
    (_X, _P): Transition(True, QT_TRANSLATE_NOOP("ProgramStatus", "Re-invite the customer.")),
    (_P, _I): Transition(False, _BACK_TO_IMPORTED),
    (_A, _I): Transition(False, _BACK_TO_IMPORTED),
    (_X, _I): Transition(False, _BACK_TO_IMPORTED),
    (_A, _P): Transition(
        False,
        QT_TRANSLATE_NOOP(
            "ProgramStatus",
            "An active member has already joined, so they cannot be invited again. Set Inactive to disconnect.",
        ),
    ),
    (_X, _A): Transition(
        False,
        QT_TRANSLATE_NOOP(
            "ProgramStatus",
            "A disconnected customer must be re-invited first (Pending); they become Active when they join.",
        ),
    ),
}
for _status in ProgramStatus:
    PROGRAM_TRANSITIONS[(_status, _status)] = Transition(False, _ALREADY.fill(status=_status.label))


_MEMBERSHIP_NOT_ACTIVE = QT_TRANSLATE_NOOP(
    "ProgramStatus", "The customer's membership is not active, so they cannot be set Active in the program."
)
_CANNOT_CHANGE = QT_TRANSLATE_NOOP("ProgramStatus", "Cannot change {before} to {after}. {why}")


def _membership_refusal(target: ProgramStatus, membership: MembershipStatus | None) -> str | None:
    """Only a customer whose membership at the business is active can join (become Active); None: unknown."""
    if target is ProgramStatus.ACTIVE and membership is MembershipStatus.INACTIVE:
        return _MEMBERSHIP_NOT_ACTIVE
    return None


def transition(current: ProgramStatus, target: ProgramStatus, membership: MembershipStatus | None = None) -> Transition:
    """The table's cell, unless the customer's membership forbids an otherwise allowed move."""
    rule = PROGRAM_TRANSITIONS[(current, target)]
    reason = _membership_refusal(target, membership) if rule.allowed else None
    return rule if reason is None else Transition(False, reason)


def allowed_targets(current: ProgramStatus, membership: MembershipStatus | None = None) -> list[ProgramStatus]:
    return [t for t in ProgramStatus if transition(current, t, membership).allowed]


def refused_targets(
    current: ProgramStatus, membership: MembershipStatus | None = None
) -> list[tuple[ProgramStatus, str]]:
    """Targets not offered from `current` (other than itself), each with the reason, for the UI's note."""
    rules = [(t, transition(current, t, membership)) for t in ProgramStatus if t is not current]
    return [(t, rule.note) for t, rule in rules if not rule.allowed]


def check_program_change(
    current: ProgramStatus, target: ProgramStatus, membership: MembershipStatus | None = None
) -> None:
    """Raise ChangeRefused with the plain reason when the table or the customer's membership forbids the move.

    The desk and the platform both call this, so the desk never accepts a change the platform will refuse.
    """
    rule = PROGRAM_TRANSITIONS[(current, target)]
    if not rule.allowed:
        raise ChangeRefused(
            _CANNOT_CHANGE.fill(before=current.label, after=target.label, why=rule.note), code="transition_not_allowed"
        )
    reason = _membership_refusal(target, membership)
    if reason is not None:
        raise ChangeRefused(
            _CANNOT_CHANGE.fill(before=current.label, after=target.label, why=reason), code="membership_not_active"
        )
