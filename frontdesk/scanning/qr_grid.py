"""Where each module of a rectified QR code is, and whether it is dark.

A symbol warped to a square by its four corners has its modules on a regular grid only when it was flat and
its corners were found exactly. Printed on cloth, on a bent page or with a corner off by a module's fraction,
the grid drifts by up to half a module across the symbol, and sampling the regular grid's centres misreads
whole rows. `refined_offsets` moves the grid piece by piece onto the picture's module edges: in each block of
modules the shift (up to ~half a module) whose grid lines lie on the strongest gradients, coarse blocks
first, then smaller ones from there. Shifts are interpolated between blocks, so the grid bends smoothly.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from frontdesk.scanning.frames import Frame

Offsets = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]  # (dx, dy) in pixels, one per module
# Block sizes in modules with the search reach in eighths of a module: one size of blocks for codes that are
# bent gently, coarse-then-fine for codes bent more (cloth). On the dev set's T-shirt codes each schedule
# read codes the others did not.
REFINEMENTS: tuple[tuple[tuple[int, int], ...], ...] = (((5, 3),), ((9, 4), (5, 2), (3, 1)), ((7, 4), (3, 2)))


class Square:
    """A symbol warped to a square: `modules` modules of `cell` pixels each, after `margin` pixels of border."""

    def __init__(self, picture: Frame, margin: float, modules: int) -> None:
        self.picture, self.modules, self.margin = picture, modules, margin
        self.cell = (picture.shape[0] - 2 * margin) / modules
        self._integral = cv2.integral(picture)
        self._edges: tuple[Frame, Frame] | None = None

    def dark(self, offsets: Offsets | None = None) -> npt.NDArray[np.bool_]:
        """Dark modules: the mean of the middle half of each module, cut by Otsu's threshold."""
        centres = self.margin + (np.arange(self.modules) + 0.5) * self.cell
        ys, xs = np.meshgrid(centres, centres, indexing="ij")
        if offsets is not None:
            xs, ys = xs + offsets[0], ys + offsets[1]
        half = max(1, round(self.cell / 4))
        limit = self.picture.shape[0] - 1
        y0 = np.clip(np.round(ys).astype(int) - half, 0, limit)
        x0 = np.clip(np.round(xs).astype(int) - half, 0, limit)
        y1, x1 = np.clip(y0 + 2 * half, 1, limit + 1), np.clip(x0 + 2 * half, 1, limit + 1)
        ii = self._integral
        sums = ii[y1, x1] - ii[y0, x1] - ii[y1, x0] + ii[y0, x0]
        means = (sums / np.maximum(1, (y1 - y0) * (x1 - x0))).astype(np.uint8)
        threshold, _ = cv2.threshold(means, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
        # THRESH_BINARY makes pixels above the threshold light: dark is "at most". A clean black-and-white
        # picture has its threshold at 0 itself, so "below" would find no dark module at all.
        return np.asarray(means <= threshold)

    def refined_offsets(self, levels: tuple[tuple[int, int], ...]) -> Offsets:
        """The grid's shift per module after each (block modules, reach in eighths of a module) level."""
        n = self.modules
        dx, dy = np.zeros((n, n), np.float32), np.zeros((n, n), np.float32)
        gx, gy = self._gradients()
        for block, eighths in levels:
            reach = max(1, round(self.cell * eighths / 8))
            dx = self._fit(gx, dx, dy, block, reach)
            dy = self._fit(gy.T, dy.T, dx.T, block, reach).T
        return dx, dy

    def _gradients(self) -> tuple[Frame, Frame]:
        if self._edges is None:
            pixels = self.picture.astype(np.float32)
            self._edges = (
                np.abs(cv2.Sobel(pixels, cv2.CV_32F, 1, 0, ksize=3)),
                np.abs(cv2.Sobel(pixels, cv2.CV_32F, 0, 1, ksize=3)),
            )
        return self._edges

    def _fit(self, grad: Frame, along: Frame, across: Frame, block: int, reach: int) -> npt.NDArray[np.float32]:
        """Shifts along x (pass transposed arrays for y): per block, the one putting grid lines on edges."""
        n, cell, margin = self.modules, self.cell, self.margin
        starts = np.arange(0, n, block)  # first module of each block, across and along
        middles = np.minimum(starts + block // 2, n - 1)
        owner = np.minimum(np.arange(n + 1) // block, len(starts) - 1)  # the block each grid line belongs to
        shifts = np.arange(-reach, reach + 1)
        best = np.zeros((len(starts), len(starts)), np.float32)
        for row, (first, middle) in enumerate(zip(starts, middles, strict=True)):
            band = float(across[middle, n // 2])  # the block row's shift across, at its middle
            top = int(np.clip(margin + first * cell + band, 0, grad.shape[0] - 1))
            bottom = int(np.clip(margin + min(n, first + block) * cell + band, top + 1, grad.shape[0]))
            profile = grad[top:bottom].sum(axis=0)
            offsets = along[middle, middles]  # each block's shift so far, at its middle
            lines = np.round(margin + np.arange(n + 1) * cell + offsets[owner]).astype(int)
            at = np.clip(lines[:, None] + shifts[None, :], 0, len(profile) - 1)
            energy = np.add.reduceat(profile[at], np.searchsorted(owner, np.arange(len(starts))), axis=0)
            best[row] = offsets + shifts[np.argmax(energy, axis=1)]
        return np.asarray(cv2.resize(best, (n, n), interpolation=cv2.INTER_LINEAR), np.float32)
