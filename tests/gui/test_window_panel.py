"""The side panel's profile fields and the result list's waiting-to-sync mark, over a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select, update

from frontdesk.domain.clock import SystemClock
from frontdesk.domain.vouchers import VoucherStatus
from frontdesk.services.actions import StaffActions
from frontdesk.storage.database import Database
from frontdesk.storage.models import Connection, Customer, Voucher
from ui.main_window import MainWindow
from ui.results_model import ResultsModel

from .helpers import EMPLOYEE, open_customer, type_query

PENDING_AMBER = QColor("#b7791f")  # the stroke of ui/resources/pending.svg


def test_the_panel_shows_birthday_points_and_home_location(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    with db.unit_of_work() as session:
        session.execute(update(Customer).where(Customer.id == 3).values(birthday=date(1990, 5, 17)))
        session.execute(
            update(Connection).where(Connection.customer_id == 3).values(point_balance=12345, home_location="Harbour")
        )
    open_customer(qtbot, window, 3)
    fields = window.customer.fields
    assert fields["Birthday"].text() == "17 May 1990"
    assert fields["Points"].text() == "12,345"
    assert fields["Home location"].text() == "Harbour"


def test_a_customer_not_in_the_program_shows_dashes_and_no_pencil(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    with db.unit_of_work() as session:
        session.execute(update(Customer).where(Customer.id == 4).values(birthday=None))
        session.execute(delete(Connection).where(Connection.customer_id == 4))
    open_customer(qtbot, window, 4)
    panel = window.customer
    assert (panel.fields["Birthday"].text(), panel.fields["Points"].text()) == ("—", "0")
    assert panel.fields["Home location"].text() == "—" and panel.fields["Membership"].text() == "—"
    assert panel.status_badge.text() == "Not in the program"
    assert not panel.pencil.isEnabled()
    assert "Not in the loyalty program" in panel.pencil.toolTip()


def _amber_pixels(image: QImage, area: QRect) -> int:
    """Pixels close to the pending clock's amber (it is drawn antialiased, so not all exactly #b7791f)."""
    found = 0
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            c = image.pixelColor(x, y)
            if abs(c.red() - 0xB7) + abs(c.green() - 0x79) + abs(c.blue() - 0x1F) < 60:
                found += 1
    return found


@pytest.mark.parametrize("left_the_program", [True, False], ids=["not in the program", "active"])
def test_the_result_list_marks_a_change_waiting_to_sync_whatever_the_status(
    qtbot: QtBot, window: MainWindow, db: Database, left_the_program: bool
) -> None:
    with db.unit_of_work() as session:
        customer = session.get(Customer, 7)
        assert customer is not None
        member = customer.member_number
        session.execute(update(Connection).where(Connection.customer_id == 7).values(status="ACTIVE"))
        voucher_id = session.scalars(
            select(Voucher.id).where(Voucher.customer_id == 7, Voucher.status == VoucherStatus.UNUSED.value)
        ).one()
    StaffActions(db, EMPLOYEE, SystemClock()).mark_used(voucher_id=voucher_id)  # waits in the outbox
    if left_the_program:  # then a sync brought news: the customer left the program
        with db.unit_of_work() as session:
            session.execute(delete(Connection).where(Connection.customer_id == 7))
    result = type_query(qtbot, window, member)
    (row,) = result.customers
    assert row.has_pending_change and (row.status is None) == left_the_program
    model: ResultsModel = window.search.model
    assert "waiting to sync" in model.data(model.index(0), Qt.ItemDataRole.AccessibleTextRole)  # screen readers hear it
    view = window.search.list
    area = view.visualRect(model.index(0))
    waiting = view.viewport().grab().toImage()
    model.replace_customer(replace(row, has_pending_change=False))
    settled = view.viewport().grab().toImage()
    assert _amber_pixels(waiting, area) > 20
    assert _amber_pixels(settled, area) == 0
