"""Incremental pulls: paging, last_mod_dt filters, same-timestamp rows, and remote changes."""

from __future__ import annotations

import uuid

import httpx
import pytest

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub import seed_demo
from frontdesk.hub.models import UserRow
from frontdesk.hub.remote import (
    create_customer,
    create_voucher,
    set_connection_status,
    update_object,
    void_voucher,
)
from frontdesk.protocol.wire import CONNECTIONS, USERS, VOUCHERS, Cursor, VoucherStatusChange, format_dt
from frontdesk.sync.client import PlatformClient
from frontdesk.sync.results import Accepted
from sync.helpers import Platform

SEEDED = 120  # seeded in batches of 50: three groups of rows that share one last_mod_dt


@pytest.fixture(scope="module")
def seeded(platform: Platform) -> int:
    """A business of its own in the module's server; returns its id."""
    seed_demo(platform.engine, customers=SEEDED, seed=11, business_id=7, batch_size=50)
    return 7


def pull_all(client: PlatformClient, since: Cursor | None = None, limit: int = 7, **filters: str | int) -> list[int]:
    return [u.user_id for page in client.iter_pages(USERS, since, limit=limit, **filters) for u in page.objects]


def test_pages_cover_every_object_once_in_last_mod_order(platform: Platform, desk: PlatformClient, seeded: int) -> None:
    ids = pull_all(desk, business=seeded)
    assert len(ids) == SEEDED == len(set(ids))
    first = desk.list_page(USERS, business=seeded, limit=10)
    assert (first.meta.limit, first.meta.offset, first.meta.total_count) == (10, 0, SEEDED)
    stamps = [(u.last_mod_dt, u.user_id) for u in first.objects]
    assert stamps == sorted(stamps) and len({s for s, _ in stamps}) == 1  # one batch, one stamp


def test_offset_paging_and_next_links(platform: Platform, desk: PlatformClient, seeded: int) -> None:
    pages = [desk.list_page(CONNECTIONS, business=seeded, limit=50, offset=offset) for offset in (0, 50, 100)]
    assert [len(p.objects) for p in pages] == [50, 50, 20]
    assert pages[0].meta.next is not None and pages[2].meta.next is None
    following = httpx.get(
        platform.base_url + pages[0].meta.next, headers={"Authorization": f"Bearer {desk.token}"}
    ).json()
    assert [o["connection_id"] for o in following["objects"]] == [c.connection_id for c in pages[1].objects]


def test_a_cursor_inside_a_same_timestamp_group_skips_nothing(desk: PlatformClient, seeded: int) -> None:
    everything = [u for page in desk.iter_pages(USERS, limit=1000, business=seeded) for u in page.objects]
    for cut in (0, 1, 49, 50, 51, 77, SEEDED - 1):
        cursor = Cursor(everything[cut].last_mod_dt, everything[cut].user_id)
        assert pull_all(desk, cursor, business=seeded) == [u.user_id for u in everything[cut + 1 :]]


def test_cursor_of_each_page_resumes_exactly(desk: PlatformClient, seeded: int) -> None:
    pages = list(desk.iter_pages(VOUCHERS, limit=13, business=seeded))
    everything = [v.voucher_id for page in pages for v in page.objects]
    for number, page in enumerate(pages):
        rest = [
            v.voucher_id for p in desk.iter_pages(VOUCHERS, page.cursor, limit=13, business=seeded) for v in p.objects
        ]
        done = sum(len(p.objects) for p in pages[: number + 1])
        assert rest == everything[done:]
    assert pages[-1].objects == () or len(pages[-1].objects) < 13


def test_seed_gives_vouchers_in_all_six_statuses(desk: PlatformClient, seeded: int) -> None:
    statuses = {v.status for page in desk.iter_pages(VOUCHERS, business=seeded) for v in page.objects}
    assert statuses == set(VoucherStatus)


