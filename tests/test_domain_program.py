"""The program-status transition table, cell by cell, and the membership rule on top of it."""

from __future__ import annotations

import pytest

from frontdesk.domain.errors import ChangeRefused, InvalidInput
from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.program import (
    PROGRAM_TRANSITIONS,
    ProgramStatus,
    allowed_targets,
    check_program_change,
    refused_targets,
    transition,
)
from frontdesk.protocol.wire import MembershipStatus as WireMembershipStatus

IMP, P, A, X = ProgramStatus.IMPORTED, ProgramStatus.PENDING, ProgramStatus.ACTIVE, ProgramStatus.INACTIVE

# docs/architecture.md §2, written out again here on purpose (not derived from the code): rows are "from", columns "to".
# Nobody moves to Imported (it is not a column of the table), and a status never "moves" to itself.
DESIGN_TABLE: dict[ProgramStatus, dict[ProgramStatus, bool]] = {
    IMP: {IMP: False, P: True, A: True, X: True},
    P: {IMP: False, P: False, A: True, X: True},
    A: {IMP: False, P: False, A: False, X: True},
    X: {IMP: False, P: True, A: False, X: False},
}
CELLS = [(before, after) for before in ProgramStatus for after in ProgramStatus]


def _readable(text: str) -> None:
    """A sentence a receptionist can read: not empty, capitalised, finished, no enum spellings or snake_case."""
    assert len(text) >= 15, text
    assert text[0].isupper() and text.rstrip().endswith("."), text
    assert "_" not in text, text
    for status in ProgramStatus:
        assert status.value not in text.replace(status.label, ""), f"raw enum value in {text!r}"


def test_the_table_has_exactly_the_sixteen_cells() -> None:
    assert set(PROGRAM_TRANSITIONS) == set(CELLS)


@pytest.mark.parametrize(("before", "after"), CELLS, ids=[f"{b.label}->{a.label}" for b, a in CELLS])
def test_every_cell_matches_the_design(before: ProgramStatus, after: ProgramStatus) -> None:
    rule = transition(before, after)
    assert rule.allowed is DESIGN_TABLE[before][after]
    _readable(rule.note)
    if rule.allowed:
        check_program_change(before, after)  # does not raise
        assert after in allowed_targets(before)
    else:
        with pytest.raises(ChangeRefused) as refused:
            check_program_change(before, after)
        assert refused.value.code == "transition_not_allowed"
        message = refused.value.message
        assert before.label in message and after.label in message
        assert rule.note in message
        _readable(message)
        assert after not in allowed_targets(before)


def test_same_status_cells_say_it_is_already_so() -> None:
    for status in ProgramStatus:
        assert f"already {status.label}" in transition(status, status).note


def test_refusal_reasons_explain_the_two_design_rules() -> None:
    # Active → Pending: already joined; Inactive → Active: must be re-invited first.
    assert "joined" in transition(A, P).note
    assert "re-invited" in transition(X, A).note
    for before in (P, A, X):
        assert "Imported" in transition(before, IMP).note


@pytest.mark.parametrize(
    ("current", "allowed"),
    [(IMP, [P, A, X]), (P, [A, X]), (A, [X]), (X, [P])],
)
def test_allowed_targets(current: ProgramStatus, allowed: list[ProgramStatus]) -> None:
    assert allowed_targets(current) == allowed


@pytest.mark.parametrize(
    ("current", "refused"),
    [(IMP, []), (P, [IMP]), (A, [IMP, P]), (X, [IMP, A])],
)
def test_refused_targets_exclude_the_current_status_and_carry_reasons(
    current: ProgramStatus, refused: list[ProgramStatus]
) -> None:
    pairs = refused_targets(current)
    assert [target for target, _ in pairs] == refused
    for target, reason in pairs:
        assert reason == transition(current, target).note
        _readable(reason)
    # allowed + refused + itself cover every status exactly once
    assert sorted([*allowed_targets(current), *refused, current]) == sorted(ProgramStatus)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("active", A), ("Active", A), ("ACTIVE", A), ("  inactive\n", X), ("Pending", P), ("imported", IMP)],
)
def test_parse_accepts_any_case_and_surrounding_space(text: str, expected: ProgramStatus) -> None:
    assert ProgramStatus.parse(text) is expected


@pytest.mark.parametrize("text", ["", "   ", "joined", "activ", "ACTIVE!", "In active", "1", "USED"])
def test_parse_refuses_other_words_and_lists_the_choices(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        ProgramStatus.parse(text)
    assert "is not a program status" in error.value.message
    for status in ProgramStatus:
        assert status.label in error.value.message


def test_labels_and_meanings_are_plain_words() -> None:
    assert [s.label for s in ProgramStatus] == ["Imported", "Pending", "Active", "Inactive"]
    for status in ProgramStatus:
        assert ProgramStatus.parse(status.label) is status
        _readable(status.meaning)


# The one rule outside the table: only a customer whose membership is active may become Active. The desk and the
# platform both ask these functions, so the desk never offers or accepts a move the platform will refuse.
MEMBERSHIPS = [None, MembershipStatus.ACTIVE, MembershipStatus.INACTIVE]


@pytest.mark.parametrize("membership", MEMBERSHIPS, ids=str)
@pytest.mark.parametrize(("before", "after"), CELLS, ids=[f"{b.label}->{a.label}" for b, a in CELLS])
def test_an_inactive_membership_forbids_only_the_moves_to_active(
    before: ProgramStatus, after: ProgramStatus, membership: MembershipStatus | None
) -> None:
    by_membership = not (after is A and membership is MembershipStatus.INACTIVE)
    rule = transition(before, after, membership)
    assert rule.allowed is (DESIGN_TABLE[before][after] and by_membership)
    _readable(rule.note)
    assert (after in allowed_targets(before, membership)) is rule.allowed
    if rule.allowed:
        check_program_change(before, after, membership)  # does not raise
        return
    with pytest.raises(ChangeRefused) as refused:
        check_program_change(before, after, membership)
    # The table is asked first: Inactive → Active stays "re-invite first" whatever the membership.
    expected = "transition_not_allowed" if not DESIGN_TABLE[before][after] else "membership_not_active"
    assert refused.value.code == expected
    assert rule.note in refused.value.message
    _readable(refused.value.message)


def test_the_membership_refusal_says_why_in_plain_words() -> None:
    inactive = MembershipStatus.INACTIVE
    for before in (IMP, P):
        note = transition(before, A, inactive).note
        assert "membership is not active" in note
        assert (A, note) in refused_targets(before, inactive)
    assert allowed_targets(IMP, inactive) == [P, X]
    assert allowed_targets(P, inactive) == [X]
    assert allowed_targets(P, MembershipStatus.ACTIVE) == allowed_targets(P) == [A, X]


def test_the_wire_enum_is_the_domain_enum() -> None:
    assert WireMembershipStatus is MembershipStatus
    assert [s.label for s in MembershipStatus] == ["Active", "Inactive"]
