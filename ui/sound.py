"""The scan signal's sound: a chime for "done", a double buzz for "nothing changed".

The tones (ui/resources/scan-*.wav, made by tools/make_sounds.py) play through QtMultimedia when it is installed
(`pip install -e .[sound]`; on Linux it also needs PulseAudio's libpulse0). Without it the system beep stands
in: once for done, twice for refused, so the two still sound different.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any, Protocol

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtWidgets import QApplication

from ui.look import RESOURCES

log = logging.getLogger(__name__)


class Chime(Protocol):
    def play(self, ok: bool) -> None: ...


def _sound_effect_class() -> Any:
    try:  # optional: the pyside6-addons wheel, imported by name so type checks pass without it
        multimedia = importlib.import_module("PySide6.QtMultimedia")
    except ImportError as missing:  # not installed, or its audio library is absent
        log.info("no QtMultimedia (%s): scan signals use the system beep", missing)
        return None
    return multimedia.QSoundEffect


class SystemChime(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effects: dict[bool, Any] = {}
        effect_class = _sound_effect_class()
        if effect_class is not None:
            for ok, name in ((True, "scan-done"), (False, "scan-refused")):
                effect = effect_class(self)
                effect.setSource(QUrl.fromLocalFile(str(RESOURCES / f"{name}.wav")))
                self._effects[ok] = effect

    @property
    def uses_tones(self) -> bool:
        return bool(self._effects)

    def play(self, ok: bool) -> None:
        effect = self._effects.get(ok)
        if effect is not None:
            effect.play()
            return
        QApplication.beep()
        if not ok:
            QTimer.singleShot(180, QApplication.beep)
