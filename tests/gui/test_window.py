"""The front-desk window driven through its real widgets over a real database."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from frontdesk.domain.program import ProgramStatus, allowed_targets
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.search import search_customers
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Connection, Customer, OutboxEntry, Voucher
from ui.main_window import MainWindow
from ui.tasks import TaskRunner

from .helpers import open_customer, open_window, type_query, type_text


def _customer(db: Database, customer_id: int) -> Customer:
    with db.unit_of_work() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        return customer


def test_typing_shows_matching_customers(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    target = _customer(db, 42)
    result = type_query(qtbot, window, f"{target.first_name[:3]} {target.last_name[:4]}")
    shown = [window.search.model.customer(row) for row in range(window.search.model.rowCount())]
    assert [c.id for c in shown if c] == [c.id for c in result.customers]
    assert 42 in [c.id for c in result.customers]
    assert all(c.first_name.lower().startswith(target.first_name[:3].lower()) for c in result.customers)
    assert window.search.list.currentIndex().row() == 0  # first result is highlighted for Enter


def test_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    result = type_query(qtbot, window, "zzqxv")
    assert result.customers == ()
    assert window.search.hint.text() == "No customer matches “zzqxv”."


def test_arrow_keys_and_enter_open_the_panel(qtbot: QtBot, window: MainWindow) -> None:
    result = type_query(qtbot, window, "jo")
    assert len(result.customers) >= 2
    qtbot.keyClick(window.search.field, Qt.Key.Key_Down)
    assert window.search.list.currentIndex().row() == 1
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as got:
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert got.args[0].summary.id == result.customers[1].id
    assert window.customer.name.text() == result.customers[1].name
    qtbot.keyClick(window.search.field, Qt.Key.Key_Escape)
    assert window.search.field.text() == ""


def test_ctrl_f_returns_to_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    window.customer.setFocus()
    window.customer.pencil.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.field.hasFocus()


def test_selecting_a_customer_fills_the_panel(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    customer = _customer(db, 1)
    detail = open_customer(qtbot, window, 1)
    panel = window.customer
    assert panel.name.text() == f"{customer.first_name} {customer.last_name}"
    assert panel.fields["Member number"].text() == customer.member_number
    assert panel.fields["Phone"].text() == customer.phone
    assert customer.email in panel.fields["Emails"].text()
    assert len(panel.vouchers.cards) == len(detail.vouchers) == 6  # customer 1 holds one voucher per status


@pytest.mark.parametrize("status", list(ProgramStatus))
def test_status_pencil_offers_exactly_the_allowed_targets_and_saves(
    qtbot: QtBot, window: MainWindow, db: Database, status: ProgramStatus
) -> None:
    with db.unit_of_work() as session:
        session.execute(update(Connection).where(Connection.customer_id == 5).values(status=status.value))
    open_customer(qtbot, window, 5)
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    editor = window.customer.editor
    assert editor.isVisible()
    assert set(editor.options) == set(allowed_targets(status))
    refused = [t for t in ProgramStatus if t is not status and t not in allowed_targets(status)]
    for target in refused:
        assert target.label in editor.note.text()  # says why it is not offered
    target = allowed_targets(status)[-1]
    editor.options[target].setChecked(True)
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as got:
        qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    assert got.args[0].summary.status is target
    assert got.args[0].summary.has_pending_change
    assert target.label in window.customer.status_badge.text()
    with db.unit_of_work() as session:
        assert session.scalars(select(Connection.status).where(Connection.customer_id == 5)).one() == target.value
        audit = session.scalars(select(AuditEntry)).one()
        assert (audit.from_value, audit.to_value, audit.staff_name, audit.desk) == (
            status.value,
            target.value,
            "Dana Reyes",
            "Front desk 1",
        )
        outbox = session.scalars(select(OutboxEntry)).one()
        assert outbox.key == audit.outbox_key and outbox.payload["status"] == target.value


def test_cancel_leaves_the_status_untouched(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    detail = open_customer(qtbot, window, 5)
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    editor = window.customer.editor
    next(iter(editor.options.values())).setChecked(True)
    qtbot.mouseClick(editor.cancel, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    with db.unit_of_work() as session:
        assert session.scalars(select(OutboxEntry)).all() == []
        assert session.scalars(select(Connection.status).where(Connection.customer_id == 5)).one() == (
            detail.summary.status.value if detail.summary.status else None
        )


def test_status_change_shows_in_the_result_list_at_once(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    with db.unit_of_work() as session:
        session.execute(update(Connection).where(Connection.customer_id == 2).values(status="PENDING"))
    customer = _customer(db, 2)
    type_query(qtbot, window, customer.member_number)
    assert window.search.model.customer(0).id == 2  # type: ignore[union-attr]
    open_customer(qtbot, window, 2)
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    window.customer.editor.options[ProgramStatus.ACTIVE].setChecked(True)
    with qtbot.waitSignal(window.customer.customer_changed, timeout=5000):
        qtbot.mouseClick(window.customer.editor.save, Qt.MouseButton.LeftButton)
    row = window.search.model.customer(0)
    assert row is not None and row.status is ProgramStatus.ACTIVE and row.has_pending_change


def test_mark_voucher_used_and_set_it_back(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    detail = open_customer(qtbot, window, 1)
    unused = next(v for v in detail.vouchers if v.status is VoucherStatus.UNUSED)
    card = window.customer.vouchers.card_for(unused.id)
    assert card is not None and card.action is not None and card.action.text() == "Mark as used"
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as got:
        qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    after = next(v for v in got.args[0].vouchers if v.id == unused.id)
    assert after.status is VoucherStatus.USED and after.used_by_desk == "Front desk 1"
    assert "marked as used" in window.customer.message.text()
    card = window.customer.vouchers.card_for(unused.id)
    assert card is not None and card.action is not None and card.action.text() == "Set back to unused"
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(card.reason.isVisible, timeout=2000)
    assert not card.confirm.isEnabled()  # a reason is required
    type_text(qtbot, card.reason, "Scanned the wrong voucher")
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as got:
        qtbot.mouseClick(card.confirm, Qt.MouseButton.LeftButton)
    assert next(v for v in got.args[0].vouchers if v.id == unused.id).status is VoucherStatus.UNUSED
    with db.unit_of_work() as session:
        audits = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(a.action, a.to_value) for a in audits] == [
            ("mark_voucher_used", "USED"),
            ("set_voucher_back_to_unused", "UNUSED"),
        ]
        assert audits[1].reason == "Scanned the wrong voucher"
        assert len(session.scalars(select(OutboxEntry)).all()) == 2


def test_vouchers_without_an_action_explain_why(qtbot: QtBot, window: MainWindow) -> None:
    detail = open_customer(qtbot, window, 1)
    for voucher in detail.vouchers:
        card = window.customer.vouchers.card_for(voucher.id)
        assert card is not None
        if voucher.status in (VoucherStatus.ISSUED, VoucherStatus.PROCESSING, VoucherStatus.EXPIRED,
                              VoucherStatus.VOIDED):  # fmt: skip
            assert card.action is None
            assert card.explanation.text() == voucher.explanation and len(voucher.explanation) > 20


def test_front_desk_role_cannot_set_back_and_is_told_why(qtbot: QtBot, db: Database, settings: QSettings) -> None:
    staff = StaffMember("Sam Lee", StaffRole.FRONT_DESK, "Front desk 2")
    window = open_window(qtbot, db, settings, staff)
    detail = open_customer(qtbot, window, 1)
    used = next(v for v in detail.vouchers if v.status is VoucherStatus.USED)
    card = window.customer.vouchers.card_for(used.id)
    assert card is not None and card.action is not None
    assert not card.action.isEnabled()
    assert card.action.toolTip() == "Only an employee or an admin can set a used voucher back to unused."


def test_refusal_from_the_service_shows_as_a_readable_message(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    detail = open_customer(qtbot, window, 1)
    unused = next(v for v in detail.vouchers if v.status is VoucherStatus.UNUSED)
    with db.unit_of_work() as session:  # another desk's sync marked it meanwhile
        session.execute(update(Voucher).where(Voucher.id == unused.id).values(status="USED", used_location="Riverside"))
    card = window.customer.vouchers.card_for(unused.id)
    assert card is not None and card.action is not None
    with qtbot.waitSignal(window.customer.message_shown, timeout=5000) as got:
        qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    assert got.args[0].startswith("Already used")
    assert "Riverside" in got.args[0] and "Nothing was changed" in got.args[0]
    assert window.customer.message.isVisible()


def test_stale_search_results_never_overwrite_newer_ones(qtbot: QtBot, db: Database) -> None:
    """The task helper's part; test_window_search.py drives the same through the real search panel."""
    runner = TaskRunner()
    release = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "old"

    runner.submit(slow, delivered.append, lambda e: delivered.append(e.message), channel="search")
    runner.submit(lambda: "new", delivered.append, lambda e: delivered.append(e.message), channel="search")
    qtbot.waitUntil(lambda: delivered == ["new"], timeout=5000)
    release.set()
    assert runner.wait_idle(5000)
    qtbot.wait(50)  # let the old result's queued signal arrive, to be dropped
    assert delivered == ["new"]


def test_window_keeps_size_and_splitter(qtbot: QtBot, db: Database, settings: QSettings) -> None:
    first = open_window(qtbot, db, settings)
    size = QSize(700, 500).expandedTo(first.minimumSizeHint())  # not smaller than the pages can be laid out
    assert size.width() < 800 and size.height() < 600  # within the offscreen screen, which restoreGeometry keeps to
    first.resize(size)
    assert first.size() == size
    first.splitter.setSizes([250, 450])
    sizes = first.splitter.sizes()
    first.close()
    second = open_window(qtbot, db, settings)
    assert second.size() == size
    assert second.splitter.sizes() == sizes


def test_search_service_result_matches_window(window: MainWindow, db: Database, qtbot: QtBot) -> None:
    shown = type_query(qtbot, window, "smi")
    assert shown == search_customers(db, "smi")
