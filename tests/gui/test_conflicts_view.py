"""The conflicts view's "Try again": a status change the platform refused (the customer opted out meanwhile) is
refused again while that still holds, and re-applied, sent and cleared once the platform re-invited them. Once
nothing is open, the view says how many refusals were looked at; it never claims everything was accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.program import ProgramStatus
from frontdesk.hub import set_connection_status
from frontdesk.services.conflicts import ConflictInfo
from frontdesk.storage.models import Connection
from ui.main_window import MainWindow
from ui.sync_controller import SyncTiming

from .platform_server import RestartableServer, desk_window, sync_and_wait, wait_for_mode


def _platform_status(server: RestartableServer, connection_id: int) -> str:
    with server.engine.connect() as connection:
        status: str = connection.exec_driver_sql(
            "SELECT status FROM connections WHERE connection_id = ?", (connection_id,)
        ).scalar_one()
        return status


def _open_conflicts(qtbot: QtBot, window: MainWindow) -> tuple[ConflictInfo, ...]:
    with qtbot.waitSignal(window.conflicts.loaded, timeout=5000) as got:
        qtbot.mouseClick(window.sync_status.conflicts, Qt.MouseButton.LeftButton)
    conflicts: tuple[ConflictInfo, ...] = got.args[0]
    return conflicts


def _refused_status_change(qtbot: QtBot, tmp_path: Path, server: RestartableServer) -> tuple[MainWindow, int]:
    """A desk whose offline "joined" was refused by the platform: the customer had opted out online meanwhile.
    Returns the window and the connection's id."""
    window = desk_window(qtbot, tmp_path, server, "Desk A", timing=SyncTiming(interval_s=600, soon_s=0.2))
    wait_for_mode(qtbot, window, "online")
    db = window._context.desk.db
    with db.unit_of_work() as session:
        pending = session.scalars(select(Connection).where(Connection.status == "PENDING").order_by(Connection.id))
        connection = pending.first()
        assert connection is not None
        connection_id, customer_id = connection.id, connection.customer_id
    server.stop()
    window._context.actions.change_program_status(customer_id, ProgramStatus.ACTIVE)  # joined at the desk, offline
    set_connection_status(server.engine, connection_id, ProgramStatus.INACTIVE)  # meanwhile: opted out online
    server.start()
    sync_and_wait(qtbot, window)
    qtbot.waitUntil(lambda: window.sync.view.open_conflicts == 1, timeout=5000)
    return window, connection_id


def test_try_again_is_refused_while_the_reason_holds_and_sends_the_change_once_it_is_gone(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window, connection_id = _refused_status_change(qtbot, tmp_path, server)
    (conflict,) = _open_conflicts(qtbot, window)
    assert conflict.can_try_again and "refused a change to Active" in conflict.headline
    (card,) = window.conflicts.cards
    assert card.retry is not None and card.retry.isEnabled() and card.retry.accessibleName() == "Try again"
    qtbot.mouseClick(card.retry, Qt.MouseButton.LeftButton)  # still opted out: Active cannot follow Inactive
    qtbot.waitUntil(
        lambda: "Not applied: Cannot change Inactive to Active" in window.conflicts.message.text(), timeout=5000
    )
    assert len(window.conflicts.cards) == 1 and window.sync.view.waiting == 0
    window.conflicts.grab().save(str(tmp_path / "conflict-refused-again.png"))

    set_connection_status(server.engine, connection_id, ProgramStatus.PENDING)  # the business re-invited them
    with qtbot.waitSignal(window.conflicts.loaded, timeout=5000):  # the open view follows each sync
        sync_and_wait(qtbot, window)
    (card,) = window.conflicts.cards
    assert card.retry is not None
    with qtbot.waitSignal(window.conflicts.loaded, timeout=5000, check_params_cb=lambda shown: shown == ()):
        qtbot.mouseClick(card.retry, Qt.MouseButton.LeftButton)  # re-applied and acknowledged together
    assert "is now Active; it will be sent at the next sync" in window.conflicts.message.text()
    assert window.conflicts.empty.text() == "No open conflicts. 1 refused change was looked at (see Activity)."
    qtbot.waitUntil(lambda: _platform_status(server, connection_id) == "ACTIVE", timeout=10000)  # sent shortly
    qtbot.waitUntil(lambda: window.sync.view.waiting == 0 and window.sync.view.open_conflicts == 0, timeout=5000)
    window.sync.shutdown()


def test_after_a_refusal_is_acknowledged_the_view_does_not_say_everything_was_accepted(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window, _ = _refused_status_change(qtbot, tmp_path, server)
    (conflict,) = _open_conflicts(qtbot, window)
    assert "refused a change to Active" in conflict.headline and window.conflicts.empty.isHidden()
    with qtbot.waitSignal(window.conflicts.loaded, timeout=5000, check_params_cb=lambda shown: shown == ()):
        qtbot.mouseClick(window.conflicts.cards[0].ack, Qt.MouseButton.LeftButton)
    empty = window.conflicts.empty
    assert empty.isVisible() and "accepted" not in empty.text()
    assert empty.text() == "No open conflicts. 1 refused change was looked at (see Activity)."
    window.sync.shutdown()


def test_a_desk_nothing_was_refused_at_says_everything_sent_was_accepted(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.conflicts.loaded, timeout=5000, check_params_cb=lambda shown: shown == ()):
        window.show_conflicts()
    assert window.conflicts.empty.isVisible()
    assert window.conflicts.empty.text() == "No open conflicts. The platform has accepted everything this desk sent."
