"""The main window only assembles panels, shortcuts and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from ui.context import DeskContext
from ui.customer_panel import CustomerPanel
from ui.look import icon
from ui.search_panel import SearchPanel


class MainWindow(QMainWindow):
    def __init__(self, context: DeskContext, settings: QSettings) -> None:
        super().__init__()
        self._context = context
        self._settings = settings
        staff = context.staff
        self.setWindowTitle(f"Front Desk — {staff.desk} — {staff.name} ({staff.role.label})")
        self.setWindowIcon(icon("app"))
        self.search = SearchPanel(context, self)
        self.customer = CustomerPanel(context, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.search)
        self.splitter.addWidget(self.customer)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        if context.is_demo:
            layout.addWidget(self._demo_banner())
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.sync_state = QLabel("Sync: not connected to a platform", self)
        self.sync_state.setAccessibleName("Sync state")
        self.statusBar().addPermanentWidget(self.sync_state)
        staff_label = QLabel(f"{staff.name} · {staff.role.label} · {staff.desk}", self)
        staff_label.setAccessibleName("Signed-in staff")
        self.statusBar().addWidget(staff_label)
        self.search.customer_opened.connect(self.customer.open_customer)
        self.customer.customer_changed.connect(self.search.customer_changed)
        for keys in (QKeySequence.StandardKey.Find, QKeySequence("/")):
            QShortcut(keys, self, self.search.focus_search)
        self._restore()
        self.search.field.setFocus()

    def _demo_banner(self) -> QLabel:
        banner = QLabel("Demo data — these customers are generated for trying Front Desk out; they are not real.")
        banner.setStyleSheet("QLabel { background: #fefcbf; color: #744210; padding: 6px; font-weight: 600; }")
        banner.setAccessibleName("Demo banner")
        return banner

    def _restore(self) -> None:
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        splitter = self._settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        self._settings.sync()
        self._context.tasks.wait_idle()  # let a save in flight finish before the database closes
        super().closeEvent(event)
