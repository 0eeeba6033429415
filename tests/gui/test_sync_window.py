"""Sync in the window against a real reference platform on 127.0.0.1 that goes down and comes back."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.demo_hub import start_demo_hub
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings, load_settings
from frontdesk.services.dto import VoucherInfo
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import Voucher
from ui.app import build_window
from ui.sync_controller import SyncView

from .helpers import open_customer, type_query
from .memory_keyring import MemoryKeyring
from .platform_server import STAFF, RestartableServer, desk_window, sync_and_wait, unused_code, wait_for_mode


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RestartableServer]:
    platform = RestartableServer(tmp_path)
    platform.start()
    yield platform
    platform.close()


def test_status_bar_follows_the_server_going_down_and_up(qtbot: QtBot, tmp_path: Path,
                                                         server: RestartableServer) -> None:  # fmt: skip
    window = desk_window(qtbot, tmp_path, server, "Desk A")
    shown: list[SyncView] = []
    window.sync.view_changed.connect(shown.append)
    view = wait_for_mode(qtbot, window, "online")
    assert view.last_good_sync is not None
    assert "Online" in window.sync_status.mode.text()
    server.stop()
    sync_and_wait(qtbot, window)
    assert window.sync.view.mode == "offline"
    assert "Offline" in window.sync_status.mode.text()
    assert "did not answer" in window.sync_status.mode.toolTip() or "reached" in window.sync_status.mode.toolTip()
    server.start()
    sync_and_wait(qtbot, window)
    assert window.sync.view.mode == "online"
    assert window.sync_status.mode.toolTip() == "Whether this desk can reach the loyalty platform"  # problem gone
    # Never "online" without the time of that good sync: both come from the same finished run (the old race).
    assert [v for v in shown if v.mode == "online" and v.last_good_sync is None] == []


def test_a_change_made_offline_waits_and_clears_after_sync(qtbot: QtBot, tmp_path: Path,
                                                           server: RestartableServer) -> None:  # fmt: skip
    window = desk_window(qtbot, tmp_path, server, "Desk A")
    wait_for_mode(qtbot, window, "online")
    db = window._context.desk.db
    code = unused_code(db)
    with db.unit_of_work() as session:
        voucher = session.scalars(select(Voucher).where(Voucher.code == code)).one()
        customer_id, voucher_id = voucher.customer_id, voucher.id
    server.stop()
    detail = open_customer(qtbot, window, customer_id)
    card = window.customer.vouchers.card_for(voucher_id)
    assert card is not None and card.action is not None and detail
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as got:
        qtbot.mouseClick(card.action, Qt.MouseButton.LeftButton)
    assert next(v for v in got.args[0].vouchers if v.id == voucher_id).has_pending_change
    qtbot.waitUntil(lambda: window.sync.view.waiting == 1 and window.sync.view.mode == "offline", timeout=15000)
    assert window.sync_status.waiting.text() == "1 change waiting"
    assert window.closing_notice() is not None and "will be sent" in (window.closing_notice() or "")
    server.start()
    window.sync.sync_now()

    def shown_voucher() -> VoucherInfo:
        assert window.customer.detail is not None
        return next(v for v in window.customer.detail.vouchers if v.id == voucher_id)

    qtbot.waitUntil(lambda: not shown_voucher().has_pending_change, timeout=15000)  # the panel refreshed itself
    assert shown_voucher().status is VoucherStatus.USED and shown_voucher().used_by_desk == "Desk A"
    qtbot.waitUntil(lambda: window.sync.view.waiting == 0, timeout=5000)
    assert window.sync_status.waiting.text() == "0 changes waiting"
    assert window.closing_notice() is None


def test_double_redemption_shows_in_the_conflicts_view_and_can_be_acknowledged(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    first = desk_window(qtbot, tmp_path, server, "Desk A")
    second = desk_window(qtbot, tmp_path, server, "Desk B")
    wait_for_mode(qtbot, first, "online")
    wait_for_mode(qtbot, second, "online")
    code = unused_code(first._context.desk.db)
    server.stop()
    for window in (first, second):
        window._context.actions.mark_used(code=code)  # both desks accept the voucher while offline
    server.start()
    sync_and_wait(qtbot, first)
    sync_and_wait(qtbot, second)
    qtbot.waitUntil(lambda: second.sync.view.open_conflicts == 1, timeout=5000)
    assert second.sync_status.conflicts.text() == "1 conflict"
    assert first.sync.view.open_conflicts == 0
    with qtbot.waitSignal(second.conflicts.loaded, timeout=5000) as got:
        qtbot.mouseClick(second.sync_status.conflicts, Qt.MouseButton.LeftButton)
    (conflict,) = got.args[0]
    assert conflict.headline == f"Voucher {code} was used twice"
    assert "Desk A" in conflict.explanation and "Desk B" in conflict.explanation
    assert second.conflicts.isVisible() and len(second.conflicts.cards) == 1
    with qtbot.waitSignal(second.conflicts.loaded, timeout=5000) as after:
        qtbot.mouseClick(second.conflicts.cards[0].ack, Qt.MouseButton.LeftButton)
    assert after.args[0] == ()
    qtbot.waitUntil(lambda: second.sync.view.open_conflicts == 0, timeout=5000)


def test_sign_in_keeps_the_token_in_the_keychain_only(qtbot: QtBot, tmp_path: Path, server: RestartableServer,
                                                     caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    caplog.set_level(logging.DEBUG)  # the app logs at INFO: every level must be searched for the token
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        db = Database(tmp_path / "desk.db")
        settings_path = tmp_path / "settings.json"
        window = build_window(DeskServices(db, SystemClock()), DeskSettings().staff(), is_demo=False,
                              settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
                              desk_settings=DeskSettings(), settings_path=settings_path)  # fmt: skip
        qtbot.addWidget(window)
        dialog = window.show_connect()
        dialog.url.setText(server.url)
        dialog.desk.setText("Desk C")
        dialog.staff.setText("desk")
        dialog.password.setText(STAFF["desk"][0])
        with qtbot.waitSignal(dialog.signed_in, timeout=10000):
            qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
        ((service, account), token) = next(iter(memory.secrets.items()))
        assert service == "FrontDesk" and account == f"{server.url}|desk" and len(token) > 10
        assert window._context.staff.role is StaffRole.FRONT_DESK and "Desk C" in window.windowTitle()
        wait_for_mode(qtbot, window, "online")
        stored = load_settings(settings_path)
        assert (stored.platform_url, stored.staff_name, stored.desk_name) == (server.url, "desk", "Desk C")
        window.sync.shutdown()
        window._context.tasks.wait_idle()
        db.close()
        for path in [*tmp_path.glob("desk.db*"), settings_path, tmp_path / "w.ini"]:
            if path.exists():
                assert token.encode() not in path.read_bytes(), path
        assert any(r.levelno == logging.INFO and r.name.startswith("ui.") for r in caplog.records)  # INFO is seen
        assert "signed in to" in caplog.text
        assert token not in caplog.text and STAFF["desk"][0] not in caplog.text
        with qtbot.waitSignal(dialog.signed_out, timeout=5000):
            qtbot.mouseClick(dialog.sign_out, Qt.MouseButton.LeftButton)
        assert memory.secrets == {}
        assert window.sync.view.mode == "signed_out"
        assert "Signed out — sign in to sync" in window.sync_status.mode.text()
        assert "Desk → Connect to platform" in window.sync_status.mode.toolTip()
        stored = load_settings(settings_path)  # the platform is kept: the next start opens its own database
        assert (stored.platform_url, stored.staff_name, stored.configured) == (server.url, "", True)
    finally:
        keyring.set_keyring(previous)


def test_demo_hub_gives_a_working_desk_with_no_configuration(qtbot: QtBot, tmp_path: Path) -> None:
    hub = start_demo_hub(tmp_path / "hub.db", port=0)
    try:
        link = PlatformLink(hub.url, demo_login=("Demo Staff", "demo"))
        db = Database(tmp_path / "demo-desk.db")
        staff = StaffMember("Demo Staff", StaffRole.EMPLOYEE, "Demo desk 1")
        settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
        window = build_window(DeskServices(db, SystemClock()), staff, is_demo=True, settings=settings, link=link)
        qtbot.addWidget(window)
        window.show()
        wait_for_mode(qtbot, window, "online")
        result = type_query(qtbot, window, "a")
        assert len(result.customers) == 50 and result.more  # the hub's demo customers arrived
        window.sync.shutdown()
        window._context.tasks.wait_idle()
    finally:
        hub.stop()
