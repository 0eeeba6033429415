"""A staff action on a linked desk is sent at once and the answer shown is the platform's: confirmed, refused (the
desk shows the platform's state again) or kept on the desk (offline) — never "done" for what is not."""

from __future__ import annotations

import threading

from sqlalchemy import func, select
from sync.helpers import Platform

from frontdesk.domain.program import ProgramStatus
from frontdesk.hub.models import ChangeLog, ConnectionRow
from frontdesk.services.actions import StaffActions
from frontdesk.services.confirm import confirm_action
from frontdesk.services.dto import Confirmation, ScanResult, ScanSource
from frontdesk.services.platform_link import PlatformLink
from frontdesk.services.refusals import refusal_notices
from frontdesk.services.scan_desk import ScanDesk
from frontdesk.storage.models import Conflict, OutboxEntry
from sync_engine.helpers import Desk, DeskFactory, client, make_customers, sign_in


def linked(desk: Desk, url: str, token: str) -> StaffActions:
    link = PlatformLink(url, token=token)
    return StaffActions(desk.db, desk.staff, desk.clock, link.confirmer(desk.db, desk.clock, desk.staff.name))


def synced_desks(platform: Platform, make_desk: DeskFactory, *names: str) -> tuple[str, list[Desk]]:
    """A signed-in token and desks that have each pulled the platform once (and so know its vouchers)."""
    token = sign_in(platform.base_url, "desk")
    desks = [make_desk(name) for name in names]
    for desk in desks:
        assert desk.sync(client(platform.base_url, token)).complete
    return token, desks


def uses_on_platform(platform: Platform, voucher_id: int) -> list[tuple[str | None, str]]:
    with platform.engine.connect() as db:
        query = select(ChangeLog.desk, ChangeLog.to_status).where(ChangeLog.object_id == voucher_id)
        return [(desk, status) for desk, status in db.execute(query)]


def test_online_mark_is_confirmed_by_the_platform_and_settled_on_the_desk(
    platform: Platform, make_desk: DeskFactory
) -> None:
    [customer] = make_customers(platform.engine, 1)
    token, [desk] = synced_desks(platform, make_desk, "Desk A")

    change = linked(desk, platform.base_url, token).mark_used(voucher_id=customer.vouchers[0])

    assert change.answer.confirmation is Confirmation.CONFIRMED
    assert (change.voucher.status.value, change.voucher.has_pending_change) == ("USED", False)
    [entry] = desk.outbox()
    assert (entry.key, entry.state) == (change.outbox_key, "ACCEPTED")
    assert uses_on_platform(platform, customer.vouchers[0]) == [("Desk A", "USED")]


def test_a_voucher_used_meanwhile_at_another_desk_is_refused_at_once_and_shown_as_the_platform_has_it(
    platform: Platform, make_desk: DeskFactory
) -> None:
    [customer] = make_customers(platform.engine, 1)
    voucher_id = customer.vouchers[0]
    token, [first, second] = synced_desks(platform, make_desk, "Desk A", "Desk B")
    assert linked(second, platform.base_url, token).mark_used(voucher_id=voucher_id).answer.confirmed

    outcome = ScanDesk(linked(first, platform.base_url, token)).mark(str(voucher_id), ScanSource.TYPED)

    assert outcome.result is ScanResult.REFUSED  # never the green "marked" card
    assert outcome.answer is not None and outcome.answer.confirmation is Confirmation.REFUSED
    assert "refused" in outcome.message and "Already used" in outcome.message
    assert outcome.voucher is not None and outcome.voucher.used_by_desk == "Desk B"  # the platform's state again
    assert first.voucher(voucher_id).used_by_desk == "Desk B"
    [conflict] = first.conflicts()  # in the record, and already seen by staff: nothing left to chase
    assert conflict.acknowledged_at is not None and "shown at once" in (conflict.acknowledged_by or "")
    assert uses_on_platform(platform, voucher_id) == [("Desk B", "USED")]