def test_changes_during_a_pull_are_seen_and_nothing_is_skipped(platform: Platform, desk: PlatformClient) -> None:
    business = 8
    seed_demo(platform.engine, customers=30, seed=5, business_id=business, batch_size=30)
    seen: list[int] = []
    pulled = desk.iter_pages(USERS, limit=10, business=business)
    seen += [u.user_id for u in next(pulled).objects]
    update_object(platform.engine, UserRow, seen[0], first_name="Changed")  # moves an already-pulled row to the end
    seen += [u.user_id for page in pulled for u in page.objects]
    assert set(seen) == set(pull_all(desk, business=business)) and seen[-1] == seen[0]


def test_remote_changes_bump_last_mod_dt_and_show_up_in_the_next_pull(platform: Platform, desk: PlatformClient) -> None:
    business = 9
    user_id, connection_id = create_customer(
        platform.engine,
        first_name="Joan",
        last_name="Clarke",
        business_id=business,
        status=ProgramStatus.PENDING,
    )
    voucher_id = create_voucher(platform.engine, user_id=user_id, business_id=business)
    pages = list(desk.iter_pages(CONNECTIONS, business=business))
    cursor = pages[-1].cursor
    assert cursor is not None and [c.connection_id for p in pages for c in p.objects] == [connection_id]
    assert [c for p in desk.iter_pages(CONNECTIONS, cursor, business=business) for c in p.objects] == []
    set_connection_status(platform.engine, connection_id, ProgramStatus.ACTIVE)  # joined online
    (changed,) = [c for p in desk.iter_pages(CONNECTIONS, cursor, business=business) for c in p.objects]
    assert changed.status is ProgramStatus.ACTIVE and changed.last_mod_dt > cursor.last_mod_dt
    before = desk.get_voucher(voucher_id)
    void_voucher(platform.engine, voucher_id)
    after = desk.get_voucher(voucher_id)
    assert before is not None and after is not None and after.status is VoucherStatus.VOIDED
    assert after.last_mod_dt > before.last_mod_dt


def test_desk_changes_bump_last_mod_dt_past_every_earlier_stamp(platform: Platform, desk: PlatformClient) -> None:
    user_id, _ = create_customer(platform.engine, first_name="Hedy", last_name="Lamarr", business_id=10)
    voucher_ids = [create_voucher(platform.engine, user_id=user_id, business_id=10) for _ in range(3)]
    stamps = []
    for voucher_id in reversed(voucher_ids):
        result = desk.patch_voucher_status(
            voucher_id, VoucherStatusChange(VoucherStatus.USED), idempotency_key=str(uuid.uuid4())
        )
        assert isinstance(result, Accepted)
        stamps.append(result.object.last_mod_dt)
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    pulled = [v.voucher_id for p in desk.iter_pages(VOUCHERS, business=10) for v in p.objects]
    assert pulled == list(reversed(voucher_ids))


def test_last_mod_dt_filters(platform: Platform, desk: PlatformClient, seeded: int) -> None:
    objects = [u for p in desk.iter_pages(USERS, limit=1000, business=seeded) for u in p.objects]
    middle = objects[60].last_mod_dt
    newer = desk.list_page(USERS, business=seeded, limit=1000, last_mod_dt__gte=format_dt(middle))
    older = desk.list_page(USERS, business=seeded, limit=1000, last_mod_dt__lt=format_dt(middle))
    assert {u.user_id for u in newer.objects} | {u.user_id for u in older.objects} == {u.user_id for u in objects}
    assert all(u.last_mod_dt >= middle for u in newer.objects) and all(u.last_mod_dt < middle for u in older.objects)
    offset_form = middle.isoformat()  # "+00:00" instead of "Z" is accepted too
    assert desk.list_page(USERS, business=seeded, limit=1000, last_mod_dt__gte=offset_form) == newer


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=1001", "offset=-1", "limit=ten", "last_mod_dt__gte=yesterday", "after_id=5"]
)
def test_bad_filters_are_422(platform: Platform, desk: PlatformClient, query: str) -> None:
    reply = httpx.get(f"{platform.base_url}/v2/users/?{query}", headers={"Authorization": f"Bearer {desk.token}"})
    assert reply.status_code == 422
    assert reply.json()["errors"]["__all__"][0]["code"] == "invalid_filter"
