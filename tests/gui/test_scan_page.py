"""The "Mark Perks as Used" page driven like a desk: a generated video plays as the camera through the real
OpenCV capture loop and decoder; typed codes and USB-scanner bursts arrive as real key events."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from scanning import synth
from sqlalchemy import select

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.staff import StaffMember, StaffRole
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.scanning.catalog import SourceChoice, camera_choice, file_choice
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import ScanOutcome, ScanResult, ScanSource
from frontdesk.storage.database import Database
from frontdesk.storage.models import AuditEntry
from ui.app import build_window
from ui.look import tone
from ui.main_window import MainWindow
from ui.scan_card import outcome_colour

from .helpers import type_query

if TYPE_CHECKING:
    from conftest import DataBuilder

CODE = synth.PAYLOADS["code128"][1]  # "50012345", what the clip shows from frame APPEARS_AT on
APPEARS_AT = 6
STAFF = StaffMember("Dana Reyes", StaffRole.EMPLOYEE, "Front desk 1", "Downtown")


class RecordingChime:
    """Stands in for the speaker (there is none here), behind the page's Chime interface."""

    def __init__(self) -> None:
        self.played: list[bool] = []

    def play(self, ok: bool) -> None:
        self.played.append(ok)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scan-page")
    return synth.write_voucher_video(folder / "desk.avi", "code128", frames=20, appear_from=APPEARS_AT, fps=15.0)


@pytest.fixture
def chime() -> RecordingChime:
    return RecordingChime()


@pytest.fixture
def make_window(qtbot: QtBot, db: Database, settings: QSettings,
                chime: RecordingChime) -> Iterator[Callable[[list[SourceChoice]], MainWindow]]:  # fmt: skip
    windows: list[MainWindow] = []

    def make(sources: list[SourceChoice]) -> MainWindow:
        desk = DeskServices(db, SystemClock())
        window = build_window(desk, STAFF, is_demo=True, settings=settings, catalog=lambda: sources, chime=chime)
        qtbot.addWidget(window)
        window.show()
        window.raise_()
        window.activateWindow()  # shortcuts and the focus need the active window, which offscreen comes a bit later
        qtbot.waitUntil(window.isActiveWindow, timeout=15_000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.scan.feed.wait_stopped()
        window._context.tasks.wait_idle()


def _voucher(db: Database, builder_class: type[DataBuilder], status: VoucherStatus = VoucherStatus.UNUSED) -> int:
    builder = builder_class(db.path)
    expires = "auto" if status is not VoucherStatus.UNUSED else None
    return builder.voucher(1, status, code=CODE, title="Free smoothie", expires_at=expires)


def _audits(db: Database) -> list[tuple[str, int]]:
    with db.unit_of_work() as session:
        return [(a.action, a.target_id) for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def _next_outcome(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> ScanOutcome:
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=timeout) as got:
        pass
    outcome: ScanOutcome = got.args[0]
    return outcome


def _open_scan_page(qtbot: QtBot, window: MainWindow) -> ScanOutcome:
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=15_000) as got:
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    outcome: ScanOutcome = got.args[0]
    return outcome


def test_a_voucher_held_up_to_the_camera_is_marked_once_with_a_green_signal(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database,
    data_builder: type[DataBuilder], chime: RecordingChime, clip: Path,
) -> None:  # fmt: skip
    voucher_id = _voucher(db, data_builder)
    window = make_window([file_choice(clip)])
    outcome = _open_scan_page(qtbot, window)
    page = window.scan
    assert window.tabs.currentWidget() is page
    assert page.preview.frames_shown > 0 and page.preview.frame is not None  # the live picture arrived
    assert (outcome.result, outcome.source, outcome.code) == (ScanResult.MARKED, ScanSource.CAMERA, CODE)
    assert outcome.customer is not None and outcome.customer.id == 1
    # No platform is linked here: the mark is kept on the desk, and the card never claims the platform's "yes".
    assert page.card.headline.text() == "✓ Marked on this desk — not confirmed by the platform yet"
    assert "Free smoothie" in page.card.details.text() and "Unused → Used" in page.card.details.text()
    assert chime.played == [True]
    assert _audits(db) == [("mark_voucher_used", voucher_id)]
    # The outline sits on the code, inside the 1280x720 frame.
    assert page.preview.outline is not None
    assert all(0 <= x <= 1280 and 0 <= y <= 720 for x, y in page.preview.outline)
    # The clip loops with the voucher in view most of the time: it is reported once, not once per loop.
    qtbot.wait(2500)
    assert page.history.count() == 1 and len(_audits(db)) == 1


@pytest.mark.parametrize("status", [VoucherStatus.USED, VoucherStatus.EXPIRED, VoucherStatus.ISSUED])
def test_a_voucher_that_cannot_be_used_is_refused_red_and_nothing_changes(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database,
    data_builder: type[DataBuilder], chime: RecordingChime, clip: Path, status: VoucherStatus,
) -> None:  # fmt: skip
    _voucher(db, data_builder, status)
    window = make_window([file_choice(clip)])
    outcome = _open_scan_page(qtbot, window)
    assert outcome.result is ScanResult.REFUSED
    assert window.scan.card.headline.text() == "✗ Not marked — this voucher cannot be used"
    assert window.scan.card.message.text() == outcome.message and outcome.message
    assert f"Status: {status.label} (unchanged)" in window.scan.card.details.text()
    assert chime.played == [False]
    assert _audits(db) == []


def test_confirm_with_enter_shows_the_voucher_first(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database,
    data_builder: type[DataBuilder], settings: QSettings, clip: Path, chime: RecordingChime,
) -> None:  # fmt: skip
    settings.setValue("scan/confirm_first", True)
    voucher_id = _voucher(db, data_builder)
    window = make_window([file_choice(clip)])
    ready = _open_scan_page(qtbot, window)
    assert ready.result is ScanResult.READY and window.scan.card.confirm.isVisible()
    assert _audits(db) == [] and chime.played == []
    assert window.scan.field.hasFocus()
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=5000) as got:
        qtbot.keyClick(window.scan.field, Qt.Key.Key_Return)
    assert got.args[0].result is ScanResult.MARKED
    assert _audits(db) == [("mark_voucher_used", voucher_id)] and chime.played == [True]