def test_offline_the_action_is_kept_and_said_to_be_waiting(make_desk: DeskFactory, platform: Platform,
                                                           dead_url: str) -> None:  # fmt: skip
    [customer] = make_customers(platform.engine, 1)
    token, [desk] = synced_desks(platform, make_desk, "Desk A")

    change = linked(desk, dead_url, token).mark_used(voucher_id=customer.vouchers[0])

    assert change.answer.confirmation is Confirmation.KEPT
    assert change.answer.message == (
        "Saved on this desk but not confirmed by the loyalty platform yet: it could not be reached or did not "
        "answer in time. It will be sent automatically."  # plain words: never a driver's error class
    )
    assert change.voucher.has_pending_change
    assert [entry.state for entry in desk.outbox()] == ["PENDING"]


def test_a_status_change_the_platform_refuses_is_shown_refused_with_its_reason(
    platform: Platform, make_desk: DeskFactory
) -> None:
    [customer] = make_customers(platform.engine, 1, statuses=(ProgramStatus.PENDING,))
    token, [desk] = synced_desks(platform, make_desk, "Desk A")
    with platform.engine.begin() as db:  # the platform disconnects the customer; this desk has not pulled it
        db.execute(ConnectionRow.__table__.update().values(status="INACTIVE"))

    change = linked(desk, platform.base_url, token).change_program_status(customer.user_id, ProgramStatus.ACTIVE)

    assert change.answer.confirmation is Confirmation.REFUSED
    assert "Inactive" in change.answer.message
    assert change.customer.status is ProgramStatus.INACTIVE  # the badge shows the platform's status again


def test_a_refusal_that_arrives_with_a_later_sync_names_customer_and_voucher(
    platform: Platform, make_desk: DeskFactory, dead_url: str
) -> None:
    [customer] = make_customers(platform.engine, 1)
    voucher_id = customer.vouchers[0]
    token, [offline_desk, online_desk] = synced_desks(platform, make_desk, "Desk A", "Desk B")
    kept = linked(offline_desk, dead_url, token).mark_used(voucher_id=voucher_id)
    assert kept.answer.confirmation is Confirmation.KEPT
    assert linked(online_desk, platform.base_url, token).mark_used(voucher_id=voucher_id).answer.confirmed

    summary = offline_desk.sync(client(platform.base_url, token))

    assert summary.refused_keys == (kept.outbox_key,)
    [notice] = refusal_notices(offline_desk.db, summary.refused_keys)
    assert (notice.outbox_key, notice.voucher_code, notice.customer_id) == (kept.outbox_key, kept.voucher.code,
                                                                          customer.user_id)  # fmt: skip
    assert notice.customer_name in notice.headline and kept.voucher.code in notice.headline
    assert "Already used" in notice.reason


def test_a_confirmation_and_a_sync_sending_the_same_action_at_once_settle_it_once(
    platform: Platform, make_desk: DeskFactory, dead_url: str
) -> None:
    [customer] = make_customers(platform.engine, 1)
    voucher_id = customer.vouchers[0]
    token, [desk, other] = synced_desks(platform, make_desk, "Desk A", "Desk B")
    key = linked(desk, dead_url, token).mark_used(voucher_id=voucher_id).outbox_key
    assert linked(other, platform.base_url, token).mark_used(voucher_id=voucher_id).answer.confirmed
    start = threading.Barrier(2)
    answers = []

    def send() -> None:
        with client(platform.base_url, token) as sender:
            start.wait()
            answers.append(confirm_action(desk.db, sender, desk.clock, key, staff_name="A").confirmation)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [Confirmation.REFUSED, Confirmation.REFUSED]
    with desk.db.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Conflict)) == 1  # one refusal, one conflict
        assert session.scalar(select(OutboxEntry.state).where(OutboxEntry.key == key)) == "REFUSED"
