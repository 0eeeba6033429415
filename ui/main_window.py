"""The main window only assembles panels, menus, shortcuts and the status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.desk_settings import DeskSettings
from frontdesk.services.dto import ScanSource
from frontdesk.services.staff_pins import StaffPins
from ui.about_dialog import AboutDialog
from ui.activity_view import ActivityView
from ui.conflicts_view import ConflictsView
from ui.connect_dialog import DEMO_NAME, DEMO_STYLE, DEMO_TEXT, ConnectDialog, DeskConnection, banner
from ui.context import DeskContext
from ui.customer_panel import CustomerPanel
from ui.desk_lock import DeskLock
from ui.keyboard import install_keyboard
from ui.language import LanguageDialog
from ui.look import icon, symbol
from ui.menus import build_menus
from ui.refusal_banner import RefusalBanner
from ui.refusal_watch import RefusalWatch
from ui.report_dialog import ReportDialog
from ui.scan_page import ScanPage, SourceCatalog
from ui.search_panel import SearchPanel
from ui.shortcuts_dialog import ShortcutsDialog
from ui.sound import Chime
from ui.support import log_file_in_use
from ui.sync_controller import SyncController
from ui.sync_status import SyncStatus
from ui.wedge_filter import WedgeFilter
from ui.words import say


class MainWindow(QMainWindow):
    def __init__(self, context: DeskContext, settings: QSettings, sync: SyncController, catalog: SourceCatalog,
                 chime: Chime, desk_settings: DeskSettings | None = None,
                 settings_path: Path | None = None) -> None:  # fmt: skip
        super().__init__()
        self._context = context
        self._settings = settings
        self._settings_path = settings_path
        self.about: AboutDialog | None = None
        self.shortcuts: ShortcutsDialog | None = None
        self.notice_box: QMessageBox | None = None
        self.sync = sync
        self.setWindowIcon(icon("app"))
        self.search = SearchPanel(context, self)
        self.customer = CustomerPanel(context, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.search)
        self.splitter.addWidget(self.customer)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.scan = ScanPage(context, settings, catalog, chime, parent=self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.splitter, symbol("search"), self.tr("Customers"))
        self.tabs.addTab(self.scan, symbol("scan"), self.tr("Mark Perks as Used"))
        self.tabs.setTabToolTip(0, self.tr("Find a customer, see and change their program status and vouchers"))
        self.tabs.setTabToolTip(1, self.tr("Scan vouchers with the camera or a USB scanner, or type a code"))
        self.tabs.setAccessibleName(self.tr("Pages"))
        central = QWidget(self)
        layout = QVBoxLayout(central)
        if context.is_demo:
            layout.addWidget(banner(DEMO_TEXT, DEMO_NAME, DEMO_STYLE, self))
        self.connection = DeskConnection(context, sync, desk_settings or DeskSettings(), settings_path, self)
        self.connection.staff_changed.connect(self._staff_changed)
        layout.addWidget(self.connection.reopen_banner)
        self.refusals = RefusalWatch(context, self.scan, self.customer, chime, RefusalBanner(self))
        layout.addWidget(self.refusals.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.sync_status = SyncStatus(context.clock, self)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.staff_label = QLabel(self)
        self.staff_label.setAccessibleName(self.tr("Signed-in staff"))
        self.statusBar().addWidget(self.staff_label)
        self.conflicts = ConflictsView(context, self)
        self.activity = ActivityView(context, self)
        self.report = ReportDialog(context, self)
        build_menus(self)
        self.search.customer_opened.connect(self.customer.open_customer)
        self.search.voucher_opened.connect(self.customer.show_voucher)
        for changed in (self.customer.customer_changed, self.scan.customer_changed):
            changed.connect(self.search.customer_changed)
            changed.connect(lambda _: sync.staff_acted())
        self.scan.open_customer.connect(self.show_customer)
        self.scan.search_requested.connect(self.search_for)
        self.wedge = WedgeFilter(self)
        self.wedge.scanned.connect(self.scanner_scanned)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.wedge)
        self.conflicts.changed.connect(sync.staff_acted)
        self.conflicts.changed.connect(self.refusals.recheck)
        self.conflicts.changed.connect(self.activity.refresh)
        self.refusals.banner.conflicts_requested.connect(self.show_conflicts)
        self.refusals.acknowledged.connect(self.refresh_after_sync)
        sync.synced.connect(self.refusals.sync_finished)
        sync.view_changed.connect(self.sync_status.show_view)
        sync.progress.connect(self.sync_status.show_progress)  # emitted on the sync's thread: queued to this one
        sync.synced.connect(lambda _: self.refresh_after_sync())
        self.sync_status.sync_clicked.connect(sync.sync_now)
        self.sync_status.conflicts_clicked.connect(self.show_conflicts)
        self.focus_ring = install_keyboard(self)  # shortcuts, Tab order, Enter and Esc between search and profile
        self._show_staff()
        self._restore()
        self.search.field.setFocus()
        # Last, over everything above: a desk where staff have PINs starts locked (Ctrl+L locks it again).
        self.lock = DeskLock(
            self,
            context,
            StaffPins.of(context.desk),
            self._staff_changed,
            auto_lock_minutes=(desk_settings or DeskSettings()).auto_lock_minutes,
        )

    def _show_staff(self) -> None:
        staff = self._context.staff
        name, role = say(staff.name), say(staff.role.label)
        self.setWindowTitle(f"Front Desk — {staff.desk} — {name} ({role})")
        self.staff_label.setText(f"{name} · {role} · {staff.desk}")

    def _staff_changed(self) -> None:
        self._show_staff()
        self.refresh_after_sync()  # role-dependent buttons follow the new staff member

    def show_search(self) -> None:
        self.tabs.setCurrentWidget(self.splitter)
        self.search.focus_search()

    def show_scan(self) -> None:
        self.tabs.setCurrentWidget(self.scan)
        self.scan.field.setFocus()

    def show_customer(self, customer_id: int) -> None:
        self.tabs.setCurrentWidget(self.splitter)
        self.customer.open_customer(customer_id)

    def search_for(self, text: str) -> None:
        self.show_search()
        self.search.field.setText(text)

    def scanner_scanned(self, burst: str) -> None:
        """A USB scanner read a code, wherever the focus was: it is handled on the scan page like a camera scan."""
        self.show_scan()
        self.scan.handle_code(burst, ScanSource.SCANNER)

    def refresh_after_sync(self) -> None:
        """Pulled data and settled changes show at once: re-run the search and reload the open customer."""
        self.search.refresh()
        if self.customer.detail is not None:
            self.customer.open_customer(self.customer.detail.summary.id)
        if self.conflicts.isVisible():
            self.conflicts.reload()
        self.activity.refresh()  # outcomes change with a sync: a refusal must show there too
        self.report.refresh()

    def show_conflicts(self) -> None:
        self.conflicts.reload()
        self.conflicts.show()
        self.conflicts.raise_()

    def show_activity(self) -> None:
        self.activity.reload()
        self.activity.show()

    def show_report(self) -> None:
        if not self.report.isVisible():
            self.report.show_today()
        self.report.show()
        self.report.raise_()

    def show_language(self) -> LanguageDialog:
        """Desk → Language…: saved in the desk's settings at once, shown from the next start."""
        connection = self.connection
        dialog = LanguageDialog(
            connection.settings.language,
            lambda key: connection.store(connection.settings.with_changes(language=key)),
            self,
        )
        dialog.show()
        return dialog

    def show_about(self) -> AboutDialog:
        self.about = AboutDialog(self._context.desk.database_path, self._settings_path, log_file_in_use(), self)
        self.about.show()
        return self.about

    def show_shortcuts(self) -> ShortcutsDialog:
        if self.shortcuts is None:
            self.shortcuts = ShortcutsDialog(self.menuBar(), self)
        self.shortcuts.fill()
        self.shortcuts.show()
        self.shortcuts.raise_()
        self.shortcuts.activateWindow()
        return self.shortcuts

    def show_connect(self) -> ConnectDialog:
        return self.connection.show_dialog()

    def _restore(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = self._settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closing_notice(self) -> str | None:
        return self.sync.closing_notice()

    def closeEvent(self, event: QCloseEvent) -> None:
        notice = self.closing_notice()
        if notice is not None and self.notice_box is None:
            # Say it without blocking the event loop: close for real once staff press OK.
            self.notice_box = QMessageBox(QMessageBox.Icon.Information, self.tr("Changes waiting"), notice,
                                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
            self.notice_box.finished.connect(self.close)
            self.notice_box.open()
            event.ignore()
            return
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.sync()
        self.sync.shutdown()
        app = QApplication.instance()
        if app is not None:  # a closed window no longer listens for scanner bursts typed anywhere in the app
            app.removeEventFilter(self.wedge)
        self.scan.feed.wait_stopped()  # release the webcam before the process ends
        self._context.tasks.wait_idle()  # let a save in flight finish before the database closes
        super().closeEvent(event)
