"""What a hub's operator can set (`frontdesk server` options); the defaults suit a small business's hub."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from frontdesk.domain.offline import DEFAULT_OFFLINE_WINDOW
from frontdesk.hub.throttle import Limit

PER_NAME = Limit(5, timedelta(minutes=5))
PER_ADDRESS = Limit(20, timedelta(minutes=5))


@dataclass(frozen=True, slots=True)
class HubSettings:
    token_ttl: timedelta = timedelta(days=30)
    # How long ago an offline action may say it was made (frontdesk.domain.offline.check_acted_at).
    offline_window: timedelta = DEFAULT_OFFLINE_WINDOW
    # A change body is a few hundred bytes: a larger body is refused (413) before the rest of it is read.
    max_body_bytes: int = 64 * 1024
    # Seconds a client has to send a request's headers (from connecting, or from its previous answer), and
    # again its body; a connection that has not managed is closed (408 if the headers had arrived).
    request_timeout: float = 10.0
    # Wrong passwords allowed per staff name and per client address before "try again in N s" (429).
    sign_in_per_name: Limit = PER_NAME
    sign_in_per_address: Limit = PER_ADDRESS
