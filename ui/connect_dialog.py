"""Connect to a platform: URL, business, location, desk name and staff sign-in (password grant).

The token goes to the keychain; the settings file keeps only names and addresses. Sign-in runs on a
worker thread like every other network call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from frontdesk.app import forget_sign_in, sign_in_and_remember
from frontdesk.domain.errors import FrontDeskError
from frontdesk.domain.staff import StaffMember
from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.services.desk_settings import DeskSettings, save_settings
from frontdesk.services.desk_state import same_platform
from frontdesk.services.platform_link import PlatformLink
from ui.context import DeskContext
from ui.look import BAD, described
from ui.sync_controller import SyncController
from ui.words import say

log = logging.getLogger(__name__)
DEMO_TEXT = QT_TRANSLATE_NOOP(
    "ConnectDialog", "Demo — the customers here are generated demo data from a local demo hub, not real people."
)
DEMO_NAME = QT_TRANSLATE_NOOP("ConnectDialog", "Demo banner")
DEMO_STYLE = "QLabel { background: #fefcbf; color: #744210; padding: 6px; font-weight: 600; }"
REOPEN_STYLE = "QLabel { background: #bee3f8; color: #2a4365; padding: 6px; font-weight: 600; }"


def banner(text: str, name: str, style: str, parent: QWidget) -> QLabel:
    label = QLabel(say(text), parent)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setAccessibleName(say(name))
    return label


def reopen_text(url: str, staff_name: str, from_demo: bool) -> str:
    if from_demo:
        text = QT_TRANSLATE_NOOP("ConnectDialog", "Signed in to {url} as {staff}. Close and reopen Front Desk to work "
                                 "with its customers. Until then this window keeps working on the demo data and sends "
                                 "nothing to {url}.")  # fmt: skip
    else:
        text = QT_TRANSLATE_NOOP("ConnectDialog", "Signed in to {url} as {staff}. Close and reopen Front Desk to work "
                                 "with its customers. Until then this window keeps working on this platform's "
                                 "customers and sends nothing to {url}.")  # fmt: skip
    return say(text.fill(url=url, staff=staff_name))


@dataclass(frozen=True)
class SignedIn:
    link: PlatformLink
    staff: StaffMember
    settings: DeskSettings


class ConnectDialog(QDialog):
    signed_in = Signal(object)  # SignedIn
    signed_out = Signal()

    def __init__(self, context: DeskContext, settings: DeskSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._settings = settings
        self.setWindowTitle(self.tr("Connect to the loyalty platform"))
        self.url = QLineEdit(settings.platform_url, self)
        described(self.url, self.tr("Platform address"),
                  self.tr("e.g. https://loyalty.example.com or your hub's address"))  # fmt: skip
        self.business = QSpinBox(self)
        self.business.setRange(1, 10**9)
        self.business.setValue(settings.business_id)
        described(self.business, self.tr("Business number"), self.tr("Your business's number on the platform"))
        self.location = QLineEdit(settings.location, self)
        described(self.location, self.tr("Location"),
                  self.tr("Where this desk is; recorded on every voucher marked here"))  # fmt: skip
        self.desk = QLineEdit(settings.desk_name, self)
        described(self.desk, self.tr("Desk name"), self.tr("Shown to other desks when a conflict involves this one"))
        self.staff = QLineEdit(settings.staff_name, self)
        described(self.staff, self.tr("Staff name"), self.tr("Your sign-in name on the platform"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        described(self.password, self.tr("Password"),
                  self.tr("Your platform password; it is not stored, only the sign-in token"))  # fmt: skip
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.sign_in = QPushButton(self.tr("Sign in"), self)
        described(self.sign_in, self.tr("Sign in"), self.tr("Sign in and start syncing this desk"))
        self.sign_out = QPushButton(self.tr("Sign out"), self)
        described(self.sign_out, self.tr("Sign out"),
                  self.tr("Remove the sign-in from this computer; changes stay saved here"))  # fmt: skip
        self.sign_out.setEnabled(settings.signed_in)
        form = QFormLayout(self)
        for label, widget in ((self.tr("Platform"), self.url), (self.tr("Business"), self.business),
                              (self.tr("Location"), self.location), (self.tr("Desk"), self.desk),
                              (self.tr("Staff"), self.staff), (self.tr("Password"), self.password)):  # fmt: skip
            form.addRow(label, widget)
        form.addRow(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_out)
        buttons.addWidget(self.sign_in)
        form.addRow(buttons)
        self.sign_in.clicked.connect(self._sign_in)
        self.sign_out.clicked.connect(self._sign_out)

    def _sign_in(self) -> None:
        url, name, password = self.url.text().strip(), self.staff.text().strip(), self.password.text()
        if not (url and name and password):
            self.say(self.tr("Please fill in the platform address, your staff name and your password."))
            return
        settings = self._settings.with_changes(platform_url=url, business_id=self.business.value(),
                                               location=self.location.text().strip(),
                                               desk_name=self.desk.text().strip() or "Front desk")  # fmt: skip
        self.sign_in.setEnabled(False)
        self.say(self.tr("Signing in…"), ok=True)

        def work() -> SignedIn:
            link = PlatformLink(url)
            grant = sign_in_and_remember(link, name, password)
            done = settings.with_changes(staff_name=grant.staff.name, staff_role=grant.staff.role.value)
            return SignedIn(link, link.staff_for(grant, done.desk_name, done.location), done)

        self._context.tasks.submit(work, self._signed_in, self._failed)

    def _signed_in(self, result: SignedIn) -> None:
        log.info("signed in to %s as %s (%s)", result.link.url, result.staff.name, result.staff.role.value)
        self._settings = result.settings
        self.password.clear()
        self.sign_in.setEnabled(True)
        self.sign_out.setEnabled(True)
        self.say(
            self.tr("Signed in as {staff} ({role}).").format(
                staff=result.staff.name, role=say(result.staff.role.label)
            ),
            ok=True,
        )
        self.signed_in.emit(result)

    def _sign_out(self) -> None:
        url, name = self._settings.platform_url, self._settings.staff_name
        self._context.tasks.submit(lambda: forget_sign_in(url, name), self._signed_out, self._failed)

    def _signed_out(self, _: None) -> None:
        log.info("signed out of %s", self._settings.platform_url)
        self._settings = self._settings.with_changes(staff_name="")
        self.sign_out.setEnabled(False)
        self.say(self.tr("Signed out. Changes made here stay saved and are sent after the next sign-in."), ok=True)
        self.signed_out.emit()

    def _failed(self, error: FrontDeskError) -> None:
        self.sign_in.setEnabled(True)
        self.say(error.message)

    def say(self, text: str, *, ok: bool = False) -> None:
        self.message.setStyleSheet("" if ok else f"color: {BAD};")
        self.message.setText(say(text))


class DeskConnection(QObject):
    """What signing in and out does to this window. Signed in to the window's own platform: the new staff member
    works here at once. Signed in to another platform (or from the demo): this database and its waiting changes
    belong elsewhere, so the window keeps them and says to reopen Front Desk, which then opens that platform's
    own database. Signed out: the token is forgotten, the platform kept, so the next start reopens its database."""

    staff_changed = Signal()

    def __init__(self, context: DeskContext, sync: SyncController, settings: DeskSettings, settings_path: Path | None,
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self._context = context
        self._sync = sync
        self.settings = settings
        self._settings_path = settings_path
        self._parent = parent
        self.dialog: ConnectDialog | None = None
        self.reopen_banner = banner("", QT_TRANSLATE_NOOP("ConnectDialog", "Reopen to switch platform"), REOPEN_STYLE,
                                    parent)  # fmt: skip
        self.reopen_banner.hide()

    def show_dialog(self) -> ConnectDialog:
        self.dialog = ConnectDialog(self._context, self.settings, self._parent)
        self.dialog.signed_in.connect(self._signed_in)
        self.dialog.signed_out.connect(self._signed_out)
        self.dialog.show()
        return self.dialog

    def _own_platform(self, url: str) -> bool:
        own = self._context.platform_url
        return not self._context.is_demo and (not own or same_platform(own, url))

    def _signed_in(self, result: SignedIn) -> None:
        self._store(result.settings.with_changes(language=self.settings.language))  # chosen meanwhile: kept
        if not self._own_platform(result.link.url):
            self.reopen_banner.setText(reopen_text(result.link.url, result.staff.name, self._context.is_demo))
            self.reopen_banner.show()
            if self.dialog is not None:
                self.dialog.say(self.reopen_banner.text(), ok=True)
            return
        self.reopen_banner.hide()
        self._context.platform_url = result.link.url
        self._context.staff = result.staff
        self._sync.set_link(result.link)
        self.staff_changed.emit()

    def _signed_out(self) -> None:
        self._store(self.settings.with_changes(staff_name=""))
        if not self._context.platform_url or not self._own_platform(self.settings.platform_url):
            return  # signed out of the platform this window was to switch to: its own link is untouched
        self._context.staff = self.settings.staff()
        self._sync.sign_out()
        self.staff_changed.emit()

    def store(self, settings: DeskSettings) -> None:
        """Save the desk's settings (the language chosen in Desk → Language…, say) where this window keeps them."""
        self._store(settings)

    def _store(self, settings: DeskSettings) -> None:
        self.settings = settings
        if self._settings_path is not None:
            save_settings(self._settings_path, settings)
