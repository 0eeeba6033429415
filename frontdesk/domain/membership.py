"""The customer's membership at the business (kept by its membership system), not the loyalty status."""

from __future__ import annotations

from enum import StrEnum


class MembershipStatus(StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"

    @property
    def label(self) -> str:
        return self.value.capitalize()
