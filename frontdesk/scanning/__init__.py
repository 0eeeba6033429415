"""Scanning: camera and file sources, barcode decoders, the threaded frame-to-code pipeline, wedge scanners.

No Qt here: the scan page wraps these in its own threads/signals. Start with `ScanPipeline`,
`CameraSource` / `file_source`, `default_decoder()` (live camera), `PictureDecoder` (still pictures) and
`WedgeDetector`.
"""

from __future__ import annotations

from frontdesk.scanning.camera import CameraInfo, CameraSource, list_cameras
from frontdesk.scanning.debounce import Debouncer
from frontdesk.scanning.decoder import LINEAR_FORMATS, VOUCHER_FORMATS, DecodedCode, Decoder, ZxingDecoder
from frontdesk.scanning.errors import CameraUnavailable, ScanningFailed, SourceUnavailable
from frontdesk.scanning.frames import Frame
from frontdesk.scanning.picture_decoder import PictureDecoder
from frontdesk.scanning.pipeline import ScannedCode, ScanPipeline
from frontdesk.scanning.pyzbar_decoder import PyzbarDecoder, pyzbar_available
from frontdesk.scanning.sources import FrameSource, ImageSource, VideoFileSource, file_source
from frontdesk.scanning.voucher_decoder import VoucherDecoder, default_decoder
from frontdesk.scanning.wedge import ENTER, WedgeDetector, WedgeOutcome

__all__ = [
    "ENTER",
    "LINEAR_FORMATS",
    "VOUCHER_FORMATS",
    "CameraInfo",
    "CameraSource",
    "CameraUnavailable",
    "Debouncer",
    "DecodedCode",
    "Decoder",
    "Frame",
    "FrameSource",
    "ImageSource",
    "PictureDecoder",
    "PyzbarDecoder",
    "ScanPipeline",
    "ScannedCode",
    "ScanningFailed",
    "SourceUnavailable",
    "VideoFileSource",
    "VoucherDecoder",
    "WedgeDetector",
    "WedgeOutcome",
    "ZxingDecoder",
    "default_decoder",
    "file_source",
    "list_cameras",
    "pyzbar_available",
]
