"""Loyalty program status (the customer's connection to the business) and its transition table."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from frontdesk.domain.errors import ChangeRefused, InvalidInput


class ProgramStatus(StrEnum):
    IMPORTED = "IMPORTED"
    PENDING = "PENDING"
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

    @property
    def label(self) -> str:
        return self.value.capitalize()

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
            raise InvalidInput(f"“{text}” is not a program status. Use one of: {names}.") from None


_MEANINGS = {
    ProgramStatus.IMPORTED: "Added to the program; no invitation sent yet.",
    ProgramStatus.PENDING: "Invited; has not joined yet.",
    ProgramStatus.ACTIVE: "Joined: earns, redeems and gets the business's messages.",
    ProgramStatus.INACTIVE: "Disconnected (opted out or disconnected by the business); gets no messages.",
}


@dataclass(frozen=True, slots=True)
class Transition:
    allowed: bool
    # For an allowed move, what it means ("invite"); for a refused one, why, in a receptionist's words.
    note: str


_I, _P, _A, _X = ProgramStatus.IMPORTED, ProgramStatus.PENDING, ProgramStatus.ACTIVE, ProgramStatus.INACTIVE
_BACK_TO_IMPORTED = "Imported is only set when a customer is first imported; nobody can be moved back to it."

# DESIGN.md §2, one cell per (from, to). The UI offers choices from it and the server validates with it.
PROGRAM_TRANSITIONS: dict[tuple[ProgramStatus, ProgramStatus], Transition] = {
    (_I, _P): Transition(True, "Invite the customer to join."),
    (_I, _A): Transition(True, "The customer joined here at the desk."),
    (_I, _X): Transition(True, "Disconnect the customer."),
    (_P, _A): Transition(True, "The customer has joined."),
    (_P, _X): Transition(True, "Disconnect the customer."),
    (_A, _X): Transition(True, "Disconnect the customer; they get no more messages."),
    (_X, _P): Transition(True, "Re-invite the customer."),
    (_P, _I): Transition(False, _BACK_TO_IMPORTED),
    (_A, _I): Transition(False, _BACK_TO_IMPORTED),
    (_X, _I): Transition(False, _BACK_TO_IMPORTED),
    (_A, _P): Transition(
        False,
        "An active member has already joined, so they cannot be invited again. Set Inactive to disconnect.",
    ),
    (_X, _A): Transition(
        False,
        "A disconnected customer must be re-invited first (Pending); they become Active when they join.",
    ),
}
for _status in ProgramStatus:
    PROGRAM_TRANSITIONS[(_status, _status)] = Transition(False, f"The customer is already {_status.label}.")


def transition(current: ProgramStatus, target: ProgramStatus) -> Transition:
    return PROGRAM_TRANSITIONS[(current, target)]


def allowed_targets(current: ProgramStatus) -> list[ProgramStatus]:
    return [t for t in ProgramStatus if PROGRAM_TRANSITIONS[(current, t)].allowed]


def refused_targets(current: ProgramStatus) -> list[tuple[ProgramStatus, str]]:
    """Targets not offered from `current` (other than itself), each with the reason, for the UI's note."""
    return [
        (t, PROGRAM_TRANSITIONS[(current, t)].note)
        for t in ProgramStatus
        if t is not current and not PROGRAM_TRANSITIONS[(current, t)].allowed
    ]


def check_program_change(current: ProgramStatus, target: ProgramStatus) -> None:
    """Raise ChangeRefused with the plain reason when the move is not in the table."""
    rule = PROGRAM_TRANSITIONS[(current, target)]
    if not rule.allowed:
        raise ChangeRefused(
            f"Cannot change {current.label} to {target.label}. {rule.note}", code="transition_not_allowed"
        )
