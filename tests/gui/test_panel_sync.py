"""The open customer with a reference platform on 127.0.0.1: what staff are in the middle of survives "Sync now",
a change another desk made shows in the open status choice in plain words, and the panel says what the platform
answered to an action (confirmed, or refused and why) — never "done" for something it refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from frontdesk.domain.program import ProgramStatus, allowed_targets
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.hub.models import ConnectionRow
from frontdesk.storage.models import Connection, Voucher
from ui.main_window import MainWindow

from .helpers import open_customer, type_text
from .platform_server import RestartableServer, desk_window, sync_and_wait, wait_for_mode


def _desk(qtbot: QtBot, tmp_path: Path, server: RestartableServer, name: str) -> MainWindow:
    window = desk_window(qtbot, tmp_path, server, name)
    wait_for_mode(qtbot, window, "online")
    return window


def _sync_and_reload(qtbot: QtBot, window: MainWindow) -> None:
    """Press "Sync now" and wait for the open customer to be reloaded after it."""
    with qtbot.waitSignal(window.customer.loaded, timeout=15000):
        sync_and_wait(qtbot, window)


def test_an_open_choice_and_a_half_typed_reason_survive_sync_now(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window = _desk(qtbot, tmp_path, server, "Desk A")
    with window._context.desk.db.unit_of_work() as session:
        used = session.scalars(
            select(Voucher).join(Connection, Connection.customer_id == Voucher.customer_id)
            .where(Voucher.status == "USED", Connection.status == "ACTIVE").order_by(Voucher.id)
        ).first()  # fmt: skip
        assert used is not None
        customer_id, voucher_id = used.customer_id, used.id
    open_customer(qtbot, window, customer_id)
    panel = window.customer
    qtbot.mouseClick(panel.pencil, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.editor.options[ProgramStatus.INACTIVE], Qt.MouseButton.LeftButton)
    card = panel.vouchers.card_for(voucher_id)
    assert card is not None and card.action is not None
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    type_text(qtbot, card.reason, "Scanned by mista")
    _sync_and_reload(qtbot, window)
    assert panel.editor.isVisible() and panel.editor.chosen() is ProgramStatus.INACTIVE
    assert panel.vouchers.card_for(voucher_id) is card and card.reason.text() == "Scanned by mista"
    assert QApplication.focusWidget() is card.reason
    window.sync.shutdown()


def test_another_desks_status_change_shows_in_the_open_choice(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    first = _desk(qtbot, tmp_path, server, "Desk A")
    second = _desk(qtbot, tmp_path, server, "Desk B")
    with first._context.desk.db.unit_of_work() as session:
        pending_members = (Connection.status == "PENDING", Connection.membership_status == "ACTIVE")
        customer_id = session.scalars(
            select(Connection.customer_id).where(*pending_members).order_by(Connection.customer_id)
        ).first()
        assert customer_id is not None
    detail = open_customer(qtbot, first, customer_id)
    editor = first.customer.editor
    qtbot.mouseClick(first.customer.pencil, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.options[ProgramStatus.ACTIVE], Qt.MouseButton.LeftButton)
    second._context.actions.change_program_status(customer_id, ProgramStatus.INACTIVE)
    sync_and_wait(qtbot, second)
    _sync_and_reload(qtbot, first)
    assert editor.isVisible() and editor.changed.isVisible()
    assert editor.changed.text() == f"Changed meanwhile: {detail.summary.name} is now Inactive. Choose again."
    assert set(editor.options) == set(allowed_targets(ProgramStatus.INACTIVE)) and editor.chosen() is None
    assert "Inactive" in first.customer.status_badge.text()
    for window in (first, second):
        window.sync.shutdown()


def _messages(window: MainWindow) -> list[tuple[str, bool]]:
    said: list[tuple[str, bool]] = []
    window.customer.message_shown.connect(lambda text: said.append((text, window.customer.message.ok)))
    return said


def test_a_mark_the_platform_confirms_says_so(qtbot: QtBot, tmp_path: Path, server: RestartableServer) -> None:
    window = _desk(qtbot, tmp_path, server, "Desk A")
    with window._context.desk.db.unit_of_work() as session:
        voucher = session.scalars(select(Voucher).where(Voucher.status == "UNUSED").order_by(Voucher.id)).first()
        assert voucher is not None
        customer_id, voucher_id, title, code = voucher.customer_id, voucher.id, voucher.title, voucher.code
    open_customer(qtbot, window, customer_id)
    card = window.customer.vouchers.card_for(voucher_id)
    assert card is not None and card.action is not None
    said = _messages(window)
    with qtbot.waitSignal(window.customer.loaded, timeout=10000):
        qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    assert said == [(f"✓ “{title}” ({code}) marked as used. Confirmed by the loyalty platform.", True)]
    window.sync.shutdown()


def test_a_mark_another_desk_made_first_is_shown_refused(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    first = _desk(qtbot, tmp_path, server, "Desk A")
    second = _desk(qtbot, tmp_path, server, "Desk B")
    with first._context.desk.db.unit_of_work() as session:
        voucher = session.scalars(select(Voucher).where(Voucher.status == "UNUSED").order_by(Voucher.id)).first()
        assert voucher is not None
        customer_id, voucher_id, title, code = voucher.customer_id, voucher.id, voucher.title, voucher.code
    open_customer(qtbot, first, customer_id)
    second._context.actions.mark_used(code=code)  # confirmed by the platform at once; Desk A has not heard yet
    card = first.customer.vouchers.card_for(voucher_id)
    assert card is not None and card.action is not None and card.action.text() == "Mark as used"
    said = _messages(first)
    with qtbot.waitSignal(first.customer.loaded, timeout=10000) as got:
        qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    ((text, ok),) = said
    assert not ok and text.startswith(f"✗ Refused by the loyalty platform: “{title}” ({code}) was not marked as used.")
    shown = next(v for v in got.args[0].vouchers if v.id == voucher_id)
    assert shown.status is VoucherStatus.USED and shown.used_by_desk == "Desk B"  # the platform's state again
    for window in (first, second):
        window.sync.shutdown()


def test_a_status_the_platform_refuses_is_not_shown_as_done(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window = _desk(qtbot, tmp_path, server, "Desk A")
    with window._context.desk.db.unit_of_work() as session:
        connection = session.scalars(
            select(Connection).where(Connection.status == "PENDING", Connection.membership_status == "ACTIVE")
        ).first()
        assert connection is not None
        customer_id, connection_id = connection.customer_id, connection.id
    with server.engine.begin() as hub:  # the business's membership system ended the membership; no pull yet
        hub.execute(update(ConnectionRow).where(ConnectionRow.connection_id == connection_id)
                    .values(membership_status="INACTIVE"))  # fmt: skip
    detail = open_customer(qtbot, window, customer_id)
    editor = window.customer.editor
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.options[ProgramStatus.ACTIVE], Qt.MouseButton.LeftButton)
    said = _messages(window)
    with qtbot.waitSignal(window.customer.loaded, timeout=10000) as got:
        qtbot.mouseClick(editor.save, Qt.MouseButton.LeftButton)
    ((text, ok),) = said
    assert not ok
    assert text.startswith(f"✗ Refused by the loyalty platform: {detail.summary.name} was not set Active.")
    assert "membership" in text
    assert got.args[0].summary.status is ProgramStatus.PENDING and "Pending" in window.customer.status_badge.text()
    assert window.customer.fields["Membership"].text() == "Inactive"  # the platform's state came with its answer
    window.sync.shutdown()
