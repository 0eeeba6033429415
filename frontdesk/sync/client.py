"""The platform client: sign in, pull pages by cursor, push status changes at most once (openapi.yaml).

Everything the platform sends is parsed by wire.py: a malformed body raises ProtocolError.
The client never logs: tokens, passwords and customer data stay out of every log.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import httpx
import orjson

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.protocol.wire import (
    CONNECTIONS,
    USERS,
    VOUCHERS,
    Connection,
    ConnectionStatusChange,
    Cursor,
    ErrorBody,
    Page,
    ProtocolError,
    Resource,
    TokenGrant,
    User,
    Voucher,
    VoucherStatusChange,
)
from frontdesk.protocol.wire_batch import CHANGES_PATH, BatchAnswer, BatchChange
from frontdesk.protocol.wire_fields import parse_http_date
from frontdesk.sync.batches import answer_of, pack, read_answers
from frontdesk.sync.paging import pull_pages
from frontdesk.sync.results import (
    AuthRequired,
    PlatformUnavailable,
    PulledPage,
    PushResult,
    SignInRefused,
    T,
    Unknown,
)
from frontdesk.sync.retry import RetryPolicy, send_with_retries

MAX_PAGE = 1000


class PlatformClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: float | httpx.Timeout = 10.0,
        transport: httpx.BaseTransport | None = None,
        token: str | None = None,
        client_id: str = "frontdesk",
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": "FrontDesk/0.1"},
        )
        self.token = token  # kept in memory only; the caller keeps it in the OS keychain
        self._client_id = client_id
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.takes_batches = True  # until the platform shows it has no POST /v2/changes/

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- sending -----------------------------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response | Unknown:
        return send_with_retries(self._http, self._retry, self._sleep, self._rng, method, path, **kwargs)

    def _authorized(self) -> dict[str, str]:
        if not self.token:
            raise AuthRequired(QT_TRANSLATE_NOOP("Sync", "Please sign in to the loyalty platform first."))
        return {"Authorization": f"Bearer {self.token}"}

    @staticmethod
    def _json(response: httpx.Response) -> object:
        try:
            return orjson.loads(response.content)  # several times the standard library's speed on a page
        except ValueError:  # also UnicodeDecodeError
            raise ProtocolError(f"HTTP {response.status_code} reply is not complete JSON") from None

    def _error(self, response: httpx.Response) -> ErrorBody:
        return ErrorBody.from_json(self._json(response))

    def _get(self, path: str, params: dict[str, str | int] | None = None, *,
             missing_ok: bool = False) -> httpx.Response | None:  # fmt: skip
        outcome = self._send("GET", path, params=params, headers=self._authorized())
        if isinstance(outcome, Unknown):
            raise PlatformUnavailable(
                QT_TRANSLATE_NOOP("Sync", "The loyalty platform cannot be reached: {reason}.").fill(
                    reason=outcome.reason
                )
            )
        if outcome.status_code == 401:
            raise AuthRequired(self._error(outcome).first.message)
        if outcome.status_code == 404 and missing_ok:
            return None
        if outcome.status_code != 200:
            raise PlatformUnavailable(
                QT_TRANSLATE_NOOP("Sync", "The loyalty platform refused a read: {reason}").fill(
                    reason=self._error(outcome).first.message
                )
            )
        return outcome

    # -- the protocol ------------------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> TokenGrant:
        """Exchange a staff name and password for a bearer token (kept on this client; also returned)."""
        form = {
            "grant_type": "password",
            "username": username,
            "password": password,
            "client_id": self._client_id,
        }
        outcome = self._send("POST", "/v2/oauth/token", data=form)
        if isinstance(outcome, Unknown):
            raise PlatformUnavailable(
                QT_TRANSLATE_NOOP("Sync", "Cannot sign in: {reason}.").fill(reason=outcome.reason)
            )
        if outcome.status_code != 200:
            raise SignInRefused(self._error(outcome).first.message)
        grant = TokenGrant.from_json(self._json(outcome))
        self.token = grant.access_token
        return grant

    def get(self, resource: Resource[T], object_id: int) -> T | None:
        """One object by id, or None when the platform has no such object."""
        response = self._get(f"{resource.path}{object_id}/", missing_ok=True)
        return None if response is None else resource.parse(self._json(response), resource.name[:-1])

    def get_user(self, user_id: int) -> User | None:
        return self.get(USERS, user_id)

    def get_connection(self, connection_id: int) -> Connection | None:
        return self.get(CONNECTIONS, connection_id)

    def get_voucher(self, voucher_id: int) -> Voucher | None:
        return self.get(VOUCHERS, voucher_id)

    def list_page(self, resource: Resource[T], **params: str | int) -> Page[T]:
        """One raw page; params are the protocol's query parameters (limit, offset, last_mod_dt__gte...)."""
        response = self._get(resource.path, params)
        assert response is not None
        page = Page.from_json(self._json(response), resource)
        return dataclasses.replace(page, server_time=parse_http_date(response.headers.get("Date")))

    def iter_pages(
        self,
        resource: Resource[T],
        since: Cursor | None = None,
        *,
        limit: int = MAX_PAGE,
        **filters: str | int,
    ) -> Iterator[PulledPage[T]]:
        """Everything changed after `since`, page by page, in (last_mod_dt, id) order (see paging.py)."""
        return pull_pages(self.list_page, resource, since, limit, filters)

    def patch_connection_status(
        self, connection_id: int, change: ConnectionStatusChange, *, idempotency_key: str
    ) -> PushResult[Connection]:
        return self._patch(CONNECTIONS, connection_id, change.to_json(), idempotency_key)

    def patch_voucher_status(
        self, voucher_id: int, change: VoucherStatusChange, *, idempotency_key: str
    ) -> PushResult[Voucher]:
        return self._patch(VOUCHERS, voucher_id, change.to_json(), idempotency_key)

    def _patch(self, resource: Resource[T], object_id: int, body: object, key: str) -> PushResult[T]:
        if not key.strip():
            raise ValueError("an idempotency key is required for every change")
        headers = {**self._authorized(), "Idempotency-Key": key}  # the same key on every retry
        outcome = self._send("PATCH", f"{resource.path}{object_id}/", json=body, headers=headers)
        if isinstance(outcome, Unknown):
            return outcome
        if outcome.status_code == 401:  # not applied: sign in again, then resend with the same key
            raise AuthRequired(self._error(outcome).first.message)
        replayed = outcome.headers.get("Idempotent-Replayed") == "true"
        return answer_of(resource, outcome.status_code, self._json(outcome), replayed)

    def push_changes(self, changes: Sequence[BatchChange]) -> list[PushResult[Any]] | None:
        """Send `changes` (from the first, as many as fit in one request) in order in one request, and return each
        one's answer, read as its own PATCH's would be: a shorter list when not all fitted, [Unknown] when the
        request got no clear answer (send them again with the same keys). None when they must go one PATCH each:
        the platform has no batches (404/405, remembered by this client) or refused this batch as a whole."""
        if not self.takes_batches:
            return None
        count, body = pack(changes)
        if count == 0:  # the first change alone is larger than a batch may be
            return None
        headers = {**self._authorized(), "Content-Type": "application/json"}
        outcome = self._send("POST", CHANGES_PATH, content=body, headers=headers)
        if isinstance(outcome, Unknown):
            return [outcome]
        if outcome.status_code == 401:  # nothing applied: sign in again, then resend with the same keys
            raise AuthRequired(self._error(outcome).first.message)
        if outcome.status_code in (404, 405):
            self.takes_batches = False
            return None
        if outcome.status_code != 200:  # 413, 422: one PATCH each gives every change its own answer
            return None
        return read_answers(changes[:count], BatchAnswer.from_json(self._json(outcome)))
