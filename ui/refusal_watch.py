"""After each sync: actions the platform refused that the desk had shown as done are corrected everywhere —
the scan card and this session's scans turn red, the customer panel says so, the refused tone plays, and a
banner names customer and voucher until someone acknowledges it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from frontdesk.domain.errors import FrontDeskError
from frontdesk.services.dto import RefusalNotice
from frontdesk.services.platform_link import SyncSummary
from ui.context import DeskContext
from ui.customer_panel import CustomerPanel
from ui.refusal_banner import RefusalBanner
from ui.scan_page import ScanPage
from ui.sound import Chime
from ui.words import say


class RefusalWatch(QObject):
    arrived = Signal(object)  # tuple[RefusalNotice, ...], once every place has been corrected
    acknowledged = Signal()

    def __init__(self, context: DeskContext, scan: ScanPage, customer: CustomerPanel, chime: Chime,
                 banner: RefusalBanner) -> None:  # fmt: skip
        super().__init__(banner)
        self._context, self._scan, self._customer, self._chime = context, scan, customer, chime
        self.banner = banner
        banner.acknowledge_requested.connect(self._acknowledge)

    def sync_finished(self, summary: SyncSummary) -> None:
        if summary.refused_keys:
            desk, keys = self._context.desk, summary.refused_keys
            self._context.tasks.submit(lambda: desk.refusal_notices(keys), self.show, self._failed)

    def show(self, notices: tuple[RefusalNotice, ...]) -> None:
        if not notices:
            return  # acknowledged meanwhile (or seen at once on the card): nothing left to correct
        self._scan.show_refusals(notices)
        shown = self._customer.detail
        for notice in notices:
            if shown is not None and shown.summary.id == notice.customer_id:
                self._customer.say(f"✗ {say(notice.headline)}. {say(notice.reason)}", ok=False)
        self.banner.add(notices)
        self._chime.play(False)
        self.arrived.emit(notices)

    def recheck(self) -> None:
        """A conflict was acknowledged elsewhere: keep only what is still open."""
        desk, keys = self._context.desk, tuple(self.banner.notices)
        if keys:
            self._context.tasks.submit(lambda: desk.refusal_notices(keys),
                                       lambda still: self.banner.keep_only({n.outbox_key for n in still}),
                                       self._failed)  # fmt: skip

    def _acknowledge(self, conflict_ids: tuple[int, ...]) -> None:
        desk, staff = self._context.desk, self._context.staff

        def work() -> None:
            for conflict_id in conflict_ids:
                desk.acknowledge(conflict_id, staff)

        self._context.tasks.submit(work, lambda _: self._acknowledged(), self._failed)

    def _acknowledged(self) -> None:
        self.recheck()  # keeps a refusal that arrived while the acknowledgement was being saved
        self.acknowledged.emit()

    def _failed(self, error: FrontDeskError) -> None:
        self._customer.say(say(error.message), ok=False)
