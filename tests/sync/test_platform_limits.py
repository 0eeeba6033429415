"""What PostgreSQL refuses — a NUL character, text longer than its column, a number beyond BIGINT — the server
refuses itself, in the protocol's words and the same way on every database. A 500 instead would make a desk send
the change again and again, holding up every change queued behind it."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, String, Table

from frontdesk.domain.errors import InvalidInput
from frontdesk.domain.staff import StaffRole
from frontdesk.hub import add_staff, create_customer, create_voucher, import_customers
from frontdesk.hub.auth import NAME_MAX
from frontdesk.hub.models import Base, ChangeLog, StaffAccount, VoucherRow
from frontdesk.protocol.wire_changes import LABEL_MAX
from frontdesk.sync.client import PlatformClient
from sync.helpers import Platform

TOO_BIG = str(2**63)


def send(platform: Platform, desk: PlatformClient, path: str, body: object) -> httpx.Response:
    headers = {"Authorization": f"Bearer {desk.token}", "Idempotency-Key": str(uuid.uuid4())}
    return httpx.patch(f"{platform.base_url}{path}", json=body, headers=headers)


def code_of(reply: httpx.Response) -> tuple[int, str]:
    return reply.status_code, reply.json()["errors"]["__all__"][0]["code"]


def length(model: type[Base], column: str) -> int:
    table: Table = Base.metadata.tables[model.__tablename__]
    kind = table.c[column].type
    assert isinstance(kind, String) and kind.length is not None
    return kind.length


def test_the_label_limit_fits_every_column_a_label_is_kept_in() -> None:
    for model, column in [(VoucherRow, "used_location"), (VoucherRow, "used_by_desk"), (VoucherRow, "used_by_staff"),
                          (ChangeLog, "desk"), (ChangeLog, "staff_name")]:  # fmt: skip
        assert length(model, column) >= LABEL_MAX, f"{model.__tablename__}.{column}"
    assert length(StaffAccount, "name") == NAME_MAX and length(ChangeLog, "account") >= NAME_MAX


@pytest.mark.parametrize(
    "extra",
    [
        {"desk": "D" * (LABEL_MAX + 1)},
        {"location": "L" * (LABEL_MAX + 1)},
        {"staff_name": "S" * (LABEL_MAX + 1)},
        {"location": "Down\u0000town"},
        {"reason": "oops\u0000"},
    ],
)
def test_labels_too_long_or_with_nul_are_refused_and_change_nothing(
    platform: Platform, desk: PlatformClient, extra: dict[str, str]
) -> None:
    user_id, connection_id = create_customer(platform.engine, first_name="Ada", last_name="Limits")
    voucher_id = create_voucher(platform.engine, user_id=user_id)
    assert code_of(send(platform, desk, f"/v2/vouchers/{voucher_id}/", {"status": "USED", **extra})) == (
        422,
        "invalid_body",
    )
    voucher = desk.get_voucher(voucher_id)
    assert voucher is not None and voucher.status == "UNUSED"
    if set(extra) <= {"desk", "staff_name"}:  # the labels a status change carries too
        refused = send(platform, desk, f"/v2/connections/{connection_id}/", {"status": "INACTIVE", **extra})
        assert code_of(refused) == (422, "invalid_body")


def test_labels_of_the_full_length_are_kept_as_sent(platform: Platform, desk: PlatformClient) -> None:
    user_id, _ = create_customer(platform.engine, first_name="Ada", last_name="Limits")
    voucher_id = create_voucher(platform.engine, user_id=user_id)
    labels = {"desk": "D" * LABEL_MAX, "location": "Ł" * LABEL_MAX, "staff_name": "S" * LABEL_MAX}
    reply = send(platform, desk, f"/v2/vouchers/{voucher_id}/", {"status": "USED", **labels})
    assert reply.status_code == 200
    body = reply.json()
    assert (body["used_by_desk"], body["used_location"], body["used_by_staff"]) == tuple(labels.values())


@pytest.mark.parametrize(
    "query",
    [
        f"users/?business={TOO_BIG}",
        f"vouchers/?offset={TOO_BIG}",
        f"connections/?user_id={TOO_BIG}",
        f"users/?last_mod_dt__gte=2024-01-01T00:00:00Z&after_id={TOO_BIG}",
        "users/?location=Down%00town",
        "vouchers/?status=USED%00",
        "connections/?business=1&location=%00",
    ],
)
def test_filters_a_database_could_not_hold_are_422(platform: Platform, desk: PlatformClient, query: str) -> None:
    reply = httpx.get(f"{platform.base_url}/v2/{query}", headers={"Authorization": f"Bearer {desk.token}"})
    assert code_of(reply) == (422, "invalid_filter")


@pytest.mark.parametrize("resource", ["users", "connections", "vouchers"])
def test_an_id_beyond_any_database_integer_is_not_found(
    platform: Platform, desk: PlatformClient, resource: str
) -> None:
    reply = httpx.get(
        f"{platform.base_url}/v2/{resource}/{TOO_BIG}/", headers={"Authorization": f"Bearer {desk.token}"}
    )
    assert code_of(reply) == (404, "not_found")
    if resource != "users":
        status = "USED" if resource == "vouchers" else "INACTIVE"
        assert code_of(send(platform, desk, f"/v2/{resource}/{TOO_BIG}/", {"status": status})) == (404, "not_found")


def test_a_staff_name_with_nul_is_just_a_wrong_name(platform: Platform) -> None:
    form = {"grant_type": "password", "username": "desk\u0000", "password": "desk-pass"}
    assert code_of(httpx.post(f"{platform.base_url}/v2/oauth/token", data=form)) == (401, "invalid_credentials")


def test_staff_accounts_and_imports_refuse_what_their_columns_cannot_keep(platform_db: Engine, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="at most 100"):
        add_staff(platform_db, "N" * (NAME_MAX + 1), "secret", StaffRole.ADMIN, cost=2**10)
    long_name = tmp_path / "long.csv"
    long_name.write_text("first_name,last_name,member_number\nAda,Lovelace,M1\nAda,Lovelace," + "9" * 41 + "\n")
    with pytest.raises(InvalidInput, match="Line 3: member_number is longer than 40 characters"):
        import_customers(platform_db, long_name)
    nul = tmp_path / "nul.jsonl"
    nul.write_text('{"first_name": "Ada\\u0000", "last_name": "Lovelace"}\n')
    with pytest.raises(InvalidInput, match="Line 1: first_name contains a NUL character"):
        import_customers(platform_db, nul)
