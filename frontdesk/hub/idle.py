"""A hub that stops by itself when nobody has used it for a while (the demo hub: it outlives the desk that
started it while another desk still syncs with it, and does not linger once every desk has closed)."""

from __future__ import annotations

import threading
import time

import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send


class IdleExit:
    """ASGI middleware that notes each request; `watch(server)` stops the server after `idle_s` without one."""

    def __init__(self, app: ASGIApp, idle_s: float) -> None:
        self.app = app
        self.idle_s = idle_s
        self.last_request = time.monotonic()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.last_request = time.monotonic()
        await self.app(scope, receive, send)

    def watch(self, server: uvicorn.Server) -> threading.Thread:
        def check() -> None:
            while not server.should_exit:
                if time.monotonic() - self.last_request > self.idle_s:
                    server.should_exit = True
                    return
                time.sleep(min(1.0, self.idle_s / 4))

        thread = threading.Thread(target=check, name="hub-idle-exit", daemon=True)
        thread.start()
        return thread
