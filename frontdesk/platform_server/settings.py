"""What a hub's operator can set (`frontdesk server` options); the defaults suit a small business's hub."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from frontdesk.domain.offline import DEFAULT_OFFLINE_WINDOW


@dataclass(frozen=True, slots=True)
class HubSettings:
    token_ttl: timedelta = timedelta(days=30)
    # How long ago an offline action may say it was made (frontdesk.domain.offline.check_acted_at).
    offline_window: timedelta = DEFAULT_OFFLINE_WINDOW
