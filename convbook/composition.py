"""Where a law of convolution survives truncation: composing ``"same"`` layers.

Two ``"same"`` convolutions, ``same(same(f, g), h)``, equal one ``"same"`` convolution
with the combined kernel, ``same(f, g * h)``, except near the ends of the signal, as
long as at least one kernel has an odd number of taps. :func:`same_band` says how
near (chapter 4 proves it).
"""
from __future__ import annotations

import numpy as np


def same_band(k_g: int, k_h: int) -> tuple[int, int] | None:
    """How many indices at the start and at the end of ``same(same(f, g), h)`` may
    differ from ``same(f, g * h)``, for kernels of ``k_g`` and ``k_h`` taps.

    ``None`` when both kernels are even: then the two sides are one sample apart
    everywhere, not only near the ends.

    Examples
    --------
    >>> same_band(3, 5), same_band(3, 2), same_band(2, 3), same_band(2, 2)
    ((2, 2), (1, 0), (0, 1), None)
    """
    for name, k in (("k_g", k_g), ("k_h", k_h)):
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
            raise ValueError(f"same_band: {name} must be an int >= 1, but got {name}={k!r}")
    if k_g % 2 == 0 and k_h % 2 == 0:
        return None
    r_h = (k_h - 1) // 2
    start = (k_h - 1 - r_h) if k_g >= 3 else 0
    end = r_h if k_g >= 2 else 0
    return int(start), int(end)


__all__ = ["same_band"]
