"""The Qt binding itself must not corrupt Python while our widgets paint.

PySide6 6.12.0 returns None from QPainter's void calls (setPen, drawPixmap, save, QIcon.paint…) without a
reference. On Python 3.11, where None is not immortal, every paint then lowers None's reference count until
the process aborts with "none_dealloc: deallocating None" — bench/window.py died that way after a few hundred
keystrokes. pyproject.toml excludes that release; this test catches any release that does it again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QListView, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.domain.program import ProgramStatus
from frontdesk.services.dto import CustomerSummary, ScanOutcome, ScanResult, ScanSource
from ui.look import Badge
from ui.results_model import ResultDelegate, ResultsModel
from ui.scan_card import ScanCard

PAINTS = 300


def _results_list() -> QWidget:
    model = ResultsModel()
    model.set_rows(tuple(CustomerSummary(i, "Ada", f"Lovelace{i}", f"ada{i}@example.com", "555-0100", f"M{i:07d}",
                                         status, has_pending_change=True)
                         for i, status in enumerate([*ProgramStatus, None])))  # fmt: skip
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(ResultDelegate(view))
    view.resize(500, 400)
    view.model_ = model  # type: ignore[attr-defined]  # keep the model alive with the view
    return view


def _scan_card() -> QWidget:
    card = ScanCard()
    card.show_outcome(ScanOutcome(ScanResult.REFUSED, "50012345", ScanSource.CAMERA, "Already used.",
                                  datetime(2026, 11, 1, tzinfo=UTC)))  # fmt: skip
    card.resize(480, 200)
    return card


@pytest.mark.parametrize(
    "make", [_results_list, _scan_card, lambda: Badge("Active", ProgramStatus.ACTIVE)], ids=["results", "card", "badge"]
)
def test_painting_our_widgets_leaves_none_alone(qtbot: QtBot, make: Callable[[], QWidget]) -> None:
    widget = make()
    qtbot.addWidget(widget)
    widget.grab()  # first paint: caches and fonts settle
    before = sys.getrefcount(None)
    for _ in range(PAINTS):
        widget.grab()
    # A binding that drops one reference per void painter call loses thousands here; a sound one, none.
    assert sys.getrefcount(None) - before > -PAINTS // 10
