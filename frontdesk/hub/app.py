"""The reference platform as a Starlette ASGI app; routes and shapes follow frontdesk/protocol/openapi.yaml.

Handlers read the body on the event loop (bounded in size and time: bodies.py), then do all database work
(and password hashing) in the thread pool, so one slow request never stalls the others.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from frontdesk.domain.clock import Clock, SystemClock
from frontdesk.hub.auth import authenticate, issue_token
from frontdesk.hub.batch import change_many, read_batch
from frontdesk.hub.bodies import ClientGone, parse_json, read_body
from frontdesk.hub.changes import Acting, change_connection, change_voucher, role_refusal
from frontdesk.hub.db import create_schema, engine_for
from frontdesk.hub.errors import (
    HTTP_ERROR_CODES,
    OTHER_HTTP_ERROR,
    ApiError,
    error_body,
    malformed,
    refusal,
)
from frontdesk.hub.idempotency import check_key, fingerprint, run_once
from frontdesk.hub.listing import COLLECTIONS, Collection, find_one, get_one, list_page
from frontdesk.hub.settings import HubSettings
from frontdesk.hub.throttle import SignInThrottle
from frontdesk.protocol.wire import ConnectionStatusChange, ProtocolError, VoucherStatusChange
from frontdesk.protocol.wire_batch import BATCH_MAX_BYTES, CHANGES_PATH

log = logging.getLogger(__name__)
_ID = re.compile(r"/\d+/")


def _error(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _route_of(request: Request) -> str:
    """Method and path with ids left out: a voucher's id is its code, and logs hold no customer data."""
    return f"{request.method} {_ID.sub('/{id}/', request.url.path)}"


def create_app(db_url: str | Engine, *, clock: Clock | None = None, settings: HubSettings | None = None) -> Starlette:
    """Build the app over `db_url` (SQLite file or PostgreSQL URL, or an Engine); creates missing tables."""
    hub = settings or HubSettings()
    engine, owned = engine_for(db_url)
    create_schema(engine)
    now = (clock or SystemClock()).now
    throttle = SignInThrottle(hub.sign_in_per_name, hub.sign_in_per_address)

    async def body_of(request: Request) -> bytes:
        return await read_body(request, limit=hub.max_body_bytes, deadline=hub.request_timeout)

    async def token(request: Request) -> Response:
        form = dict(parse_qsl((await body_of(request)).decode("utf-8", "replace"), keep_blank_values=True))
        if form.get("grant_type") != "password":
            return _error(400, "unsupported_grant_type", "Only the password grant is supported.")
        name, password = form.get("username", ""), form.get("password", "")
        if not name or not password:
            return _error(400, "invalid_request", "Please give a staff name and a password.")
        address = request.client.host if request.client else ""
        async with throttle.turn(name, address):
            wait = throttle.wait(name, address, now())
            if wait:  # the same answer whether or not the name exists
                message = f"Too many sign-in attempts. Please try again in {wait} s."
                return _error(429, "too_many_attempts", message, {"Retry-After": str(wait)})
            grant = await run_in_threadpool(issue_token, engine, name, password, now(), hub.token_ttl)
            if grant is None:
                throttle.failed(name, address, now())
                return _error(401, "invalid_credentials", "The staff name or password is wrong.")
            throttle.succeeded(name)
        return JSONResponse(grant.to_json(), headers={"Cache-Control": "no-store"})

    def reads(coll: Collection) -> list[Route]:
        async def listing(request: Request) -> Response:
            def work() -> bytes:
                authenticate(engine, request.headers.get("Authorization"), now())
                return list_page(engine, coll, dict(request.query_params), request.url.path)

            return Response(await run_in_threadpool(work), media_type="application/json")  # already JSON bytes

        async def one(request: Request) -> Response:
            def work() -> dict[str, object]:
                authenticate(engine, request.headers.get("Authorization"), now())
                return get_one(engine, coll, request.path_params["object_id"])

            return JSONResponse(await run_in_threadpool(work))

        return [
            Route(f"/v2/{coll.name}/", listing, methods=["GET"]),
            Route(f"/v2/{coll.name}/{{object_id:int}}/", one, methods=["GET"]),
        ]

    def patch(name: str, parse: Callable[[object], Any], apply: Callable[..., tuple[int, dict[str, object]]]) -> Route:
        coll = COLLECTIONS[name]

        async def endpoint(request: Request) -> Response:
            raw = await body_of(request)

            def work() -> Response:
                account = authenticate(engine, request.headers.get("Authorization"), now())
                key = check_key(request.headers.get("Idempotency-Key"))
                try:
                    change = parse(parse_json(raw))
                except ProtocolError as error:
                    raise malformed(error.detail) from None
                object_id: int = request.path_params["object_id"]
                refused = role_refusal(account, change)
                if refused is not None:
                    status, body = refusal(refused, current=find_one(engine, coll, object_id))
                    return JSONResponse(body, status_code=status)
                acting = Acting(account, now(), hub.offline_window)
                answer = run_once(
                    engine,
                    account.id,
                    key,
                    fingerprint("PATCH", request.url.path, change.to_json()),
                    acting.now,
                    lambda session, stamp: apply(session, stamp, acting, object_id, change),
                )
                headers = {"Idempotent-Replayed": "true"} if answer.replayed else {}
                return JSONResponse(answer.body, status_code=answer.status, headers=headers)

            return await run_in_threadpool(work)

        return Route(f"/v2/{name}/{{object_id:int}}/", endpoint, methods=["PATCH"])

    async def batch(request: Request) -> Response:
        raw = await read_body(request, limit=BATCH_MAX_BYTES, deadline=hub.request_timeout)  # many changes: larger

        def work() -> Response:
            account = authenticate(engine, request.headers.get("Authorization"), now())
            changes = read_batch(raw)
            return JSONResponse(change_many(engine, account, now, hub.offline_window, changes))

        return await run_in_threadpool(work)

    async def api_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return JSONResponse(exc.body, status_code=exc.status, headers=exc.headers)

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = "There is nothing here." if exc.status_code == 404 else str(exc.detail)
        return _error(exc.status_code, HTTP_ERROR_CODES.get(exc.status_code, OTHER_HTTP_ERROR), message)

    async def client_gone(request: Request, _exc: Exception) -> Response:
        # Nobody is left to read an answer: one line, not a traceback (a desk losing its network is normal).
        log.info("The client hung up before its request arrived whole (%s).", _route_of(request))
        return Response(status_code=400)

    async def crash(request: Request, exc: Exception) -> Response:
        # Type and route only: messages can hold customer data, and tracebacks go to the server's own log.
        log.error("%s on %s", type(exc).__name__, _route_of(request))
        message = "Something went wrong on the platform. Nothing is lost: the desk will try again later."
        return _error(500, "server_error", message)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        if owned:
            engine.dispose()

    routes = [
        Route("/v2/oauth/token", token, methods=["POST"]),
        *(route for coll in COLLECTIONS.values() for route in reads(coll)),
        patch("connections", ConnectionStatusChange.from_json, change_connection),
        patch("vouchers", VoucherStatusChange.from_json, change_voucher),
        Route(CHANGES_PATH, batch, methods=["POST"]),
    ]
    handlers = {ApiError: api_error, HTTPException: http_error, ClientGone: client_gone, Exception: crash}
    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.hub_settings = hub  # serving.py sets the connection deadlines from it
    return app
