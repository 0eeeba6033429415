"""Every machine error code the reference server can send is in openapi.yaml (ErrorCode), with its HTTP status.

The codes come from two places, both collected here rather than listed by hand:
- the server's own refusals: every literal code handed to ApiError, unauthorized, _error, error_body or a
  `code=` keyword in frontdesk/hub (a code that is not a literal fails the test: it could not be
  checked), plus Starlette's refusals (errors.HTTP_ERROR_CODES);
- the domain rules the server applies to a change (changes.py), run over every status, role and input.
"""

from __future__ import annotations

import ast
import itertools
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

import frontdesk.hub as platform_server
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.membership import MembershipStatus
from frontdesk.domain.offline import check_acted_at
from frontdesk.domain.program import ProgramStatus, check_program_change
from frontdesk.domain.staff import Permission, StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus, check_mark_used, check_set_back_to_unused
from frontdesk.hub.errors import HTTP_ERROR_CODES, OTHER_HTTP_ERROR, refusal

DOCUMENT: dict[str, Any] = yaml.safe_load((files("frontdesk.protocol") / "openapi.yaml").read_text(encoding="utf-8"))
SERVER = Path(platform_server.__file__).parent
# callee -> (index of the code argument, index of a literal HTTP status argument or None, fixed status or None)
EMITTERS: dict[str, tuple[int, int | None, int | None]] = {
    "ApiError": (1, 0, None),
    "_error": (1, 0, None),
    "unauthorized": (0, None, 401),
    "error_body": (0, None, None),
}
DOMAIN_CHECKS = {"check_mark_used", "check_set_back_to_unused", "check_program_change", "check_acted_at", "require"}
Codes = dict[str, set[int | None]]  # code -> the HTTP statuses it is sent with (None: not known statically)


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _passed_through(value: ast.expr, function: ast.FunctionDef | None) -> bool:
    """A code that is only handed on: a parameter of the enclosing function, a `.code` attribute, or a look-up
    in HTTP_ERROR_CODES (all collected elsewhere)."""
    if isinstance(value, ast.Attribute) and value.attr == "code":
        return True
    if isinstance(value, ast.Name) and function is not None:
        return value.id in {a.arg for a in [*function.args.args, *function.args.kwonlyargs]}
    return isinstance(value, ast.Call) and "HTTP_ERROR_CODES" in ast.unparse(value.func)


def server_codes() -> Codes:
    codes: Codes = defaultdict(set)
    not_literal: list[str] = []
    for path in sorted(SERVER.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        innermost: dict[ast.AST, ast.FunctionDef] = {}
        for function in ast.walk(tree):  # outer functions first, so inner ones overwrite them
            if isinstance(function, ast.FunctionDef):
                innermost.update((node, function) for node in ast.walk(function))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            found: list[tuple[ast.expr, int | None]] = [(k.value, None) for k in node.keywords if k.arg == "code"]
            if _name(node.func) in EMITTERS and not found:
                code_at, status_at, status = EMITTERS[_name(node.func)]
                if status_at is not None and len(node.args) > status_at:
                    given = node.args[status_at]
                    if isinstance(given, ast.Constant) and isinstance(given.value, int):
                        status = given.value
                if len(node.args) > code_at:
                    found.append((node.args[code_at], status))
            for value, sent_with in found:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    codes[value.value].add(sent_with)
                elif not _passed_through(value, innermost.get(node)):
                    not_literal.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    assert not not_literal, f"give these codes as literals so this test can check them: {not_literal}"
    for status, code in HTTP_ERROR_CODES.items():
        codes[code].add(status)
    codes[OTHER_HTTP_ERROR].add(None)
    return codes


def domain_codes() -> Codes:
    """What the rules in changes.py refuse with, over every status, role, permission and input."""
    errors: list[FrontDeskError] = []

    def attempt(check: Any, *args: Any, **kwargs: Any) -> None:
        try:
            check(*args, **kwargs)
        except FrontDeskError as error:
            errors.append(error)

    now = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    for status, expires in itertools.product(VoucherStatus, (None, now - timedelta(days=1), now + timedelta(days=1))):
        attempt(check_mark_used, status, used_at=now, used_where="Downtown", expires_at=expires, now=now)
        for reason in ("", "  ", "marked by mistake"):
            attempt(check_set_back_to_unused, status, reason)
    for current, target, membership in itertools.product(ProgramStatus, ProgramStatus, [None, *MembershipStatus]):
        attempt(check_program_change, current, target, membership)
    for acted, created in itertools.product((None, now, now - timedelta(days=30)), (None, now + timedelta(hours=1))):
        attempt(check_acted_at, acted, now=now, not_before=created)
    for role, permission in itertools.product(StaffRole, Permission):
        attempt(StaffMember("Sam", role, "Desk 1").require, permission)
    codes: Codes = defaultdict(set)
    for error in errors:
        codes[error.code].add(refusal(error, current=None)[0])
    return codes


def documented() -> dict[str, int]:
    schema = DOCUMENT["components"]["schemas"]["ErrorCode"]
    statuses: dict[str, int] = schema["x-http-status"]
    assert sorted(schema["enum"]) == sorted(statuses), "ErrorCode's enum and x-http-status name the same codes"
    return statuses


def test_the_domain_checks_enumerated_here_are_the_ones_the_server_applies() -> None:
    tree = ast.parse((SERVER / "changes.py").read_text(encoding="utf-8"))
    called = {_name(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    assert {c for c in called if c.startswith("check_") or c == "require"} == DOMAIN_CHECKS


def test_the_collectors_see_the_codes_they_should() -> None:
    """Guards the collectors themselves: known codes of each kind are found, with their statuses."""
    server, domain = server_codes(), domain_codes()
    assert server["invalid_filter"] == {422} and server["token_expired"] == {401} and server["busy"] == {503}
    assert server["not_found"] >= {404} and server["server_error"] == {500}
    assert domain["voucher_not_unused"] == {409} and domain["role_not_allowed"] == {403}
    assert {"unsupported_grant_type", "idempotency_key_reused"} <= set(server)
    assert domain["membership_not_active"] == {409} and domain["acted_at_too_old"] == {409}


def test_every_code_the_server_can_send_is_documented_and_nothing_else() -> None:
    emitted: Codes = defaultdict(set)
    for source in (server_codes(), domain_codes()):
        for code, statuses in source.items():
            emitted[code] |= statuses
    statuses = documented()
    assert set(emitted) - set(statuses) == set(), "sent by the server but missing from openapi.yaml ErrorCode"
    assert set(statuses) - set(emitted) == set(), "documented in ErrorCode but never sent"
    wrong = {code: sent for code, sent in emitted.items() if sent - {None, statuses[code]}}
    assert not wrong, f"sent with another HTTP status than openapi.yaml says: {wrong}"


def test_every_code_named_in_an_operation_is_documented_with_that_status() -> None:
    statuses = documented()
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                text = str(response.get("description", ""))
                named = {code for code in statuses if code in text.replace(",", " ").replace(":", " ").split()}
                for code in named:
                    assert statuses[code] == int(status), f"{method} {path} {status} names {code}"
