"""Automatic sync, with its timing passed in: at the interval, shortly after a staff action, backing off while the
platform is away (each wait twice the last, up to the cap) and catching up by itself when it is back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher
from ui.app import build_window
from ui.sync_controller import SyncTiming, SyncView

from .helpers import open_customer
from .platform_server import RestartableServer, desk_window, wait_for_mode


def test_a_sync_runs_by_itself_at_the_interval(qtbot: QtBot, tmp_path: Path, server: RestartableServer) -> None:
    window = desk_window(qtbot, tmp_path, server, "Desk A", timing=SyncTiming(interval_s=0.3))
    wait_for_mode(qtbot, window, "online")
    assert window.sync.scheduled_ms == 300
    for _ in range(2):  # nobody presses "Sync now"
        with qtbot.waitSignal(window.sync.synced, timeout=5000) as got:
            pass
        assert got.args[0].complete
    window.sync.shutdown()


def test_a_staff_action_is_sent_at_once_and_the_sync_shortly_after_does_not_send_it_again(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window = desk_window(qtbot, tmp_path, server, "Desk A", timing=SyncTiming(interval_s=600, soon_s=0.2))
    wait_for_mode(qtbot, window, "online")
    with window._context.desk.db.unit_of_work() as session:
        voucher = session.scalars(select(Voucher).where(Voucher.status == "UNUSED").order_by(Voucher.id)).first()
        assert voucher is not None
        customer_id, voucher_id = voucher.customer_id, voucher.id
    open_customer(qtbot, window, customer_id)
    card = window.customer.vouchers.card_for(voucher_id)
    assert card is not None and card.action is not None
    with qtbot.waitSignal(window.sync.synced, timeout=10000) as got:  # the interval is ten minutes away
        qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    # The panel's own confirmation sent it; the sync that follows pulls the platform's row and sends nothing again.
    assert got.args[0].pushed == 0 and window.sync.view.waiting == 0
    assert server.changes_received() == 1
    with server.engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT status, used_by_desk FROM vouchers WHERE voucher_id = ?",
                                         (voucher_id,)).one()  # fmt: skip
    assert tuple(row) == ("USED", "Desk A")
    window.sync.shutdown()


def test_backs_off_while_offline_and_catches_up_when_the_platform_returns(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    timing = SyncTiming(interval_s=600, first_backoff_s=0.2, max_backoff_s=0.8)
    window = desk_window(qtbot, tmp_path, server, "Desk A", timing=timing)
    wait_for_mode(qtbot, window, "online")
    assert window.sync.scheduled_ms == 600_000
    server.stop()
    with qtbot.waitSignal(window.sync.synced, timeout=10000):
        window.sync.sync_now()
    delays = [window.sync.scheduled_ms]
    for _ in range(3):  # the retries come by themselves, each after a longer wait
        with qtbot.waitSignal(window.sync.synced, timeout=10000) as got:
            pass
        assert got.args[0].problem is not None and window.sync.view.mode == "offline"
        delays.append(window.sync.scheduled_ms)
    assert delays == [200, 400, 800, 800]
    server.start()
    with qtbot.waitSignal(window.sync.synced, timeout=10000) as back:  # no "Sync now": it notices by itself
        pass
    assert back.args[0].complete and window.sync.view.mode == "online"
    assert window.sync.scheduled_ms == 600_000  # back to the normal interval
    window.sync.shutdown()


def test_a_desk_that_is_not_signed_in_does_not_retry(qtbot: QtBot, tmp_path: Path, server: RestartableServer) -> None:
    db = Database(tmp_path / "desk.db")
    window = build_window(DeskServices(db, SystemClock()), DeskSettings().staff(), is_demo=False,
                          link=PlatformLink(server.url),
                          settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                          timing=SyncTiming(interval_s=0.1, first_backoff_s=0.1))  # fmt: skip
    qtbot.addWidget(window)
    view = wait_for_mode(qtbot, window, "signed_out")
    assert view.problem == "Sign in with Desk → Connect to platform… to sync."
    assert window.sync.scheduled_ms is None
    shown: list[SyncView] = []
    window.sync.view_changed.connect(shown.append)
    window.sync.staff_acted()
    qtbot.wait(400)  # longer than the interval and the first back-off
    assert shown and {v.mode for v in shown} == {"signed_out"}  # no run started: it could only fail the same way
    window.sync.shutdown()
    window._context.tasks.wait_idle()
    db.close()