def _scanner_keys(widget: QWidget, text: str, gap_ms: int = 4) -> None:
    """A USB scanner's key presses and Enter as the window system delivers them: each stamped with the moment it
    was made, `gap_ms` apart, however long the window takes to handle the one before (on a loaded machine)."""
    stamp = int(time.monotonic() * 1000)
    for char in [*text, "\r"]:
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
        shift = Qt.KeyboardModifier.ShiftModifier if char.isupper() else Qt.KeyboardModifier.NoModifier
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, shift, char)
            event.setTimestamp(stamp)
            QApplication.sendEvent(widget, event)
        stamp += gap_ms


def _type_like_a_person(widget: object, text: str) -> None:
    for char in text:
        QTest.keyClick(widget, char, Qt.KeyboardModifier.NoModifier, 90)  # type: ignore[call-overload]


def test_no_camera_says_so_and_typed_codes_still_work(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database,
    data_builder: type[DataBuilder],
) -> None:  # fmt: skip
    voucher_id = _voucher(db, data_builder)
    window = make_window([])
    window.show_scan()
    qtbot.waitUntil(lambda: "No camera was found" in window.scan.camera_message.text(), timeout=5000)
    assert "typed codes still work" in window.scan.camera_message.text()
    assert window.scan.preview.placeholder == "No camera. The USB scanner and typed codes still work."
    assert not window.scan.start_button.isEnabled()
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=10_000) as got:
        _type_like_a_person(window.scan.field, CODE)
        QTest.keyClick(window.scan.field, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 90)
    outcome: ScanOutcome = got.args[0]
    assert (outcome.result, outcome.source) == (ScanResult.MARKED, ScanSource.TYPED)
    assert _audits(db) == [("mark_voucher_used", voucher_id)]


def test_an_unknown_code_is_not_found_and_offers_a_search(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow]
) -> None:
    window = make_window([])
    window.show_scan()
    window.scan.handle_code("59999999", ScanSource.TYPED)
    outcome = _next_outcome(qtbot, window)
    assert outcome.result is ScanResult.NOT_FOUND
    assert window.scan.card.headline.text() == "✗ Not found on this desk"
    assert window.scan.card.search.isVisible()
    with qtbot.waitSignal(window.search.results_shown, timeout=5000):
        qtbot.mouseClick(window.scan.card.search, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.splitter and window.search.field.text() == "59999999"


def test_a_usb_scanner_burst_is_a_scan_wherever_the_focus_is(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database,
    data_builder: type[DataBuilder], chime: RecordingChime,
) -> None:  # fmt: skip
    voucher_id = _voucher(db, data_builder)
    window = make_window([])
    window.show_search()
    assert window.search.field.hasFocus()
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=10_000) as got:
        _scanner_keys(window.search.field, f"]C0{CODE}")  # a scanner types in a burst, with an AIM prefix
    outcome: ScanOutcome = got.args[0]
    assert (outcome.result, outcome.source, outcome.code) == (ScanResult.MARKED, ScanSource.SCANNER, CODE)
    assert window.tabs.currentWidget() is window.scan
    assert window.search.field.text() == ""  # nothing of the burst was typed into the search field
    assert _audits(db) == [("mark_voucher_used", voucher_id)] and chime.played == [True]
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=10_000) as got:
        _scanner_keys(window.scan.field, "#*!?%&")  # garbage from a misconfigured scanner
    assert got.args[0].result is ScanResult.UNREADABLE and chime.played == [True, False]
    assert window.scan.history.count() == 2


def _unplugging_camera(clip: Path, opened: list[int]) -> SourceChoice:
    """Camera 0 through the real CameraSource, on a real capture of a clip: when the clip ends the capture
    stops delivering frames, exactly as an unplugged webcam does."""

    def opener(index: int) -> cv2.VideoCapture:
        opened.append(index)
        return cv2.VideoCapture(str(clip))

    return camera_choice(0, opener=opener)


