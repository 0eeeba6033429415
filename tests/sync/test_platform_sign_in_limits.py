"""Tokens end with their account's password or the account; sign-in is limited per name and per address, and
its answers never tell whether a name exists."""

from __future__ import annotations

import argparse
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine

from frontdesk.cli.server_cmd import register
from frontdesk.domain.staff import StaffRole
from frontdesk.hub import add_staff, create_app, remove_staff
from frontdesk.hub.settings import PER_ADDRESS, PER_NAME
from frontdesk.hub.throttle import SignInThrottle
from sync.helpers import STAFF, Platform, serve


def sign_in(url: str, name: str, password: str) -> httpx.Response:
    form = {"grant_type": "password", "username": name, "password": password}
    return httpx.post(f"{url}/v2/oauth/token", data=form, timeout=30)


def reads(url: str, token: str) -> int:
    return httpx.get(f"{url}/v2/users/", headers={"Authorization": f"Bearer {token}"}, timeout=30).status_code


def code_of(reply: httpx.Response) -> str:
    return str(reply.json()["errors"]["__all__"][0]["code"])


def test_a_token_ends_when_its_password_is_changed(fresh_platform: Platform) -> None:
    url, engine = fresh_platform.base_url, fresh_platform.engine
    old = sign_in(url, "desk", "desk-pass").json()["access_token"]
    other = sign_in(url, "manager", "manager-pass").json()["access_token"]
    add_staff(engine, "desk", "desk-pass", StaffRole.EMPLOYEE, cost=2**10)  # same password, new role
    assert reads(url, old) == 200
    add_staff(engine, "desk", "a-new-pass", StaffRole.FRONT_DESK, cost=2**10)
    reply = httpx.get(f"{url}/v2/users/", headers={"Authorization": f"Bearer {old}"})
    assert (reply.status_code, code_of(reply)) == (401, "invalid_token")
    assert reads(url, other) == 200  # other accounts stay signed in
    assert sign_in(url, "desk", "desk-pass").status_code == 401
    assert reads(url, sign_in(url, "desk", "a-new-pass").json()["access_token"]) == 200


def test_a_token_ends_when_its_account_is_removed(fresh_platform: Platform) -> None:
    url, engine = fresh_platform.base_url, fresh_platform.engine
    token = sign_in(url, "manager", "manager-pass").json()["access_token"]
    assert remove_staff(engine, "manager") is True
    assert reads(url, token) == 401
    assert sign_in(url, "manager", "manager-pass").status_code == 401
    assert remove_staff(engine, "manager") is False


def test_the_server_command_removes_staff() -> None:
    root = argparse.ArgumentParser(prog="frontdesk")
    register(root.add_subparsers(dest="command", required=True))
    args = root.parse_args(["server", "--db", "x.db", "--port", "1", "--remove-staff", "Sam", "--remove-staff", "Kim"])
    assert args.remove_staff == ["Sam", "Kim"]


@dataclass
class SteppedClock:
    """The hub's clock, moved on by the test (the rate limits wait minutes)."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment


@pytest.fixture
def limited(platform_db: Engine) -> Iterator[tuple[str, SteppedClock]]:
    clock = SteppedClock(datetime.now(UTC))
    with serve(create_app(platform_db, clock=clock)) as url:
        yield url, clock


def test_after_five_wrong_passwords_even_the_right_one_waits(limited: tuple[str, SteppedClock]) -> None:
    url, clock = limited
    assert [sign_in(url, "desk", f"guess {n}").status_code for n in range(PER_NAME.failures)] == [401] * 5
    clock.moment += timedelta(seconds=20)
    refused = sign_in(url, "desk", "desk-pass")
    assert (refused.status_code, code_of(refused)) == (429, "too_many_attempts")
    assert refused.headers["Retry-After"] == "280"
    assert refused.json()["errors"]["__all__"][0]["message"] == "Too many sign-in attempts. Please try again in 280 s."
    assert sign_in(url, "manager", "manager-pass").status_code == 200  # another name is not held up
    clock.moment += timedelta(seconds=280)
    assert sign_in(url, "desk", "desk-pass").status_code == 200


def test_the_answers_are_the_same_whether_or_not_the_name_exists(limited: tuple[str, SteppedClock]) -> None:
    url, _ = limited
    answers = {}
    for name in ("desk", "nobody-of-that-name"):
        wrong = [sign_in(url, name, "wrong") for _ in range(PER_NAME.failures)]
        held = sign_in(url, name, STAFF["desk"][0])
        answers[name] = [(r.status_code, r.json(), r.headers.get("Retry-After")) for r in [*wrong, held]]
    assert answers["desk"] == answers["nobody-of-that-name"]
    assert answers["desk"][-1][0] == 429


def test_a_good_password_forgives_the_typos_before_it(limited: tuple[str, SteppedClock]) -> None:
    url, _ = limited
    for _ in range(3):
        assert [sign_in(url, "desk", "typo").status_code for _ in range(PER_NAME.failures - 1)] == [401] * 4
        assert sign_in(url, "desk", "desk-pass").status_code == 200


def test_one_address_trying_many_names_is_held_up(limited: tuple[str, SteppedClock]) -> None:
    url, clock = limited
    for n in range(PER_ADDRESS.failures):
        assert sign_in(url, f"name {n}", "guess").status_code == 401
    held = sign_in(url, "admin", "admin-pass")
    assert (held.status_code, held.headers["Retry-After"]) == (429, "300")
    clock.moment += PER_ADDRESS.window
    assert sign_in(url, "admin", "admin-pass").status_code == 200


def test_attempts_sent_all_at_once_are_counted_before_they_are_judged(limited: tuple[str, SteppedClock]) -> None:
    url, _ = limited
    start = threading.Barrier(12)
    statuses: list[int] = []

    def attempt() -> None:
        start.wait()
        statuses.append(sign_in(url, "desk", "guess").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [401] * PER_NAME.failures + [429] * (12 - PER_NAME.failures)


def test_desks_signing_in_with_one_account_at_once_all_get_in(limited: tuple[str, SteppedClock]) -> None:
    url, _ = limited
    start = threading.Barrier(12)
    statuses: list[int] = []

    def attempt() -> None:
        start.wait()
        statuses.append(sign_in(url, "desk", "desk-pass").status_code)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 12


def test_a_flood_of_made_up_names_is_counted_in_bounded_memory() -> None:
    throttle = SignInThrottle(PER_NAME, PER_ADDRESS, max_keys=1000)
    now = datetime.now(UTC)
    for n in range(20_000):
        throttle.failed(f"made-up name {n}" + "x" * 5000, f"10.0.{n // 256 % 256}.{n % 256}", now)
    assert throttle.tracked() <= 2 * 1000
    for _ in range(PER_NAME.failures):  # the newest names are still counted
        throttle.failed("desk", "10.9.9.9", now)
    assert throttle.wait("desk", "10.9.9.9", now) == 300
