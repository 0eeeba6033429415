"""uvicorn set up for a hub: a connection must send a whole request's headers within the hub's request timeout.

uvicorn closes an idle keep-alive connection, but a connection that sends half a request line (or trickles a
byte at a time, each of which restarts its keep-alive timer) is held for ever: a few hundred of them and the
hub runs out of sockets. The body has its own deadline in bodies.py.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import uvicorn
from starlette.applications import Starlette
from uvicorn.protocols.http.h11_impl import H11Protocol

from frontdesk.hub.settings import HubSettings

log = logging.getLogger(__name__)


class DeadlineProtocol(H11Protocol):
    """h11 with a deadline for each request's headers, from connecting or from the previous answer."""

    deadline = HubSettings().request_timeout
    _timer: asyncio.TimerHandle | None = None
    _armed_for: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._armed_for = self.cycle  # a new request replaces the cycle
        self._timer = self.loop.call_later(self.deadline, self._expire)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        self._timer = None
        no_request_since = self.cycle is self._armed_for and (self.cycle is None or self.cycle.response_complete)
        if no_request_since and not self.transport.is_closing():
            log.debug("Closed a connection that sent no whole request within %g s.", self.deadline)
            self.transport.close()


def server_config(app: Starlette, **options: Any) -> uvicorn.Config:
    """A uvicorn Config for a hub app from create_app, with its request deadline; `options` go to uvicorn."""
    settings: HubSettings = app.state.hub_settings
    protocol = type("HubProtocol", (DeadlineProtocol,), {"deadline": settings.request_timeout})
    options.setdefault("access_log", False)  # request lines would carry customer ids and filters into the log
    options.setdefault("timeout_keep_alive", 5)
    return uvicorn.Config(app, http=protocol, **options)
