"""Request bodies read defensively: streamed up to a size limit, within a deadline, and JSON a database can store.

Every way a body can be wrong is a 4xx in the protocol's words. A 500 would tell an obedient desk to send the
same body again, forever, holding up every change queued behind it.
"""

from __future__ import annotations

import asyncio
import json

from starlette.requests import ClientDisconnect, Request

from frontdesk.hub.errors import ApiError, malformed

MAX_DEPTH = 16  # a change body is one flat object; nothing a desk sends comes near this
# A body refused as too large, but declared no larger than this, is read on and dropped after the answer, so the
# client can read the answer (closing on unread bytes resets the connection, and the answer is lost with it)
# and send its next request on the same connection. A larger one is not worth reading: the connection closes.
DRAIN_AT_MOST = 1024 * 1024
_CLOSE = {"Connection": "close"}


class ClientGone(Exception):
    """The client hung up before its whole request arrived: there is nobody left to answer."""


def _too_large(limit: int, *, close: bool) -> ApiError:
    message = f"The request is larger than the platform accepts ({limit:,} bytes)."
    return ApiError(413, "body_too_large", message, headers=_CLOSE if close else None)


async def read_body(request: Request, *, limit: int, deadline: float) -> bytes:
    """The whole body, or 413 as soon as it passes `limit` bytes, or 408 if it has not arrived within `deadline`."""
    length = request.headers.get("content-length", "")  # digits only: the HTTP layer has checked
    if len(length) > 18 or (length and int(length) > limit):  # said so up front: answered before it is read
        raise _too_large(limit, close=len(length) > 18 or int(length) > DRAIN_AT_MOST)
    received = bytearray()
    try:
        async with asyncio.timeout(deadline):
            async for chunk in request.stream():
                received += chunk
                if len(received) > limit:
                    raise _too_large(limit, close=False)  # chunked: the rest is dropped until the deadline
    except TimeoutError:
        message = f"The request did not arrive within {deadline:g} seconds. Nothing was changed; please send it again."
        raise ApiError(408, "request_timeout", message, headers=_CLOSE) from None
    except ClientDisconnect:
        raise ClientGone from None
    return bytes(received)


def parse_json(raw: bytes) -> object:
    """The body as JSON, refused (422 invalid_body) when it is not JSON, nests deeper than MAX_DEPTH, or holds
    text no database can store: a lone UTF-16 surrogate (from a `\\ud800` escape) or a NUL character."""
    try:
        data = json.loads(raw)
    except RecursionError:  # the decoder nests one Python call per level
        raise malformed(f"it is nested more than {MAX_DEPTH} levels deep") from None
    except ValueError:  # also UnicodeDecodeError, and integers of more digits than Python converts
        raise malformed("the body is not JSON") from None
    _check_storable(data)
    return data


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only lone surrogates fail
        return False
    return "\x00" not in text


def _check_storable(data: object) -> None:
    waiting: list[tuple[object, int]] = [(data, 1)]
    while waiting:
        value, depth = waiting.pop()
        if depth > MAX_DEPTH:
            raise malformed(f"it is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, str):
            texts = [value]
        elif isinstance(value, dict):
            texts = list(value)
            waiting += [(item, depth + 1) for item in value.values()]
        elif isinstance(value, list):
            texts = []
            waiting += [(item, depth + 1) for item in value]
        else:
            continue
        if not all(map(_storable, texts)):
            raise malformed("it holds text no database can store (a lone surrogate or a NUL character)")
