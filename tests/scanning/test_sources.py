"""Sources: real OpenCV captures on generated clips and pictures; cameras without a camera on this machine."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from frontdesk.scanning import (
    CameraInfo,
    CameraSource,
    CameraUnavailable,
    ImageSource,
    SourceUnavailable,
    VideoFileSource,
    file_source,
    list_cameras,
)
from frontdesk.scanning.camera import Capture, open_capture
from frontdesk.scanning.sources import Pacer

from . import synth
from .conftest import CLIP_FRAMES
from .helpers import WatchedCapture


def read_all(source: VideoFileSource | ImageSource, limit: int = 1000) -> list[np.ndarray]:
    frames = []
    while len(frames) < limit and (frame := source.read()) is not None:
        frames.append(frame)
    return frames


def test_video_file_gives_every_frame_then_ends_and_can_be_reopened(code128_clip: Path) -> None:
    source = VideoFileSource(code128_clip)
    source.open()
    frames = read_all(source)
    assert len(frames) == CLIP_FRAMES
    assert frames[0].shape == (720, 1280, 3) and frames[0].dtype == np.uint8
    assert source.read() is None and source.fps == pytest.approx(15.0)
    source.release()
    source.release()  # twice is harmless
    source.open()  # reopening starts from the beginning again
    assert len(read_all(source)) == CLIP_FRAMES
    source.release()
    assert source.description == "video code128.avi"


def test_looping_video_never_ends(qr_clip: Path) -> None:
    source = VideoFileSource(qr_clip, loop=True)
    source.open()
    assert len(read_all(source, limit=CLIP_FRAMES * 2 + 5)) == CLIP_FRAMES * 2 + 5
    source.release()


def test_paced_video_still_delivers_every_frame(empty_clip: Path) -> None:
    source = VideoFileSource(empty_clip, pace=True)
    source.open()
    assert len(read_all(source)) == 10
    source.release()


def test_pacer_waits_for_each_frame_slot_and_resyncs_after_a_stall() -> None:
    now = [100.0]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(round(seconds, 3))
        now[0] += seconds

    pacer = Pacer(10.0, sleep=sleep, monotonic=lambda: now[0])
    pacer.wait()  # first frame: no wait
    now[0] += 0.03  # reading and decoding took 30 ms
    pacer.wait()
    now[0] += 5.0  # a long stall (the machine was busy): do not race to catch up
    pacer.wait()
    now[0] += 0.01
    pacer.wait()
    assert sleeps == [0.07, 0.09]
    Pacer(None, sleep=sleep).wait()  # no rate: never waits
    assert len(sleeps) == 2


def test_missing_and_unreadable_videos_are_refused_in_plain_words(tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailable, match="was not found"):
        VideoFileSource(tmp_path / "nope.avi").open()
    junk = tmp_path / "junk.avi"
    junk.write_bytes(b"not a video at all" * 100)
    with pytest.raises(SourceUnavailable, match="could not be read as a video"):
        VideoFileSource(junk).open()
    with pytest.raises(SourceUnavailable, match="not open"):
        VideoFileSource(junk).read()


def test_folder_of_pictures_in_name_order_and_looping(tmp_path: Path) -> None:
    synth.write_image(tmp_path / "b.png", "qr", "clean", 1)
    synth.write_image(tmp_path / "a.jpg", "code128", "clean", 2)
    (tmp_path / "notes.txt").write_text("not a picture, ignored")
    source = ImageSource(tmp_path)
    source.open()
    first, second = read_all(source)
    assert np.array_equal(second, cv2.imread(str(tmp_path / "b.png")))
    assert first.shape == (720, 1280, 3)
    looping = ImageSource(tmp_path, loop=True)
    looping.open()
    assert len(read_all(looping, limit=5)) == 5
    assert source.description == f"pictures in {tmp_path.name}"


def test_single_picture_and_bad_pictures(tmp_path: Path) -> None:
    picture = synth.write_image(tmp_path / "één voucher.png", "qr")  # non-ASCII name on purpose
    source = ImageSource(picture)
    source.open()
    assert len(read_all(source)) == 1
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG garbage")
    bad = ImageSource(broken)
    bad.open()
    with pytest.raises(SourceUnavailable, match="could not be read as a picture"):
        bad.read()
    with pytest.raises(SourceUnavailable, match="was not found"):
        ImageSource(tmp_path / "missing.png").open()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceUnavailable, match="no pictures"):
        ImageSource(empty).open()


def test_file_source_picks_the_reader(tmp_path: Path, qr_clip: Path) -> None:
    assert isinstance(file_source(tmp_path), ImageSource)
    assert isinstance(file_source(tmp_path / "x.JPG"), ImageSource)
    assert isinstance(file_source(qr_clip, pace=True, loop=True), VideoFileSource)


def test_camera_reports_the_resolution_it_really_delivers(qr_clip: Path) -> None:
    """A clip stands in for the webcam: the same cv2.VideoCapture calls, a 640x480 "camera"."""
    captures: list[WatchedCapture] = []

    def opener(index: int) -> Capture:
        captures.append(WatchedCapture(str(qr_clip)))
        return captures[-1]

    camera = CameraSource(2, resolution=(1920, 1080), opener=opener)
    assert camera.description == "Camera 2 (1920x1080)"  # what was asked, before opening
    camera.open()
    props = captures[0].props
    assert (props[cv2.CAP_PROP_FRAME_WIDTH], props[cv2.CAP_PROP_FRAME_HEIGHT]) == (1920, 1080)
    assert camera.read().shape == (480, 640, 3)
    assert camera.actual_resolution == (640, 480) and camera.description == "Camera 2 (640x480)"
    camera.release()
    assert captures[0].released


def test_unplugged_camera_raises_camera_unavailable_and_reopens(empty_clip: Path) -> None:
    """The clip ends after 10 frames: to the camera source that is a webcam that stopped delivering."""
    camera = CameraSource(0, opener=lambda index: WatchedCapture(str(empty_clip)))
    camera.open()
    for _ in range(10):
        camera.read()
    with pytest.raises(CameraUnavailable, match="stopped sending pictures") as raised:
        camera.read()
    assert raised.value.code == "camera_unavailable"
    camera.release()
    camera.open()  # plugged back in
    assert camera.read().shape == (480, 640, 3)
    camera.release()


def test_a_camera_that_cannot_be_opened_says_what_to_check(tmp_path: Path) -> None:
    busy = CameraSource(1, opener=lambda index: WatchedCapture(str(tmp_path / "no-such-device.avi")))
    with pytest.raises(CameraUnavailable, match=r"Camera 1 could not be started.*no other program"):
        busy.open()
    with pytest.raises(CameraUnavailable, match="not started"):
        busy.read()


def test_real_opencv_with_no_device_at_that_number() -> None:
    with pytest.raises(CameraUnavailable):
        CameraSource(63).open()  # nothing at /dev/video63 (or camera 63 on any OS)


def test_minus_one_is_never_passed_to_opencv() -> None:
    with pytest.raises(ValueError, match="start at 0"):
        CameraSource(-1)
    with pytest.raises(ValueError, match="start at 0"):
        open_capture(-1)


def test_list_cameras_probes_zero_to_n_only(qr_clip: Path, tmp_path: Path) -> None:
    asked: list[int] = []

    def opener(index: int) -> Capture:
        asked.append(index)
        return WatchedCapture(str(qr_clip if index == 1 else tmp_path / "absent.avi"))

    assert list_cameras(max_index=3, opener=opener) == [CameraInfo(1, 640, 480)]
    assert asked == [0, 1, 2, 3]
    assert CameraInfo(1, 640, 480).description == "Camera 1 (640x480)"


def test_list_cameras_with_real_opencv_does_not_crash() -> None:
    """This machine has no /dev/video*: the real probe must simply find nothing (or real cameras elsewhere)."""
    found = list_cameras(max_index=2)
    assert all(0 <= camera.index <= 2 for camera in found)
