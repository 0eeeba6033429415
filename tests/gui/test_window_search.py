"""The search panel over a real database: stale answers from an earlier keystroke, the `/` shortcut, e-mail
fragments, member numbers on every row, the count in words, and a voucher code opening its owner with the
voucher highlighted."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterator

import pytest
from conftest import DataBuilder
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from frontdesk.domain.clock import SystemClock
from frontdesk.services.desk import DeskServices
from frontdesk.services.dto import CustomerSummary, SearchResult
from frontdesk.services.search import search_customers
from frontdesk.storage.database import Database
from ui.context import DeskContext
from ui.main_window import MainWindow
from ui.search_panel import SearchPanel
from ui.tasks import TaskRunner

from .helpers import EMPLOYEE, open_customer, type_query, type_text


def _shown(panel: SearchPanel) -> list[int]:
    return [c.id for row in range(panel.model.rowCount()) if (c := panel.model.customer(row)) is not None]


class SlowFirstSearch:
    """The real search service, except that the search for `slow` waits until the test lets it finish
    (as a cold disk cache or a sync holding the disk can make one keystroke's search late)."""

    def __init__(self, db: Database, slow: str) -> None:
        self.db, self.slow = db, slow
        self.release = threading.Event()
        self.finished: list[str] = []

    def __call__(self, typed: str) -> SearchResult:
        if typed == self.slow:
            assert self.release.wait(10), "the test never let the slow search finish"
        result = search_customers(self.db, typed)
        self.finished.append(typed)
        return result


@pytest.fixture
def slow_j(db: Database) -> Iterator[SlowFirstSearch]:
    search = SlowFirstSearch(db, "j")
    yield search
    search.release.set()  # never leave a worker thread waiting


def test_an_older_keystrokes_late_search_never_overwrites_the_newer_list(
    qtbot: QtBot, db: Database, slow_j: SlowFirstSearch
) -> None:
    tasks = TaskRunner()
    panel = SearchPanel(DeskContext(DeskServices(db, SystemClock()), EMPLOYEE, tasks), search=slow_j)
    qtbot.addWidget(panel)
    panel.show()
    delivered: list[str] = []
    panel.results_shown.connect(lambda result: delivered.append(result.query))
    with qtbot.waitSignal(panel.results_shown, timeout=5000, check_params_cb=lambda r: r.query == "jo"):
        type_text(qtbot, panel.field, "jo")  # "j" is searched first, then "jo"
    newer = _shown(panel)
    hint = panel.hint.text()
    assert slow_j.finished == ["jo"]  # the "j" search is still running
    assert newer == [c.id for c in search_customers(db, "jo").customers]
    assert set(newer) != {c.id for c in search_customers(db, "j").customers}  # its answer would change the list

    slow_j.release.set()
    qtbot.waitUntil(lambda: slow_j.finished == ["jo", "j"], timeout=5000)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5000)  # the late answer has reached the GUI thread
    assert delivered == ["jo"]
    assert _shown(panel) == newer
    assert panel.hint.text() == hint
    assert tasks.wait_idle(5000)


def test_slash_returns_to_the_search_field_from_the_results(qtbot: QtBot, window: MainWindow) -> None:
    type_text(qtbot, window.search.field, "jo")
    window.search.list.setFocus()
    assert not window.search.field.hasFocus()
    qtbot.keyClick(window.search.list, "/")
    qtbot.waitUntil(window.search.field.hasFocus, timeout=2000)
    assert window.search.field.text() == "jo"  # the query stays, selected, to be typed over
    assert window.search.field.selectedText() == "jo"


def test_slash_returns_to_the_search_field_from_the_scan_page(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.scan)
    window.scan.history.setFocus()
    qtbot.waitUntil(window.scan.history.hasFocus, timeout=2000)
    qtbot.keyClick(window.scan.history, "/")
    qtbot.waitUntil(window.search.field.hasFocus, timeout=2000)
    assert window.tabs.currentWidget() is window.splitter


