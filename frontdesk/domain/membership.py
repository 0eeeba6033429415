"""The customer's membership at the business (kept by its membership system), not the loyalty status."""

from __future__ import annotations

from enum import StrEnum

from frontdesk.domain.words import QT_TRANSLATE_NOOP, Words


class MembershipStatus(StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

    @property
    def label(self) -> Words:
        if self is MembershipStatus.ACTIVE:
            return QT_TRANSLATE_NOOP("Membership", "Active")
        return QT_TRANSLATE_NOOP("Membership", "Inactive")
