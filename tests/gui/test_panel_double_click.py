"""A double-click (or two quick clicks) on a staff action does it once: its buttons wait while the answer is on
its way, and the row says "Saving…"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from frontdesk.domain.program import ProgramStatus
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.dto import NOT_SENT
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Connection, OutboxEntry
from ui.main_window import MainWindow

from .helpers import open_customer, type_text


def double_click(qtbot: QtBot, widget: QWidget) -> None:
    """What a person's double-click delivers: press, release, press, double-click, release. (QTest's
    mouseDClick sends only the double-click event, which a button never takes for a click.)"""
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(widget, left)
    qtbot.mouseRelease(widget, left)
    qtbot.mousePress(widget, left)
    qtbot.mouseDClick(widget, left)
    qtbot.mouseRelease(widget, left)


def _recorded(db: Database) -> tuple[int, int, list[str]]:
    """Outbox entries, audit entries and the audit's actions: what a staff action leaves behind."""
    with db.unit_of_work() as session:
        outbox = session.scalar(select(func.count()).select_from(OutboxEntry)) or 0
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        return outbox, len(actions), actions


def _messages(window: MainWindow) -> list[str]:
    said: list[str] = []
    window.customer.message_shown.connect(said.append)
    return said


def test_double_clicking_mark_as_used_marks_once(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    detail = open_customer(qtbot, window, 1)
    unused = next(v for v in detail.vouchers if v.status is VoucherStatus.UNUSED)
    card = window.customer.vouchers.card_for(unused.id)
    assert card is not None and card.action is not None
    said = _messages(window)
    with qtbot.waitSignal(window.customer.loaded, timeout=5000):
        double_click(qtbot, card.action)
        assert not card.action.isEnabled() and card.saving.isVisible() and card.saving.text() == "Saving…"
    qtbot.waitUntil(lambda: not card.saving.isVisible(), timeout=5000)
    window._context.tasks.wait_idle()
    qtbot.wait(50)  # any second answer would have been delivered by now
    assert _recorded(db) == (1, 1, ["mark_voucher_used"])
    assert said == [f"✓ “{unused.title}” ({unused.code}) marked as used. {NOT_SENT.message}"]  # no "Already used"
    assert card.action.text() == "Set back to unused" and card.action.isEnabled()


def test_two_clicks_on_confirm_set_back_once(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    detail = open_customer(qtbot, window, 1)
    used = next(v for v in detail.vouchers if v.status is VoucherStatus.USED)
    card = window.customer.vouchers.card_for(used.id)
    assert card is not None and card.action is not None
    qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    type_text(qtbot, card.reason, "Marked by mistake")
    said = _messages(window)
    with qtbot.waitSignal(window.customer.loaded, timeout=5000):
        qtbot.mouseClick(card.confirm, Qt.MouseButton.LeftButton)
        assert not card.confirm.isEnabled() and not card.reason.isEnabled() and card.saving.isVisible()
        qtbot.mouseClick(card.confirm, Qt.MouseButton.LeftButton)
        qtbot.keyClick(card.reason, Qt.Key.Key_Return)
    window._context.tasks.wait_idle()
    qtbot.wait(50)
    assert _recorded(db) == (1, 1, ["set_voucher_back_to_unused"])
    assert said == [f"✓ “{used.title}” ({used.code}) set back to unused. {NOT_SENT.message}"]
    assert not card.reason.isVisible() and card.reason.text() == ""  # the reason was used; the row starts afresh
    assert card.action is not None and card.action.text() == "Mark as used"


def test_double_clicking_save_changes_the_status_once(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    with db.unit_of_work() as session:
        session.execute(update(Connection).where(Connection.customer_id == 5).values(status="PENDING"))
    detail = open_customer(qtbot, window, 5)
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    editor = window.customer.editor
    qtbot.mouseClick(editor.options[ProgramStatus.INACTIVE], Qt.MouseButton.LeftButton)
    said = _messages(window)
    with qtbot.waitSignal(window.customer.loaded, timeout=5000):
        double_click(qtbot, editor.save)
        assert not editor.save.isEnabled() and editor.saving.isVisible() and editor.saving.text() == "Saving…"
    window._context.tasks.wait_idle()
    qtbot.wait(50)
    assert _recorded(db) == (1, 1, ["change_program_status"])
    assert said == [f"✓ {detail.summary.name} is now Inactive (was Pending). {NOT_SENT.message}"]
    assert not editor.isVisible()
