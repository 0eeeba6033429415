"""The picture sources a scan station can offer: the cameras that answer, and a video file standing in for one.

Probing cameras opens devices, so call `available_sources` off the GUI thread. Each choice makes a fresh
source, which the pipeline then opens, reads and releases on its own thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from frontdesk.domain.words import QT_TRANSLATE_NOOP
from frontdesk.scanning.camera import DEFAULT_RESOLUTION, CameraSource, CaptureOpener, list_cameras, open_capture
from frontdesk.scanning.sources import FrameSource, file_source


@dataclass(frozen=True)
class SourceChoice:
    key: str  # stable across runs, for the saved setting: "camera:0", "file:/path/clip.avi"
    description: str  # what staff see in the camera list
    make: Callable[[], FrameSource]


_SILENT = QT_TRANSLATE_NOOP("Camera", "Camera {number} (not answering)")


def camera_choice(index: int, *, resolution: tuple[int, int] = DEFAULT_RESOLUTION,
                  opener: CaptureOpener = open_capture, description: str | None = None) -> SourceChoice:  # fmt: skip
    return SourceChoice(
        f"camera:{index}",
        description or QT_TRANSLATE_NOOP("Camera", "Camera {number}").fill(number=str(index)),
        lambda: CameraSource(index, resolution=resolution, opener=opener),
    )


def file_choice(path: Path) -> SourceChoice:
    """A video, picture or folder played like a live camera: paced to its frame rate and looping."""
    path = Path(path)
    description = QT_TRANSLATE_NOOP("Camera", "Video file {name}").fill(name=path.name)
    return SourceChoice(f"file:{path}", description, lambda: file_source(path, pace=True, loop=True))


def available_sources(video: Path | None = None, *, camera: int | None = None, max_index: int = 4,
                      resolution: tuple[int, int] = DEFAULT_RESOLUTION,
                      opener: CaptureOpener = open_capture) -> list[SourceChoice]:  # fmt: skip
    """The video file (if one was given), then every camera that opens, then `camera` if asked for but silent.

    A camera asked for by number stays on the list even when it does not answer now, so staff can plug it in
    and press "Start camera" without restarting.
    """
    choices = [file_choice(video)] if video is not None else []
    found = list_cameras(max_index, opener=opener)
    for info in found:
        choices.append(camera_choice(info.index, resolution=resolution, opener=opener))
    if camera is not None and camera not in {info.index for info in found}:
        choices.append(camera_choice(camera, resolution=resolution, opener=opener,
                                     description=_SILENT.fill(number=str(camera))))  # fmt: skip
    return choices
