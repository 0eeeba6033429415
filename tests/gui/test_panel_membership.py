"""The panel offers only the status changes the platform accepts: a customer whose membership at the business is
not active is not offered Active, the reason is shown, and the membership is on the profile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from frontdesk.domain.program import ProgramStatus
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection
from ui.main_window import MainWindow

from .helpers import open_customer
from .test_panel_reload import sync_reload

NOT_ACTIVE = "The customer's membership is not active, so they cannot be set Active in the program."


def _connection(db: Database, customer_id: int, **values: str) -> None:
    with db.unit_of_work() as session:  # what a pull from the platform writes
        session.execute(update(Connection).where(Connection.customer_id == customer_id).values(**values))


def test_an_inactive_membership_is_shown_and_active_is_not_offered(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    _connection(db, 5, status="PENDING", membership_status="INACTIVE")
    open_customer(qtbot, window, 5)
    panel = window.customer
    assert panel.fields["Membership"].text() == "Inactive"
    qtbot.mouseClick(panel.pencil, Qt.MouseButton.LeftButton)
    assert set(panel.editor.options) == {ProgramStatus.INACTIVE}  # disconnecting stays possible
    assert f"Active</b>: {NOT_ACTIVE}" in panel.editor.note.text()


def test_an_active_membership_offers_active(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    _connection(db, 5, status="PENDING", membership_status="ACTIVE")
    open_customer(qtbot, window, 5)
    assert window.customer.fields["Membership"].text() == "Active"
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    assert set(window.customer.editor.options) == {ProgramStatus.ACTIVE, ProgramStatus.INACTIVE}


def test_a_membership_ending_while_active_is_chosen_says_so(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    _connection(db, 5, status="PENDING", membership_status="ACTIVE")
    open_customer(qtbot, window, 5)
    editor = window.customer.editor
    qtbot.mouseClick(window.customer.pencil, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.options[ProgramStatus.ACTIVE], Qt.MouseButton.LeftButton)
    _connection(db, 5, membership_status="INACTIVE")
    sync_reload(qtbot, window)
    assert window.customer.fields["Membership"].text() == "Inactive"
    assert editor.isVisible()
    assert editor.changed.text() == f"Changed meanwhile: Active can no longer be chosen: {NOT_ACTIVE} Choose again."
    assert set(editor.options) == {ProgramStatus.INACTIVE} and editor.chosen() is None
