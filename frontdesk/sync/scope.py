"""Which part of the platform a desk replicates: one business, optionally one home location, or everything.

The filters go on every list request (openapi.yaml: `business`, `location`). A cursor is only good for the
scope it was pulled with, so a desk whose scope changes starts its pulls again from the beginning (upserts are
idempotent); rows pulled under the old scope stay on the desk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from frontdesk.storage import cursors as stored
from frontdesk.storage.database import Database

SCOPE_FACT = "pull_scope"  # desk fact: the scope the stored cursors were pulled with
HORIZON_FACT = "pull_horizon:"  # + resource name; see cursors.py


@dataclass(frozen=True, slots=True)
class PullScope:
    business: int | None = None  # DeskSettings.business_id: the business this desk works for
    location: str | None = None  # only customers whose home location this is (None: every location)

    def params(self) -> dict[str, str | int]:
        """The list filters, as query parameters."""
        params: dict[str, str | int] = {}
        if self.business is not None:
            params["business"] = self.business
        if self.location is not None:
            params["location"] = self.location
        return params

    def key(self) -> str:
        return json.dumps(self.params(), sort_keys=True)


EVERYTHING = PullScope()


def restart_if_rescoped(db: Database, scope: PullScope) -> bool:
    """Forget every cursor when the desk now pulls another scope than its cursors were pulled with.

    A desk that never stored a scope pulled everything. Returns whether the cursors were reset.
    """
    key = scope.key()
    with db.unit_of_work() as session:  # the usual case: the same scope, and no write lock taken for it
        if (stored.fact(session, SCOPE_FACT) or EVERYTHING.key()) == key:
            return False
    with db.unit_of_work(write=True) as session:
        if (stored.fact(session, SCOPE_FACT) or EVERYTHING.key()) == key:
            return False  # another process reset them meanwhile
        stored.forget_cursors(session, HORIZON_FACT)
        stored.save_fact(session, SCOPE_FACT, key)
    return True
