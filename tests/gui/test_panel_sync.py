"""The open customer across real syncs with a reference platform on 127.0.0.1: what staff are in the middle of
survives "Sync now", and a change another desk made shows in the open status choice in plain words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.program import ProgramStatus, allowed_targets
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
    with window._context.db.unit_of_work() as session:
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
    with first._context.db.unit_of_work() as session:
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
