"""Densities of sums of random variables, in closed form (chapter 2).

The density of a sum of independent variables is the convolution of their densities;
:func:`irwin_hall` is the n-fold convolution of the unit box, exactly.

>>> from convbook.densities import irwin_hall
>>> float(irwin_hall(2, 0.0)), float(irwin_hall(2, 0.5))
(1.0, 0.5)
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["irwin_hall"]


def irwin_hall(n: int, x: Any) -> np.ndarray:
    """Density of the sum of ``n`` independent uniforms on ``[-1/2, 1/2]`` (the n-fold
    convolution ``box(1) * ... * box(1)``), from the Irwin-Hall formula
    ``sum_k (-1)^k C(n, k) (u - k)_+^(n-1) / (n-1)!`` with ``u = x + n/2``.

    Exact for small ``n``; the alternating sum loses digits beyond ``n`` of about 20.

    >>> irwin_hall(3, [-2.0, 0.0]).tolist()
    [0.0, 0.75]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= 20:
        raise ValueError(f"irwin_hall: n must be an int in 1..20, but got n={n!r}")
    try:
        u = np.asarray(x, dtype=float) + n / 2
    except (TypeError, ValueError):
        raise TypeError(f"irwin_hall: x must be a number or an array of numbers, but got "
                        f"{type(x).__name__}") from None
    if n == 1:
        return np.where((u >= 0) & (u <= 1), 1.0, 0.0)
    total = np.zeros_like(u)
    for k in range(n + 1):
        total += (-1) ** k * math.comb(n, k) * np.clip(u - k, 0.0, None) ** (n - 1)
    return np.clip(total / math.factorial(n - 1), 0.0, None)
