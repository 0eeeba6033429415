"""Scanning failures in words a receptionist can act on."""

from __future__ import annotations

from frontdesk.domain.errors import FrontDeskError


class SourceUnavailable(FrontDeskError):
    """A picture source (video file, picture, folder) is missing or cannot be read."""

    code = "source_unavailable"


class CameraUnavailable(SourceUnavailable):
    """No camera at that number, the camera is busy in another program, or it was unplugged."""

    code = "camera_unavailable"


class ScanningFailed(FrontDeskError):
    """Something unexpected stopped scanning; the cause is chained and logged for support."""

    code = "scanning_failed"
