"""One desk database per platform: demo actions never reach a real platform, one platform's waiting changes never
reach another, signing in elsewhere says to reopen (which opens that platform's own database), and a signed-out
desk reopens its own database with its waiting changes. Real reference servers on 127.0.0.1, real files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from frontdesk.domain.clock import SystemClock
from frontdesk.services.desk import DeskServices
from frontdesk.services.desk_settings import DeskSettings, load_settings, save_settings
from frontdesk.services.desk_state import database_for, platform_of, read_desk_state
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.sync.credentials import save_token
from ui.app import OpenDesk, build_window, open_desk
from ui.sync_controller import SyncTiming

from .memory_keyring import MemoryKeyring
from .platform_server import (
    STAFF,
    RestartableServer,
    close_desk,
    close_window,
    desk_window,
    sign_in,
    sync_and_wait,
    unused_code,
    wait_for_mode,
)

QUIET = SyncTiming(interval_s=600, soon_s=600)  # no automatic run gets in the way: the tests decide when


@pytest.fixture
def keychain() -> Iterator[MemoryKeyring]:
    memory, previous = MemoryKeyring(), keyring.get_keyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[RestartableServer, RestartableServer]]:
    first, second = RestartableServer(tmp_path / "a", customers=60), RestartableServer(tmp_path / "b", customers=60)
    first.start()
    second.start()
    yield first, second
    first.close()
    second.close()


@pytest.fixture(autouse=True)
def _folders(tmp_path: Path) -> None:
    for name in ("a", "b", "data"):
        (tmp_path / name).mkdir()


def _open(qtbot: QtBot, tmp_path: Path) -> OpenDesk:
    window_settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    desk = open_desk(["--settings", str(tmp_path / "settings.json")], folder=tmp_path / "data", hub_port=0,
                     window_settings=window_settings, timing=QUIET)  # fmt: skip
    qtbot.addWidget(desk.window)
    desk.window.show()
    return desk


def _configure(tmp_path: Path, server: RestartableServer) -> None:
    """A desk set up earlier for `server` (settings file and the token in the keychain)."""
    grant = PlatformLink(server.url).sign_in("desk", STAFF["desk"][0])
    save_token(server.url, "desk", grant.access_token)
    save_settings(tmp_path / "settings.json", DeskSettings(platform_url=server.url, staff_name="desk",
                                                           staff_role="FRONT_DESK", desk_name="Desk S"))  # fmt: skip


def _act_offline(qtbot: QtBot, desk: OpenDesk, server: RestartableServer) -> str:
    """The platform goes away and staff mark a voucher used: one change waits."""
    server.stop()
    code = unused_code(desk.services.db)
    desk.window._context.actions.mark_used(code=code)
    desk.window.sync.staff_acted()
    qtbot.waitUntil(lambda: desk.window.sync.view.waiting == 1, timeout=5000)
    return code


def _waiting_in(path: Path) -> int:
    db = Database(path)
    try:
        return read_desk_state(db).waiting
    finally:
        db.close()


def test_signing_in_to_a_platform_from_the_demo_never_sends_it_demo_data(
    qtbot: QtBot, tmp_path: Path, servers: tuple[RestartableServer, RestartableServer], keychain: MemoryKeyring
) -> None:
    real = servers[0]
    demo = _open(qtbot, tmp_path)
    assert demo.hub is not None and demo.window._context.is_demo
    hub_url = demo.hub.url
    wait_for_mode(qtbot, demo.window, "online")
    context = demo.window._context  # a demo action kept on the desk (as when its hub did not answer), not sent yet
    context.desk.actions(context.staff, None).mark_used(code=unused_code(demo.services.db))
    demo.window.sync.staff_acted()
    qtbot.waitUntil(lambda: demo.window.sync.view.waiting == 1, timeout=5000)
    dialog = sign_in(qtbot, demo.window, real.url)
    banner = demo.window.connection.reopen_banner
    assert banner.isVisible() and f"Signed in to {real.url} as desk" in banner.text()
    assert "Close and reopen Front Desk" in banner.text() and dialog.message.text() == banner.text()
    demo.window.grab().save(str(tmp_path / "reopen-banner.png"))
    assert demo.window.sync.link is not None and demo.window.sync.link.url == hub_url  # still the demo hub's
    assert demo.window._context.staff.name == "Demo Staff"
    assert (load_settings(tmp_path / "settings.json").platform_url, len(keychain.secrets)) == (real.url, 1)
    assert "will be sent" in (close_window(qtbot, demo.window) or "")
    demo.close()

    again = _open(qtbot, tmp_path)  # reopened: the platform's own database, signed in from the keychain
    assert again.hub is None and not again.window._context.is_demo
    assert again.services.database_path == tmp_path / "data" / "desk.db"
    wait_for_mode(qtbot, again.window, "online")
    assert again.window.sync.view.waiting == 0 and again.window._context.staff.name == "desk"
    assert [w for w in again.window.findChildren(type(banner)) if w.accessibleName() == "Demo banner"] == []
    assert real.changes_received() == 0  # the demo action never reached the real platform
    close_window(qtbot, again.window)
    again.close()
    assert _waiting_in(tmp_path / "data" / "demo-desk.db") == 1  # and it is still kept, with the demo


def test_a_sync_refuses_a_database_that_belongs_to_another_platform(
    qtbot: QtBot, tmp_path: Path, servers: tuple[RestartableServer, RestartableServer]
) -> None:
    first, second = servers
    window = desk_window(qtbot, tmp_path / "data", first, "Desk A", timing=QUIET)
    wait_for_mode(qtbot, window, "online")
    context = window._context  # an action kept on the desk (as when the platform did not answer in time)
    context.desk.actions(context.staff, None).mark_used(code=unused_code(context.desk.db))
    close_desk(window)
    window.close()
    db = Database(tmp_path / "data" / "Desk A.db")  # e.g. `--db` given the wrong file
    link = PlatformLink(second.url)
    grant = link.sign_in("manager", STAFF["manager"][0])
    other = build_window(DeskServices(db, SystemClock()), link.staff_for(grant, "Desk A", ""), is_demo=False, link=link,
                         timing=QUIET,
                         settings=QSettings(str(tmp_path / "o.ini"), QSettings.Format.IniFormat))  # fmt: skip
    qtbot.addWidget(other)
    view = wait_for_mode(qtbot, other, "other_platform")
    assert f"belongs to {first.url}" in (view.problem or "") and "nothing was sent" in (view.problem or "")
    assert "Not syncing — this data belongs to another platform" in other.sync_status.mode.text()
    assert other.sync_status.mode.toolTip() == view.problem and not other.sync_status.sync.isEnabled()
    qtbot.waitUntil(lambda: other.sync.view.waiting == 1, timeout=5000)
    assert other.sync.scheduled_ms is None  # no retry: a person has to open the right database
    assert second.changes_received() == 0 and platform_of(db) == first.url
    close_desk(other)


def test_switching_platforms_opens_each_ones_own_database_and_sends_each_its_own_changes(
    qtbot: QtBot, tmp_path: Path, servers: tuple[RestartableServer, RestartableServer], keychain: MemoryKeyring
) -> None:
    first, second = servers
    _configure(tmp_path, first)
    desk = _open(qtbot, tmp_path)
    assert desk.services.database_path == tmp_path / "data" / "desk.db"
    wait_for_mode(qtbot, desk.window, "online")
    code = _act_offline(qtbot, desk, first)
    sign_in(qtbot, desk.window, second.url)
    assert desk.window.connection.reopen_banner.isVisible()
    assert desk.window.sync.link is not None and desk.window.sync.link.url == first.url
    close_window(qtbot, desk.window)
    desk.close()

    on_second = _open(qtbot, tmp_path)
    on_its_own = database_for(tmp_path / "data", second.url)
    assert on_second.services.database_path == on_its_own != tmp_path / "data" / "desk.db"
    wait_for_mode(qtbot, on_second.window, "online")
    assert on_second.window.sync.view.waiting == 0 and second.changes_received() == 0
    first.start()
    sign_in(qtbot, on_second.window, first.url)  # and back to the first platform
    assert on_second.window.connection.reopen_banner.isVisible() and first.changes_received() == 0
    close_window(qtbot, on_second.window)
    on_second.close()

    back = _open(qtbot, tmp_path)
    assert back.services.database_path == tmp_path / "data" / "desk.db"
    wait_for_mode(qtbot, back.window, "online")
    qtbot.waitUntil(lambda: back.window.sync.view.waiting == 0, timeout=5000)
    assert first.changes_received() == 1 and second.changes_received() == 0  # each got only its own
    with first.engine.connect() as connection:
        status = connection.exec_driver_sql("SELECT status FROM vouchers WHERE voucher_id = ?", (int(code),)).scalar()
    assert status == "USED"
    close_window(qtbot, back.window)
    back.close()


def test_a_signed_out_desk_reopens_its_own_database_with_its_waiting_changes(
    qtbot: QtBot, tmp_path: Path, servers: tuple[RestartableServer, RestartableServer], keychain: MemoryKeyring
) -> None:
    server = servers[0]
    _configure(tmp_path, server)
    desk = _open(qtbot, tmp_path)
    wait_for_mode(qtbot, desk.window, "online")
    _act_offline(qtbot, desk, server)
    dialog = desk.window.show_connect()
    with qtbot.waitSignal(dialog.signed_out, timeout=5000):
        qtbot.mouseClick(dialog.sign_out, Qt.MouseButton.LeftButton)
    assert keychain.secrets == {} and desk.window.sync.view.mode == "signed_out"
    assert "after the next sign-in" in (close_window(qtbot, desk.window) or "")
    desk.close()

    again = _open(qtbot, tmp_path)  # not the demo: this platform's database, signed out
    assert again.hub is None and not again.window._context.is_demo
    assert again.services.database_path == tmp_path / "data" / "desk.db"
    wait_for_mode(qtbot, again.window, "signed_out")
    qtbot.waitUntil(lambda: again.window.sync_status.waiting.text() == "1 change waiting", timeout=5000)
    assert "Signed out — sign in to sync" in again.window.sync_status.mode.text()
    assert "Desk → Connect to platform…" in again.window.sync_status.mode.toolTip()
    assert again.window.staff_label.text().startswith("Not signed in")
    server.start()
    sign_in(qtbot, again.window, server.url)  # the same platform: this window carries on, and sends it
    assert not again.window.connection.reopen_banner.isVisible()
    qtbot.waitUntil(lambda: again.window.sync.view.waiting == 0, timeout=15000)
    assert again.window.sync.view.mode == "online" and server.changes_received() == 1
    sync_and_wait(qtbot, again.window)
    close_window(qtbot, again.window)
    again.close()