def test_an_unplugged_camera_says_so_and_starts_again_without_a_restart(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], clip: Path
) -> None:
    opened: list[int] = []
    window = make_window([_unplugging_camera(clip, opened)])
    window.show_scan()
    page = window.scan
    qtbot.waitUntil(lambda: "stopped sending pictures" in page.camera_message.text(), timeout=15_000)
    assert "USB scanner and typed codes still work" in page.camera_message.text()
    assert page.start_button.text() == "Start camera again" and opened == [0]
    shown = page.preview.frames_shown
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opened == [0, 0], timeout=5000)
    qtbot.waitUntil(lambda: "stopped sending pictures" in page.camera_message.text(), timeout=15_000)
    assert page.preview.frames_shown > shown  # pictures came again after the restart


def test_a_camera_that_will_not_start_is_explained(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], tmp_path: Path
) -> None:
    window = make_window([camera_choice(3, opener=lambda _index: cv2.VideoCapture(str(tmp_path / "none.avi")))])
    window.show_scan()
    qtbot.waitUntil(lambda: "Camera 3 could not be started" in window.scan.camera_message.text(), timeout=10_000)
    assert window.scan.preview.frame is None


def test_leaving_the_page_gives_the_camera_back(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], clip: Path
) -> None:
    window = make_window([file_choice(clip)])
    window.show_scan()
    qtbot.waitUntil(lambda: window.scan.feed.running and window.scan.preview.frames_shown > 0, timeout=10_000)
    with qtbot.waitSignal(window.scan.feed.stopped, timeout=5000):
        window.show_search()
    assert not window.scan.feed.running


def test_a_mark_on_the_scan_page_shows_as_waiting_in_the_customer_list(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database,
    data_builder: type[DataBuilder],
) -> None:  # fmt: skip
    _voucher(db, data_builder)
    window = make_window([])
    owner = type_query(qtbot, window, "M0000001").customers[0]  # customer 1's member number
    assert owner.id == 1 and not owner.has_pending_change
    window.show_scan()
    with qtbot.waitSignal(window.scan.customer_changed, timeout=5000):
        window.scan.handle_code(CODE, ScanSource.TYPED)
    row = window.search.model.customer(0)
    assert row is not None and row.id == 1 and row.has_pending_change


def test_a_member_card_is_named_and_opens_its_customer(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database, chime: RecordingChime
) -> None:
    window = make_window([])
    window.show_search()
    with qtbot.waitSignal(window.scan.outcome_shown, timeout=10_000) as got:
        _scanner_keys(window.search.field, "M0000001")  # a member card under the USB scanner
    outcome: ScanOutcome = got.args[0]
    assert outcome.result is ScanResult.MEMBER and outcome.customer is not None and outcome.customer.id == 1
    card = window.scan.card
    name = outcome.customer.name
    assert card.headline.text() == f"Member card: {name}"  # not "Not found on this desk"
    assert card.message.text() == f"M0000001 is the member number of {name}, not a voucher. Nothing was marked."
    assert card.customer.isVisible() and not card.search.isVisible() and not card.confirm.isVisible()
    assert card.colour() == outcome_colour(outcome) != tone(False)  # the blue of "over to you", not red
    assert chime.played == []  # neither the "done" nor the "refused" tone
    assert window.scan.history.item(0).text().endswith(f"member card — {name} · M0000001")
    with qtbot.waitSignal(window.customer.loaded, timeout=5000) as loaded:
        qtbot.mouseClick(card.customer, Qt.MouseButton.LeftButton)
    assert loaded.args[0].summary.id == 1 and window.tabs.currentWidget() is window.splitter
    assert _audits(db) == []


def test_a_voucher_still_in_view_is_not_reported_again_after_a_page_switch(
    qtbot: QtBot, make_window: Callable[[list[SourceChoice]], MainWindow], db: Database,
    data_builder: type[DataBuilder], clip: Path,
) -> None:  # fmt: skip
    """Marked, then a look at the Customers page and back: the camera restarts with the used voucher still in
    front of it. It remembers having reported it, so the green card stays (it was replaced by a red "already
    used" one a second later)."""
    voucher_id = _voucher(db, data_builder)
    window = make_window([file_choice(clip)])
    assert _open_scan_page(qtbot, window).result is ScanResult.MARKED
    with qtbot.waitSignal(window.scan.feed.stopped, timeout=5000):
        window.show_search()
    later: list[ScanOutcome] = []
    window.scan.outcome_shown.connect(lambda outcome, _at: later.append(outcome))
    window.show_scan()
    # The looping clip shows the voucher in 14 of every 20 frames: 60 frames looked at is three loops of it.
    qtbot.waitUntil(lambda: window.scan.feed.running and window.scan.feed.frames_decoded >= 60, timeout=30_000)
    assert window._context.tasks.wait_idle(5000)
    qtbot.wait(100)  # the answer of any scan still on its way is delivered to the page
    assert later == []
    assert window.scan.card.outcome is not None and window.scan.card.outcome.result is ScanResult.MARKED
    assert window.scan.history.count() == 1 and _audits(db) == [("mark_voucher_used", voucher_id)]
