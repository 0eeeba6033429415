"""When an action made offline counts from: the desk reports when staff acted, the platform bounds it.

A desk's clock can be wrong and a request can be forged, so the platform takes the reported moment only
within an offline window: never in the future, never longer ago than the window, never before the object
it changes existed. Expiry and the time a voucher was used are judged at that bounded moment.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from frontdesk.domain.errors import ChangeRefused

DEFAULT_OFFLINE_WINDOW = timedelta(hours=72)


def describe_span(span: timedelta) -> str:
    """`72 hours`, `1 hour`, `90 minutes`: a window in the words staff read."""
    minutes = int(span.total_seconds() // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'' if hours == 1 else 's'}"
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def check_acted_at(
    acted_at: datetime | None,
    *,
    now: datetime,
    window: timedelta = DEFAULT_OFFLINE_WINDOW,
    not_before: datetime | None = None,
) -> datetime:
    """The moment an action counts from: `acted_at` (None: now), but never later than `now`.

    Raises ChangeRefused (code acted_at_too_old) when it is older than `window`, or earlier than
    `not_before` (when the voucher it changes was created): nothing may be backdated past either.
    """
    moment = now if acted_at is None else min(acted_at, now)
    if moment < now - window:
        raise ChangeRefused(
            f"This change was made offline more than {describe_span(window)} ago, longer than the platform "
            "accepts changes made offline. Nothing was changed; make it again if it still applies.",
            code="acted_at_too_old",
        )
    if not_before is not None and moment < not_before:
        raise ChangeRefused(
            "This change is dated before the voucher existed, so the desk's clock must be wrong. Nothing was "
            "changed; check the desk's clock and make the change again.",
            code="acted_at_too_old",
        )
    return moment
