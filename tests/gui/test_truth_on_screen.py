"""The screen never says "done" for what is not: two desks on a real platform (127.0.0.1), real windows.

A mark the platform refuses at once is red at once; a mark kept offline reads differently from a confirmed one;
a refusal that arrives with a later sync turns the card, the session's list and the panel red, plays the refused
tone and stays in a banner naming customer and voucher until someone acknowledges it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import Confirmation, ScanOutcome, ScanResult, ScanSource
from frontdesk.services.platform_link import PlatformLink
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry, Conflict, Customer, OutboxEntry, Voucher
from ui.app import build_window
from ui.main_window import MainWindow
from ui.sync_controller import SyncTiming

from .platform_server import STAFF, RestartableServer, sync_and_wait, unused_code, wait_for_mode
from .test_scan_page import RecordingChime

QUIET = SyncTiming(interval_s=3600, soon_s=3600)  # syncs only when the test asks: each step is the test's own


def desk(qtbot: QtBot, folder: Path, server: RestartableServer, name: str, chime: RecordingChime) -> MainWindow:
    link = PlatformLink(server.url, timeout=2.0)
    grant = link.sign_in("manager", STAFF["manager"][0])
    staff = StaffMember(grant.staff.name, grant.staff.role, name, "Downtown")
    settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    desk = DeskServices(Database(folder / f"{name}.db"), SystemClock())
    window = build_window(desk, staff, is_demo=False, settings=settings, link=link, timing=QUIET, chime=chime,
                          catalog=list)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    wait_for_mode(qtbot, window, "online")
    return window


def scan_typed(qtbot: QtBot, window: MainWindow, code: str) -> ScanOutcome:
    window.show_scan()
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=10_000) as shown:
        window.scan.field.setText(code)
        qtbot.keyClick(window.scan.field, Qt.Key.Key_Return)
    outcome: ScanOutcome = shown.args[0]
    return outcome


def owner_of(db: Database, code: str) -> tuple[int, str]:
    with db.unit_of_work() as session:
        customer = session.scalars(select(Customer).join(Voucher).where(Voucher.code == code)).one()
        return customer.id, f"{customer.first_name} {customer.last_name}"


def test_a_mark_confirmed_online_and_one_refused_at_once_read_differently(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    chime_a, chime_b = RecordingChime(), RecordingChime()
    first, second = desk(qtbot, tmp_path, server, "Desk A", chime_a), desk(qtbot, tmp_path, server, "Desk B", chime_b)
    code = unused_code(first._context.desk.db)

    used = scan_typed(qtbot, second, code)
    assert used.result is ScanResult.MARKED and used.confirmed
    assert second.scan.card.headline.text() == "✓ Marked as used"
    assert "Confirmed by the loyalty platform" in second.scan.card.message.text()

    late = scan_typed(qtbot, first, code)  # desk A has not synced: it still holds the voucher as Unused

    assert late.result is ScanResult.REFUSED and late.answer is not None
    assert late.answer.confirmation is Confirmation.REFUSED
    assert first.scan.card.headline.text() == "✗ Refused by the loyalty platform — not marked"
    assert "refused" in first.scan.history.item(0).text()
    assert chime_a.played == [False] and chime_b.played == [True]
    assert not first.refusals.banner.isVisible()  # seen on the spot: no banner to chase it later


def test_a_refusal_arriving_with_a_later_sync_corrects_every_place_that_showed_success(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    chime = RecordingChime()
    first, second = desk(qtbot, tmp_path, server, "Desk A", chime), desk(qtbot, tmp_path, server, "Desk B", chime)
    code = unused_code(first._context.desk.db)
    customer_id, name = owner_of(first._context.desk.db, code)

    server.stop()  # desk A's internet is down while it scans the voucher
    kept = scan_typed(qtbot, first, code)
    assert kept.result is ScanResult.MARKED and not kept.confirmed
    assert first.scan.card.headline.text() == "✓ Marked on this desk — not confirmed by the platform yet"
    assert "waiting to sync" in first.scan.history.item(0).text()
    server.start()
    assert scan_typed(qtbot, second, code).confirmed  # meanwhile the customer used it at desk B
    first.show_customer(customer_id)
    qtbot.waitUntil(lambda: first.customer.detail is not None and first.customer.detail.summary.id == customer_id)
    played = len(chime.played)

    with qtbot.waitSignal(first.refusals.arrived, timeout=15_000):
        sync_and_wait(qtbot, first)

    card = first.scan.card
    assert card.headline.text() == "✗ Refused by the loyalty platform — not marked"
    assert "Refused later by the loyalty platform" in card.message.text()
    assert card.outcome is not None and not card.outcome.ok
    assert "refused by the platform" in first.scan.history.item(0).text()
    assert first.customer.message.isVisible() and not first.customer.message.ok
    assert code in first.customer.message.text() and name in first.customer.message.text()
    banner = first.refusals.banner
    assert banner.isVisible() and code in banner.text.text() and name in banner.text.text()
    assert chime.played[played:] == [False]

    with qtbot.waitSignal(first.refusals.acknowledged, timeout=10_000):
        qtbot.mouseClick(banner.acknowledge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    with first._context.desk.db.unit_of_work() as session:
        [conflict] = session.scalars(select(Conflict)).all()
        assert conflict.acknowledged_by is not None


def test_the_same_code_scanned_and_typed_at_once_marks_it_once(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window = desk(qtbot, tmp_path, server, "Desk A", RecordingChime())
    code = unused_code(window._context.desk.db)
    outcomes: list[ScanOutcome] = []
    window.scan.outcome_shown.connect(lambda outcome, _: outcomes.append(outcome))

    window.scan.handle_code(code, ScanSource.CAMERA)  # both in one GUI tick: two workers race for the voucher
    window.scan.handle_code(code, ScanSource.TYPED)
    qtbot.waitUntil(lambda: len(outcomes) == 2, timeout=15_000)

    assert sorted(o.result.value for o in outcomes) == ["marked", "refused"]
    refused = next(o for o in outcomes if o.result is ScanResult.REFUSED)
    assert "Already used" in refused.message
    assert server.changes_received() == 1
    with window._context.desk.db.unit_of_work() as session:
        assert len(session.scalars(select(OutboxEntry)).all()) == 1
        assert len(session.scalars(select(AuditEntry)).all()) == 1


def test_a_double_enter_on_a_voucher_waiting_for_confirmation_marks_it_once(
    qtbot: QtBot, tmp_path: Path, server: RestartableServer
) -> None:
    window = desk(qtbot, tmp_path, server, "Desk A", RecordingChime())
    window.scan.mode.setCurrentIndex(1)  # "Confirm with Enter"
    code = unused_code(window._context.desk.db)
    assert scan_typed(qtbot, window, code).result is ScanResult.READY
    outcomes: list[ScanOutcome] = []
    window.scan.outcome_shown.connect(lambda outcome, _: outcomes.append(outcome))

    qtbot.keyClick(window.scan.field, Qt.Key.Key_Return)
    qtbot.keyClick(window.scan.field, Qt.Key.Key_Return)  # the second press lands while the first is being saved
    qtbot.waitUntil(lambda: len(outcomes) == 1, timeout=10_000)
    window._context.tasks.wait_idle()
    qtbot.wait(50)  # any second outcome would be delivered by now

    assert [o.result for o in outcomes] == [ScanResult.MARKED] and outcomes[0].confirmed
    assert server.changes_received() == 1
    with window._context.desk.db.unit_of_work() as session:
        assert len(session.scalars(select(OutboxEntry)).all()) == 1
        assert len(session.scalars(select(AuditEntry)).all()) == 1
