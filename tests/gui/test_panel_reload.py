"""Every sync reloads the open customer: the panel updates in place, and what staff are in the middle of (a status
choice, a half-typed set-back reason) survives, or says in plain words what changed underneath it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, update

from frontdesk.domain.program import ProgramStatus, allowed_targets
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.dto import CustomerDetail
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection, Voucher
from ui.main_window import MainWindow
from ui.voucher_list import VoucherCard

from .helpers import open_customer, type_text

if TYPE_CHECKING:
    from conftest import DataBuilder


def sync_reload(qtbot: QtBot, window: MainWindow) -> CustomerDetail:
    """What the end of every sync does (SyncController.synced → MainWindow.refresh_after_sync)."""
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as got:
        window.refresh_after_sync()
    detail: CustomerDetail = got.args[0]
    return detail


def _set_status(db: Database, customer_id: int, status: ProgramStatus) -> None:
    with db.unit_of_work() as session:  # what a pull from the platform writes
        session.execute(update(Connection).where(Connection.customer_id == customer_id).values(status=status.value))


def _card(window: MainWindow, voucher_id: int) -> VoucherCard:
    card = window.customer.vouchers.card_for(voucher_id)
    assert card is not None
    return card


def test_an_open_status_choice_stays_open_with_its_selection(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    _set_status(db, 5, ProgramStatus.PENDING)
    open_customer(qtbot, window, 5)
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    editor = window.customer.editor
    qtbot.mouseClick(editor.options[ProgramStatus.INACTIVE], Qt.MouseButton.LeftButton)
    sync_reload(qtbot, window)
    assert editor.isVisible()
    assert editor.chosen() is ProgramStatus.INACTIVE and editor.save.isEnabled()
    assert not editor.changed.isVisible()  # nothing changed underneath: nothing to say


def test_a_half_typed_reason_keeps_its_text_focus_and_cursor(qtbot: QtBot, window: MainWindow) -> None:
    detail = open_customer(qtbot, window, 1)
    used = next(v for v in detail.vouchers if v.status is VoucherStatus.USED)
    card = _card(window, used.id)
    assert card.action is not None
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    type_text(qtbot, card.reason, "Scanned the wrong one")
    for _ in range(4):
        qtbot.keyClick(card.reason, Qt.Key.Key_Left)
    assert card.reason.cursorPosition() == len("Scanned the wrong one") - 4
    sync_reload(qtbot, window)
    assert _card(window, used.id) is card  # the same row, not a new one
    assert card.reason.isVisible() and card.reason.text() == "Scanned the wrong one"
    assert QApplication.focusWidget() is card.reason
    assert card.reason.cursorPosition() == len("Scanned the wrong one") - 4
    assert card.confirm.isVisible() and card.confirm.isEnabled()


def test_voucher_rows_are_updated_added_and_removed_in_place(
    qtbot: QtBot, window: MainWindow, db: Database, data_builder: type[DataBuilder]
) -> None:
    detail = open_customer(qtbot, window, 1)
    unused = next(v for v in detail.vouchers if v.status is VoucherStatus.UNUSED)
    voided = next(v for v in detail.vouchers if v.status is VoucherStatus.VOIDED)
    before = {v.id: _card(window, v.id) for v in detail.vouchers}
    with db.unit_of_work() as session:  # a pull brings another desk's mark, removes one voucher and adds one
        session.execute(update(Voucher).where(Voucher.id == unused.id).values(status="USED", used_location="Harbour"))
        session.execute(delete(Voucher).where(Voucher.id == voided.id))
    added = data_builder(db.path).voucher(1, VoucherStatus.UNUSED, title="Guest pass", expires_at=None)
    reloaded = sync_reload(qtbot, window)
    cards = window.customer.vouchers.cards
    assert [c.voucher.id for c in cards] == [v.id for v in reloaded.vouchers] == sorted({*before, added} - {voided.id},
                                                                                         reverse=True)  # fmt: skip
    assert all(_card(window, vid) is card for vid, card in before.items() if vid != voided.id)
    assert window.customer.vouchers.card_for(voided.id) is None
    marked = _card(window, unused.id)
    assert marked.badge.text() == "Used" and marked.action is not None and marked.action.text() == "Set back to unused"
    assert "Harbour" in marked.explanation.text()
    new = _card(window, added)
    assert new.action is not None and new.action.text() == "Mark as used" and new.isVisible()


def test_the_status_choice_says_when_the_status_changed_meanwhile(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    _set_status(db, 5, ProgramStatus.PENDING)
    detail = open_customer(qtbot, window, 5)
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    editor = window.customer.editor
    qtbot.mouseClick(editor.options[ProgramStatus.ACTIVE], Qt.MouseButton.LeftButton)
    _set_status(db, 5, ProgramStatus.INACTIVE)  # another desk disconnected the customer
    sync_reload(qtbot, window)
    assert editor.isVisible() and editor.changed.isVisible()
    assert editor.changed.text() == f"Changed meanwhile: {detail.summary.name} is now Inactive. Choose again."
    assert "Inactive" in editor.heading.text()
    assert set(editor.options) == set(allowed_targets(ProgramStatus.INACTIVE))
    assert editor.chosen() is None and not editor.save.isEnabled()


def test_the_status_choice_says_when_the_customer_left_the_program_meanwhile(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    detail = open_customer(qtbot, window, 5)
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    editor = window.customer.editor
    qtbot.mouseClick(next(iter(editor.options.values())), Qt.MouseButton.LeftButton)
    with db.unit_of_work() as session:
        session.execute(delete(Connection).where(Connection.customer_id == 5))
    sync_reload(qtbot, window)
    assert editor.isVisible()
    assert editor.changed.text() == (
        f"Changed meanwhile: {detail.summary.name} is no longer in the loyalty program. There is no status to change."
    )
    assert editor.options == {} and not editor.save.isEnabled()
    qtbot.mouseClick(editor.cancel, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()


def test_a_reason_for_a_voucher_that_is_no_longer_used_says_so(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    detail = open_customer(qtbot, window, 1)
    used = next(v for v in detail.vouchers if v.status is VoucherStatus.USED)
    card = _card(window, used.id)
    assert card.action is not None
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    type_text(qtbot, card.reason, "Wrong vou")
    with db.unit_of_work() as session:  # another desk set it back first
        session.execute(update(Voucher).where(Voucher.id == used.id).values(status="UNUSED", used_at=None))
    sync_reload(qtbot, window)
    assert _card(window, used.id) is card
    assert card.changed.isVisible()
    assert card.changed.text() == "Changed meanwhile: this voucher is now Unused, so there is nothing to set back."
    assert not card.reason.isVisible() and not card.confirm.isVisible()
    assert card.action is not None and card.action.text() == "Mark as used" and card.action.isEnabled()
