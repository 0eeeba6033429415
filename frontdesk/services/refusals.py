"""Refusals that arrive after the desk showed an action as done (it was kept offline, or the platform answered
too late): what every place that showed success needs to say instead, naming the customer and the voucher."""

from __future__ import annotations

from collections.abc import Collection

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.dto import RefusalNotice, customer_number
from frontdesk.storage import outbox
from frontdesk.storage.database import Database
from frontdesk.storage.models import Conflict


def refusal_notices(db: Database, outbox_keys: Collection[str]) -> tuple[RefusalNotice, ...]:
    """The still-open conflicts among these staff actions (one acknowledged meanwhile needs no notice)."""
    if not outbox_keys:
        return ()
    with db.unit_of_work() as session:
        return tuple(_notice(*row) for row in outbox.open_refusals_of(session, outbox_keys))


def _status(value: str) -> str:
    try:
        return ProgramStatus(value).label
    except ValueError:
        return value.capitalize()


def _notice(conflict: Conflict, first: str | None, last: str | None, code: str | None,
            title: str | None) -> RefusalNotice:  # fmt: skip
    name = f"{first} {last}" if first else customer_number(conflict.customer_id)
    if conflict.kind == "voucher_status" and conflict.wanted == "USED":
        headline = QT_TRANSLATE_NOOP(
            "Refusals", "The platform refused the use of voucher {code} (“{title}”) for {customer}"
        )
    elif conflict.kind == "voucher_status":
        headline = QT_TRANSLATE_NOOP(
            "Refusals", "The platform refused the setting back of voucher {code} (“{title}”) for {customer}"
        )
    else:
        headline = QT_TRANSLATE_NOOP("Refusals", "The platform refused {customer}'s change to {status}")
    headline = headline.fill(code=str(code), title=str(title), customer=name, status=_status(conflict.wanted))
    return RefusalNotice(conflict.outbox_key, conflict.id, conflict.customer_id, name, conflict.kind, code, title,
                         headline, conflict.message)  # fmt: skip
