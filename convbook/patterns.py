"""Test images generated on the fly: a zone plate for aliasing (chapter 5) and the
inputs of the pooling chapter's shift explorer (chapter 7).

>>> from convbook.patterns import explorer_pattern, zone_plate
>>> zone_plate(8).shape, explorer_pattern("stripes", 8)[0].tolist()
((8, 8), [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
"""
from __future__ import annotations

import numpy as np

from ._validate import check_choice, check_int

__all__ = ["PATTERNS", "zone_plate", "explorer_pattern"]

PATTERNS = ("noise", "blob", "stripes")


def zone_plate(n: int = 128) -> np.ndarray:
    """``0.5 + 0.5 cos(pi r^2 / n)`` on ``n x n`` pixels: local frequency ``r / n``
    cycles per pixel, reaching the Nyquist limit 0.5 at the edge midpoints.

    >>> float(zone_plate(4).max()) <= 1.0
    True
    """
    n = check_int(n, "zone_plate", "n", minimum=1)
    y, x = np.mgrid[0:n, 0:n] - (n - 1) / 2
    return 0.5 + 0.5 * np.cos(np.pi * (x ** 2 + y ** 2) / n)


def explorer_pattern(name: str = "noise", size: int = 24) -> np.ndarray:
    """``"noise"`` (uniform, seeded), ``"blob"`` (a bright square on a dark ground) or
    ``"stripes"`` (period 4, Zhang's example), ``size x size`` in [0, 1].

    >>> explorer_pattern("blob", 9)[3, 3]
    np.float64(1.0)
    """
    check_choice(name, PATTERNS, "explorer_pattern", "name")
    size = check_int(size, "explorer_pattern", "size", minimum=8)
    if name == "noise":
        return np.random.default_rng(0).random((size, size))
    if name == "blob":
        z = np.full((size, size), 0.1)
        c = size // 3
        z[c:c + 5, c:c + 5] = 1.0
        z[c + 1:c + 4, c + 1:c + 4] = 0.55
        z[c + 2, c + 2] = 0.8
        return z
    row = ((np.arange(size) // 2) % 2).astype(float)
    return np.tile(row, (size, 1))
