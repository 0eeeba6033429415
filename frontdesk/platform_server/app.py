"""The reference platform as a Starlette ASGI app; routes and shapes follow frontdesk/sync/openapi.yaml.

Handlers read the body on the event loop, then do all database work (and password hashing) in the
thread pool, so one slow request never stalls the others.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
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
from frontdesk.platform_server.auth import authenticate, issue_token
from frontdesk.platform_server.changes import Acting, change_connection, change_voucher
from frontdesk.platform_server.db import create_schema, engine_for
from frontdesk.platform_server.errors import HTTP_ERROR_CODES, OTHER_HTTP_ERROR, ApiError, error_body, malformed
from frontdesk.platform_server.idempotency import check_key, fingerprint, run_once
from frontdesk.platform_server.listing import COLLECTIONS, Collection, get_one, list_page
from frontdesk.platform_server.settings import HubSettings
from frontdesk.sync.wire import ConnectionStatusChange, ProtocolError, VoucherStatusChange

log = logging.getLogger(__name__)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status)


def create_app(db_url: str | Engine, *, clock: Clock | None = None, settings: HubSettings | None = None) -> Starlette:
    """Build the app over `db_url` (SQLite file or PostgreSQL URL, or an Engine); creates missing tables."""
    hub = settings or HubSettings()
    engine, owned = engine_for(db_url)
    create_schema(engine)
    now = (clock or SystemClock()).now

    async def token(request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
        if form.get("grant_type") != "password":
            return _error(400, "unsupported_grant_type", "Only the password grant is supported.")
        if not form.get("username") or not form.get("password"):
            return _error(400, "invalid_request", "Please give a staff name and a password.")
        grant = await run_in_threadpool(issue_token, engine, form["username"], form["password"], now(), hub.token_ttl)
        if grant is None:
            return _error(401, "invalid_credentials", "The staff name or password is wrong.")
        return JSONResponse(grant.to_json(), headers={"Cache-Control": "no-store"})

    def reads(coll: Collection) -> list[Route]:
        async def listing(request: Request) -> Response:
            def work() -> dict[str, object]:
                authenticate(engine, request.headers.get("Authorization"), now())
                return list_page(engine, coll, dict(request.query_params), request.url.path)

            return JSONResponse(await run_in_threadpool(work))

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
        async def endpoint(request: Request) -> Response:
            raw = await request.body()

            def work() -> Response:
                account = authenticate(engine, request.headers.get("Authorization"), now())
                key = check_key(request.headers.get("Idempotency-Key"))
                try:
                    change = parse(json.loads(raw))
                except ValueError:  # also covers UnicodeDecodeError
                    raise malformed("the body is not JSON") from None
                except ProtocolError as error:
                    raise malformed(error.detail) from None
                object_id: int = request.path_params["object_id"]
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

    async def api_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return JSONResponse(exc.body, status_code=exc.status)

    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = "There is nothing here." if exc.status_code == 404 else str(exc.detail)
        return _error(exc.status_code, HTTP_ERROR_CODES.get(exc.status_code, OTHER_HTTP_ERROR), message)

    async def crash(request: Request, exc: Exception) -> Response:
        # Type and route only: messages can hold customer data, and tracebacks go to the server's own log.
        log.error("%s on %s %s", type(exc).__name__, request.method, request.url.path)
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
    ]
    handlers = {ApiError: api_error, HTTPException: http_error, Exception: crash}
    return Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
