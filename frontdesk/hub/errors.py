"""HTTP refusals with the protocol's error body: {"errors": {"__all__": [{code, message}]}, "current": {}}.

Every code a refusal can carry is listed in openapi.yaml (ErrorCode); tests/sync/test_error_codes.py checks it.
"""

from __future__ import annotations

from collections.abc import Mapping

from frontdesk.domain.errors import FrontDeskError
from frontdesk.protocol.wire import JSON

# Domain refusal codes that are not 409 Conflict; every other refusal of a change is a conflict with state.
_STATUS_BY_CODE = {"role_not_allowed": 403, "not_found": 404}
# Starlette's own refusals (no such route, wrong method, ...) by HTTP status; any other status is bad_request.
HTTP_ERROR_CODES = {404: "not_found", 405: "method_not_allowed"}
OTHER_HTTP_ERROR = "bad_request"


def error_body(code: str, message: str, *, current: JSON | None = None, extra: JSON | None = None) -> JSON:
    item: JSON = {"code": code, "message": message, **(extra or {})}
    body: JSON = {"errors": {"__all__": [item]}}
    if current is not None:
        body["current"] = current
    return body


class ApiError(Exception):
    """Raised inside a handler; the app turns it into a JSON error response (with `headers`, if any)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        current: JSON | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.current = current
        self.headers = dict(headers or {})

    @property
    def body(self) -> JSON:
        return error_body(self.code, self.message, current=self.current)


def refusal(error: FrontDeskError, *, current: JSON | None, extra: JSON | None = None) -> tuple[int, JSON]:
    """A domain refusal as (HTTP status, body)."""
    status = _STATUS_BY_CODE.get(error.code, 409)
    return status, error_body(error.code, error.message, current=current, extra=extra)


def unauthorized(code: str, message: str) -> ApiError:
    return ApiError(401, code, message)


def malformed(detail: str) -> ApiError:
    return ApiError(422, "invalid_body", f"The request could not be read: {detail}.")
