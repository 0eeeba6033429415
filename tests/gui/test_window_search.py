"""The search panel over a real database: stale answers from an earlier keystroke, and the `/` shortcut."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from frontdesk.domain.clock import SystemClock
from frontdesk.services.dto import SearchResult
from frontdesk.services.search import search_customers
from frontdesk.storage.database import Database
from ui.context import DeskContext
from ui.main_window import MainWindow
from ui.search_panel import SearchPanel
from ui.tasks import TaskRunner

from .helpers import EMPLOYEE, type_text


def _shown(panel: SearchPanel) -> list[int]:
    return [c.id for row in range(panel.model.rowCount()) if (c := panel.model.customer(row)) is not None]


class SlowFirstSearch:
    """The real search service, except that the search for `slow` waits until the test lets it finish
    (as a cold disk cache or a sync holding the disk can make one keystroke's search late)."""

    def __init__(self, slow: str) -> None:
        self.slow = slow
        self.release = threading.Event()
        self.finished: list[str] = []

    def __call__(self, db: Database, typed: str) -> SearchResult:
        if typed == self.slow:
            assert self.release.wait(10), "the test never let the slow search finish"
        result = search_customers(db, typed)
        self.finished.append(typed)
        return result


@pytest.fixture
def slow_j() -> Iterator[SlowFirstSearch]:
    search = SlowFirstSearch("j")
    yield search
    search.release.set()  # never leave a worker thread waiting


def test_an_older_keystrokes_late_search_never_overwrites_the_newer_list(
    qtbot: QtBot, db: Database, slow_j: SlowFirstSearch
) -> None:
    tasks = TaskRunner()
    panel = SearchPanel(DeskContext(db, EMPLOYEE, SystemClock(), tasks), search=slow_j)
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