def _sql(db: Database, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with sqlite3.connect(db.path) as connection:
        rows = connection.execute(statement, params).fetchall()
    connection.close()
    return rows


def test_a_fragment_from_the_middle_of_an_address_finds_the_customer(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    (email,) = _sql(db, "SELECT email FROM customers WHERE id = 123")[0]
    fragment = str(email).split("@")[0][3:]  # "derson123" of "lena.anderson123@…": no word of it starts there
    result = type_query(qtbot, window, fragment)
    assert 123 in [c.id for c in result.customers]
    assert 123 in _shown(window.search)


def test_every_row_shows_the_member_number(qtbot: QtBot, window: MainWindow) -> None:
    type_query(qtbot, window, "j")
    model = window.search.model
    for row in range(model.rowCount()):
        customer = model.customer(row)
        assert customer is not None and customer.member_number
        assert f"member {customer.member_number}" in model.data(model.index(row), Qt.ItemDataRole.AccessibleTextRole)


def test_the_member_number_is_drawn_in_the_row(qtbot: QtBot, window: MainWindow) -> None:
    (shown,) = type_query(qtbot, window, "M0000042").customers
    without = dataclasses.replace(shown, member_number="")
    drawn = [_row_picture(window.search, summary) for summary in (shown, without)]
    assert drawn[0] != drawn[1]  # the same row without its number looks different: the number is on it


def _row_picture(panel: SearchPanel, summary: CustomerSummary) -> QImage:
    panel.model.set_rows((summary,))
    panel.list.setCurrentIndex(QModelIndex())
    index = panel.model.index(0)
    rect = panel.list.visualRect(index)
    return panel.list.viewport().grab(rect).toImage()


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("M0000042", "1 customer."), ("m", "50+ customers. Keep typing to narrow it down."), ("qzxv", None)],
)
def test_the_count_reads_as_words(qtbot: QtBot, window: MainWindow, typed: str, hint: str | None) -> None:
    result = type_query(qtbot, window, typed)
    if hint is None:
        assert window.search.hint.text() == f"No customer matches “{typed}”."
        return
    assert window.search.hint.text() == hint
    many = type_query(qtbot, window, "smith")
    assert window.search.hint.text() == f"{len(many.customers)} customers." and 1 < len(many.customers) < 50
    assert result.query == typed


def test_a_voucher_code_opens_its_owner_with_the_voucher_highlighted_in_view(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    builder = DataBuilder(db.path)
    for n in range(12):  # newer vouchers above it: the searched one is at the bottom of a long list
        builder.voucher(1, code=f"NEWER-{n:02d}", title=f"Newer reward {n}")
    (code, voucher_id) = _sql(db, "SELECT code, id FROM vouchers WHERE customer_id = 1 ORDER BY id LIMIT 1")[0]
    window.resize(1100, 640)
    with qtbot.waitSignal(window.customer.loaded, timeout=5000):
        result = type_query(qtbot, window, str(code))
    assert result.voucher is not None and result.voucher.voucher_id == voucher_id
    panel = window.customer
    assert panel.detail is not None and panel.detail.summary.id == 1
    card = panel.vouchers.card_for(voucher_id)
    assert card is not None and card.highlighted
    assert [c.voucher.id for c in panel.vouchers.cards if c.highlighted] == [voucher_id]
    assert panel.vouchers.cards[-1] is card  # the oldest, listed last
    viewport = panel.voucher_scroll.viewport()
    qtbot.waitUntil(lambda: viewport.rect().contains(card.rect().translated(card.mapTo(viewport, QPoint(0, 0)))))
    assert panel.voucher_scroll.verticalScrollBar().value() > 0  # it had to be scrolled to
    owner = window.search.model.customer(window.search.list.currentIndex().row())
    assert owner is not None and owner.id == 1
    hint = f"1 customer. Voucher {code} is {owner.name}’s: it is highlighted in their profile."
    assert window.search.hint.text() == hint


def test_a_refresh_does_not_take_staff_back_to_the_voucher(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    """A sync searches again for what is typed: the voucher's owner opened once is not forced open again."""
    (code,) = _sql(db, "SELECT code FROM vouchers WHERE customer_id = 2 ORDER BY id LIMIT 1")[0]
    with qtbot.waitSignal(window.customer.loaded, timeout=5000):
        type_query(qtbot, window, str(code))
    open_customer(qtbot, window, 5)
    with qtbot.waitSignal(window.search.results_shown, timeout=5000):
        window.search.refresh()
    qtbot.wait(200)  # a wrongly opened profile would have loaded by now
    window._context.tasks.wait_idle(5000)
    assert window.customer.detail is not None and window.customer.detail.summary.id == 5
    assert not any(card.highlighted for card in window.customer.vouchers.cards)
    with qtbot.waitSignal(window.customer.loaded, timeout=5000):  # Enter on the owner's row points at it again
        qtbot.keyClick(window.search.field, Qt.Key.Key_Return)
    assert window.customer.detail is not None and window.customer.detail.summary.id == 2
    assert any(card.highlighted for card in window.customer.vouchers.cards)
