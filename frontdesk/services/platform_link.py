"""The desk's link to its platform: sign in, and run syncs. Called from a worker thread, never the GUI's."""

from __future__ import annotations

import threading

import httpx

from frontdesk.domain.clock import Clock
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffMember
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.confirm import CONFIRM_WAIT_S, Confirmer, confirm_action, kept
from frontdesk.services.desk_state import claim_platform
from frontdesk.services.dto import PlatformAnswer
from frontdesk.storage.database import Database
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.engine import SyncEngine, SyncSummary

__all__ = ["PlatformLink", "SyncSummary"]  # a run's summary reaches the window through here
from frontdesk.protocol.wire import TokenGrant
from frontdesk.sync.results import AuthRequired
from frontdesk.sync.retry import RetryPolicy
from frontdesk.sync.scope import PullScope

# Background syncs give up quickly and try again at the next tick: staff never wait on them.
BACKGROUND_RETRY = RetryPolicy(attempts=2)
CONFIRM_RETRY = RetryPolicy(attempts=1)  # staff are waiting: one try, then the action is kept for the next sync
CONFIRM_TIMEOUT = httpx.Timeout(CONFIRM_WAIT_S - 0.1, connect=0.5)  # connect + answer within about CONFIRM_WAIT_S


class PlatformLink:
    def __init__(self, url: str, *, token: str | None = None, timeout: float = 5.0,
                 demo_login: tuple[str, str] | None = None, business_id: int | None = None,
                 location: str | None = None) -> None:  # fmt: skip
        """business_id / location: pull only that business's customers (and only those whose home location that
        is); None pulls everything the account may see."""
        self.url = url
        self.token = token
        self.timeout = timeout
        self._demo_login = demo_login  # the demo hub's published demo account; never a real password
        self.scope = PullScope(business_id, location)
        self._lock = threading.Lock()  # one sync at a time, whoever asks
        self._confirm_lock = threading.Lock()
        self._confirm_client: PlatformClient | None = None

    def _client(self) -> PlatformClient:
        return PlatformClient(self.url, timeout=self.timeout, token=self.token, retry=BACKGROUND_RETRY)

    def sign_in(self, staff_name: str, password: str) -> TokenGrant:
        with self._client() as client:
            grant = client.sign_in(staff_name, password)
        self.token = grant.access_token
        return grant

    def ensure_signed_in(self) -> TokenGrant | None:
        """Demo mode signs in by itself; otherwise a missing token means staff must sign in."""
        if self.token is None and self._demo_login is not None:
            return self.sign_in(*self._demo_login)
        if self.token is None:
            raise AuthRequired(
                QT_TRANSLATE_NOOP("Sync", "Sign in to the loyalty platform to sync (Desk → Connect to platform…).")
            )
        return None

    def confirm(self, db: Database, clock: Clock, key: str, staff_name: str) -> PlatformAnswer:
        """Send one staff action now and wait briefly for the platform's answer (confirm.py). Never raises for
        an unreachable or unwilling platform: the action is then kept on the desk and said so."""
        try:
            claim_platform(db, self.url)  # this database's changes go to its own platform only
            self.ensure_signed_in()
        except FrontDeskError as error:
            return kept(error.message)
        return confirm_action(db, self._confirming_client(), clock, key, staff_name=staff_name)

    def _confirming_client(self) -> PlatformClient:
        """One client for every confirmation (httpx clients are thread-safe): a new one per action cost 25-65 ms
        of connection set-up (bench/confirm.py), and its time-outs keep the whole wait near CONFIRM_WAIT_S."""
        with self._confirm_lock:
            if self._confirm_client is None:
                self._confirm_client = PlatformClient(self.url, timeout=CONFIRM_TIMEOUT, retry=CONFIRM_RETRY)
            self._confirm_client.token = self.token
            return self._confirm_client

    def confirmer(self, db: Database, clock: Clock, staff_name: str) -> Confirmer:
        return lambda key: self.confirm(db, clock, key, staff_name)

    def sync(self, db: Database, clock: Clock, cancel: threading.Event | None = None) -> SyncSummary:
        with self._lock:
            self.ensure_signed_in()
            with self._client() as client:
                return SyncEngine(db, client, clock, scope=self.scope).run(cancel=cancel)

    def staff_for(self, grant: TokenGrant, desk: str, location: str) -> StaffMember:
        return StaffMember(grant.staff.name, grant.staff.role, desk, location)
