"""Sign-in and bearer tokens against the real server."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine

from frontdesk.domain.staff import StaffRole
from frontdesk.hub import create_app
from frontdesk.hub.settings import HubSettings
from frontdesk.protocol.wire import USERS
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import AuthRequired, SignInRefused
from sync.helpers import NO_WAIT, Platform, serve


def test_good_password_gives_a_bearer_token_with_the_staff_role(platform: Platform) -> None:
    with platform.client() as client:
        grant = client.sign_in("manager", "manager-pass")
        assert grant.token_type == "Bearer"
        assert grant.expires_in > 0
        assert (grant.staff.name, grant.staff.role) == ("manager", StaffRole.EMPLOYEE)
        assert client.token == grant.access_token
        assert client.list_page(USERS, business=999).objects == ()


@pytest.mark.parametrize(("name", "password"), [("desk", "wrong"), ("nobody", "desk-pass"), ("DESK", "desk-pass")])
def test_wrong_name_or_password_is_refused_in_plain_words(platform: Platform, name: str, password: str) -> None:
    with platform.client() as client, pytest.raises(SignInRefused, match="name or password is wrong"):
        client.sign_in(name, password)
    assert client.token is None


def test_token_endpoint_wants_the_password_grant(platform: Platform) -> None:
    form = {"grant_type": "client_credentials", "username": "desk", "password": "desk-pass"}
    reply = httpx.post(f"{platform.base_url}/v2/oauth/token", data=form)
    assert reply.status_code == 400
    assert reply.json()["errors"]["__all__"][0]["code"] == "unsupported_grant_type"


@pytest.mark.parametrize(
    ("header", "code"),
    [(None, "token_missing"), ("Bearer not-a-real-token", "invalid_token"), ("Basic abc", "invalid_token")],
)
def test_every_read_needs_a_valid_token(platform: Platform, header: str | None, code: str) -> None:
    headers = {} if header is None else {"Authorization": header}
    for path in ("/v2/users/", "/v2/connections/1/", "/v2/vouchers/"):
        reply = httpx.get(f"{platform.base_url}{path}", headers=headers)
        assert reply.status_code == 401
        assert reply.json()["errors"]["__all__"][0]["code"] == code


def test_a_change_without_a_token_is_401_and_changes_nothing(platform: Platform) -> None:
    reply = httpx.patch(
        f"{platform.base_url}/v2/vouchers/1/", json={"status": "USED"}, headers={"Idempotency-Key": "k"}
    )
    assert reply.status_code == 401


def test_client_says_sign_in_first_without_a_token(platform: Platform) -> None:
    with platform.client() as client, pytest.raises(AuthRequired):
        client.list_page(USERS)


def test_expired_token_is_refused_with_its_own_code(platform_db: Engine) -> None:
    with serve(create_app(platform_db, settings=HubSettings(token_ttl=timedelta(0)))) as url:
        with PlatformClient(url, retry=NO_WAIT) as client:
            client.sign_in("desk", "desk-pass")
            with pytest.raises(AuthRequired, match="expired"):
                client.list_page(USERS)
        reply = httpx.get(f"{url}/v2/users/", headers={"Authorization": f"Bearer {client.token}"})
        assert reply.json()["errors"]["__all__"][0]["code"] == "token_expired"
