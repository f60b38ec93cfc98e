"""Small named kernels the chapters use, and a parser for kernels typed by a reader.

>>> from convbook.kernels import blur_filter, gaussian_kernel, parse_kernel
>>> (blur_filter(3) * 16).tolist()
[[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]
>>> round(float(gaussian_kernel(5, 1.0).sum()), 12)
1.0
>>> parse_kernel("0 1 0; 1 -4 1; 0 1 0")[1]
array([ 1., -4.,  1.])
"""
from __future__ import annotations

import numbers

import numpy as np

from ._validate import check_int

__all__ = ["BLUR_FILTERS", "blur_filter", "gaussian_kernel", "parse_kernel"]

#: Zhang's (2019) blur filters: binomial rows (normalised to sum 1 by :func:`blur_filter`).
BLUR_FILTERS = {1: (1.0,), 2: (1.0, 1.0), 3: (1.0, 2.0, 1.0), 5: (1.0, 4.0, 6.0, 4.0, 1.0)}


def blur_filter(taps: int) -> np.ndarray:
    """The 2-D binomial blur of Zhang (2019): the outer product of a binomial row.

    >>> blur_filter(2).tolist()
    [[0.25, 0.25], [0.25, 0.25]]
    """
    if isinstance(taps, bool) or taps not in BLUR_FILTERS:
        raise ValueError(f"blur_filter: taps must be one of {sorted(BLUR_FILTERS)}, but got "
                         f"taps={taps!r}")
    row = np.array(BLUR_FILTERS[taps])
    row = row / row.sum()
    return np.outer(row, row)


def gaussian_kernel(size: int, sigma: float) -> np.ndarray:
    """A normalised 2-D Gaussian kernel, ``size x size`` (odd), of width ``sigma``.

    >>> gaussian_kernel(3, 1.0).round(3)
    array([[0.075, 0.124, 0.075],
           [0.124, 0.204, 0.124],
           [0.075, 0.124, 0.075]])
    """
    size = check_int(size, "gaussian_kernel", "size", minimum=1)
    if size % 2 == 0:
        raise ValueError(f"gaussian_kernel: size must be odd, but got size={size}")
    if (isinstance(sigma, bool) or not isinstance(sigma, numbers.Real)
            or not np.isfinite(sigma) or sigma <= 0):
        raise ValueError(f"gaussian_kernel: sigma must be a positive number, but got "
                         f"sigma={sigma!r}")
    t = np.arange(size) - (size - 1) / 2
    g = np.exp(-t ** 2 / (2 * float(sigma) ** 2))
    g /= g.sum()
    return np.outer(g, g)


def _number(tok: str) -> float:
    try:
        if "/" in tok:
            a, b = tok.split("/")
            return float(a) / float(b)
        return float(tok)
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"parse_kernel: {tok!r} is not a number") from None


def parse_kernel(text: str, shape: tuple[int, int] = (3, 3)) -> np.ndarray:
    """A kernel typed as rows separated by ``;`` or new lines, e.g.
    ``"1 0 -1; 2 0 -2; 1 0 -1"``. Entries may be separated by spaces or commas and
    may be fractions such as ``1/9``.

    >>> parse_kernel("1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9").sum().round(12)
    np.float64(1.0)
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_kernel: text must be a string, but got {type(text).__name__}")
    rows = [r for r in text.replace("\n", ";").split(";") if r.strip()]
    values = [[_number(tok) for tok in r.replace(",", " ").split()] for r in rows]
    if len(values) != shape[0] or any(len(r) != shape[1] for r in values):
        raise ValueError(f"parse_kernel: need {shape[0]} rows of {shape[1]} numbers, but got "
                         f"rows of lengths {[len(r) for r in values]}")
    return np.array(values, dtype=float)
